package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"sanbao/term"
)

// Agreement is one responsibility agreement (责任书) issued for a term by a
// unit to a subordinate school or person, signed layer by layer (层层签订).
// Its text is frozen at issue with a content hash; a signed agreement is never
// edited — a correction supersedes it with a new one.
type Agreement struct{ ent.Schema }

func (Agreement) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}} }

func (Agreement) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").NamedValues(agreementKinds...).Immutable().Annotations(entgql.OrderField("KIND")),
		// Chosen from term.Choices, stored in the canonical form only: the
		// variants people type ("2026-2027学年") are one term, never three.
		field.String("term").Validate(term.Validate).Immutable().Comment("学年或学期, e.g. 2026—2027学年"),
		field.Int("template_id").Optional().Nillable().Immutable(),
		field.Int("template_version").Immutable(),
		field.Int("issuer_org_id").Immutable(),
		// issuer_code copies the issuer's division code for scope checks.
		field.String("issuer_code").Immutable(),
		field.String("issuer_representative").Default("").Immutable().Comment("甲方负责人 (seal holder)"),
		field.Int("party_org_id").Optional().Nillable().Immutable().Comment("乙方 unit, for a school"),
		field.Int("party_person_id").Immutable().Comment("who signs"),
		field.String("party_key").Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
		field.String("party_name").Immutable().Comment("乙方 as the text names it"),
		field.String("party_role").Immutable().Comment("学校's 校长, 副校长, 帮扶责任人 …"),
		field.String("title").Immutable(),
		field.Text("text").Immutable(),
		field.String("content_hash").Immutable().Comment("SHA-256 of text"),
		field.Enum("state").NamedValues("Issued", "ISSUED", "Signed", "SIGNED", "Void", "VOID").
			Default("ISSUED").Annotations(entgql.OrderField("STATE")),
		field.Time("issued_at").Default(time.Now).Immutable().Annotations(entgql.OrderField("ISSUED_AT")),
		field.Int("issued_by_id").Immutable(),
		field.Time("signed_at").Optional().Nillable().Annotations(entgql.OrderField("SIGNED_AT")),
		field.String("signed_name").Optional(),
		field.Bytes("signature").Optional().Sensitive().Comment("the drawn signature, PNG").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Time("voided_at").Optional().Nillable(),
		field.String("void_reason").Optional(),
		field.Int("supersedes_id").Optional().Nillable().Immutable(),
	}
}

func (Agreement) Edges() []ent.Edge {
	skip := entgql.Skip(entgql.SkipWhereInput)
	return []ent.Edge{
		edge.To("issuer_org", Org.Type).Unique().Required().Immutable().Field("issuer_org_id").Annotations(skip),
		edge.To("party_org", Org.Type).Unique().Immutable().Field("party_org_id").Annotations(skip),
		edge.To("party_person", Person.Type).Unique().Required().Immutable().Field("party_person_id").Annotations(skip),
		edge.To("issued_by", Person.Type).Unique().Required().Immutable().Field("issued_by_id").Annotations(skip),
		edge.To("template", AgreementTemplate.Type).Unique().Immutable().Field("template_id").Annotations(skip),
		edge.To("superseded_by", Agreement.Type).Unique().Annotations(skip).
			From("supersedes").Unique().Immutable().Field("supersedes_id").Annotations(skip),
	}
}

func (Agreement) Indexes() []ent.Index {
	return []ent.Index{
		// Issuing twice for the same term and signer does not duplicate.
		index.Fields("term", "kind", "issuer_org_id", "party_key").Unique().
			Annotations(entsql.IndexWhere("state <> 'VOID'")),
		index.Fields("party_person_id", "state"),
		index.Fields("issuer_code", "term"),
		index.Fields("term", "state"),
	}
}

func (Agreement) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField()}
}
