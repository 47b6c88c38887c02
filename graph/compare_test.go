package graph_test

import (
	"context"
	"strings"
	"testing"

	"sanbao/auth"
	"sanbao/authz"
	"sanbao/compare"
	"sanbao/ent"
	"sanbao/ent/auditlog"
	"sanbao/ent/deptlist"
	"sanbao/ent/deptlistrow"
	"sanbao/ent/org"
	"sanbao/ent/person"
	"sanbao/ent/position"
	"sanbao/ent/student"
	"sanbao/importjob"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

// comparisons gives 涿州 five poverty lists of six of its students each and
// one run of each, made by the aid centre (once per database); it returns
// the last run.
func comparisons(t *testing.T, db *store.DB) *ent.CompareRun {
	t.Helper()
	if r, err := db.CompareRun.Query().Order(ent.Desc("id")).First(sys); err == nil {
		return r
	}
	p := db.Person.Query().Where(person.Phone(aidCentre)).OnlyX(sys)
	v, err := auth.New(db.Client, authz.Default()).PersonViewer(context.Background(), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	ctx := authz.NewContext(context.Background(), v)
	kids := db.Student.Query().Where(student.VillageCodeHasPrefix("130681")).Order(ent.Asc("id")).Limit(30).AllX(sys)
	var run *ent.CompareRun
	for i := range 5 {
		l := db.DeptList.Create().SetDepartment(deptlist.DepartmentPoverty).SetPeriod("2026Q4").SetDivisionCode(county).
			SetUploadedByID(p.ID).SetRowCount(6).SaveX(ctx)
		var rows [][]any
		for j, k := range kids[i*6 : i*6+6] {
			name := k.Name
			if j == 0 {
				name += "某"
			}
			rows = append(rows, []any{l.ID, county, j + 2, k.IDNumber, name, k.BirthDate.Format("2006-01-02"), k.VillageCode})
		}
		if err := importjob.Insert(sys, db.Client, deptlistrow.Table, []string{"list_id", "division_code", "line", "id_number", "name",
			"birth_date", "village_code"}, rows, ""); err != nil {
			t.Fatal(err)
		}
		if run, err = compare.Run(ctx, db.Client, l.ID, false); err != nil {
			t.Fatal(err)
		}
	}
	return run
}

func TestComparisonThroughTheAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		fixture.Build(t, db)
		a := newAPI(t, db)
		run := comparisons(t, db)
		centre := a.login(aidCentre)
		d := centre.ok(`mutation($l: ID!) { runComparison(listID: $l, yearEnd: true) { id yearEnd total counts { class label count }
			byTownship { label class count } bySchool { label class count } } }`,
			map[string]any{"l": id(run.ListID)})
		if get(d, "runComparison", "yearEnd") != true || num(d, "runComparison", "total") < 6 ||
			num(d, "runComparison", "counts", 2, "count") != 1 || str(d, "runComparison", "counts", 2, "class") != "NAME_MISMATCH" {
			t.Fatalf("run: %v", d)
		}
		if len(get(d, "runComparison", "byTownship").([]any)) == 0 || len(get(d, "runComparison", "bySchool").([]any)) == 0 {
			t.Errorf("no counts by place: %v", d)
		}
		before := db.AuditLog.Query().Where(auditlog.ActionEQ(auditlog.ActionViewList)).CountX(sys)
		d = centre.ok(`query($r: ID!) { node(id: $r) { ... on CompareRun { results(class: NAME_MISMATCH, first: 10) {
			totalCount edges { node { idNumber classLabel listName sanbaoName detail } } } } } }`, map[string]any{"r": str(d, "runComparison", "id")})
		n := get(d, "node", "results", "edges", 0, "node")
		if num(d, "node", "results", "totalCount") != 1 || !strings.Contains(str(n, "idNumber"), "*") ||
			!strings.HasSuffix(str(n, "listName"), "某") || str(n, "classLabel") != "身份证号相同但姓名不同" {
			t.Errorf("results: %v", d)
		}
		if after := db.AuditLog.Query().Where(auditlog.ActionEQ(auditlog.ActionViewList)).CountX(sys); after != before+1 {
			t.Errorf("reading results logged %d entries", after-before)
		}
		// The aid centre may see the full number, logged as a reveal; the
		// city above may not.
		reveal := `query($r: ID!) { node(id: $r) { ... on CompareRun { results(class: NAME_MISMATCH) { edges { node { idNumber(full: true) } } } } } }`
		reveals := db.AuditLog.Query().Where(auditlog.ActionEQ(auditlog.ActionRevealIdNumber)).CountX(sys)
		d = centre.ok(reveal, map[string]any{"r": id(run.ID)})
		if n := str(d, "node", "results", "edges", 0, "node", "idNumber"); len(n) != 18 || strings.Contains(n, "*") {
			t.Errorf("revealed: %q", n)
		}
		if n := db.AuditLog.Query().Where(auditlog.ActionEQ(auditlog.ActionRevealIdNumber)).CountX(sys); n <= reveals {
			t.Error("the reveal was not logged")
		}
		if r := a.login("13900000004").do(reveal, map[string]any{"r": id(run.ID)}); len(r.Errors) == 0 {
			t.Errorf("the city revealed: %v", r.Data)
		}
		d = centre.ok(`{ deptLists(department: POVERTY) { totalCount edges { node { departmentLabel rowCount } } }
			compareRuns { totalCount edges { node { sinceLast { previous { id } added resolved open } } } } }`, nil)
		// The latest run, of the list run before it again: the same findings.
		if ch := get(d, "compareRuns", "edges", 0, "node", "sinceLast"); get(ch, "previous") == nil || num(ch, "added")+num(ch, "resolved") != 0 || num(ch, "open") == 0 {
			t.Errorf("since last: %v", ch)
		}
		if num(d, "deptLists", "totalCount") != 5 || num(d, "compareRuns", "totalCount") != 6 {
			t.Errorf("centre: %v", d)
		}

		// The city above reads the county's lists and runs but does not run one.
		city := a.login("13900000004")
		if d := city.ok(`{ deptLists { totalCount } compareRuns { totalCount } }`, nil); num(d, "deptLists", "totalCount") != 5 || num(d, "compareRuns", "totalCount") != 6 {
			t.Errorf("the city reads %v", d)
		}
		if r := city.do(`mutation($l: ID!) { runComparison(listID: $l) { id } }`, map[string]any{"l": id(run.ListID)}); len(r.Errors) == 0 {
			t.Errorf("the city ran a comparison: %v", r.Data)
		}

		// Another county's bureau, a principal and an inspector of 涿州 see
		// nothing, not even counts, and cannot run the comparison.
		zd := db.Person.Query().Where(person.HasPositionsWith(position.RoleEQ(position.RoleDirector),
			position.HasOrgWith(org.KindEQ(org.KindCountyBureau), org.DivisionCodeHasPrefix("130123")))).FirstX(sys)
		for _, s := range []*session{a.loginPerson(zd), a.login(principal), a.login("13900000005")} {
			d := s.ok(`{ deptLists { totalCount } compareRuns { totalCount } }`, nil)
			if num(d, "deptLists", "totalCount")+num(d, "compareRuns", "totalCount") != 0 {
				t.Errorf("an outsider sees %v", d)
			}
			if r := s.do(`query($r: ID!) { node(id: $r) { id } }`, map[string]any{"r": id(run.ID)}); r.code() != "NOT_FOUND" {
				t.Errorf("an outsider reads the run: %+v", r)
			}
			r := s.do(`mutation($l: ID!) { runComparison(listID: $l) { id } }`, map[string]any{"l": id(run.ListID)})
			if len(r.Errors) == 0 {
				t.Errorf("an outsider ran a comparison: %v", r.Data)
			}
		}
	})
}

func compareReach() reach {
	return reach{phone: aidCentre, wrap: "%s", path: []string{"c"},
		vars: func(t *testing.T, db *store.DB) map[string]any { comparisons(t, db); return nil }}
}
