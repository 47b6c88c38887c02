package importjob_test

import (
	"context"
	"strings"
	"testing"

	"sanbao/authz"
	"sanbao/ent/person"
	"sanbao/ent/position"
	ij "sanbao/importjob"
	"sanbao/store"
	"sanbao/store/storetest"
)

// The staff list (人员名单) imports as the registries do: headers as offices
// write them, all or nothing, and a school leader only for their school.
func TestStaffJob(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, ij.Options{})
		tok := e.login(admin)
		sys := authz.System(context.Background())
		rows := [][]any{
			{"序号", "所在学校", " 姓　名 ", "手机号码", "职务", "任教班级"},
			{1, "松林店镇中心校", "吴新老师", "13512345601", "教师、班主任", "五年级1班"},
			{2, "涿州市第二中学", "吴新老师", "13512345601", "教师", ""},
			{3, "松林店镇中心校", "郑新老师", "13512345602", "扫地", ""},
		}
		job := e.wait(tok, e.submit(tok, "staff", "人员.xlsx", xlsxOf(t, rows)))
		if errs := cellErrors(job); job["state"] != "FAILED" || len(errs) != 1 || !strings.HasPrefix(errs[0], "4/职务/不认识的职务") {
			t.Fatalf("bad role: %v %q", job["state"], errs)
		}
		if db.Person.Query().Where(person.Phone("13512345601")).ExistX(sys) {
			t.Fatal("a failed file stored a row")
		}
		rows[3][4] = "教师"
		job = e.wait(tok, e.submit(tok, "staff", "人员.xlsx", xlsxOf(t, rows)))
		if job["state"] != "DONE" || n(job["createdCount"]) != 2 {
			t.Fatalf("fixed file: %v %q", job, cellErrors(job))
		}
		wu := db.Person.Query().Where(person.Phone("13512345601")).OnlyX(sys)
		ps := db.Position.Query().Where(position.PersonID(wu.ID)).AllX(sys)
		if !wu.MustChangePassword || len(ps) != 3 {
			t.Errorf("吴新老师: must change %v, %d positions", wu.MustChangePassword, len(ps))
		}
		// A principal adds staff to their own school only.
		p := e.login(principal)
		rows = [][]any{{"姓名", "手机号", "单位", "职务"}, {"王新", "13512345603", "涿州市第二中学", "教师"}}
		job = e.wait(p, e.submit(p, "staff", "人员.csv", csvOf(rows)))
		if errs := cellErrors(job); job["state"] != "FAILED" || len(errs) != 1 || !strings.HasPrefix(errs[0], "2/单位/") {
			t.Fatalf("principal elsewhere: %v %q", job["state"], errs)
		}
		// A teacher may not import staff at all.
		if status, _ := e.upload(e.login(teacher), "staff", "人员.csv", csvOf(rows)); status != 403 {
			t.Errorf("teacher upload: %d", status)
		}
	})
}
