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

// CheckRun is one run of one of the checks (四查三比对) over a county: when,
// on which cut-off date, what it found and how many cases it opened.
type CheckRun struct{ ent.Schema }

func (CheckRun) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}} }

func (CheckRun) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").NamedValues("Unenrolled", "UNENROLLED", "Absence", "ABSENCE", "Lifted", "LIFTED").
			Immutable().Comment("户籍比学籍 / 学籍比在校 / 辍学比脱贫户"),
		field.String("division_code").MinLen(12).MaxLen(12).Immutable(),
		field.String("cutoff").Match(datePattern).Immutable().Comment("age cut-off date, YYYY-MM-DD"),
		field.Time("started_at").Default(time.Now).Immutable().Annotations(entgql.OrderField("STARTED_AT")),
		field.Int("found").Default(0).Comment("children found"),
		field.Int("opened").Default(0).Comment("new cases opened"),
		field.Int("run_by_id").Optional().Nillable().Immutable().Comment("nil: the schedule"),
	}
}

func (CheckRun) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("run_by", Person.Type).Unique().Immutable().Field("run_by_id").
			Annotations(entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

func (CheckRun) Indexes() []ent.Index {
	return []ent.Index{index.Fields("division_code", "started_at")}
}

func (CheckRun) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}
