package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"sanbao/term"
)

// Inspection is one visit to one unit: announced (明察) or unannounced (暗访).
// An unannounced inspection stays hidden from the unit until it is recorded.
type Inspection struct{ ent.Schema }

func (Inspection) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}} }

func (Inspection) Fields() []ent.Field {
	return []ent.Field{
		field.Int("draw_id").Optional().Nillable().Immutable(),
		field.String("semester").Validate(term.Validate).Immutable(),
		field.String("inspector_code").MinLen(12).MaxLen(12).Immutable().Comment("the inspecting area"),
		// The target's code, copied so the read rule is a plain predicate.
		field.Int("target_org_id").Immutable(),
		field.String("target_code").MinLen(12).MaxLen(12).Immutable(),
		field.Enum("kind").NamedValues("Announced", "ANNOUNCED", "Unannounced", "UNANNOUNCED").Immutable(),
		field.Enum("state").NamedValues("Planned", "PLANNED", "Recorded", "RECORDED").Default("PLANNED"),
		maxChars(field.String("findings").Optional(), 4000),
		field.Time("recorded_at").Optional().Nillable(),
		field.Int("recorded_by_id").Optional().Nillable(),
		field.Time("created_at").Default(time.Now).Immutable().Annotations(entgql.OrderField("CREATED_AT")),
	}
}

func (Inspection) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("draw", Draw.Type).Unique().Immutable().Field("draw_id").Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("target", Org.Type).Unique().Required().Immutable().Field("target_org_id").Annotations(idOnly),
		edge.To("recorded_by", Person.Type).Unique().Field("recorded_by_id").Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (Inspection) Indexes() []ent.Index {
	return []ent.Index{index.Fields("target_org_id", "semester"), index.Fields("draw_id"), index.Fields("inspector_code")}
}

func (Inspection) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}
