package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Assignment is one of the three guarantees (三包): a person responsible for a
// village (包村), a household (包户) or a student (包人) over a period.
// Reassigning ends the old row and starts a new one, so history is kept and
// "who was responsible on 2025-03-01" always has an answer.
type Assignment struct{ ent.Schema }

func (Assignment) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}} }

func (Assignment) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").NamedValues("Village", "VILLAGE", "Household", "HOUSEHOLD", "Student", "STUDENT").
			Immutable().Annotations(entgql.OrderField("KIND")),
		field.Int("person_id").Immutable().Comment("the responsible person (责任人 / 帮扶联系人)"),
		field.Int("assigned_by_id").Optional().Nillable().Immutable(),
		field.Int("village_id").Optional().Nillable().Immutable(),
		field.Int("household_id").Optional().Nillable().Immutable(),
		field.Int("student_id").Optional().Nillable().Immutable(),
		// No default: the assignment hook sets it once the target's row is
		// locked, so that a reassignment never starts before the one it ends.
		field.Time("starts_at").Immutable().
			Annotations(entgql.OrderField("STARTS_AT")),
		field.Time("ends_at").Optional().Nillable().
			Annotations(entgql.OrderField("ENDS_AT")),
		maxChars(field.String("end_reason").Optional(), 100).Comment("调整 / 毕业 / 退出建档立卡 / …"),
	}
}

func (Assignment) Edges() []ent.Edge {
	skip := entgql.Skip(entgql.SkipWhereInput)
	return []ent.Edge{
		edge.To("person", Person.Type).Unique().Required().Immutable().Field("person_id").Annotations(skip),
		edge.To("assigned_by", Person.Type).Unique().Immutable().Field("assigned_by_id").Annotations(skip),
		edge.To("village", Division.Type).Unique().Immutable().Field("village_id").Annotations(skip),
		edge.To("household", Household.Type).Unique().Immutable().Field("household_id").Annotations(skip),
		edge.To("student", Student.Type).Unique().Immutable().Field("student_id").Annotations(skip),
	}
}

func (Assignment) Indexes() []ent.Index {
	active := entsql.IndexWhere("ends_at IS NULL")
	return []ent.Index{
		// At most one active assignment per target.
		index.Fields("village_id").Unique().Annotations(active),
		index.Fields("household_id").Unique().Annotations(active),
		index.Fields("student_id").Unique().Annotations(active),
		index.Fields("person_id", "ends_at"),
		index.Fields("village_id", "starts_at"),
		index.Fields("household_id", "starts_at"),
		index.Fields("student_id", "starts_at"),
	}
}

func (Assignment) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField()}
}
