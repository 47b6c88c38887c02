package graph_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"sanbao/dropout"
	"sanbao/ent/absencereport"
	"sanbao/ent/student"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

// dropoutData gives the county six students reported absent ten days ago and
// runs the checks twice (once per database): six reports, six cases, six runs.
func dropoutData(t *testing.T, db *store.DB) {
	t.Helper()
	if db.AbsenceReport.Query().ExistX(sys) {
		return
	}
	reporter := most(t, db, "SELECT p.id FROM persons p WHERE p.phone = '"+teacher+"' GROUP BY p.id")
	since := time.Now().In(dropout.China).AddDate(0, 0, -10).Format("2006-01-02")
	kids := db.Student.Query().Where(student.VillageCodeHasPrefix("130681"), student.SchoolIDNotNil()).
		Order(student.ByID()).Limit(6).AllX(sys)
	for i, s := range kids {
		db.AbsenceReport.Create().SetUUID(fmt.Sprintf("00000000-0000-4000-8000-%012d", i+1)).SetStudentID(s.ID).
			SetVillageCode(s.VillageCode).SetNillableSchoolID(s.SchoolID).SetAbsentSince(since).
			SetReportedByID(reporter).ExecX(sys)
	}
	for range 2 {
		if err := dropout.RunScheduled(sys, db.Client, county, dropout.DefaultConfig, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
}

func dropoutReach(wrap string, path ...string) reach {
	return reach{phone: aidCentre, wrap: wrap, path: path,
		vars: func(t *testing.T, db *store.DB) map[string]any { dropoutData(t, db); return nil }}
}

func TestDropoutControlThroughTheAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		fixture.Build(t, db)
		a := newAPI(t, db)
		tch, centre, insp, head := a.login(teacher), a.login(aidCentre), a.login("13900000005"), a.login(principal)
		// A student of the teacher's school (teachers report for their school).
		kid := most(t, db, "SELECT s.id FROM students s JOIN orgs o ON o.id = s.school_id WHERE o.name = '松林店镇中心校' AND s.enrollment_status = 'ENROLLED' GROUP BY s.id")
		since := time.Now().In(dropout.China).AddDate(0, 0, -5).Format("2006-01-02")
		report := `mutation($in: ReportAbsenceInput!) { reportAbsence(input: $in) {
			id status absentSince steps { id kind label dueAt overdue } overdueSteps } }`
		in := map[string]any{"uuid": "0b8e2a4c-1d2f-4a3b-8c9d-0e1f2a3b4c5d", "studentID": id(kid), "absentSince": since, "reason": "家中有事"}
		d := tch.ok(report, map[string]any{"in": in})
		rid := str(d, "reportAbsence", "id")
		steps := map[string]any{}
		for _, s := range get(d, "reportAbsence", "steps").([]any) {
			steps[str(s, "kind")] = s
		}
		if len(steps) != 4 || str(steps["HOME_VISIT"], "label") != "当天家访" || get(steps["HOME_VISIT"], "overdue") != false {
			t.Fatalf("steps: %v", d)
		}
		// The same send again: the same report.
		if again := tch.ok(report, map[string]any{"in": in}); str(again, "reportAbsence", "id") != rid {
			t.Fatalf("retry stored a second report: %v", again)
		}
		// A wrong date: BAD_USER_INPUT naming the field in Chinese.
		bad := map[string]any{"uuid": "1b8e2a4c-1d2f-4a3b-8c9d-0e1f2a3b4c5d", "studentID": id(kid), "absentSince": "2026-13-01"}
		if r := tch.do(report, map[string]any{"in": bad}); r.code() != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, "缺勤开始日期") {
			t.Fatalf("bad date: %+v", r.Errors)
		}
		// Step 1 recorded.
		step := str(steps["HOME_VISIT"], "id")
		if s := tch.ok(`mutation($s: ID!) { recordAbsenceStep(stepID: $s, note: "已家访") { doneAt overdue } }`, map[string]any{"s": step}); get(s, "recordAbsenceStep", "doneAt") == nil {
			t.Fatalf("step not recorded: %v", s)
		}
		// The county runs the absence check: a case for the child.
		run := `mutation($k: CheckRunKind!, $d: String!) { runDropoutCheck(kind: $k, divisionCode: $d) { found opened } }`
		r := centre.ok(run, map[string]any{"k": "ABSENCE", "d": county})
		if num(r, "runDropoutCheck", "opened") != 1 {
			t.Fatalf("check: %v", r)
		}
		if res := insp.do(run, map[string]any{"k": "ABSENCE", "d": county}); len(res.Errors) == 0 {
			t.Fatal("an inspector ran a check")
		}
		cases := `query($d: String) { dropoutCases(divisionCode: $d, first: 50) { totalCount edges { node { id studentID status kind } } } }`
		c := centre.ok(cases, map[string]any{"d": county})
		if num(c, "dropoutCases", "totalCount") != 1 || str(c, "dropoutCases", "edges", 0, "node", "studentID") != id(kid) {
			t.Fatalf("cases: %v", c)
		}
		caseID := str(c, "dropoutCases", "edges", 0, "node", "id")
		if n := num(insp.ok(cases, map[string]any{"d": county}), "dropoutCases", "totalCount"); n != 1 {
			t.Fatalf("inspector sees %d cases", n)
		}
		// The central school's principal records a persuasion attempt; the
		// teacher may not close, nor may the principal.
		act := `mutation($in: CaseActionInput!) { recordCaseAction(input: $in) { id kind outcome recordedBy { name } } }`
		today := time.Now().In(dropout.China).Format("2006-01-02")
		head.ok(act, map[string]any{"in": map[string]any{"uuid": "bbbbbbbb-0000-4000-8000-000000000001", "caseID": caseID, "kind": "PERSUASION", "date": today,
			"participants": "班主任、村主任", "method": "入户", "outcome": "PROMISED"}})
		if r := insp.do(act, map[string]any{"in": map[string]any{"uuid": "bbbbbbbb-0000-4000-8000-000000000002", "caseID": caseID, "kind": "NOTE", "date": today, "outcome": "OTHER"}}); len(r.Errors) == 0 {
			t.Fatal("an inspector recorded an action")
		}
		closeQ := `mutation($in: CloseCaseInput!) { closeCase(input: $in) { status closeReason actions { kind } } }`
		full := map[string]any{"caseID": caseID, "closeReason": "RETURNED", "date": today, "closeNote": "已返校,班主任确认"}
		for _, s := range []*session{tch, head} {
			if r := s.do(closeQ, map[string]any{"in": full}); len(r.Errors) == 0 {
				t.Fatal("a school closed a case")
			}
		}
		noReason := map[string]any{"caseID": caseID, "date": today, "closeNote": "已返校"}
		if r := centre.do(closeQ, map[string]any{"in": noReason}); r.code() != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, "结案原因") {
			t.Fatalf("closed without an outcome: %+v", r.Errors)
		}
		done := centre.ok(closeQ, map[string]any{"in": full})
		if str(done, "closeCase", "status") != "CLOSED" || len(get(done, "closeCase", "actions").([]any)) != 1 {
			t.Fatalf("close: %v", done)
		}
		// The student is back: the report closes.
		m := tch.ok(`mutation($r: ID!, $d: String!) { markReturned(reportID: $r, date: $d) { status returnedOn overdueSteps } }`,
			map[string]any{"r": rid, "d": today})
		if str(m, "markReturned", "status") != string(absencereport.StatusReturned) {
			t.Fatalf("returned: %v", m)
		}
		// The school-age ledger of the county lists the child.
		l := centre.ok(`query($d: String) { schoolAgeChildren(divisionCode: $d, first: 1) { totalCount } }`, map[string]any{"d": county})
		if num(l, "schoolAgeChildren", "totalCount") == 0 {
			t.Fatalf("ledger: %v", l)
		}
	})
}
