package dropout

import (
	"time"

	"sanbao/ent/dropoutcase"
	"sanbao/ent/predicate"
	"sanbao/ent/student"
	"sanbao/fielderr"
)

// KindLabel and SourceLabels are the ledgers' words for a case.
var (
	CaseKindLabels = map[dropoutcase.Kind]string{dropoutcase.KindSuspected: "疑似辍学", dropoutcase.KindDropout: "辍学"}
	SourceLabels   = map[dropoutcase.Source]string{
		dropoutcase.SourceCheckUnenrolled: "户籍比学籍", dropoutcase.SourceCheckAbsence: "学籍比在校",
		dropoutcase.SourceCheckLifted: "辍学比脱贫户", dropoutcase.SourceAbsenceReport: "缺勤报告",
		dropoutcase.SourceContact: "走访发现", dropoutcase.SourceManual: "手工登记",
	}
)

// SchoolAgeLedger is the 适龄儿童台账 filter: children of compulsory age at
// cutoff (YYYY-MM-DD, empty for DefaultCutoff) and, with nowhere, only those
// enrolled in no school known and not recorded as studying elsewhere. It
// returns the cutoff used.
func SchoolAgeLedger(cutoff string, nowhere bool, now time.Time) ([]predicate.Student, string, error) {
	if cutoff == "" {
		cutoff = DefaultCutoff(now)
	}
	d, err := time.Parse("2006-01-02", cutoff)
	if err != nil || d.Format("2006-01-02") != cutoff {
		return nil, cutoff, fielderr.New("cutoff", "日期应为 YYYY-MM-DD")
	}
	lo, hi := SchoolAge(d)
	ps := []predicate.Student{student.BirthDateGT(lo), student.BirthDateLTE(hi)}
	if nowhere {
		ps = append(ps, StudyingNowhere())
	}
	return ps, cutoff, nil
}

// StudyingNowhere: enrolled in no school known to sanbao, not recorded as
// studying elsewhere, neither suspended nor graduated.
func StudyingNowhere() predicate.Student {
	return student.And(student.SchoolIDIsNil(), student.OutsideDivisionIDIsNil(),
		student.Or(student.OutsideSchoolNameIsNil(), student.OutsideSchoolName("")),
		student.EnrollmentStatusNotIn(student.EnrollmentStatusSuspended, student.EnrollmentStatusGraduated))
}

// DaysOpen is how many days a case has been open: to its closing, or to now.
func DaysOpen(openedAt time.Time, closedAt *time.Time, now time.Time) int {
	end := now
	if closedAt != nil {
		end = *closedAt
	}
	o, e := openedAt.In(China), end.In(China)
	a := time.Date(o.Year(), o.Month(), o.Day(), 0, 0, 0, 0, time.UTC)
	b := time.Date(e.Year(), e.Month(), e.Day(), 0, 0, 0, 0, time.UTC)
	return max(0, int(b.Sub(a).Hours()/24))
}
