package graph_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"sanbao/authz"
	"sanbao/ent/household"
	"sanbao/ent/student"
	"sanbao/idcard"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

const (
	importH = `mutation($c:String!){importHouseholds(csv:$c){created updated errors{line column reason}}}`
	importS = `mutation($c:String!){importStudents(csv:$c){created updated errors{line column reason}}}`
)

func TestRegistryImport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		a := newAPI(t, db)
		admin := a.loginPerson(f.Admin)
		sys := authz.System(context.Background())
		before := db.Household.Query().CountX(sys)

		bad := "\ufeff户编号,户主姓名,村级区划代码,状态,低保,特困供养,残疾,家庭人口,联系电话,住址\n" +
			"N1,王五,130681100201,未脱贫,是,否,否,4,13800000000,松林店村\n" +
			"N2,,130681100201,已脱贫,否,否,否,,,\n" +
			"N3,赵六,130681100000,已脱贫,否,否,否,,,\n" +
			"N4,钱七,130123100201,已脱贫,否,否,否,,,\n" +
			"N5,孙八,130681100202,富裕户,也许,否,否,99,,\n" +
			"N1,重复,130681100201,已脱贫,否,否,否,,,\n"
		d := admin.ok(importH, map[string]any{"c": bad})
		errs := get(d, "importHouseholds", "errors").([]any)
		want := map[string]bool{"3/户主姓名": false, "4/村级区划代码": false, "5/村级区划代码": false, "6/状态": false, "6/低保": false, "6/家庭人口": false, "7/户编号": false}
		for _, e := range errs {
			k := strings.Join([]string{strconvI(num(e, "line")), str(e, "column")}, "/")
			if _, ok := want[k]; !ok {
				t.Errorf("unexpected error %v", e)
			}
			want[k] = true
		}
		for k, seen := range want {
			if !seen {
				t.Errorf("no error reported for %s (got %v)", k, errs)
			}
		}
		if n := db.Household.Query().CountX(sys); n != before || num(d, "importHouseholds", "created") != 0 {
			t.Fatalf("a file with errors stored rows: %d -> %d", before, n)
		}

		good := "户编号,户主姓名,村级区划代码,状态,低保,特困供养,残疾,家庭人口,联系电话,住址\n" +
			"N1,王五,130681100201,未脱贫,是,否,否,4,13800000000,松林店村\n" +
			"H1,户主改名,130681100201,未脱贫,否,否,否,,,\n"
		d = admin.ok(importH, map[string]any{"c": good})
		if num(d, "importHouseholds", "created") != 1 || num(d, "importHouseholds", "updated") != 1 {
			t.Fatalf("import: %v", d)
		}
		if h := db.Household.Query().Where(household.Number("H1")).OnlyX(sys); h.HeadName != "户主改名" {
			t.Errorf("H1 not updated: %s", h.HeadName)
		}
		n1 := db.Household.Query().Where(household.Number("N1")).OnlyX(sys)
		if n1.VillageCode != "130681100201" || !n1.Dibao || n1.Size != 4 {
			t.Errorf("N1 = %+v", n1)
		}

		id := idcard.Build("130681", time.Date(2014, 6, 1, 0, 0, 0, 0, time.UTC), 77)
		students := "姓名,身份证号,户编号,学段,年级,班级,学籍学校,县外就读学校,在读状态,寄宿,残疾,留守儿童,随迁子女,少数民族\n" +
			"新生," + strings.ToLower(id) + ",N1,小学,6,2班,松林店镇中心校,,在读,否,否,是,否,否\n" +
			"外读," + idcard.Build("130681", time.Date(2008, 6, 1, 0, 0, 0, 0, time.UTC), 79) + ",N1,高中,11,,,北京市大兴区黄村中学,,否,否,否,否,否\n"
		badS := students + "错号,130681201406010770,N1,小学,,,,,,,,,,\n" + "无户," + idcard.Build("130681", time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC), 81) + ",NX,小学,,,无此校,,,,,,,\n"
		d = admin.ok(importS, map[string]any{"c": badS})
		if n := len(get(d, "importStudents", "errors").([]any)); n != 3 {
			t.Errorf("student errors = %v", get(d, "importStudents", "errors"))
		}
		d = admin.ok(importS, map[string]any{"c": students})
		if num(d, "importStudents", "created") != 2 {
			t.Fatalf("student import: %v", d)
		}
		s := db.Student.Query().Where(student.IDNumber(id)).OnlyX(sys)
		if s.SchoolID == nil || *s.SchoolID != f.C1.ID || !s.LeftBehind || s.VillageCode != "130681100201" {
			t.Errorf("imported student = %+v", s)
		}
		// Only those who keep the registry may import.
		if res := a.loginPerson(f.P1).do(importH, map[string]any{"c": good}); res.code() != "FORBIDDEN" {
			t.Errorf("principal imported: %+v", res.Errors)
		}
	})
}

func strconvI(n int) string { return id(n) }
