package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Org is a unit (单位): the provincial education department (教育厅), a city or
// county bureau (教育局 / 教育和体育局), or a school. One school per township is
// its central school (乡镇中心校), keeper of that township's village ledger.
type Org struct{ ent.Schema }

func (Org) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}, timestamps{}} }

func (Org) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().
			Annotations(entgql.OrderField("NAME")),
		field.Enum("kind").NamedValues("ProvinceDept", "PROVINCE_DEPT", "CityBureau", "CITY_BUREAU", "CountyBureau", "COUNTY_BUREAU", "School", "SCHOOL").
			Annotations(entgql.OrderField("KIND")),
		field.Enum("school_type").
			NamedValues("Kindergarten", "KINDERGARTEN", "Primary", "PRIMARY", "Junior", "JUNIOR", "NineYear", "NINE_YEAR", "Senior", "SENIOR", "Vocational", "VOCATIONAL", "Special", "SPECIAL").
			Optional().Nillable(),
		field.Bool("is_central").Default(false).Comment("乡镇中心校"),
		field.Int("division_id"),
		// division_code copies the division's code so that scope checks are
		// plain range predicates on an indexed column.
		field.String("division_code").MinLen(12).MaxLen(12).
			Annotations(entgql.OrderField("DIVISION_CODE"), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Int("parent_id").Optional().Comment("the bureau this unit reports to"),
		field.String("phone").Optional(),
		field.String("address").Optional(),
	}
}

func (Org) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("division", Division.Type).Unique().Required().Field("division_id").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.To("children", Org.Type).
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipWhereInput)).
			From("parent").Unique().Field("parent_id").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.From("positions", Position.Type).Ref("org").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipWhereInput)),
		edge.From("students", Student.Type).Ref("school").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipWhereInput)),
	}
}

func (Org) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("division_code"),
		index.Fields("kind", "division_code"),
		index.Fields("parent_id"),
	}
}

func (Org) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField(),
		entgql.RelayConnection(),
	}
}
