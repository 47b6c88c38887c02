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

// Problem is one entry of the problem list (问题清单): found at a unit, owned
// by the person who rectifies it, accepted (销号) by whoever raised it.
// 待整改 → 整改中 → 已整改 (with evidence) → 已销号, or returned to 整改中.
type Problem struct{ ent.Schema }

func (Problem) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}} }

func (Problem) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("source").NamedValues("Inspection", "INSPECTION", "Audit", "AUDIT",
			"Supervision", "SUPERVISION", "Manual", "MANUAL").Immutable().Comment("抽查 / 审计 / 督查 / 手工录入"),
		maxChars(field.String("source_doc").Optional(), 200).Immutable().Comment("the source document (文号)"),
		field.Int("inspection_id").Optional().Nillable().Immutable(),
		// The unit's code, copied so the read rule is a plain predicate.
		field.Int("unit_org_id").Immutable(),
		field.String("unit_code").MinLen(12).MaxLen(12).Immutable(),
		field.Int("owner_id").Comment("the person who rectifies"),
		maxChars(field.String("category"), 30).Immutable(),
		maxChars(field.String("description"), 2000).Immutable(),
		field.Time("deadline").Annotations(entgql.OrderField("DEADLINE")),
		field.Enum("state").NamedValues("Pending", "PENDING", "InProgress", "IN_PROGRESS",
			"Rectified", "RECTIFIED", "Closed", "CLOSED").Default("PENDING").Comment("待整改 / 整改中 / 已整改 / 已销号"),
		field.Bool("repeat").Default(false).Immutable().Comment("再犯: the unit had this category rectified before"),
		field.Int("repeat_of_id").Optional().Nillable().Immutable(),
		maxChars(field.String("evidence").Optional(), 2000),
		field.Int("raised_by_id").Immutable(),
		field.Int("raised_org_id").Immutable(),
		field.Time("rectified_at").Optional().Nillable(),
		field.Time("closed_at").Optional().Nillable(),
		field.Time("created_at").Default(time.Now).Immutable().Annotations(entgql.OrderField("CREATED_AT")),
		field.Time("updated_at").Default(time.Now).UpdateDefault(time.Now),
	}
}

func (Problem) Edges() []ent.Edge {
	skip := entgql.Skip(entgql.SkipAll)
	return []ent.Edge{
		edge.To("inspection", Inspection.Type).Unique().Immutable().Field("inspection_id").Annotations(skip),
		edge.To("unit", Org.Type).Unique().Required().Immutable().Field("unit_org_id").Annotations(idOnly),
		edge.To("owner", Person.Type).Unique().Required().Field("owner_id").Annotations(skip),
		// Many repeats may name one rectified problem: the inverse edge makes
		// this many-to-one (alone, ent makes a unique edge one-to-one).
		edge.To("repeat_of", Problem.Type).Unique().Immutable().Field("repeat_of_id").Annotations(skip),
		edge.From("repeats", Problem.Type).Ref("repeat_of").Annotations(skip),
		edge.To("raised_by", Person.Type).Unique().Required().Immutable().Field("raised_by_id").Annotations(skip),
		edge.To("raised_org", Org.Type).Unique().Required().Immutable().Field("raised_org_id").Annotations(idOnly),
	}
}

func (Problem) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("unit_org_id", "category", "state"),
		index.Fields("unit_code", "state"),
		index.Fields("owner_id"),
		index.Fields("raised_by_id"),
	}
}

func (Problem) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// ProblemEvent is one step of a problem's timeline: who moved it, when, why.
// Events are records: never changed or deleted.
type ProblemEvent struct{ ent.Schema }

func (ProblemEvent) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}} }

func (ProblemEvent) Fields() []ent.Field {
	return []ent.Field{
		field.Int("problem_id").Immutable(),
		field.String("from_state").Optional().Immutable(),
		field.String("to_state").Immutable(),
		field.Int("actor_id").Immutable(),
		field.Time("at").Immutable(),
		maxChars(field.String("note").Optional(), 2000).Immutable(),
	}
}

func (ProblemEvent) Edges() []ent.Edge {
	skip := entgql.Skip(entgql.SkipAll)
	return []ent.Edge{
		edge.To("problem", Problem.Type).Unique().Required().Immutable().Field("problem_id").Annotations(skip),
		edge.To("actor", Person.Type).Unique().Required().Immutable().Field("actor_id").Annotations(skip),
	}
}

func (ProblemEvent) Indexes() []ent.Index {
	return []ent.Index{index.Fields("problem_id", "at")}
}

func (ProblemEvent) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)}
}

// ProblemCategory is a category a county adds to the default list.
type ProblemCategory struct{ ent.Schema }

func (ProblemCategory) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}} }

func (ProblemCategory) Fields() []ent.Field {
	return []ent.Field{
		field.String("owner_code").MinLen(12).MaxLen(12).Immutable().Comment("the county"),
		maxChars(field.String("name").NotEmpty(), 30).Immutable(),
		field.Time("created_at").Default(time.Now).Immutable(),
	}
}

func (ProblemCategory) Indexes() []ent.Index {
	return []ent.Index{index.Fields("owner_code", "name").Unique()}
}

func (ProblemCategory) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
