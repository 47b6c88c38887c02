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
		// false once the person has left (离职): they cannot sign in or be
		// assigned, and their history stays.
		field.Bool("active").Default(true),
		field.Time("left_at").Optional().Nillable().Comment("离职: when the person left").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		// Set with a one-time password (new people, a reset by an admin):
		// until the person chooses their own, they may do nothing else.
		field.Bool("must_change_password").Default(false).
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput)),
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
