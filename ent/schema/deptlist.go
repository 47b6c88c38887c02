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

// DeptList is one dated version of another department's list (扶贫部门的
// 建档立卡名单, 民政低保/特困, 残联, 学籍系统名册) imported by a county: who
// uploaded it, when, for which period, with how many rows. Its rows are kept
// (DeptListRow) so that later runs can be compared with this one. It belongs
// to the county division it was imported for.
type DeptList struct{ ent.Schema }

func (DeptList) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}} }

func (DeptList) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("department").NamedValues("Poverty", "POVERTY", "Dibao", "DIBAO", "Tekun", "TEKUN",
			"Disabled", "DISABLED", "Enrollment", "ENROLLMENT").Immutable().
			Comment("扶贫 / 民政低保 / 民政特困 / 残联 / 学籍"),
		maxChars(field.String("period").NotEmpty(), 16).Immutable().Comment("e.g. 2026Q4: the quarter the list is for"),
		field.String("division_code").MinLen(12).MaxLen(12).Immutable().Comment("the county"),
		field.Int("uploaded_by_id").Immutable(),
		field.Time("uploaded_at").Default(time.Now).Immutable().Annotations(entgql.OrderField("UPLOADED_AT")),
		maxChars(field.String("file_name").Default(""), 255).Immutable(),
		field.Int("row_count").Default(0).Immutable(),
	}
}

func (DeptList) Edges() []ent.Edge {
	skip := entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Edge{
		edge.To("uploaded_by", Person.Type).Unique().Required().Immutable().Field("uploaded_by_id").Annotations(skip),
		edge.From("rows", DeptListRow.Type).Ref("list").Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (DeptList) Indexes() []ent.Index {
	return []ent.Index{index.Fields("division_code", "uploaded_at")}
}

func (DeptList) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(),
		entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)}
}
