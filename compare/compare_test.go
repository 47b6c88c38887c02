package compare_test

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"sanbao/auth"
	"sanbao/authz"
	"sanbao/compare"
	"sanbao/divimport"
	"sanbao/ent"
	"sanbao/ent/compareresult"
	"sanbao/ent/deptlist"
	"sanbao/ent/deptlistrow"
	"sanbao/ent/org"
	"sanbao/ent/position"
	"sanbao/idcard"
	"sanbao/importjob"
	"sanbao/internal/fixture"
	"sanbao/sheet"
	"sanbao/store"
	"sanbao/store/storetest"
)

func asPerson(t testing.TB, db *store.DB, p *ent.Person) context.Context {
	t.Helper()
	v, err := auth.New(db.Client, authz.Default()).PersonViewer(context.Background(), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	return authz.NewContext(context.Background(), v)
}

// importList imports data as dept's list in one transaction, as the runner does.
func importList(t testing.TB, ctx context.Context, db *store.DB, dept compare.Department, data []byte) (*importjob.Result, error) {
	t.Helper()
	k, ok := importjob.Lookup(compare.KindName(dept))
	if !ok {
		t.Fatalf("no kind for %s", dept)
	}
	tx, err := db.Client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	res, err := importjob.Run(ctx, tx.Client(), k, data, importjob.MaxRows)
	if err != nil || len(res.Errors) > 0 {
		tx.Rollback()
		return res, err
	}
	return res, tx.Commit()
}

func runCompare(t testing.TB, ctx context.Context, db *store.DB, listID int) (*ent.CompareRun, error) {
	t.Helper()
	tx, err := db.Client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	run, err := compare.Run(ctx, tx.Client(), listID, false)
	if err != nil {
		tx.Rollback()
		return nil, err
	}
	return run, tx.Commit()
}

// otherCounty adds 正定县 with a bureau and its director.
func otherCounty(t testing.TB, db *store.DB) *ent.Person {
	t.Helper()
	ctx := authz.System(context.Background())
	if _, err := divimport.Import(ctx, db.Client, strings.NewReader("code,name,level,parent_code\n130100000000,石家庄市,city,130000000000\n"+
		"130123000000,正定县,county,130100000000\n130123100000,正定镇,township,130123000000\n130123100201,顺城关村,village,130123100000\n")); err != nil {
		t.Fatal(err)
	}
	c := db.Client
	d, err := c.Division.Query().Where().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var county int
	for _, x := range d {
		if x.Code == "130123000000" {
			county = x.ID
		}
	}
	b := c.Org.Create().SetName("正定县教育局").SetKind(org.KindCountyBureau).SetDivisionID(county).SaveX(ctx)
	p := c.Person.Create().SetName("正定局长").SetPhone("13799999999").SetPasswordHash("x").SaveX(ctx)
	c.Position.Create().SetPersonID(p.ID).SetOrgID(b.ID).SetRole(position.RoleDirector).ExecX(ctx)
	return p
}

func csv(lines ...string) []byte { return []byte(strings.Join(lines, "\r\n") + "\r\n") }

func TestClassifiesEveryClass(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		admin := asPerson(t, db, f.Admin)
		kid := idcard.Build("130681", time.Date(2016, 3, 3, 0, 0, 0, 0, time.UTC), 11)
		adult := idcard.Build("130681", time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC), 13)
		typo := idcard.Build("130681", f.S5.BirthDate, 99) // 学生五's birth date, another number
		old := "130681750101151"                           // 15 digits: born 1975-01-01
		data := csv("户编号,户主姓名,成员姓名,身份证号码,与户主关系,所在村,脱贫状态/年度,是否监测对象",
			"H1,户主H1,学生一,"+f.S1.IDNumber+",子,松林店村,未脱贫,否",
			"H2,户主H2,学生贰,"+f.S2.IDNumber+",子,松林店村,已脱贫（2019）,否",
			"H3,户主H3,学生四,"+strings.ToLower(f.S4.IDNumber)+",子,东茨村,已脱贫,否",
			"H3,户主H3,学生三,"+f.S3.IDNumber+",子,东茨村,已脱贫,否",
			"H9,户主H9,新孩子,"+kid+",子,130681100203,未脱贫,是",
			"H9,户主H9,户主H9,"+adult+",户主,西茨村,未脱贫,是",
			"H4,户主H4,学生五,"+typo+",子,码头村,已脱贫,否",
			"H8,老户主,老户主,"+old+",户主,码头村,已脱贫,否",
		)
		res, err := importList(t, admin, db, deptlist.DepartmentPoverty, data)
		if err != nil || len(res.Errors) > 0 {
			t.Fatalf("import: %v %+v", err, res)
		}
		l := db.DeptList.Query().OnlyX(admin)
		if l.RowCount != 8 || l.Department != deptlist.DepartmentPoverty || l.DivisionCode != "130681000000" || l.Period != compare.Period(time.Now()) {
			t.Fatalf("list: %+v", l)
		}
		up := db.DeptListRow.Query().Where(deptlistrow.Line(9)).OnlyX(admin)
		if up.IDNumber != idcard.Upgrade(old) || up.BirthDate != "1975-01-01" {
			t.Errorf("15-digit row stored as %s %s", up.IDNumber, up.BirthDate)
		}
		run, err := runCompare(t, admin, db, l.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{"MATCHED": 1, "NAME_MISMATCH": 1, "STATUS_DIFF": 1, "NOT_IN_SCHOOL": 2, "LIST_ONLY": 2,
			"POSSIBLE_TYPO": 1, "SANBAO_ONLY": 1}
		for k, n := range want {
			if run.Counts[k] != n {
				t.Errorf("%s: %d, want %d (all %v)", k, run.Counts[k], n, run.Counts)
			}
		}
		if run.Total != 9 {
			t.Errorf("total %d", run.Total)
		}
		byID := map[string]*ent.CompareResult{}
		for _, r := range db.CompareResult.Query().Where(compareresult.RunID(run.ID)).AllX(admin) {
			byID[r.IDNumber] = r
		}
		check := func(id string, class compareresult.Class, detail string) {
			t.Helper()
			r := byID[id]
			if r == nil {
				t.Errorf("%s: no result", id)
				return
			}
			if r.Class != class || !strings.Contains(r.Detail, detail) {
				t.Errorf("%s: %s %q, want %s with %q", id, r.Class, r.Detail, class, detail)
			}
		}
		check(f.S1.IDNumber, compareresult.ClassMatched, "")
		check(f.S2.IDNumber, compareresult.ClassNameMismatch, "名单“学生贰”，三包“学生二”")
		check(f.S4.IDNumber, compareresult.ClassStatusDiff, "户类型")
		check(f.S3.IDNumber, compareresult.ClassNotInSchool, "疑似辍学")
		check(kid, compareresult.ClassNotInSchool, "三包系统中无此人")
		check(adult, compareresult.ClassListOnly, "")
		check(idcard.Upgrade(old), compareresult.ClassListOnly, "")
		check(typo, compareresult.ClassPossibleTypo, "身份证号不同")
		check(f.S6.IDNumber, compareresult.ClassSanbaoOnly, "扶贫名单中没有")
		if r := byID[typo]; r != nil && (r.OtherIDNumber != f.S5.IDNumber || r.StudentID == nil || *r.StudentID != f.S5.ID) {
			t.Errorf("typo pair: %+v", r)
		}
	})
}

func TestImportErrors(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		admin := asPerson(t, db, f.Admin)
		bad := []byte(f.S1.IDNumber)
		if bad[17] == '1' {
			bad[17] = '2'
		} else {
			bad[17] = '1'
		}
		data := csv("姓名,身份证号,所在村,类别",
			"学生一,"+f.S1.IDNumber+",松林店村,A类",
			"错号,"+string(bad)+",松林店村,A类",
			"无村,"+f.S2.IDNumber+",没有这个村,A类",
			"错码,"+f.S3.IDNumber+",130681999999,A类",
			"重复,"+f.S1.IDNumber+",松林店村,A类",
			"旧号,130681750101151,码头村,B类",
		)
		gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(data)
		if err != nil {
			t.Fatal(err)
		}
		res, err := importList(t, admin, db, deptlist.DepartmentDibao, gbk)
		if err != nil {
			t.Fatal(err)
		}
		got := map[int]sheet.CellError{}
		for _, e := range res.Errors {
			got[e.Line] = e
		}
		wantErr := map[int]string{3: "校验位", 4: "没有名为“没有这个村”的村", 5: "130681999999", 6: "与第2行的身份证号重复"}
		if len(res.Errors) != len(wantErr) {
			t.Errorf("errors: %+v", res.Errors)
		}
		for line, reason := range wantErr {
			if e, ok := got[line]; !ok || !strings.Contains(e.Reason, reason) {
				t.Errorf("line %d: %+v, want %q", line, e, reason)
			}
		}
		if n := db.DeptList.Query().CountX(admin); n != 0 {
			t.Errorf("a file with errors stored %d lists", n)
		}
		// The same rows without the wrong ones, as .xlsx: stored whole.
		x := excelize.NewFile()
		wide := strings.Map(func(r rune) rune { // full-width digits, as some offices type them
			if r >= '0' && r <= '9' {
				return r - '0' + '０'
			}
			return r
		}, f.S2.IDNumber)
		for i, row := range [][]string{{"姓名", "公民身份号码", "村名"}, {"学生一", f.S1.IDNumber, "松林店村"}, {"旧号", "130681750101151", "码头村"},
			{"学生二", wide, "松林店村"}} {
			for j, v := range row {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				x.SetCellStr("Sheet1", cell, v)
			}
		}
		var buf bytes.Buffer
		if err := x.Write(&buf); err != nil {
			t.Fatal(err)
		}
		res, err = importList(t, admin, db, deptlist.DepartmentDibao, buf.Bytes())
		if err != nil || len(res.Errors) > 0 || res.Counts.Created != 3 {
			t.Fatalf("xlsx: %v %+v", err, res)
		}
		if !db.DeptListRow.Query().Where(deptlistrow.IDNumber(f.S2.IDNumber)).ExistX(admin) {
			t.Error("full-width digits not stored as the number")
		}
	})
}

func TestScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		other := otherCounty(t, db)
		admin, stranger, principal := asPerson(t, db, f.Admin), asPerson(t, db, other), asPerson(t, db, f.P1)
		if _, err := importList(t, admin, db, deptlist.DepartmentPoverty, csv("姓名,身份证号,所在村", "学生一,"+f.S1.IDNumber+",松林店村")); err != nil {
			t.Fatal(err)
		}
		l := db.DeptList.Query().OnlyX(admin)
		run, err := runCompare(t, admin, db, l.ID)
		if err != nil {
			t.Fatal(err)
		}
		for name, ctx := range map[string]context.Context{"another county": stranger, "a principal": principal} {
			if n := db.DeptList.Query().CountX(ctx) + db.DeptListRow.Query().CountX(ctx) +
				db.CompareRun.Query().CountX(ctx) + db.CompareResult.Query().CountX(ctx); n != 0 {
				t.Errorf("%s sees %d rows", name, n)
			}
			if _, err := runCompare(t, ctx, db, l.ID); !ent.IsNotFound(err) {
				t.Errorf("%s ran a comparison of another county's list: %v", name, err)
			}
		}
		if _, ok := importjob.Lookup(compare.KindName(deptlist.DepartmentPoverty)); !ok ||
			importjobAllowed(principal) {
			t.Error("a principal may import a department's list")
		}
		if n := db.CompareResult.Query().Where(compareresult.RunID(run.ID)).CountX(admin); n != 4 { // 学生一 matched; 学生二, 学生五, 学生六 not on the list
			t.Errorf("the county's admin sees %d results", n)
		}
	})
}

func importjobAllowed(ctx context.Context) bool {
	k, _ := importjob.Lookup(compare.KindName(deptlist.DepartmentPoverty))
	return k.Allowed(authz.FromContext(ctx))
}

// Two quarters: a name corrected (resolved), a status still different and
// two students still missing (open), a new child found (added).
func TestSinceLast(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		admin := asPerson(t, db, f.Admin)
		kid := idcard.Build("130681", time.Date(2016, 3, 3, 0, 0, 0, 0, time.UTC), 11)
		quarter := func(lines ...string) *ent.CompareRun {
			t.Helper()
			if _, err := importList(t, admin, db, deptlist.DepartmentPoverty, csv(append([]string{"姓名,身份证号,所在村"}, lines...)...)); err != nil {
				t.Fatal(err)
			}
			l := db.DeptList.Query().Order(ent.Desc("id")).FirstX(admin)
			run, err := runCompare(t, admin, db, l.ID)
			if err != nil {
				t.Fatal(err)
			}
			return run
		}
		first := quarter("学生一,"+f.S1.IDNumber+",松林店村", "学生贰,"+f.S2.IDNumber+",松林店村", "学生四,"+f.S4.IDNumber+",东茨村")
		if ch, err := compare.SinceLast(admin, db.Client, first); err != nil || ch.Previous != nil || ch.Added+ch.Open+ch.Resolved != 0 {
			t.Fatalf("first run: %+v %v", ch, err)
		}
		second := quarter("学生一,"+f.S1.IDNumber+",松林店村", "学生二,"+f.S2.IDNumber+",松林店村", "学生四,"+f.S4.IDNumber+",东茨村",
			"新孩子,"+kid+",西茨村")
		ch, err := compare.SinceLast(admin, db.Client, second)
		if err != nil || ch.Previous == nil || ch.Previous.ID != first.ID || ch.Added != 1 || ch.Resolved != 1 || ch.Open != 3 {
			t.Errorf("second run: %+v %v", ch, err)
		}
	})
}

func TestByTownshipAndSchool(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		admin := asPerson(t, db, f.Admin)
		if _, err := importList(t, admin, db, deptlist.DepartmentPoverty,
			csv("姓名,身份证号,所在村", "学生一,"+f.S1.IDNumber+",松林店村", "学生贰,"+f.S2.IDNumber+",松林店村")); err != nil {
			t.Fatal(err)
		}
		run, err := runCompare(t, admin, db, db.DeptList.Query().OnlyX(admin).ID)
		if err != nil {
			t.Fatal(err)
		}
		got := func(xs []*compare.AreaCount, err error) string {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, x := range xs {
				b.WriteString(x.Label + ":" + string(x.Class) + ":" + strconv.Itoa(x.Count) + " ")
			}
			return b.String()
		}
		// 学生一 matched (C1), 学生二 name (C2), 学生五 (V4 码头镇, C2) and 学生六 (V1, outside) missing.
		if s := got(compare.ByTownship(admin, db.Client, run)); s != "松林店镇:NAME_MISMATCH:1 松林店镇:SANBAO_ONLY:1 松林店镇:MATCHED:1 码头镇:SANBAO_ONLY:1 " {
			t.Errorf("by township: %s", s)
		}
		if s := got(compare.BySchool(admin, db.Client, run)); s != "未知:SANBAO_ONLY:1 松林店镇中心校:MATCHED:1 码头镇中心校:NAME_MISMATCH:1 码头镇中心校:SANBAO_ONLY:1 " {
			t.Errorf("by school: %s", s)
		}
	})
}

// The enrollment roster: a school differing, an enrollment status
// differing (found by 学籍号), a student sanbao lacks, and a student of the
// county's schools the roster no longer has.
func TestEnrollmentRoster(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		admin := asPerson(t, db, f.Admin)
		newcomer := idcard.Build("130681", time.Date(2015, 6, 6, 0, 0, 0, 0, time.UTC), 21)
		data := csv("学生姓名,身份证号,全国学籍号,学校名称,学段,年级,班级,学籍状态",
			"学生一,"+f.S1.IDNumber+",,松林店镇中心校,小学,三年级,1班,在读",
			"学生二,"+f.S2.IDNumber+",,松林店镇中心校,小学,3,1班,在读",
			"学生三,,G"+f.S3.IDNumber+",松林店镇中心校,小学,三年级,1班,在读",
			"插班生,"+newcomer+",,码头镇中心校,小学,五年级,2班,在读",
		)
		if res, err := importList(t, admin, db, deptlist.DepartmentEnrollment, data); err != nil || len(res.Errors) > 0 {
			t.Fatalf("import: %v %+v", err, res)
		}
		l := db.DeptList.Query().OnlyX(admin)
		if g := db.DeptListRow.Query().Where(deptlistrow.IDNumber(newcomer)).OnlyX(admin).Grade; g != 5 {
			t.Errorf("五年级 read as %d", g)
		}
		run, err := runCompare(t, admin, db, l.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{"MATCHED": 1, "STATUS_DIFF": 2, "LIST_ONLY": 1, "SANBAO_ONLY": 1}
		if run.Total != 5 {
			t.Errorf("total %d, counts %v", run.Total, run.Counts)
		}
		for k, n := range want {
			if run.Counts[k] != n {
				t.Errorf("%s: %d, want %d (all %v)", k, run.Counts[k], n, run.Counts)
			}
		}
		details := map[string]string{}
		for _, r := range db.CompareResult.Query().Where(compareresult.RunID(run.ID)).AllX(admin) {
			details[r.IDNumber] = string(r.Class) + " " + r.Detail
		}
		for id, want := range map[string]string{f.S2.IDNumber: "学校：名单“松林店镇中心校”，三包“码头镇中心校”",
			f.S3.IDNumber: "在读状态：名单“在读”，三包“疑似辍学”", f.S4.IDNumber: "SANBAO_ONLY", newcomer: "LIST_ONLY"} {
			if !strings.Contains(details[id], want) {
				t.Errorf("%s: %q, want %q", id, details[id], want)
			}
		}
	})
}
