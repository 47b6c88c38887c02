package staff_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"sanbao/auth"
	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/person"
	"sanbao/ent/position"
	"sanbao/internal/fixture"
	"sanbao/staff"
	"sanbao/store"
	"sanbao/store/storetest"
)

func TestHeadersAsOfficesWriteThem(t *testing.T) {
	for cell, want := range map[string]string{
		"姓名": "姓名", "\ufeff姓名": "姓名", " 手 机 号 ": "手机号", "手机号码": "手机号", "联系电话": "手机号",
		"学校名称": "单位", "单位": "单位", "职务": "职务", "岗位": "职务", "任教班级": "班级", "备注": "", "身份证号": "",
	} {
		if got := staff.Header(cell); got != want {
			t.Errorf("Header(%q) = %q, want %q", cell, got, want)
		}
	}
}

func TestNormalizePhone(t *testing.T) {
	for in, want := range map[string]string{
		"13912345678": "13912345678", "+86 139-1234-5678": "13912345678", "１３９１２３４５６７８": "13912345678",
		"1391234567": "", "23912345678": "", "139123456789": "", "": "",
	} {
		got, err := staff.NormalizePhone(in)
		if got != want || (want == "") != (err != nil) {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

// asPerson is ctx acting for p.
func asPerson(t *testing.T, db *store.DB, p *ent.Person) context.Context {
	t.Helper()
	v, err := auth.New(db.Client, authz.Default()).PersonViewer(context.Background(), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	return authz.NewContext(context.Background(), v)
}

func row(name, phone, unit, role, class string) map[string]string {
	return map[string]string{"姓名": name, "手机号码": phone, "学校名称": unit, "职务": role, "任教班级": class, "备注": "随便写"}
}

func TestCheckRows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		admin := asPerson(t, db, f.Admin)
		p1 := asPerson(t, db, f.P1)
		k, err := staff.NewChecker(admin, db.Client)
		if err != nil {
			t.Fatal(err)
		}
		good, errs := k.CheckRow(admin, db.Client, row("王芳", "13512340001", "松林店镇中心校", "教师、班主任", "四年级(2)班"))
		if len(errs) != 0 || good.Name != "王芳" || len(good.Positions) != 2 || good.ExistingID != 0 {
			t.Fatalf("good row: %+v %+v", good, errs)
		}
		hd := good.Positions[1]
		if hd.Role != position.RoleHeadTeacher || *hd.Grade != 4 || hd.ClassName != "2班" || hd.OrgID != f.C1.ID {
			t.Errorf("head teacher position: %+v", hd)
		}
		for _, c := range []struct {
			name  string
			ctx   context.Context
			cols  map[string]string
			col   string
			words string
		}{
			{"no name", admin, row("", "13512340002", "松林店镇中心校", "教师", ""), "姓名", "请填写姓名"},
			{"bad phone", admin, row("李四", "135123", "松林店镇中心校", "教师", ""), "手机号", "11位"},
			{"unknown unit", admin, row("李四", "13512340003", "不存在小学", "教师", ""), "单位", "未找到"},
			{"unknown role", admin, row("李四", "13512340004", "松林店镇中心校", "厨师", ""), "职务", "不认识的职务“厨师”"},
			{"a director at a school", admin, row("李四", "13512340005", "松林店镇中心校", "局长", ""), "职务", "没有“局长”"},
			{"county director creates the aid centre's officer", admin, row("李四", "13512340006", "涿州市教育和体育局", "资助中心专干", ""), "职务", "无权"},
			{"head teacher without a class", admin, row("李四", "13512340007", "松林店镇中心校", "班主任", ""), "班级", "请填写班级"},
			{"head teacher with a bad class", admin, row("李四", "13512340008", "松林店镇中心校", "班主任", "初五3班"), "班级", "四年级2班"},
			{"phone of someone else", admin, row("李四", f.T1.Phone, "松林店镇中心校", "教师", ""), "手机号", "已登记为甲老师"},
			{"phone of someone out of sight", p1, row("李四", f.T2.Phone, "松林店镇中心校", "教师", ""), "手机号", "已被使用"},
			{"another school", p1, row("李四", "13512340009", "码头镇中心校", "教师", ""), "单位", "无权"},
			{"the same phone twice in a file", admin, row("赵六", "13512340001", "松林店镇中心校", "教师", ""), "手机号", "与上文“王芳”"},
		} {
			kk := k
			if c.ctx != admin {
				kk, _ = staff.NewChecker(c.ctx, db.Client)
			}
			_, errs := kk.CheckRow(c.ctx, db.Client, c.cols)
			if !slices.ContainsFunc(errs, func(e staff.RowError) bool { return e.Column == c.col && strings.Contains(e.Reason, c.words) }) {
				t.Errorf("%s: want %s %q, got %+v", c.name, c.col, c.words, errs)
			}
		}
		// Classes as schools write them.
		for cell, want := range map[string][2]any{"4年级2班": {4, "2班"}, "初一（3）班": {7, "3班"}, "高三1班": {12, "1班"}, "十二年级1班": {12, "1班"}} {
			r, errs := staff.CheckRow(admin, db.Client, row("钱七", "13512340010", "松林店镇中心校", "班主任", cell))
			if len(errs) != 0 || *r.Positions[0].Grade != want[0].(int) || r.Positions[0].ClassName != want[1].(string) {
				t.Errorf("class %q: %+v %+v", cell, r.Positions, errs)
			}
		}
		// A known person on a row: the row adds to their positions.
		known, errs := staff.CheckRow(admin, db.Client, row("甲老师", f.T1.Phone, "涿州市第二中学", "教师", ""))
		if len(errs) != 0 || known.ExistingID != f.T1.ID {
			t.Fatalf("known person: %+v %+v", known, errs)
		}

		// Storing: new people get one-time passwords; a second run adds nothing.
		a := auth.New(db.Client, authz.Default())
		a.BcryptCost = bcrypt.MinCost
		second, _ := k.CheckRow(admin, db.Client, row("王芳", "13512340001", "涿州市第二中学", "教师", ""))
		rows := []staff.Row{good, second, known}
		accts, err := staff.StoreRows(admin, db.Client, a, rows)
		if err != nil {
			t.Fatal(err)
		}
		sys := authz.System(context.Background())
		wf := db.Person.Query().Where(person.Phone("13512340001")).OnlyX(sys)
		if len(accts) != 1 || accts[0].Person.ID != wf.ID || len(accts[0].OneTimePassword) < 8 || !wf.MustChangePassword {
			t.Fatalf("accounts: %+v", accts)
		}
		if n := db.Position.Query().Where(position.PersonID(wf.ID)).CountX(sys); n != 3 {
			t.Errorf("王芳 has %d positions, want 3 (two at C1, one at K)", n)
		}
		if n := db.Position.Query().Where(position.PersonID(f.T1.ID), position.OrgID(f.K.ID)).CountX(sys); n != 1 {
			t.Errorf("甲老师 at K: %d", n)
		}
		rows[0].ExistingID, rows[1].ExistingID = wf.ID, wf.ID
		if accts, err := staff.StoreRows(admin, db.Client, a, rows); err != nil || len(accts) != 0 {
			t.Fatalf("second run: %+v %v", accts, err)
		}
		if n := db.Position.Query().CountX(sys); n != 7+3+1 {
			t.Errorf("%d positions after the second run, want 11", n)
		}
		// Refused by authz when stored by someone who may not (a school
		// leader storing rows checked for the county).
		if _, err := staff.StoreRows(p1, db.Client, a, []staff.Row{{Name: "孙八", Phone: "13512340011", Positions: []staff.NewPosition{{OrgID: f.C2.ID, Role: position.RoleTeacher}}}}); err == nil {
			t.Error("a school leader stored a teacher at another school")
		}
	})
}
