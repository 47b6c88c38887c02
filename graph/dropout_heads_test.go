package graph_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"sanbao/dropout"
	"sanbao/ent"
	"sanbao/ent/caseaction"
	"sanbao/ent/division"
	"sanbao/ent/dropoutcase"
	"sanbao/ent/position"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

const setHead = `mutation($in: DivisionContactInput!) { setDivisionContact(input: $in) { id divisionCode role name title phone } }`

func head(code, role, name, phone string) map[string]any {
	return map[string]any{"in": map[string]any{"divisionCode": code, "role": role, "name": name, "title": name[:3] + "职务", "phone": phone}}
}

// 七长: the county names its division heads; a case shows all seven, the
// unknown ones unnamed; who may set, clear and read the heads.
func TestSevenHeads(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		a := newAPI(t, db)
		admin, p1, t1 := a.login(f.Admin.Phone), a.login(f.P1.Phone), a.login(f.T1.Phone)
		bd := db.Division.Query().Where(division.Code("130600000000")).OnlyX(sys)
		db.Division.Create().SetCode("130682000000").SetName("定州市").SetLevel(division.LevelCounty).SetParentID(bd.ID).ExecX(sys)
		ht := db.Person.Create().SetName("丁班主任").SetPhone("13700000098").SetPasswordHash(f.T1.PasswordHash).SaveX(sys)
		db.Position.Create().SetPersonID(ht.ID).SetOrgID(f.C1.ID).SetRole(position.RoleHeadTeacher).SetGrade(3).SetClassName("1班").ExecX(sys)

		admin.ok(setHead, head("130681000000", "COUNTY_HEAD", "张县长", "0312-3861234"))
		admin.ok(setHead, head("130681000000", "EDUCATION_HEAD", "王局长", "13800000001"))
		admin.ok(setHead, head("130681100000", "TOWNSHIP_HEAD", "赵镇长", "13800000002"))
		admin.ok(setHead, head(f.V2.Code, "VILLAGE_HEAD", "钱主任", "13800000003"))
		// Set again: the same row, renamed.
		again := admin.ok(setHead, head(f.V2.Code, "VILLAGE_HEAD", "孙主任", "13800000004"))
		if n := db.DivisionContact.Query().CountX(sys); n != 4 || str(again, "setDivisionContact", "name") != "孙主任" {
			t.Fatalf("%d contacts after renaming: %v", n, again)
		}
		// Refused: not a county admin; another county; bad input named.
		for _, s := range []*session{p1, t1} {
			if r := s.do(setHead, head(f.V1.Code, "VILLAGE_HEAD", "李主任", "")); len(r.Errors) == 0 {
				t.Fatal("a school set a village head")
			}
		}
		if r := admin.do(setHead, head("130682000000", "COUNTY_HEAD", "周县长", "")); len(r.Errors) == 0 {
			t.Fatal("a county admin set another county's head")
		}
		for in, want := range map[string]map[string]any{
			"职务":   head(f.V1.Code, "TOWNSHIP_HEAD", "李镇长", ""),
			"电话":   head(f.V1.Code, "VILLAGE_HEAD", "李主任", "电话号码"),
			"区划代码": head("130681999999", "VILLAGE_HEAD", "李主任", ""),
		} {
			if r := admin.do(setHead, want); r.code() != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, in) {
				t.Errorf("%s: %+v", in, r.Errors)
			}
		}

		// The case of S3 (V2, C1, grade 3 1班) names all seven.
		k := db.DropoutCase.Create().SetStudentID(f.S3.ID).SetVillageCode(f.S3.VillageCode).SetNillableSchoolID(f.S3.SchoolID).
			SetKind(dropoutcase.KindDropout).SetSource(dropoutcase.SourceManual).SaveX(sys)
		q := `query($id: ID!) { node(id: $id) { ... on DropoutCase { sevenHeads { role label name title phone } } } }`
		heads := get(admin.ok(q, map[string]any{"id": id(k.ID)}), "node", "sevenHeads").([]any)
		want := [][2]string{{"县长", "张县长"}, {"教育局长", "王局长"}, {"乡镇长", "赵镇长"}, {"村主任", "孙主任"},
			{"校长", "甲校长"}, {"班主任", "丁班主任"}, {"家长/监护人", "户主H3"}}
		if len(heads) != 7 {
			t.Fatalf("heads: %v", heads)
		}
		for i, w := range want {
			if str(heads[i], "label") != w[0] || str(heads[i], "name") != w[1] {
				t.Errorf("head %d: %v, want %v", i, heads[i], w)
			}
		}
		if str(heads[4], "title") != "松林店镇中心校校长" || str(heads[4], "phone") != f.P1.Phone || str(heads[0], "phone") != "0312-3861234" {
			t.Errorf("principal and county head: %v %v", heads[4], heads[0])
		}
		// The case of S1 (V1, no village head named): unnamed, with its role.
		k1 := db.DropoutCase.Create().SetStudentID(f.S1.ID).SetVillageCode(f.S1.VillageCode).SetNillableSchoolID(f.S1.SchoolID).
			SetKind(dropoutcase.KindSuspected).SetSource(dropoutcase.SourceManual).SaveX(sys)
		h1 := get(p1.ok(q, map[string]any{"id": id(k1.ID)}), "node", "sevenHeads").([]any)
		if str(h1[3], "role") != "VILLAGE_HEAD" || str(h1[3], "name") != "" || str(h1[2], "name") != "赵镇长" {
			t.Errorf("S1's heads: %v", h1)
		}

		// Reading the heads: the county all of its own and its townships';
		// the central school its township's; a teacher none.
		list := `query($c: String!) { divisionContacts(divisionCode: $c) { divisionCode role name } }`
		if n := len(get(admin.ok(list, map[string]any{"c": "130681000000"}), "divisionContacts").([]any)); n != 3 {
			t.Errorf("county lists %d heads, want 3 (the village's is a level below)", n)
		}
		if l := get(p1.ok(list, map[string]any{"c": "130681100000"}), "divisionContacts").([]any); len(l) != 2 {
			t.Errorf("central school lists %v", l)
		}
		if l := get(p1.ok(list, map[string]any{"c": "130681000000"}), "divisionContacts").([]any); len(l) != 1 || str(l[0], "role") != "TOWNSHIP_HEAD" {
			t.Errorf("central school reads the county's heads: %v", l)
		}
		if l := get(t1.ok(list, map[string]any{"c": "130681100000"}), "divisionContacts").([]any); len(l) != 0 {
			t.Errorf("a teacher lists %v", l)
		}
		// Clearing: the county admin only.
		clear := `mutation($c: String!, $r: DivisionContactRole!) { clearDivisionContact(divisionCode: $c, role: $r) }`
		vars := map[string]any{"c": f.V2.Code, "r": "VILLAGE_HEAD"}
		if r := p1.do(clear, vars); len(r.Errors) == 0 {
			t.Fatal("a school cleared a village head")
		}
		if d := admin.ok(clear, vars); get(d, "clearDivisionContact") != true {
			t.Fatalf("clear: %v", d)
		}
		if d := admin.ok(clear, vars); get(d, "clearDivisionContact") != false {
			t.Fatalf("clear again: %v", d)
		}
	})
}

// Sixteen concurrent sets of one head store one row (PostgreSQL upsert).
func TestSetDivisionContactConcurrently(t *testing.T) {
	db := storetest.Open(t, storetest.Dialects()[len(storetest.Dialects())-1])
	f := fixture.BuildSmall(t, db)
	s := newAPI(t, db).login(f.Admin.Phone)
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if r := s.do(setHead, head(f.V1.Code, "VILLAGE_HEAD", "李主任", "1380000001"+string(rune('0'+i%10)))); len(r.Errors) > 0 {
				errs <- r.Errors[0].Message
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if n := db.DivisionContact.Query().CountX(sys); n != 1 {
		t.Errorf("%d rows", n)
	}
}

// 复学通知书: recorded with its deadline by who works the case; past the
// deadline the case shows it.
func TestReturnNotice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		a := newAPI(t, db)
		p1, t2 := a.login(f.P1.Phone), a.login(f.T2.Phone)
		k := db.DropoutCase.Create().SetStudentID(f.S3.ID).SetVillageCode(f.S3.VillageCode).SetNillableSchoolID(f.S3.SchoolID).
			SetKind(dropoutcase.KindDropout).SetSource(dropoutcase.SourceManual).SaveX(sys)
		day := func(d int) string { return time.Now().In(dropout.China).AddDate(0, 0, d).Format("2006-01-02") }
		rec := `mutation($in: ReturnNoticeInput!) { recordReturnNotice(input: $in) { kind date deadline servedOn recordedBy { name } } }`
		in := func(served, deadline string) map[string]any {
			return map[string]any{"in": map[string]any{"caseID": id(k.ID), "servedOn": served, "deadline": deadline}}
		}
		caseQ := `query($id: ID!) { node(id: $id) { ... on DropoutCase { noticeOverdue returnNotice { deadline servedOn } } } }`
		if d := p1.ok(caseQ, map[string]any{"id": id(k.ID)}); get(d, "node", "noticeOverdue") != false || get(d, "node", "returnNotice") != nil {
			t.Fatalf("before: %v", d)
		}
		if r := p1.do(rec, in(day(-2), day(-5))); r.code() != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, "复学期限") {
			t.Fatalf("deadline before served: %+v", r.Errors)
		}
		if r := t2.do(rec, in(day(-10), day(-3))); len(r.Errors) == 0 {
			t.Fatal("another school's teacher recorded a notice")
		}
		if r := p1.do(`mutation($in: CaseActionInput!) { recordCaseAction(input: $in) { id } }`, map[string]any{"in": map[string]any{
			"uuid": "bbbbbbbb-0000-4000-8000-000000000003", "caseID": id(k.ID), "kind": "NOTICE", "date": day(0), "outcome": "OTHER"}}); r.code() != "BAD_USER_INPUT" {
			t.Fatalf("a notice without dates: %+v", r.Errors)
		}
		d := p1.ok(rec, in(day(-10), day(-3)))
		if str(d, "recordReturnNotice", "kind") != "NOTICE" || str(d, "recordReturnNotice", "deadline") != day(-3) ||
			str(d, "recordReturnNotice", "recordedBy", "name") != f.P1.Name {
			t.Fatalf("notice: %v", d)
		}
		if d := p1.ok(caseQ, map[string]any{"id": id(k.ID)}); get(d, "node", "noticeOverdue") != true || str(d, "node", "returnNotice", "servedOn") != day(-10) {
			t.Fatalf("past the deadline: %v", d)
		}
		// A new notice with a later deadline: no longer overdue.
		p1.ok(rec, in(day(0), day(7)))
		if d := p1.ok(caseQ, map[string]any{"id": id(k.ID)}); get(d, "node", "noticeOverdue") != false {
			t.Fatalf("new deadline: %v", d)
		}
	})
}

// A page of cases with their notices makes as many statements for 2 cases
// as for 6: the notices are loaded with the page.
func TestCaseNoticesStatements(t *testing.T) {
	for _, dialect := range storetest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			db := storetest.Open(t, dialect)
			f := fixture.BuildSmall(t, db)
			day := func(d int) string { return time.Now().In(dropout.China).AddDate(0, 0, d).Format("2006-01-02") }
			for i, s := range []*ent.Student{f.S1, f.S2, f.S3, f.S4, f.S5, f.S6} {
				k := db.DropoutCase.Create().SetStudentID(s.ID).SetVillageCode(s.VillageCode).SetNillableSchoolID(s.SchoolID).
					SetKind(dropoutcase.KindDropout).SetSource(dropoutcase.SourceManual).SaveX(sys)
				db.CaseAction.Create().SetCaseID(k.ID).SetStudentID(s.ID).SetVillageCode(s.VillageCode).SetNillableSchoolID(s.SchoolID).
					SetKind(caseaction.KindNotice).SetDate(day(-10)).SetServedOn(day(-10)).SetDeadline(day(-5 + 2*i)).
					SetOutcome(caseaction.OutcomeOther).SetRecordedByID(f.Admin.ID).ExecX(sys)
			}
			counting, n := store.Counting(db)
			s := newAPI(t, counting).login(f.Admin.Phone)
			for _, q := range []string{
				`query($n: Int) { dropoutCases(first: $n) { edges { node { id noticeOverdue returnNotice { deadline } actions { kind } } } } }`,
				`query($n: Int) { dropoutCases(first: $n) { edges { node { id noticeOverdue } } } }`,
			} {
				casePage(t, s, n, q)
			}
		})
	}
}

func casePage(t *testing.T, s *session, n *store.Counter, q string) {
	s.ok(q, map[string]any{"n": 1})
	count := func(size int) (int64, map[string]any) {
		n.Reset()
		d := s.ok(q, map[string]any{"n": size})
		return n.N(), d
	}
	small, _ := count(2)
	large, d := count(6)
	t.Logf("cases with notices: %d statements for 2, %d for 6", small, large)
	if small != large {
		t.Errorf("%d statements for 2 cases, %d for 6", small, large)
	}
	overdue := 0
	for _, e := range get(d, "dropoutCases", "edges").([]any) {
		if get(e, "node", "noticeOverdue") == true {
			overdue++
		}
	}
	if overdue != 3 { // deadlines 5, 3 and 1 days ago
		t.Errorf("%d overdue, want 3", overdue)
	}
}
