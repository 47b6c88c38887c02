package graph

// Dropout control filters: the same division and school arguments as the
// registries.

import (
	"context"
	"time"

	"sanbao/authz"
	"sanbao/dropout"
	"sanbao/ent"
	"sanbao/ent/absencereport"
	"sanbao/ent/absencestep"
	"sanbao/ent/checkrun"
	"sanbao/ent/dropoutcase"
	"sanbao/ent/student"
	"sanbao/fielderr"
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
	cut := dropout.DefaultCutoff(time.Now())
	if cutoff != nil && *cutoff != "" {
		cut = *cutoff
	}
	d, err := time.Parse("2006-01-02", cut)
	if err != nil {
		return fielderr.New("cutoff", "日期应为 YYYY-MM-DD")
	}
	lo, hi := dropout.SchoolAge(d)
	q.Where(student.BirthDateGT(lo), student.BirthDateLTE(hi))
	if nowhere != nil && *nowhere {
		q.Where(student.SchoolIDIsNil(), student.OutsideDivisionIDIsNil(),
			student.Or(student.OutsideSchoolNameIsNil(), student.OutsideSchoolName("")),
			student.EnrollmentStatusNotIn(student.EnrollmentStatusSuspended, student.EnrollmentStatusGraduated))
	}
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

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
