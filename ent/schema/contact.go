package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Contact (联系 / 走访记录) is one monthly contact with a household, and maybe
// one of its students: how, and which of the three tasks were done — learn the
// situation (了解情况), help apply for aid (帮办申请), explain the policies
// (宣传政策). The client's UUID makes a retried send store it once.
type Contact struct{ ent.Schema }

func (Contact) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}} }

func (Contact) Fields() []ent.Field {
	return []ent.Field{
		field.String("uuid").Unique().Immutable().Match(uuidPattern).Comment("client-generated, for idempotent sends").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		field.Int("household_id").Immutable(),
		field.Int("student_id").Optional().Nillable().Immutable(),
		field.Int("person_id").Immutable().Comment("who made the contact"),
		field.Int("recorded_by_id").Immutable().Comment("who logged it: the person, or a supervisor"),
		field.String("date").Match(datePattern).Immutable().Comment("YYYY-MM-DD").
			Annotations(entgql.OrderField("DATE")),
		// The semester (学期) of date, set by the contact hook: aid lists and
		// reports group contacts by it.
		field.String("semester").Default("").Immutable().Comment("学期, from date, e.g. 2026—2027学年第一学期"),
		field.Enum("mode").NamedValues("HomeVisit", "HOME_VISIT", "Phone", "PHONE", "Wechat", "WECHAT", "SchoolMeeting", "SCHOOL_MEETING").
			Immutable().Comment("入户走访 / 电话 / 微信 / 到校面谈"),
		field.Bool("learned_situation").Default(false).Immutable().Comment("了解情况"),
		field.Strings("aid_applied").SchemaType(jsonText).Optional().Immutable().Comment("帮办申请: which aid"),
		field.Strings("policies_explained").SchemaType(jsonText).Optional().Immutable().Comment("宣传政策: which policies"),
		field.Strings("flags").SchemaType(jsonText).Optional().Immutable().Comment("situation seen, e.g. SUSPECTED_DROPOUT"),
		maxChars(field.String("notes").Optional(), 2000).Immutable(),
		field.Time("created_at").Default(time.Now).Immutable().
			Annotations(entgql.OrderField("CREATED_AT")),
	}
}

func (Contact) Edges() []ent.Edge {
	skip := entgql.Skip(entgql.SkipWhereInput)
	return []ent.Edge{
		edge.To("household", Household.Type).Unique().Required().Immutable().Field("household_id").Annotations(skip),
		edge.To("student", Student.Type).Unique().Immutable().Field("student_id").Annotations(skip),
		edge.To("person", Person.Type).Unique().Required().Immutable().Field("person_id").Annotations(skip),
		edge.To("recorded_by", Person.Type).Unique().Required().Immutable().Field("recorded_by_id").Annotations(skip),
	}
}

func (Contact) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("household_id", "date"),
		index.Fields("student_id", "date"),
		index.Fields("person_id", "date"),
		index.Fields("semester", "household_id"),
	}
}

func (Contact) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}
