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

// Household (户) from the poverty office's registry or a school's hardship list,
// placed in the village of its household registration (户籍所在村).
type Household struct{ ent.Schema }

func (Household) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}, timestamps{}} }

func (Household) Fields() []ent.Field {
	return []ent.Field{
		maxChars(field.String("number").NotEmpty(), 32).Unique().Comment("扶贫部门户编号").
			Annotations(entgql.OrderField("NUMBER")),
		maxChars(field.String("head_name").NotEmpty(), 64).Comment("户主姓名").
			Annotations(entgql.OrderField("HEAD_NAME")),
		field.Int("village_id"),
		// village_code copies the village's code for range-predicate scope checks.
		field.String("village_code").MinLen(12).MaxLen(12).
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		// 未脱贫 / 已脱贫 (both registered-card, 建档立卡) / 边缘户 / 非建档立卡困难户
		field.Enum("status").NamedValues("NotLifted", "NOT_LIFTED", "Lifted", "LIFTED", "Marginal", "MARGINAL", "Hardship", "HARDSHIP").
			Annotations(entgql.OrderField("STATUS")),
		field.Bool("dibao").Default(false).Comment("低保"),
		field.Bool("tekun").Default(false).Comment("特困供养"),
		field.Bool("disabled").Default(false).Comment("家庭有残疾人"),
		field.Int("size").Optional().Min(1).Max(30).Comment("家庭人口"),
		maxChars(field.String("phone").Optional(), 20).Comment("联系电话"),
		maxChars(field.String("address").Optional(), 200),
		// The current 包户 guarantor and the last contact, kept by the
		// assignment and contact hooks; history is in Assignment and Contact.
		field.Int("guarantor_id").Optional().Nillable().
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.String("last_contact_on").Default("").Comment("YYYY-MM-DD of the last contact, empty if never").
			Annotations(entgql.OrderField("LAST_CONTACT_ON"), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

func (Household) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("village", Division.Type).Unique().Required().Field("village_id").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.From("students", Student.Type).Ref("household").
			Annotations(entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("guarantor", Person.Type).Unique().Field("guarantor_id").
			Annotations(entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.From("contacts", Contact.Type).Ref("household").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.From("assignments", Assignment.Type).Ref("household").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

func (Household) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("village_code"),
		index.Fields("village_id"),
		// Covering: the coverage roll-up counts registered households (with a
		// guarantor, contacted this month) by village from the index alone.
		index.Fields("status", "village_code").
			Annotations(entsql.IncludeColumns("guarantor_id", "last_contact_on")),
		index.Fields("guarantor_id", "last_contact_on"),
	}
}

func (Household) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
