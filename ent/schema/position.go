package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Position (任职) is one role a person holds at one unit over a period. Ending
// a position (调动, 离职, 免职) keeps it as history: an ended position grants
// nothing (authz.ActivePosition is the one test of "in force").
type Position struct{ ent.Schema }

func (Position) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}, timestamps{}} }

func (Position) Fields() []ent.Field {
	return []ent.Field{
		field.Int("person_id"),
		field.Int("org_id"),
		// 局长, 分管领导, 资助中心专干, 校长, 副校长, 中心校负责人, 班主任, 教师, 督导
		field.Enum("role").NamedValues("Director", "DIRECTOR", "Deputy", "DEPUTY", "AidOfficer", "AID_OFFICER", "Principal", "PRINCIPAL", "VicePrincipal", "VICE_PRINCIPAL", "CentralHead", "CENTRAL_HEAD", "HeadTeacher", "HEAD_TEACHER", "Teacher", "TEACHER", "Inspector", "INSPECTOR"),
		// The class a head teacher (班主任) is in charge of.
		field.Int("grade").Optional().Nillable().Min(1).Max(12),
		maxChars(field.String("class_name").Optional(), 32),
		field.Time("started_at").Default(time.Now).Immutable(),
		field.Time("ended_at").Optional().Nillable(),
		maxChars(field.String("end_reason").Optional(), 100).Comment("调动 / 离职 / 免职 / …"),
	}
}

func (Position) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("person", Person.Type).Unique().Required().Field("person_id").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.To("org", Org.Type).Unique().Required().Field("org_id").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
	}
}

func (Position) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("person_id"),
		index.Fields("org_id", "role"),
		// A role is held once at a unit at a time.
		index.Fields("person_id", "org_id", "role").Unique().Annotations(entsql.IndexWhere("ended_at IS NULL")),
	}
}

func (Position) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}
