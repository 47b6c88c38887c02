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
)

// DropoutCase (疑似辍学 / 辍学案例) is one child out of school, from the finding
// (a check run, an absence report, a contact) to its closing with an outcome.
// A child has at most one open case: a partial unique index, so concurrent
// checks and reports cannot open two.
type DropoutCase struct{ ent.Schema }

func (DropoutCase) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}, timestamps{}} }

func (DropoutCase) Fields() []ent.Field {
	ro := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.Int("student_id").Immutable(),
		// Copied from the student when opened: the scope of the case follows
		// the child's village (the township's central school) and school.
		field.String("village_code").MinLen(12).MaxLen(12).Immutable().Annotations(ro),
		field.Int("school_id").Optional().Nillable().Annotations(ro),
		field.Enum("kind").NamedValues("Suspected", "SUSPECTED", "Dropout", "DROPOUT").
			Comment("疑似辍学 / 辍学").Annotations(entgql.OrderField("KIND")),
		field.Enum("source").NamedValues(
			"CheckUnenrolled", "CHECK_UNENROLLED", "CheckAbsence", "CHECK_ABSENCE",
			"CheckLifted", "CHECK_LIFTED", "AbsenceReport", "ABSENCE_REPORT",
			"Contact", "CONTACT", "Manual", "MANUAL").Immutable().
			Comment("户籍比学籍 / 学籍比在校 / 辍学比脱贫户 / 缺勤报告 / 走访 / 手工"),
		field.Int("check_run_id").Optional().Nillable().Immutable(),
		field.Int("absence_report_id").Optional().Nillable().Immutable(),
		field.Enum("status").NamedValues("Open", "OPEN", "Closed", "CLOSED").Default("OPEN").
			Annotations(entgql.OrderField("STATUS")),
		field.Time("opened_at").Default(time.Now).Immutable().Annotations(entgql.OrderField("OPENED_AT")),
		field.Time("closed_at").Optional().Nillable(),
		field.Enum("close_reason").NamedValues(
			"Returned", "RETURNED", "StudyingElsewhere", "STUDYING_ELSEWHERE", "Transferred", "TRANSFERRED",
			"HomeTeaching", "HOME_TEACHING", "Suspended", "SUSPENDED", "OverAge", "OVER_AGE",
			"Graduated", "GRADUATED", "Deceased", "DECEASED").Optional().Nillable().
			Comment("返校复学 / 在外就读 / 转学 / 送教上门 / 休学 / 超龄 / 毕业 / 死亡"),
		maxChars(field.String("close_note").Optional(), 1000).Comment("结案说明与证据"),
		field.Int("responsible_id").Optional().Nillable().Comment("责任人: the student's contact person when opened"),
		field.Int("opened_by_id").Optional().Nillable().Immutable().Comment("nil: a scheduled check"),
		field.Int("closed_by_id").Optional().Nillable(),
	}
}

func (DropoutCase) Edges() []ent.Edge {
	skip := entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Edge{
		edge.To("student", Student.Type).Unique().Required().Immutable().Field("student_id").Annotations(skip),
		edge.To("school", Org.Type).Unique().Field("school_id").Annotations(skip),
		edge.To("check_run", CheckRun.Type).Unique().Immutable().Field("check_run_id").Annotations(skip),
		edge.To("absence_report", AbsenceReport.Type).Unique().Immutable().Field("absence_report_id").Annotations(skip),
		edge.To("responsible", Person.Type).Unique().Field("responsible_id").Annotations(skip),
		edge.To("opened_by", Person.Type).Unique().Immutable().Field("opened_by_id").Annotations(skip),
		edge.To("closed_by", Person.Type).Unique().Field("closed_by_id").Annotations(skip),
		edge.From("actions", CaseAction.Type).Ref("dropout_case").Annotations(skip),
	}
}

func (DropoutCase) Indexes() []ent.Index {
	return []ent.Index{
		// Never two open cases for one child.
		index.Fields("student_id").Unique().Annotations(entsql.IndexWhere("status = 'OPEN'")),
		index.Fields("village_code", "status"),
		index.Fields("school_id", "status"),
		index.Fields("status", "opened_at"),
		// What one person is responsible for: they read those students (authz).
		index.Fields("responsible_id"),
	}
}

func (DropoutCase) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}
