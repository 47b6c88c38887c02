package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"sanbao/aid/rule"
	"sanbao/term"
)

// AidPolicy is one version of a student-aid policy (资助政策) in a province's
// catalog or a county's top-ups (owner_code). A change applies from a term
// on: the running version gets until_term, a new row (same code) starts at
// from_term, and no past term's answer changes.
type AidPolicy struct{ ent.Schema }

func (AidPolicy) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}, timestamps{}} }

func (AidPolicy) Fields() []ent.Field {
	fixed := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		maxChars(field.String("code").NotEmpty(), 40).Immutable().
			Comment("stable key of the policy across its versions").Annotations(fixed),
		field.String("owner_code").MinLen(12).MaxLen(12).Immutable().
			Comment("province code (the province's catalog) or county code (its top-ups)").Annotations(fixed),
		maxChars(field.String("name").NotEmpty(), 60).Annotations(entgql.OrderField("NAME")),
		field.Enum("category").NamedValues("Preschool", "PRESCHOOL", "Compulsory", "COMPULSORY",
			"Senior", "SENIOR", "Vocational", "VOCATIONAL", "Higher", "HIGHER").
			Comment("学段: 学前/义务教育/高中/中职/高校").Annotations(entgql.OrderField("CATEGORY")),
		field.Enum("kind").NamedValues("Grant", "GRANT", "Waiver", "WAIVER", "Loan", "LOAN").
			Comment("补助/免/贷款"),
		field.Int("amount").Min(0).Max(1000000).Comment("yuan per `per`; 0 for a waiver (免); a loan's ceiling"),
		field.Enum("per").NamedValues("Year", "YEAR", "Term", "TERM", "Once", "ONCE").Comment("每年/每学期/一次性"),
		field.Enum("payer").NamedValues("Central", "CENTRAL", "Shared", "SHARED", "Province", "PROVINCE", "County", "COUNTY").
			Comment("中央/中央与地方分担/省级/县级"),
		field.Enum("basis").NamedValues("School", "SCHOOL", "Home", "HOME").Default("SCHOOL").
			Comment("落实地: 就读地 (学籍) or 户籍地 (生源地)"),
		field.JSON("conditions", []rule.Condition{}).SchemaType(jsonText).
			Comment("all must hold").Annotations(entgql.Skip(entgql.SkipAll)),
		field.String("from_term").Validate(term.Validate).Immutable().Comment("first semester").
			Annotations(fixed),
		field.String("until_term").Default("").Comment("last semester, empty while open").
			Annotations(fixed),
		maxChars(field.String("description").Default(""), 500).Comment("依据与说明"),
		field.Int("version").Default(1).Annotations(fixed),
		field.Int("created_by_id").Optional().Nillable().Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (AidPolicy) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("owner_code", "code", "from_term").Unique(),
		// One version n+1: of two changes of the same version at once, one
		// is stored and the other refused.
		index.Fields("owner_code", "code", "version").Unique(),
		index.Fields("category"),
	}
}

func (AidPolicy) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.QueryField("aidPolicies"),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
	}
}
