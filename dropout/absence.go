// Package dropout is dropout control (控辍保学): absence reports from schools
// with their escalation clock, the checks that find children out of school
// (四查三比对), and the cases (疑似辍学 / 辍学) worked until each closes with
// an outcome. A child never has two open cases, nor two open absence reports.
package dropout

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/absencereport"
	"sanbao/ent/absencestep"
	"sanbao/ent/student"
	"sanbao/fielderr"
	"sanbao/textnorm"
)

// China keeps one calendar for "the same day".
var China = time.FixedZone("CST", 8*3600)

// Steps are the escalation steps in order, with their labels.
var Steps = []absencestep.Kind{absencestep.KindHomeVisit, absencestep.KindSchoolOffice,
	absencestep.KindJointVisit, absencestep.KindCountyReport}

// StepLabels are the schools' own names for the steps.
var StepLabels = map[absencestep.Kind]string{
	absencestep.KindHomeVisit:    "当天家访",
	absencestep.KindSchoolOffice: "报告学校办公室",
	absencestep.KindJointVisit:   "制定方案并与村委会联合家访",
	absencestep.KindCountyReport: "正式报告县教育局",
}

// Due is when step falls due for a report made at reported: the home visit
// by the end of that day (China time), then 1, 2 and 3 days after the report.
func Due(step absencestep.Kind, reported time.Time) time.Time {
	switch step {
	case absencestep.KindHomeVisit:
		d := reported.In(China)
		// UTC, like every stored time: SQLite compares times as text.
		return time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, China).UTC()
	case absencestep.KindSchoolOffice:
		return reported.Add(24 * time.Hour)
	case absencestep.KindJointVisit:
		return reported.Add(48 * time.Hour)
	default:
		return reported.Add(72 * time.Hour)
	}
}

// Overdue reports whether a step of an open report is past due and not done.
func Overdue(s *ent.AbsenceStep, open bool, now time.Time) bool {
	return open && s.DoneAt == nil && now.After(s.DueAt)
}

// parseDate checks a YYYY-MM-DD argument: a real date, not in the future.
func parseDate(field, s string, now time.Time) (time.Time, error) {
	d, err := time.ParseInLocation("2006-01-02", s, China)
	if err != nil || d.Format("2006-01-02") != s {
		return d, fielderr.New(field, "日期应为 YYYY-MM-DD")
	}
	if s > now.In(China).Format("2006-01-02") {
		return d, fielderr.New(field, "日期不能晚于今天")
	}
	if s < "2015-01-01" {
		return d, fielderr.New(field, "日期过早")
	}
	return d, nil
}

// AbsenceInput is one absence report as a phone sends it.
type AbsenceInput struct {
	UUID        string
	StudentID   int
	AbsentSince string
	Reason      string
}

// ReportAbsence stores an absence report for the viewer in ctx with its four
// steps, once per UUID: a retry returns the stored report. A second report
// while one is open for the student is refused, naming the first.
func ReportAbsence(ctx context.Context, c *ent.Client, in AbsenceInput, now time.Time) (*ent.AbsenceReport, error) {
	v := authz.FromContext(ctx)
	if v == nil || v.PersonID == 0 {
		return nil, authz.ErrDenied
	}
	id := strings.ToLower(textnorm.Key(in.UUID))
	if prev, err := storedReport(ctx, c, v, id); prev != nil || err != nil {
		return prev, err
	}
	if _, err := parseDate("absentSince", in.AbsentSince, now); err != nil {
		return nil, err
	}
	if err := authz.MayWorkStudent(ctx, c, authz.ObjAbsence, authz.ActWrite, in.StudentID); err != nil {
		return nil, err
	}
	sys := authz.System(ctx)
	s, err := c.Student.Query().Where(student.ID(in.StudentID)).Only(sys)
	if err != nil {
		return nil, fielderr.New("studentID", "未找到该学生")
	}
	// ON CONFLICT DO NOTHING covers both the UUID and the one-open-report
	// index, so a concurrent duplicate never aborts a PostgreSQL transaction.
	q := c.AbsenceReport.Create().SetUUID(id).SetStudentID(s.ID).SetVillageCode(s.VillageCode).
		SetNillableSchoolID(s.SchoolID).SetAbsentSince(in.AbsentSince).SetReason(in.Reason).
		SetReportedByID(v.PersonID).SetReportedAt(now)
	rid, err := q.OnConflict().DoNothing().ID(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		if prev, err := storedReport(ctx, c, v, id); prev != nil || err != nil {
			return prev, err
		}
		open, err := c.AbsenceReport.Query().Where(absencereport.StudentID(s.ID), absencereport.StatusEQ(absencereport.StatusOpen)).Only(sys)
		if err != nil {
			return nil, fmt.Errorf("dropout: report %s neither stored nor found: %w", id, err)
		}
		return nil, fielderr.New("studentID", "%s已有未结束的缺勤报告（自 %s 起缺勤）", s.Name, open.AbsentSince)
	}
	if err != nil {
		return nil, err
	}
	steps := make([]*ent.AbsenceStepCreate, len(Steps))
	for i, k := range Steps {
		steps[i] = c.AbsenceStep.Create().SetReportID(rid).SetStudentID(s.ID).SetVillageCode(s.VillageCode).
			SetNillableSchoolID(s.SchoolID).SetKind(k).SetDueAt(Due(k, now))
	}
	// The steps are part of the report the viewer was allowed to make.
	if err := c.AbsenceStep.CreateBulk(steps...).Exec(sys); err != nil {
		return nil, err
	}
	return c.AbsenceReport.Get(ctx, rid)
}

// storedReport returns the report already stored under uuid by this viewer;
// a UUID used by someone else is refused without saying whose.
func storedReport(ctx context.Context, c *ent.Client, v *authz.Viewer, uuid string) (*ent.AbsenceReport, error) {
	prev, err := c.AbsenceReport.Query().Where(absencereport.UUID(uuid)).Only(authz.System(ctx))
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if prev.ReportedByID != v.PersonID {
		return nil, fielderr.New("uuid", "该记录编号已被使用")
	}
	return c.AbsenceReport.Get(ctx, prev.ID)
}

// RecordStep records a step of an open report as done now by the viewer.
// Recording a step again keeps the first record.
func RecordStep(ctx context.Context, c *ent.Client, stepID int, note string, now time.Time) (*ent.AbsenceStep, error) {
	v := authz.FromContext(ctx)
	if v == nil || v.PersonID == 0 {
		return nil, authz.ErrDenied
	}
	st, err := c.AbsenceStep.Query().Where(absencestep.ID(stepID)).WithReport().Only(ctx)
	if err != nil {
		return nil, fielderr.New("stepID", "未找到该步骤")
	}
	if st.DoneAt != nil {
		return st, nil
	}
	if st.Edges.Report == nil || st.Edges.Report.Status != absencereport.StatusOpen {
		return nil, fielderr.New("stepID", "该缺勤报告已结束")
	}
	n, err := c.AbsenceStep.Update().Where(absencestep.ID(stepID), absencestep.DoneAtIsNil()).
		SetDoneAt(now).SetDoneByID(v.PersonID).SetNote(note).Save(ctx)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, authz.ErrDenied
	}
	return c.AbsenceStep.Get(ctx, stepID)
}

// MarkReturned closes an open report: the student came back on date.
func MarkReturned(ctx context.Context, c *ent.Client, reportID int, date string, now time.Time) (*ent.AbsenceReport, error) {
	r, err := c.AbsenceReport.Get(ctx, reportID)
	if err != nil {
		return nil, fielderr.New("reportID", "未找到该缺勤报告")
	}
	if r.Status == absencereport.StatusReturned {
		if r.ReturnedOn != nil && *r.ReturnedOn == date {
			return r, nil
		}
		return nil, fielderr.New("reportID", "该学生已于 %s 返校", *r.ReturnedOn)
	}
	if _, err := parseDate("date", date, now); err != nil {
		return nil, err
	}
	if date < r.AbsentSince {
		return nil, fielderr.New("date", "返校日期不能早于缺勤开始日期 %s", r.AbsentSince)
	}
	n, err := c.AbsenceReport.Update().Where(absencereport.ID(reportID), absencereport.StatusEQ(absencereport.StatusOpen)).
		SetStatus(absencereport.StatusReturned).SetReturnedOn(date).Save(ctx)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, authz.ErrDenied
	}
	return c.AbsenceReport.Get(ctx, reportID)
}
