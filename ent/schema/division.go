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

// Division is an administrative division (行政区划) identified by its 12-digit
// national statistical code: province > city > county > township > village.
type Division struct{ ent.Schema }

func (Division) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}} }

func (Division) Fields() []ent.Field {
	return []ent.Field{
		field.String("code").MinLen(12).MaxLen(12).Unique().Immutable().
			Annotations(entgql.OrderField("CODE")),
		field.String("name").NotEmpty().
			Annotations(entgql.OrderField("NAME")),
		field.Enum("level").NamedValues("Province", "PROVINCE", "City", "CITY", "County", "COUNTY", "Township", "TOWNSHIP", "Village", "VILLAGE").
			Annotations(entgql.OrderField("LEVEL")),
		field.Int("parent_id").Optional(),
		// The current 包村 guarantor of a village, kept by the assignment hook.
		field.Int("guarantor_id").Optional().Nillable(),
	}
}

func (Division) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("children", Division.Type).
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipWhereInput)).
			From("parent").Unique().Field("parent_id").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.To("guarantor", Person.Type).Unique().Field("guarantor_id").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.From("assignments", Assignment.Type).Ref("village").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipWhereInput)),
	}
}

func (Division) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("parent_id", "code"),
		// Covering: villages with a guarantor are counted from the index alone.
		index.Fields("level", "code").Annotations(entsql.IncludeColumns("guarantor_id")),
		index.Fields("guarantor_id"),
	}
}

func (Division) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField(),
		entgql.RelayConnection(),
	}
}
