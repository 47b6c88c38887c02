package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// DeptListRow is one person of a department's list, as imported: the ID
// number normalized to 18 characters, the village resolved to its code,
// and the department's own status fields as text. Rows are never changed.
type DeptListRow struct{ ent.Schema }

func (DeptListRow) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}} }

func (DeptListRow) Fields() []ent.Field {
	return []ent.Field{
		field.Int("list_id").Immutable(),
		field.String("division_code").MinLen(12).MaxLen(12).Immutable().Comment("the list's county, for scope"),
		field.Int("line").Immutable().Comment("row in the file"),
		field.String("id_number").MinLen(18).MaxLen(18).Immutable().Sensitive(),
		maxChars(field.String("name"), 64).Immutable(),
		field.String("birth_date").Match(datePattern).Immutable().Comment("from the ID number"),
		field.String("village_code").Default("").Immutable().Comment("empty when the list has no village"),
		maxChars(field.String("household_number").Default(""), 32).Immutable().Comment("户编号"),
		maxChars(field.String("head_name").Default(""), 64).Immutable().Comment("户主姓名"),
		maxChars(field.String("relation").Default(""), 16).Immutable().Comment("与户主关系"),
		maxChars(field.String("status").Default(""), 32).Immutable().Comment("脱贫状态/年度, 低保类别, 残疾类别 …"),
		field.Bool("monitored").Default(false).Immutable().Comment("监测对象"),
		maxChars(field.String("school_name").Default(""), 100).Immutable(),
		maxChars(field.String("stage").Default(""), 8).Immutable().Comment("学段, as written"),
		field.Int("grade").Default(0).Immutable().Comment("年级, 0 unknown"),
		maxChars(field.String("class_name").Default(""), 32).Immutable(),
		maxChars(field.String("enrollment").Default(""), 8).Immutable().Comment("在读状态, as written"),
	}
}

func (DeptListRow) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("list", DeptList.Type).Unique().Required().Immutable().Field("list_id"),
	}
}

func (DeptListRow) Indexes() []ent.Index {
	// One person once per list; the comparison reads a list in ID order.
	return []ent.Index{index.Fields("list_id", "id_number").Unique()}
}

func (DeptListRow) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
