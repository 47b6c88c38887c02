package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// AgreementTemplate is the duties of one kind of responsibility agreement
// (责任书). sanbao ships a default set (owner_code empty); a county keeps its
// own edited copy (owner_code = the county's code).
type AgreementTemplate struct{ ent.Schema }

func (AgreementTemplate) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}} }

func (AgreementTemplate) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").NamedValues(agreementKinds...).Immutable(),
		field.String("owner_code").Default("").Immutable().Comment("county code, empty for sanbao's default"),
		maxChars(field.String("title").NotEmpty(), 100),
		field.Strings("duties").SchemaType(jsonText).Comment("numbered duties, in order"),
		maxChars(field.String("closing").Default(""), 500),
		field.Int("version").Default(1),
		field.Time("updated_at").Default(time.Now).UpdateDefault(time.Now),
		field.Int("updated_by_id").Optional().Nillable(),
	}
}

func (AgreementTemplate) Indexes() []ent.Index {
	return []ent.Index{index.Fields("kind", "owner_code").Unique()}
}

func (AgreementTemplate) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)}
}

// agreementKinds: 县(市)教育局与学校, 学校与校长, 学校与分管领导, 学校与帮扶责任人.
var agreementKinds = []string{
	"BureauSchool", "BUREAU_SCHOOL", "SchoolPrincipal", "SCHOOL_PRINCIPAL",
	"SchoolDeputy", "SCHOOL_DEPUTY", "SchoolContact", "SCHOOL_CONTACT",
}
