package graph

// Dropout control filters: the same division and school arguments as the
// registries.

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"sanbao/authz"
	"sanbao/dropout"
	"sanbao/ent"
	"sanbao/ent/absencereport"
	"sanbao/ent/absencestep"
	"sanbao/ent/checkrun"
	"sanbao/ent/dropoutcase"
	"sanbao/ent/student"
)

func schoolAgeFilters(q *ent.StudentQuery, divisionCode *string, schoolID *int, cutoff *string, nowhere *bool) error {
	r, err := divisionRange(divisionCode)
	if err != nil {
		return err
	}
	if r != nil {
		q.Where(student.VillageCodeGTE(r.Lo), student.VillageCodeLTE(r.Hi))
	}
	if schoolID != nil {
		q.Where(student.SchoolID(*schoolID))
	}
	ps, _, err := dropout.SchoolAgeLedger(deref(cutoff), nowhere != nil && *nowhere, time.Now())
	if err != nil {
		return err
	}
	q.Where(ps...)
	return nil
}

func caseFilters(q *ent.DropoutCaseQuery, divisionCode *string, schoolID *int) error {
	r, err := divisionRange(divisionCode)
	if err != nil {
		return err
	}
	if r != nil {
		q.Where(dropoutcase.VillageCodeGTE(r.Lo), dropoutcase.VillageCodeLTE(r.Hi))
	}
	if schoolID != nil {
		q.Where(dropoutcase.SchoolID(*schoolID))
	}
	return nil
}

func absenceFilters(q *ent.AbsenceReportQuery, divisionCode *string, schoolID *int, overdue *bool) error {
	r, err := divisionRange(divisionCode)
	if err != nil {
		return err
	}
	if r != nil {
		q.Where(absencereport.VillageCodeGTE(r.Lo), absencereport.VillageCodeLTE(r.Hi))
	}
	if schoolID != nil {
		q.Where(absencereport.SchoolID(*schoolID))
	}
	if overdue != nil && *overdue {
		// Steps share their report's scope: the semi-join reveals nothing.
		q.Where(absencereport.StatusEQ(absencereport.StatusOpen),
			absencereport.HasStepsWith(absencestep.DoneAtIsNil(), absencestep.DueAtLT(time.Now())))
	}
	return nil
}

func checkRunFilters(q *ent.CheckRunQuery, divisionCode *string) error {
	r, err := divisionRange(divisionCode)
	if err != nil {
		return err
	}
	if r != nil {
		q.Where(checkrun.DivisionCodeGTE(r.Lo), checkrun.DivisionCodeLTE(r.Hi))
	}
	return nil
}

// overdueSteps counts a report's steps past due (the viewer sees the
// report, so its steps).
func overdueSteps(ctx context.Context, c *ent.Client, r *ent.AbsenceReport) (int, error) {
	if r.Status != absencereport.StatusOpen {
		return 0, nil
	}
	if steps, err := r.Edges.StepsOrErr(); err == nil {
		// Loaded with the report (steps asked for too): no statement per row.
		n := 0
		for _, s := range steps {
			if dropout.Overdue(s, true, time.Now()) {
				n++
			}
		}
		return n, nil
	}
	return c.AbsenceStep.Query().Where(absencestep.ReportID(r.ID), absencestep.DoneAtIsNil(),
		absencestep.DueAtLT(time.Now())).Count(authz.System(ctx))
}

// stepOverdue: a step past due and not done is overdue while its report is
// open. Under a report's steps the report is the parent already resolved, so
// a list of reports makes no statement per step.
func stepOverdue(ctx context.Context, c *ent.Client, s *ent.AbsenceStep) (bool, error) {
	now := time.Now()
	if s.DoneAt != nil || !now.After(s.DueAt) {
		return false, nil
	}
	for fc := graphql.GetFieldContext(ctx); fc != nil; fc = fc.Parent {
		// Status is loaded when the request asks for it (see withStatus).
		if r, ok := fc.Result.(*ent.AbsenceReport); ok && r.ID == s.ReportID && r.Status != "" {
			return dropout.Overdue(s, r.Status == absencereport.StatusOpen, now), nil
		}
	}
	r, err := c.AbsenceReport.Get(authz.System(ctx), s.ReportID)
	if err != nil {
		return false, err
	}
	return dropout.Overdue(s, r.Status == absencereport.StatusOpen, now), nil
}

// withStatus makes a list of reports whose steps' overdue is asked for load
// every column: entgql's field collection would select only the ID when
// nothing but steps is asked, and each step would then look its report up.
func withStatus(ctx context.Context, q *ent.AbsenceReportQuery) {
	if selects(ctx, "edges", "node", "overdueSteps") {
		q.WithSteps() // counted in memory, not per report
	}
	if selects(ctx, "edges", "node", "steps", "overdue") {
		q.Select(absencereport.Columns...)
	}
}

// selects reports whether the request selects the field at path below the
// current (connection) field, e.g. edges, node, overdueSteps.
func selects(ctx context.Context, path ...string) bool {
	oc := graphql.GetOperationContext(ctx)
	fields := graphql.CollectFieldsCtx(ctx, nil)
	for i, name := range path {
		var next []graphql.CollectedField
		found := false
		for _, f := range fields {
			if f.Name != name {
				continue
			}
			found = true
			if i < len(path)-1 {
				next = append(next, graphql.CollectFields(oc, f.Selections, nil)...)
			}
		}
		if !found {
			return false
		}
		fields = next
	}
	return true
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
