package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// Person is a member of staff (人员) who can sign in with a mobile number.
type Person struct{ ent.Schema }

func (Person) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}, timestamps{}} }

func (Person) Fields() []ent.Field {
	return []ent.Field{
		maxChars(field.String("name").NotEmpty(), 64).
			Annotations(entgql.OrderField("NAME")),
		field.String("phone").Unique().Match(phonePattern).
			Annotations(entgql.OrderField("PHONE")),
		// bcrypt hash; empty means the account cannot sign in yet.
		field.String("password_hash").Optional().Sensitive().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Bool("active").Default(true),
	}
}

func (Person) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("positions", Position.Type).Ref("person").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
	}
}

func (Person) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField("people"),
		entgql.RelayConnection(),
	}
}
