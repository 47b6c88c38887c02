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

// Draw is one sample (抽查) drawn for a semester: a city's counties or a
// county's schools. The seed, the frame it was drawn from and the sample are
// recorded, so anyone can draw again and get the same units; once published
// nothing of it changes.
type Draw struct{ ent.Schema }

func (Draw) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}} }

func (Draw) Fields() []ent.Field {
	return []ent.Field{
		field.String("semester").Validate(term.Validate).Immutable().Comment("学年或学期, canonical"),
		field.Enum("level").NamedValues("County", "COUNTY", "School", "SCHOOL").Immutable().
			Comment("what is sampled: a city's counties or a county's schools"),
		field.String("division_code").MinLen(12).MaxLen(12).Immutable().Comment("the drawing area"),
		field.Int("org_id").Immutable().Comment("the drawing unit"),
		field.Int64("seed").Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
		field.Int("share").Range(1, 100).Immutable().Comment("percent of the frame, rounded up"),
		field.Bool("exclude_previous").Default(false).Immutable(),
		field.Bool("unannounced").Default(false).Immutable().Comment("暗访 rather than 明察"),
		field.Ints("frame").SchemaType(jsonText).Immutable().Annotations(entgql.Skip(entgql.SkipAll)).Comment("unit IDs drawn from, in draw order"),
		field.Ints("sample").SchemaType(jsonText).Immutable().Annotations(entgql.Skip(entgql.SkipAll)).Comment("unit IDs drawn, in frame order"),
		field.Enum("state").NamedValues("Draft", "DRAFT", "Published", "PUBLISHED").Default("DRAFT"),
		field.Time("published_at").Optional().Nillable(),
		field.Int("drawn_by_id").Immutable(),
		field.Time("created_at").Default(time.Now).Immutable().Annotations(entgql.OrderField("CREATED_AT")),
	}
}

func (Draw) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("org", Org.Type).Unique().Required().Immutable().Field("org_id").Annotations(idOnly),
		edge.To("drawn_by", Person.Type).Unique().Required().Immutable().Field("drawn_by_id").Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (Draw) Indexes() []ent.Index {
	return []ent.Index{index.Fields("division_code", "level", "semester")}
}

func (Draw) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// idOnly exposes an edge to a unit as its ID and the unit (units are public)
// without a where filter through it.
var idOnly = entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
