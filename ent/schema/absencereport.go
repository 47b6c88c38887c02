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

// AbsenceReport (缺勤报告) is a school's report that a student has been absent
// since a date. Its escalation steps (AbsenceStep) fall due from the report;
// the student's return closes it. One open report per student; the client's
// UUID stores a retried send once.
type AbsenceReport struct{ ent.Schema }

func (AbsenceReport) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}} }

func (AbsenceReport) Fields() []ent.Field {
	ro := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.String("uuid").Unique().Immutable().Match(uuidPattern).Comment("client-generated, for idempotent sends").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		field.Int("student_id").Immutable(),
		field.String("village_code").MinLen(12).MaxLen(12).Immutable().Annotations(ro),
		field.Int("school_id").Optional().Nillable().Immutable().Annotations(ro),
		field.String("absent_since").Match(datePattern).Immutable().Comment("YYYY-MM-DD").
			Annotations(entgql.OrderField("ABSENT_SINCE")),
		maxChars(field.String("reason").Optional(), 500).Immutable().Comment("原因, if known"),
		field.Int("reported_by_id").Immutable(),
		field.Time("reported_at").Default(time.Now).Immutable().Annotations(entgql.OrderField("REPORTED_AT")),
		field.Enum("status").NamedValues("Open", "OPEN", "Returned", "RETURNED").Default("OPEN"),
		field.String("returned_on").Optional().Nillable().Match(datePattern).Comment("YYYY-MM-DD"),
	}
}

func (AbsenceReport) Edges() []ent.Edge {
	skip := entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Edge{
		edge.To("student", Student.Type).Unique().Required().Immutable().Field("student_id").Annotations(skip),
		edge.To("reported_by", Person.Type).Unique().Required().Immutable().Field("reported_by_id").Annotations(skip),
		edge.From("steps", AbsenceStep.Type).Ref("report").Annotations(skip),
	}
}

func (AbsenceReport) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("student_id").Unique().Annotations(entsql.IndexWhere("status = 'OPEN'")),
		index.Fields("village_code", "status"),
		index.Fields("school_id", "status"),
		index.Fields("status", "absent_since"),
		// What one teacher reported: they read those students (authz).
		index.Fields("reported_by_id"),
	}
}

func (AbsenceReport) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}
