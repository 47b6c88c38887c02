package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// CaseAction is one step in a dropout case's timeline: a persuasion attempt
// (劝返), a verification (核查), a report upwards (上报), a note. Actions are
// records: never changed or deleted.
type CaseAction struct{ ent.Schema }

func (CaseAction) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}} }

func (CaseAction) Fields() []ent.Field {
	return []ent.Field{
		field.Int("case_id").Immutable(),
		// Optional: notices and rows from before offline sends have none; NULLs
		// never collide in the unique index.
		field.String("uuid").Optional().Nillable().Unique().Immutable().Match(uuidPattern).
			Comment("client-generated, for idempotent sends"),
		// The case's scope, copied so the read rule is a plain predicate.
		field.Int("student_id").Immutable(),
		field.String("village_code").MinLen(12).MaxLen(12).Immutable(),
		field.Int("school_id").Optional().Nillable().Immutable(),
		field.Enum("kind").NamedValues("Persuasion", "PERSUASION", "Verification", "VERIFICATION",
			"Report", "REPORT", "Note", "NOTE", "Notice", "NOTICE").Immutable().
			Comment("劝返 / 核查 / 上报 / 记录 / 复学通知书"),
		field.String("date").Match(datePattern).Immutable().Comment("YYYY-MM-DD"),
		maxChars(field.String("participants").Optional(), 200).Immutable().Comment("参与人: 教师、校长、村干部、乡镇干部"),
		maxChars(field.String("method").Optional(), 100).Immutable().Comment("方式: 入户、电话"),
		field.Enum("outcome").NamedValues("Returned", "RETURNED", "Promised", "PROMISED", "Refused", "REFUSED",
			"NotFound", "NOT_FOUND", "Other", "OTHER").Immutable().Comment("结果: 已返校 / 同意返校 / 拒绝 / 未见到 / 其他"),
		maxChars(field.String("notes").Optional(), 2000).Immutable(),
		field.String("deadline").Optional().Nillable().Match(datePattern).Immutable().
			Comment("复学通知书: return by YYYY-MM-DD"),
		field.String("served_on").Optional().Nillable().Match(datePattern).Immutable().
			Comment("复学通知书: served (送达) on YYYY-MM-DD"),
		field.Int("recorded_by_id").Immutable(),
		field.Time("created_at").Default(time.Now).Immutable(),
	}
}

func (CaseAction) Edges() []ent.Edge {
	skip := entgql.Skip(entgql.SkipAll)
	return []ent.Edge{
		edge.To("dropout_case", DropoutCase.Type).Unique().Required().Immutable().Field("case_id").Annotations(skip),
		edge.To("recorded_by", Person.Type).Unique().Required().Immutable().Field("recorded_by_id").
			Annotations(entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

func (CaseAction) Indexes() []ent.Index {
	return []ent.Index{index.Fields("case_id", "date")}
}
