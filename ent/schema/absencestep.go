package schema

import (
	"context"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	gen "sanbao/ent"
	"sanbao/ent/absencestep"
)

// AbsenceStep is one step of an absence report's escalation, as schools run
// it: a home visit the same day; after 1 day the school office; after 2 days a
// plan and a joint home visit with the village committee; after 3 days a
// formal report to the county bureau. Created with the report, each due at a
// time and recorded when done.
type AbsenceStep struct{ ent.Schema }

func (AbsenceStep) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}} }

func (AbsenceStep) Fields() []ent.Field {
	return []ent.Field{
		field.Int("report_id").Immutable(),
		field.Int("student_id").Immutable(),
		field.String("village_code").MinLen(12).MaxLen(12).Immutable(),
		field.Int("school_id").Optional().Nillable().Immutable(),
		field.Enum("kind").NamedValues("HomeVisit", "HOME_VISIT", "SchoolOffice", "SCHOOL_OFFICE",
			"JointVisit", "JOINT_VISIT", "CountyReport", "COUNTY_REPORT").Immutable().
			Comment("当天家访 / 报学校办公室 / 制定方案并与村委会联合家访 / 正式报县教育局"),
		field.Time("due_at").Immutable(),
		field.Time("done_at").Optional().Nillable(),
		field.Int("done_by_id").Optional().Nillable(),
		maxChars(field.String("note").Optional(), 1000),
	}
}

func (AbsenceStep) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("report", AbsenceReport.Type).Unique().Required().Immutable().Field("report_id").
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("done_by", Person.Type).Unique().Field("done_by_id").
			Annotations(entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

func (AbsenceStep) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("report_id", "kind").Unique(),
		index.Fields("done_at", "due_at"),
	}
}

// Interceptors return steps in their order (due time, then creation: the
// order of dropout.Steps) however they are loaded, after any order asked for.
func (AbsenceStep) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{ent.InterceptFunc(func(next ent.Querier) ent.Querier {
		return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
			if sq, ok := q.(*gen.AbsenceStepQuery); ok {
				sq.Order(stepOrder)
			}
			return next.Query(ctx, q)
		})
	})}
}

// stepOrder orders by what the statement selects, decided when it is built
// (the query context may be a parent's): rows by due time and ID, the due
// time added to a narrowed select (ent keeps an extra column aside); an ID
// list by ID (a DISTINCT select must hold its ORDER BY columns); counts drop
// it.
func stepOrder(s *sql.Selector) {
	var due, id bool
	cols := s.UnqualifiedColumns()
	for _, c := range cols {
		due = due || c == absencestep.FieldDueAt
		id = id || c == absencestep.FieldID
	}
	if !due && id && len(cols) > 1 {
		s.AppendSelect(s.C(absencestep.FieldDueAt))
		due = true
	}
	if due {
		s.OrderBy(s.C(absencestep.FieldDueAt))
	}
	if id {
		s.OrderBy(s.C(absencestep.FieldID))
	}
}
