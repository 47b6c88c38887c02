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

// APIToken is a long-lived credential for an integrating system, limited to one
// division's subtree and read-only unless write was granted.
type APIToken struct{ ent.Schema }

func (APIToken) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}} }

func (APIToken) Fields() []ent.Field {
	return []ent.Field{
		maxChars(field.String("name").NotEmpty(), 64),
		field.String("token_hash").Unique().Immutable().Sensitive().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Int("division_id").Immutable(),
		field.String("division_code").Immutable(),
		field.Bool("can_write").Default(false).Immutable(),
		field.Int("created_by_id").Immutable(),
		field.Time("created_at").Default(time.Now).Immutable().
			Annotations(entgql.OrderField("CREATED_AT")),
		field.Time("expires_at").Optional().Nillable(),
		field.Time("revoked_at").Optional().Nillable(),
		field.Time("last_used_at").Optional().Nillable(),
	}
}

func (APIToken) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("division", Division.Type).Unique().Required().Immutable().Field("division_id"),
		edge.To("created_by", Person.Type).Unique().Required().Immutable().Field("created_by_id"),
	}
}

func (APIToken) Indexes() []ent.Index {
	return []ent.Index{index.Fields("division_code")}
}

func (APIToken) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}
