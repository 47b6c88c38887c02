package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// CompareResult is one person of a comparison run and the class they fell
// in, with both sides' names and what differs. It names the list row and
// the sanbao student when there is one.
type CompareResult struct{ ent.Schema }

func (CompareResult) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}} }

func (CompareResult) Fields() []ent.Field {
	return []ent.Field{
		field.Int("run_id").Immutable(),
		field.String("division_code").MinLen(12).MaxLen(12).Immutable().Comment("the run's county, for scope"),
		field.Enum("class").NamedValues(
			"Matched", "MATCHED", "NameMismatch", "NAME_MISMATCH", "StatusDiff", "STATUS_DIFF",
			"NotInSchool", "NOT_IN_SCHOOL", "ListOnly", "LIST_ONLY", "SanbaoOnly", "SANBAO_ONLY",
			"PossibleTypo", "POSSIBLE_TYPO").Immutable(),
		// Masked in the API unless the viewer may reveal it.
		field.String("id_number").Immutable().Sensitive().Annotations(entgql.Skip(entgql.SkipAll)),
		field.String("other_id_number").Default("").Immutable().Sensitive().
			Comment("POSSIBLE_TYPO: the ID of the same name and birth date on the other side").
			Annotations(entgql.Skip(entgql.SkipAll)),
		maxChars(field.String("list_name").Default(""), 64).Immutable(),
		maxChars(field.String("sanbao_name").Default(""), 64).Immutable(),
		field.String("village_code").Default("").Immutable(),
		field.Int("list_row_id").Optional().Nillable().Immutable(),
		field.Int("student_id").Optional().Nillable().Immutable(),
		field.Int("school_id").Optional().Nillable().Immutable(),
		maxChars(field.String("detail").Default(""), 500).Immutable().Comment("what differs, in Chinese"),
	}
}

func (CompareResult) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("run", CompareRun.Type).Unique().Required().Immutable().Field("run_id").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (CompareResult) Indexes() []ent.Index {
	return []ent.Index{index.Fields("run_id", "class")}
}

func (CompareResult) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(),
		entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)}
}
