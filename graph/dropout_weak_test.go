package graph_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"sanbao/dropout"
	"sanbao/ent/absencestep"
	"sanbao/ent/dropoutcase"
	"sanbao/ent/position"
	"sanbao/ent/student"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

const nodeName = `query($id: ID!) { node(id: $id) { ... on Student { name } } }`

// reads reports whether s reads the student's name through node.
func reads(t *testing.T, s *session, studentID int, name string) bool {
	t.Helper()
	r := s.do(nodeName, map[string]any{"id": id(studentID)})
	if len(r.Errors) > 0 {
		if r.code() != "NOT_FOUND" {
			t.Fatalf("node: %+v", r.Errors)
		}
		return false
	}
	return str(r.Data, "node", "name") == name
}

// The teacher who reports an absence, the case's responsible person and the
// student's contact read the student through the API; a colleague of the same
// school who sees the report does not.
func TestDropoutWorkersReadTheirStudent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		a := newAPI(t, db)
		// Another teacher of C1: sees the school's absence reports only.
		other := db.Person.Create().SetName("丁老师").SetPhone("13700000099").SetPasswordHash(f.T1.PasswordHash).SaveX(sys)
		db.Position.Create().SetPersonID(other.ID).SetOrgID(f.C1.ID).SetRole(position.RoleTeacher).ExecX(sys)
		tch, colleague, far := a.login(f.T1.Phone), a.login(other.Phone), a.login(f.TK.Phone)
		if reads(t, tch, f.S4.ID, f.S4.Name) {
			t.Fatal("a teacher read a student before reporting")
		}
		tch.ok(`mutation($in: ReportAbsenceInput!) { reportAbsence(input: $in) { id } }`, map[string]any{"in": map[string]any{
			"uuid": "2b8e2a4c-1d2f-4a3b-8c9d-0e1f2a3b4c5d", "studentID": id(f.S4.ID),
			"absentSince": time.Now().In(dropout.China).Format("2006-01-02")}})
		reports := `{ absenceReports(first: 10) { edges { node { student { name } reportedBy { name } } } } }`
		if d := tch.ok(reports, nil); str(d, "absenceReports", "edges", 0, "node", "student", "name") != f.S4.Name {
			t.Fatalf("reporter's report: %v", d)
		}
		if !reads(t, tch, f.S4.ID, f.S4.Name) {
			t.Fatal("the reporter does not read the student")
		}
		if reads(t, colleague, f.S4.ID, f.S4.Name) {
			t.Fatal("a colleague who did not report read the student")
		}
		if r := colleague.do(reports, nil); len(r.Errors) == 0 {
			t.Fatalf("colleague read the student through the report: %v", r.Data)
		}
		// A case of S3 with TK (teacher of another school) responsible.
		k := db.DropoutCase.Create().SetStudentID(f.S3.ID).SetVillageCode(f.S3.VillageCode).SetNillableSchoolID(f.S3.SchoolID).
			SetKind(dropoutcase.KindSuspected).SetSource(dropoutcase.SourceManual).SetResponsibleID(f.TK.ID).SaveX(sys)
		cases := `{ dropoutCases(first: 10) { totalCount edges { node { id student { name } responsible { name } } } } }`
		if d := far.ok(cases, nil); num(d, "dropoutCases", "totalCount") != 1 || str(d, "dropoutCases", "edges", 0, "node", "student", "name") != f.S3.Name {
			t.Fatalf("responsible person's cases: %v", d)
		}
		if !reads(t, far, f.S3.ID, f.S3.Name) {
			t.Fatal("the responsible person does not read the student")
		}
		// The responsible person works the case (an action in their name).
		far.ok(`mutation($in: CaseActionInput!) { recordCaseAction(input: $in) { id } }`, map[string]any{"in": map[string]any{
			"uuid": "bbbbbbbb-0000-4000-8000-000000000004", "caseID": id(k.ID), "kind": "NOTE", "date": time.Now().In(dropout.China).Format("2006-01-02"), "outcome": "OTHER"}})
		// Refused: the colleague, and TK for a child of no case of theirs.
		if d := colleague.ok(cases, nil); num(d, "dropoutCases", "totalCount") != 0 {
			t.Fatalf("colleague sees a case: %v", d)
		}
		if reads(t, far, f.S4.ID, f.S4.Name) {
			t.Fatal("the responsible person of another case read S4")
		}
		// The student's contact person reads the student and the case.
		db.Student.UpdateOne(f.S3).SetContactPersonID(other.ID).ExecX(sys)
		if d := colleague.ok(cases, nil); num(d, "dropoutCases", "totalCount") != 1 || str(d, "dropoutCases", "edges", 0, "node", "student", "name") != f.S3.Name {
			t.Fatalf("contact person's case: %v", d)
		}
		// Moving responsibility on: TK no longer reads the child.
		db.DropoutCase.UpdateOne(k).SetResponsibleID(f.P2.ID).ExecX(sys)
		if reads(t, far, f.S3.ID, f.S3.Name) {
			t.Fatal("the former responsible person still reads the student")
		}
	})
}

// overdueData stores reports for n students of the county, absent ten days,
// each with its four steps inserted last step first (so ID order is wrong).
func overdueData(t *testing.T, db *store.DB, n int) {
	t.Helper()
	reporter := most(t, db, "SELECT p.id FROM persons p WHERE p.phone = '"+teacher+"' GROUP BY p.id")
	reported := time.Now().Add(-10 * 24 * time.Hour)
	kids := db.Student.Query().Where(student.VillageCodeHasPrefix("130681"), student.SchoolIDNotNil()).Order(student.ByID()).Limit(n).AllX(sys)
	for i, s := range kids {
		r := db.AbsenceReport.Create().SetUUID(fmt.Sprintf("10000000-0000-4000-8000-%012d", i+1)).SetStudentID(s.ID).
			SetVillageCode(s.VillageCode).SetNillableSchoolID(s.SchoolID).SetAbsentSince(reported.In(dropout.China).Format("2006-01-02")).
			SetReportedByID(reporter).SetReportedAt(reported).SaveX(sys)
		steps := slices.Clone(dropout.Steps)
		slices.Reverse(steps)
		for _, k := range steps {
			q := db.AbsenceStep.Create().SetReportID(r.ID).SetStudentID(s.ID).SetVillageCode(s.VillageCode).
				SetNillableSchoolID(s.SchoolID).SetKind(k).SetDueAt(dropout.Due(k, reported))
			if k == absencestep.KindHomeVisit {
				q.SetDoneAt(reported).SetDoneByID(reporter)
			}
			q.ExecX(sys)
		}
	}
}

// Steps come back in their order, and the overdue list makes as many
// statements for 2 reports as for 12.
func TestOverdueStepsInOrderAndStatements(t *testing.T) {
	want := []any{"HOME_VISIT", "SCHOOL_OFFICE", "JOINT_VISIT", "COUNTY_REPORT"}
	for _, dialect := range storetest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			db := storetest.Open(t, dialect)
			fixture.Build(t, db)
			overdueData(t, db, 12)
			counting, n := store.Counting(db)
			s := newAPI(t, counting).login(aidCentre)
			for _, q := range []string{
				`query($n: Int) { absenceReports(overdueSteps: true, first: $n) { totalCount edges { node { overdueSteps steps { kind overdue } } } } }`,
				`query($n: Int) { absenceReports(overdueSteps: true, first: $n) { edges { node { overdueSteps } } } }`,
				`query($n: Int) { absenceReports(overdueSteps: true, first: $n) { edges { node { steps { kind label overdue } } } } }`,
				`query($n: Int) { absenceReports(overdueSteps: true, first: $n) { edges { node { id steps { kind label } } } } }`,
			} {
				s.ok(q, map[string]any{"n": 1})
				count := func(size int) (int64, map[string]any) {
					n.Reset()
					d := s.ok(q, map[string]any{"n": size})
					return n.N(), d
				}
				small, _ := count(2)
				large, d := count(12)
				t.Logf("%.70s…: %d statements for 2 reports, %d for 12", q, small, large)
				if small != large {
					t.Errorf("%.70s…: %d statements for 2 reports, %d for 12", q, small, large)
				}
				for i, e := range get(d, "absenceReports", "edges").([]any) {
					if o := get(e, "node", "overdueSteps"); o != nil && o != float64(3) {
						t.Errorf("report %d: overdueSteps %v, want 3", i, o)
					}
					steps, _ := get(e, "node", "steps").([]any)
					if steps == nil {
						continue
					}
					var kinds []any
					for _, st := range steps {
						kinds = append(kinds, get(st, "kind"))
						if o := get(st, "overdue"); o != nil && o != (get(st, "kind") != "HOME_VISIT") {
							t.Errorf("report %d: step %v overdue %v", i, get(st, "kind"), get(st, "overdue"))
						}
					}
					if !slices.Equal(kinds, want) {
						t.Errorf("report %d: steps %v, want %v", i, kinds, want)
					}
				}
			}
		})
	}
}
