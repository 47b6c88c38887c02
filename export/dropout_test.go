package export_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"sanbao/auth"
	"sanbao/authz"
	"sanbao/dropout"
	"sanbao/ent"
	"sanbao/ent/absencestep"
	"sanbao/ent/auditlog"
	"sanbao/ent/dropoutcase"
	"sanbao/ent/student"
	"sanbao/export"
	"sanbao/idcard"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

// smallEnv serves exports over the small county, whose rows are known.
type smallEnv struct {
	t *testing.T
	f *fixture.Small
	a *auth.Service
	h http.Handler
}

func (e *smallEnv) xlsx(p *ent.Person, path string, status int) [][]string {
	e.t.Helper()
	v, err := e.a.PersonViewer(authz.System(context.Background()), p.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req = req.WithContext(authz.NewContext(req.Context(), v))
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	if rec.Code != status {
		e.t.Fatalf("%s as %s: %d %s, want %d", path, p.Name, rec.Code, rec.Body, status)
	}
	if status != http.StatusOK {
		return nil
	}
	f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		e.t.Fatal(err)
	}
	defer f.Close()
	rs, err := f.GetRows("Sheet1")
	if err != nil || len(rs) < 2 {
		e.t.Fatalf("rows %v: %v", rs, err)
	}
	return rs[2:]
}

// The three dropout ledgers read back with the right rows for the county,
// and only the rows in scope for a township's central school.
func TestDropoutLedgers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		sys := authz.System(context.Background())
		f := fixture.BuildSmall(t, db)
		e := &smallEnv{t: t, f: f, a: auth.New(db.Client, authz.Default()), h: export.Handler(db.Client)}
		kid := func(name string, h *ent.Household, born time.Time, seq int, st student.Stage) *ent.Student {
			return db.Student.Create().SetName(name).SetHouseholdID(h.ID).SetStage(st).
				SetIDNumber(idcard.Build("130681", born, seq)).SetEnrollmentStatus(student.EnrollmentStatusNotEnrolled).SaveX(sys)
		}
		s7 := kid("学生七", f.H4, time.Date(2017, 6, 1, 0, 0, 0, 0, time.UTC), 21, student.StagePrimary)
		kid("学生八", f.H4, time.Date(2005, 6, 1, 0, 0, 0, 0, time.UTC), 23, student.StageHigher) // over age
		county := "/exports/school-age.xlsx?division=130681000000&cutoff=2026-08-31"

		// 适龄儿童台账: the county's seven school-age children, masked IDs.
		rs := e.xlsx(f.Admin, county, 200)
		names := col(rs, 2)
		for _, s := range []*ent.Student{f.S1, f.S2, f.S3, f.S4, f.S5, f.S6, s7} {
			i := slices.Index(names, s.Name)
			if i < 0 {
				t.Fatalf("%s not in the ledger: %v", s.Name, names)
			}
			if rs[i][4] != idcard.Mask(s.IDNumber) {
				t.Errorf("%s: ID %q, want masked", s.Name, rs[i][4])
			}
		}
		if len(rs) != 7 {
			t.Errorf("%d rows, want 7: %v", len(rs), names)
		}
		if i := slices.Index(names, s7.Name); rs[i][7] != "未在任何学校就读" || rs[i][1] != f.V4.Name {
			t.Errorf("studying nowhere: %v", rs[i])
		}
		if i := slices.Index(names, f.S6.Name); rs[i][7] != "北京市房山区良乡第二小学" {
			t.Errorf("outside the county: %v", rs[i])
		}
		if rs := e.xlsx(f.Admin, county+"&nowhere=1", 200); !slices.Equal(col(rs, 2), []string{s7.Name}) {
			t.Errorf("studying nowhere: %v", rs)
		}
		// Born in 2017, six only from the 2023 cut-off.
		if rs := e.xlsx(f.Admin, "/exports/school-age.xlsx?division=130681000000&cutoff=2023-01-01", 200); len(rs) != 0 {
			t.Errorf("cut-off 2023-01-01: %v", rs)
		}
		// The central school of 码头镇 (P2): its school's and its township's
		// children, none of 松林店镇's.
		rs = e.xlsx(f.P2, county, 200)
		if got := col(rs, 2); len(got) != 3 || !slices.Contains(got, f.S2.Name) || !slices.Contains(got, f.S5.Name) || !slices.Contains(got, s7.Name) {
			t.Errorf("central school 码头镇: %v", got)
		}
		e.xlsx(f.Admin, county+"&cutoff=2026-13-01", http.StatusBadRequest)

		// Cases: S3 open (10 days), S1 closed after 4 days, returned.
		opened := time.Now().Add(-10 * 24 * time.Hour)
		db.DropoutCase.Create().SetStudentID(f.S3.ID).SetVillageCode(f.S3.VillageCode).SetNillableSchoolID(f.S3.SchoolID).
			SetKind(dropoutcase.KindDropout).SetSource(dropoutcase.SourceAbsenceReport).SetOpenedAt(opened).
			SetResponsibleID(f.T1.ID).ExecX(sys)
		closed := opened.Add(4 * 24 * time.Hour)
		db.DropoutCase.Create().SetStudentID(f.S1.ID).SetVillageCode(f.S1.VillageCode).SetNillableSchoolID(f.S1.SchoolID).
			SetKind(dropoutcase.KindSuspected).SetSource(dropoutcase.SourceCheckAbsence).SetOpenedAt(opened).
			SetStatus(dropoutcase.StatusClosed).SetClosedAt(closed).SetCloseReason(dropoutcase.CloseReasonReturned).
			SetCloseNote("已返校").ExecX(sys)
		rs = e.xlsx(f.Admin, "/exports/dropout-cases.xlsx?division=130681000000", 200)
		if len(rs) != 2 {
			t.Fatalf("cases: %v", rs)
		}
		byName := map[string][]string{}
		for _, r := range rs {
			byName[r[2]] = r
		}
		want3 := []string{"松林店镇", f.V2.Name, f.S3.Name, idcard.Mask(f.S3.IDNumber), f.C1.Name, "辍学", "缺勤报告", "未结案",
			opened.In(dropout.China).Format("2006-01-02"), "", "", "10", f.T1.Name, f.T1.Phone}
		if r := byName[f.S3.Name]; !slices.Equal(r[:len(want3)], want3) {
			t.Errorf("open case %v, want %v", r, want3)
		}
		if r := byName[f.S1.Name]; r[5] != "疑似辍学" || r[6] != "学籍比在校" || r[7] != "已结案" || r[10] != "返校复学" || r[11] != "4" || r[12] != "未落实" {
			t.Errorf("closed case %v", r)
		}
		if rs := e.xlsx(f.P2, "/exports/dropout-cases.xlsx?division=130681000000", 200); len(rs) != 0 {
			t.Errorf("码头镇 sees 松林店镇's cases: %v", rs)
		}
		if rs := e.xlsx(f.P1, "/exports/dropout-cases.xlsx", 200); len(rs) != 2 {
			t.Errorf("松林店镇中心校's cases: %v", rs)
		}

		// Absence reports: S4 absent three days, the home visit done.
		reported := time.Now().Add(-3*24*time.Hour - time.Hour)
		r := db.AbsenceReport.Create().SetUUID("30000000-0000-4000-8000-000000000001").SetStudentID(f.S4.ID).
			SetVillageCode(f.S4.VillageCode).SetNillableSchoolID(f.S4.SchoolID).SetReason("生病").
			SetAbsentSince(reported.In(dropout.China).Format("2006-01-02")).SetReportedByID(f.T1.ID).SetReportedAt(reported).SaveX(sys)
		for _, k := range dropout.Steps {
			q := db.AbsenceStep.Create().SetReportID(r.ID).SetStudentID(f.S4.ID).SetVillageCode(f.S4.VillageCode).
				SetNillableSchoolID(f.S4.SchoolID).SetKind(k).SetDueAt(dropout.Due(k, reported))
			if k == absencestep.KindHomeVisit {
				q.SetDoneAt(reported).SetDoneByID(f.T1.ID)
			}
			q.ExecX(sys)
		}
		rs = e.xlsx(f.T1, "/exports/absence-reports.xlsx", 200)
		if len(rs) != 1 || rs[0][3] != f.S4.Name || rs[0][6] != "生病" || rs[0][7] != f.T1.Name || rs[0][9] != "未返校" ||
			rs[0][11] != "1" || rs[0][12] != "3" || rs[0][13] != "报告学校办公室、制定方案并与村委会联合家访、正式报告县教育局" {
			t.Errorf("absence reports: %v", rs)
		}
		if rs := e.xlsx(f.T2, "/exports/absence-reports.xlsx", 200); len(rs) != 0 {
			t.Errorf("another school's teacher: %v", rs)
		}
		if rs := e.xlsx(f.P2, "/exports/absence-reports.xlsx?division=130681000000", 200); len(rs) != 0 {
			t.Errorf("another township: %v", rs)
		}
		l := db.AuditLog.Query().Where(auditlog.ActionEQ(auditlog.ActionExport)).Order(ent.Desc(auditlog.FieldID)).FirstX(sys)
		if l.Subject != "缺勤报告台账（涿州市）" || l.ActorName != f.P2.Name || l.Rows != 0 {
			t.Errorf("audit row %+v", l)
		}
	})
}
