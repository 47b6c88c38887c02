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

// CompareRun is one comparison (比对) of a list version against sanbao's
// records in the county: who ran it, when, and how many people fell in
// each class; its rows are CompareResults, kept so that a quarter's run
// can be set against the last.
type CompareRun struct{ ent.Schema }

func (CompareRun) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}} }

func (CompareRun) Fields() []ent.Field {
	return []ent.Field{
		field.Int("list_id").Immutable(),
		field.String("division_code").MinLen(12).MaxLen(12).Immutable(),
		field.Int("run_by_id").Immutable(),
		field.Time("started_at").Default(time.Now).Immutable().Annotations(entgql.OrderField("STARTED_AT")),
		field.Int("duration_ms").Default(0),
		field.Int("total").Default(0).Comment("people classified"),
		field.JSON("counts", map[string]int{}).Default(map[string]int{}).SchemaType(jsonText).
			Comment("class -> people").Annotations(entgql.Skip(entgql.SkipAll)),
		field.Bool("year_end").Default(false).Immutable().Comment("after the poverty office's database was locked (锁死)"),
	}
}

func (CompareRun) Edges() []ent.Edge {
	skip := entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Edge{
		edge.To("list", DeptList.Type).Unique().Required().Immutable().Field("list_id").Annotations(skip),
		edge.To("run_by", Person.Type).Unique().Required().Immutable().Field("run_by_id").Annotations(skip),
	}
}

func (CompareRun) Indexes() []ent.Index {
	return []ent.Index{index.Fields("division_code", "started_at"), index.Fields("list_id")}
}

func (CompareRun) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(),
		entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)}
}
