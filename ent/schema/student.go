package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"sanbao/idcard"
)

// Student (学生) of a household. Every student has two places: the village of
// the household (the village ledger) and the school of enrollment (学籍, the
// school ledger), which may be outside the county (县外 / 省外就读).
type Student struct{ ent.Schema }

func (Student) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}, timestamps{}} }

func (Student) Fields() []ent.Field {
	derived := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		maxChars(field.String("name").NotEmpty(), 64).
			Annotations(entgql.OrderField("NAME")),
		// Full number; the API exposes it masked through a resolver that
		// checks the reveal permission and writes the audit log.
		field.String("id_number").Unique().Sensitive().Validate(idcard.Validate).
			Annotations(entgql.Skip(entgql.SkipType, entgql.SkipWhereInput, entgql.SkipOrderField)),
		field.Enum("gender").NamedValues("Male", "MALE", "Female", "FEMALE").Annotations(derived),
		// birth_date is derived from the ID number and as private as it.
		field.Time("birth_date").Annotations(entgql.Skip(entgql.SkipAll)),
		field.Int("household_id"),
		field.String("village_code").MinLen(12).MaxLen(12).Annotations(derived),
		field.Enum("stage").NamedValues("Preschool", "PRESCHOOL", "Primary", "PRIMARY", "Junior", "JUNIOR", "Senior", "SENIOR", "Vocational", "VOCATIONAL", "Higher", "HIGHER").
			Comment("学段").Annotations(entgql.OrderField("STAGE")),
		field.Int("grade").Optional().Nillable().Min(1).Max(12).Comment("年级").
			Annotations(entgql.OrderField("GRADE")),
		maxChars(field.String("class_name").Optional(), 32).Comment("班级"),
		field.Int("school_id").Optional().Nillable().Comment("学籍学校, when it is in sanbao"),
		maxChars(field.String("outside_school_name").Optional(), 100).Comment("县外/省外就读学校"),
		field.Int("outside_division_id").Optional().Nillable(),
		field.Enum("enrollment_status").
			NamedValues("Enrolled", "ENROLLED", "Dropout", "DROPOUT", "SuspectedDropout", "SUSPECTED_DROPOUT", "Suspended", "SUSPENDED", "Graduated", "GRADUATED", "NotEnrolled", "NOT_ENROLLED").
			Default("ENROLLED").Comment("在读/辍学/疑似辍学/休学/毕业/未入学").
			Annotations(entgql.OrderField("ENROLLMENT_STATUS")),
		field.Bool("boarding").Default(false).Comment("寄宿"),
		field.Bool("disabled").Default(false).Comment("残疾"),
		field.Bool("left_behind").Default(false).Comment("留守儿童"),
		field.Bool("migrant").Default(false).Comment("随迁子女"),
		field.Bool("ethnic_minority").Default(false).Comment("少数民族"),
		// The current 帮扶联系人 and the last contact, kept by the assignment
		// and contact hooks; history is in Assignment and Contact.
		field.Int("contact_person_id").Optional().Nillable().Annotations(derived),
		field.String("last_contact_on").Default("").Comment("YYYY-MM-DD of the last contact, empty if never").
			Annotations(derived, entgql.OrderField("LAST_CONTACT_ON")),
	}
}

func (Student) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("household", Household.Type).Unique().Required().Field("household_id").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.To("school", Org.Type).Unique().Field("school_id").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.To("outside_division", Division.Type).Unique().Field("outside_division_id").
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.To("contact_person", Person.Type).Unique().Field("contact_person_id").
			Annotations(entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.From("contacts", Contact.Type).Ref("student").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.From("assignments", Assignment.Type).Ref("student").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

func (Student) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("village_code"),
		index.Fields("household_id"),
		index.Fields("school_id", "grade", "class_name"),
		index.Fields("enrollment_status"),
		index.Fields("contact_person_id"),
	}
}

func (Student) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
