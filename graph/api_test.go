package graph_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"sanbao/auth"
	"sanbao/authz"
	"sanbao/demo"
	"sanbao/ent/auditlog"
	"sanbao/ent/division"
	"sanbao/ent/household"
	"sanbao/ent/org"
	"sanbao/ent/person"
	"sanbao/ent/student"
	"sanbao/graph"
	"sanbao/idcard"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

// The demo accounts see what the foundation issue promises.
func TestDemoAccountsSeeTheirScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := demo.SeedZhuozhou(ctx, db.Client); err != nil {
			t.Fatal(err)
		}
		a := newAPI(t, db)
		sys := authz.System(ctx)
		central := db.Org.Query().Where(org.Name("松林店镇中心校")).OnlyX(sys)
		// 松林店镇中心校: its students, plus the township's households and their students.
		wantS := db.Student.Query().Where(student.Or(student.SchoolID(central.ID), student.VillageCodeHasPrefix("130681100"))).CountX(sys)
		wantH := db.Household.Query().Where(household.Or(household.VillageCodeHasPrefix("130681100"),
			household.HasStudentsWith(student.SchoolID(central.ID)))).CountX(sys)
		// The teacher sees the families she is responsible for and her class.
		teacher := db.Person.Query().Where(person.Phone("13900000003")).OnlyX(sys)
		mine := student.Or(student.ContactPersonID(teacher.ID),
			student.And(student.SchoolID(central.ID), student.Grade(4), student.ClassName("2班")))
		teacherH := db.Household.Query().Where(household.Or(household.GuarantorID(teacher.ID), household.HasStudentsWith(mine))).CountX(sys)
		teacherS := db.Student.Query().Where(student.Or(mine, student.HasHouseholdWith(household.GuarantorID(teacher.ID)))).CountX(sys)
		families := num(a.login("13900000003").ok(`{myFamilies{totalCount}}`, nil), "myFamilies", "totalCount")
		if families < 10 || families > 20 {
			t.Errorf("the demo teacher has %d families, want about 10–20", families)
		}
		counts := `{households(first:5){totalCount} students(first:5){totalCount}}`
		cases := []struct {
			phone      string
			households int
			students   int
			mayWrite   bool
		}{
			{"13900000001", 3000, 5000, true},
			{"13900000002", wantH, wantS, false},
			{"13900000003", teacherH, teacherS, false},
			{"13900000004", 3000, 5000, false},
			{"13900000005", 3000, 5000, false},
		}
		for _, c := range cases {
			d := a.login(c.phone).ok(counts, nil)
			if num(d, "households", "totalCount") != c.households || num(d, "students", "totalCount") != c.students {
				t.Errorf("%s sees %v, want %d households and %d students", c.phone, d, c.households, c.students)
			}
		}
		for _, c := range cases {
			res := a.login(c.phone).do(`mutation{createHousehold(input:{number:"X1",headName:"测试",villageID:"`+
				strconv.Itoa(db.Division.Query().Where(division.Code("130681100201")).OnlyIDX(sys))+`",status:LIFTED}){id}}`, nil)
			if c.mayWrite != (res.code() == "") {
				t.Errorf("%s createHousehold: mayWrite=%v, got %+v", c.phone, c.mayWrite, res.Errors)
			}
		}
		if wantS < 100 || wantH < 100 {
			t.Errorf("the principal's scope is suspiciously small: %d households, %d students", wantH, wantS)
		}
	})
}

func TestLimits(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	fixture.Build(t, db)
	a := newAPI(t, db)
	s := a.login("13900000001")

	d := s.ok(`{students{edges{node{id}}}}`, nil)
	if n := len(ids(d["students"])); n != graph.DefaultPageSize {
		t.Errorf("no first: got %d, want the default %d", n, graph.DefaultPageSize)
	}
	res := s.do(`{students(first: 101){totalCount}}`, nil)
	if res.code() != "BAD_USER_INPUT" || res.Errors[0].Extensions["field"] != "students.first" || res.Errors[0].Message != "每页条数：应在 0 到 100 之间" || res.Data != nil {
		t.Errorf("first: 101: %+v", res)
	}
	// Nested connections are capped before anything loads.
	res = s.do(`query($n:Int){orgs(first:2){edges{node{students(first:$n){totalCount}}}}}`, map[string]any{"n": 5000})
	if res.code() != "BAD_USER_INPUT" {
		t.Errorf("nested first: 5000: %+v", res.Errors)
	}
	deep := "{divisions(first:1){edges{node{" + strings.Repeat("parent{", 12) + "id" + strings.Repeat("}", 12) + "}}}}"
	if res := s.do(deep, nil); res.code() != "DEPTH_LIMIT_EXCEEDED" {
		t.Errorf("deep query: %+v", res.Errors)
	}
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&b, "a%d: viewer{name} ", i)
	}
	b.WriteString("}")
	if res := s.do(b.String(), nil); res.code() != "ALIAS_LIMIT_EXCEEDED" {
		t.Errorf("alias flood: %+v", res.Errors)
	}
	costly := `{orgs(first:100){edges{node{students(first:100){edges{node{household{students{name}}}}}}}}}`
	if res := s.do(costly, nil); res.code() != "COMPLEXITY_LIMIT_EXCEEDED" || !contains(res.Errors[0].Message, "超过上限") {
		t.Errorf("costly query: %+v", res.Errors)
	}
	// An oversized body is refused before parsing.
	big := `{"query":"{viewer{name}}","variables":{"x":"` + strings.Repeat("a", 2<<20) + `"}}`
	resp, err := http.Post(a.srv.URL+"/graphql", "application/json", strings.NewReader(big))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("2 MB body answered with status %d", resp.StatusCode)
	}
	// Malformed JSON is a client error, never an internal one.
	resp, err = http.Post(a.srv.URL+"/graphql", "application/json", strings.NewReader(`{"query": mutation`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest || strings.Contains(string(body), "INTERNAL") {
		t.Errorf("malformed JSON: %d %s", resp.StatusCode, body)
	}
}

func TestSignInAndSessions(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	fixture.Build(t, db)
	a := newAPI(t, db)
	sys := authz.System(context.Background())

	if res := a.anon().do(`{students{totalCount}}`, nil); res.code() != "UNAUTHENTICATED" || res.Errors[0].Message != "请先登录" {
		t.Errorf("anonymous read: %+v", res.Errors)
	}
	bad := `mutation{login(phone:"13900000003",password:"wrong-password"){token}}`
	if res := a.anon().do(bad, nil); res.code() != "UNAUTHENTICATED" || res.Errors[0].Message != "手机号或密码错误" {
		t.Errorf("bad password: %+v", res.Errors)
	}
	// An unknown number gets the same answer.
	if res := a.anon().do(`mutation{login(phone:"13700000000",password:"x"){token}}`, nil); res.Errors[0].Message != "手机号或密码错误" {
		t.Errorf("unknown phone: %+v", res.Errors)
	}
	for i := 0; i < 4; i++ {
		a.anon().do(bad, nil)
	}
	if res := a.anon().do(`mutation{login(phone:"13900000003",password:"sanbao-demo"){token}}`, nil); res.code() != "TOO_MANY_REQUESTS" {
		t.Errorf("sixth attempt after five failures: %+v", res.Errors)
	}

	s := a.login("13900000001")
	if n := db.Session.Query().CountX(sys); n != 1 {
		t.Fatalf("sessions stored = %d", n)
	}
	if stored := db.Session.Query().OnlyX(sys).TokenHash; stored == s.token || len(stored) != 64 {
		t.Fatalf("session token stored in clear or not hashed: %q", stored)
	}
	s.ok(`mutation{logout}`, nil)
	if res := s.do(`{viewer{name}}`, nil); res.code() != "UNAUTHENTICATED" || res.Errors[0].Message != "登录已过期，请重新登录" {
		t.Errorf("after logout: %+v", res.Errors)
	}
	// An expired session says so.
	s = a.login("13900000004")
	db.Session.Update().SetExpiresAt(time.Now().Add(-time.Minute)).ExecX(sys)
	if res := s.do(`{viewer{name}}`, nil); res.Errors[0].Message != "登录已过期，请重新登录" {
		t.Errorf("expired session: %+v", res.Errors)
	}

	// The SPA's cookie works from our own origin and is refused cross-site.
	resp, err := http.Post(a.srv.URL+"/graphql", "application/json", strings.NewReader(`{"query":"mutation{login(phone:\"13900000005\",password:\"sanbao-demo\"){token}}"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var cookie *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == auth.CookieName {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode {
		t.Fatalf("login cookie = %+v", cookie)
	}
	post := func(origin string) int {
		req, _ := http.NewRequest(http.MethodPost, a.srv.URL+"/graphql", strings.NewReader(`{"query":"{viewer{name}}"}`))
		req.Header.Set("Content-Type", "application/json")
		req.AddCookie(cookie)
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == 200 && !strings.Contains(string(body), "孙秀英") {
			t.Errorf("cookie request answered without the viewer: %s", body)
		}
		return resp.StatusCode
	}
	if code := post(a.srv.URL); code != 200 {
		t.Errorf("same-origin cookie request: %d", code)
	}
	if code := post("https://evil.example"); code != http.StatusForbidden {
		t.Errorf("cross-site cookie request: %d", code)
	}
	// GraphiQL outside production.
	resp, err = http.Get(a.srv.URL + "/graphql")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "<html") {
		t.Errorf("GET /graphql did not serve GraphiQL")
	}
}

func TestChangePassword(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	fixture.Build(t, db)
	a := newAPI(t, db)
	s := a.login("13900000003")
	other := a.login("13900000003")
	if res := s.do(`mutation{changePassword(oldPassword:"sanbao-demo",newPassword:"short")}`, nil); res.code() != "BAD_USER_INPUT" {
		t.Errorf("short password: %+v", res.Errors)
	}
	s.ok(`mutation{changePassword(oldPassword:"sanbao-demo",newPassword:"a-longer-secret")}`, nil)
	if res := other.do(`{viewer{name}}`, nil); res.code() != "UNAUTHENTICATED" {
		t.Errorf("other session survived a password change: %+v", res.Errors)
	}
	s.ok(`{viewer{name}}`, nil)
	if res := a.anon().do(`mutation{login(phone:"13900000003",password:"a-longer-secret"){token}}`, nil); res.code() != "" {
		t.Errorf("login with the new password: %+v", res.Errors)
	}
}

func TestIDNumbersMaskedRevealedAndAudited(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		fixture.Build(t, db)
		a := newAPI(t, db)
		sys := authz.System(context.Background())
		central := db.Org.Query().Where(org.Name("松林店镇中心校")).OnlyX(sys)
		own := db.Student.Query().Where(student.SchoolID(central.ID)).FirstX(sys)
		// In the township's village ledger but enrolled elsewhere.
		ledger := db.Student.Query().Where(student.VillageCodeHasPrefix("130681100"), student.Or(student.SchoolIDNEQ(central.ID), student.SchoolIDIsNil())).FirstX(sys)
		q := `query($id:ID!){node(id:$id){... on Student{masked: idNumber full: idNumber(full:true)}}}`
		for _, c := range []struct {
			who    string
			sess   *session
			target int
			reveal bool
		}{
			{"aid centre", a.login("13900000001"), own.ID, true},
			{"principal, own school", a.login("13900000002"), own.ID, true},
			{"principal, village ledger", a.login("13900000002"), ledger.ID, false},
			{"inspector", a.login("13900000005"), own.ID, false},
			{"city overseer", a.login("13900000004"), own.ID, false},
		} {
			before := db.AuditLog.Query().Where(auditlog.StudentID(c.target), auditlog.ActionEQ(auditlog.ActionRevealIdNumber)).CountX(sys)
			res := c.sess.do(q, map[string]any{"id": strconv.Itoa(c.target)})
			s := db.Student.GetX(sys, c.target)
			if got := str(res.Data, "node", "masked"); got != idcard.Mask(s.IDNumber) || strings.Contains(got, s.IDNumber[6:14]) {
				t.Errorf("%s: masked = %q", c.who, got)
			}
			full := str(res.Data, "node", "full")
			after := db.AuditLog.Query().Where(auditlog.StudentID(c.target), auditlog.ActionEQ(auditlog.ActionRevealIdNumber)).CountX(sys)
			if c.reveal {
				if full != s.IDNumber || after != before+1 {
					t.Errorf("%s: full = %q, audit rows %d -> %d", c.who, full, before, after)
				}
			} else if full != "" || res.code() != "FORBIDDEN" || after != before {
				t.Errorf("%s: should not reveal: %q %+v", c.who, full, res.Errors)
			}
		}
		// Fetching a student by ID is an audited read of the full record,
		// logged with the student's places even when the query asked for
		// none of its fields.
		a.login("13900000001").ok(`query($id:ID!){node(id:$id){id}}`, map[string]any{"id": strconv.Itoa(own.ID)})
		views := db.AuditLog.Query().Where(auditlog.ActionEQ(auditlog.ActionViewStudent), auditlog.StudentID(own.ID)).AllX(sys)
		if len(views) != 5 {
			t.Errorf("VIEW_STUDENT rows = %d, want 5", len(views))
		}
		for _, v := range views {
			if v.VillageCode != own.VillageCode || v.SchoolID != central.ID || v.StudentName != own.Name {
				t.Errorf("audit row without the student's places: %+v", v)
			}
		}
		// The log itself: the aid centre reads it, the teacher cannot.
		if n := num(a.login("13900000001").ok(`{auditLogs{totalCount}}`, nil), "auditLogs", "totalCount"); n < 7 {
			t.Errorf("aid centre sees %d audit rows", n)
		}
		if n := num(a.login("13900000003").ok(`{auditLogs{totalCount}}`, nil), "auditLogs", "totalCount"); n != 0 {
			t.Errorf("teacher sees %d audit rows", n)
		}
		// The ID number cannot be probed through filters or search beyond the
		// four characters a masked number shows.
		if res := a.login("13900000002").do(`{students(where:{idNumber:"x"}){totalCount}}`, nil); len(res.Errors) == 0 {
			t.Error("idNumber is filterable")
		}
		hits, _ := all(a.login("13900000001"), "students", fmt.Sprintf(`, search: %q`, own.IDNumber[10:]))
		for _, h := range hits {
			if h == strconv.Itoa(own.ID) {
				t.Error("an 8-character ID suffix search matched")
			}
		}
		hits, _ = all(a.login("13900000001"), "students", fmt.Sprintf(`, search: %q`, strings.ToLower(own.IDNumber[14:])))
		found := false
		for _, h := range hits {
			found = found || h == strconv.Itoa(own.ID)
		}
		if !found {
			t.Error("a 4-character ID suffix search did not match")
		}
	})
}

func TestValidationErrorsNameTheField(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := fixture.Build(t, db)
		a := newAPI(t, db)
		sys := authz.System(context.Background())
		s := a.login("13900000001")
		h := db.Household.Query().Where(household.VillageCodeHasPrefix("130681")).FirstX(sys)
		create := `mutation($in:CreateStudentInput!){createStudent(input:$in){id idNumber gender age}}`
		in := func(id string) map[string]any {
			return map[string]any{"in": map[string]any{"name": "新生", "idNumber": id, "stage": "PRIMARY", "householdID": strconv.Itoa(h.ID)}}
		}
		before := db.Student.Query().CountX(sys)
		for id, reason := range map[string]string{
			"130681201203150018": "校验位错误",
			"13068120120315001":  "应为18位",
			"130681120315001":    "15位旧号码",
			"130681201302300010": "出生日期",
			"13068120120315001A": "第18位",
		} {
			res := s.do(create, in(id))
			if res.code() != "BAD_USER_INPUT" || res.Errors[0].Extensions["field"] != "idNumber" || !contains(res.Errors[0].Message, reason) {
				t.Errorf("idNumber %s: %+v", id, res.Errors)
			}
		}
		if after := db.Student.Query().CountX(sys); after != before {
			t.Fatalf("rejected students were stored: %d -> %d", before, after)
		}
		// Lower-case x is accepted and stored upper-case; gender and age derive.
		valid := idcard.Build("130681", time.Date(2016, 3, 4, 0, 0, 0, 0, time.UTC), 123)
		lower := strings.ToLower(valid[:17]) + strings.ToLower(valid[17:])
		d := s.ok(create, in(lower))
		if g := str(d, "createStudent", "gender"); g != "MALE" {
			t.Errorf("gender = %s", g)
		}
		if res := s.do(create, in(valid)); res.code() != "CONFLICT" || res.Errors[0].Extensions["field"] != "idNumber" || res.Errors[0].Message != "身份证号：已登记" {
			t.Errorf("duplicate ID number: %+v", res.Errors)
		}
		township := db.Division.Query().Where(division.Code(fixture.Songlindian)).OnlyX(sys)
		res := s.do(`mutation($v:ID!){createHousehold(input:{number:"N1",headName:"甲",villageID:$v,status:LIFTED}){id}}`, map[string]any{"v": strconv.Itoa(township.ID)})
		if res.code() != "BAD_USER_INPUT" || res.Errors[0].Extensions["field"] != "villageID" {
			t.Errorf("household in a township: %+v", res.Errors)
		}
		res = s.do(`mutation($v:ID!){createHousehold(input:{number:"N1",headName:"",villageID:$v,status:LIFTED}){id}}`, map[string]any{"v": strconv.Itoa(w.Crossing.VillageID)})
		if res.code() != "BAD_USER_INPUT" && res.code() != "FORBIDDEN" {
			t.Errorf("empty head name: %+v", res.Errors)
		}
		res = s.do(`{students(divisionCode:"1306"){totalCount}}`, nil)
		if res.code() != "BAD_USER_INPUT" || res.Errors[0].Extensions["field"] != "divisionCode" {
			t.Errorf("bad divisionCode: %+v", res.Errors)
		}
	})
}

func TestAPITokens(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	fixture.Build(t, db)
	a := newAPI(t, db)
	sys := authz.System(context.Background())
	aid := a.login("13900000001")
	divID := func(code string) string {
		return strconv.Itoa(db.Division.Query().Where(division.Code(code)).OnlyIDX(sys))
	}
	mk := `mutation($d:ID!,$w:Boolean){createAPIToken(input:{name:"扶贫办比对",divisionID:$d,canWrite:$w}){token apiToken{id canWrite}}}`
	if res := aid.do(mk, map[string]any{"d": divID(fixture.Zhengding), "w": false}); res.code() != "FORBIDDEN" {
		t.Errorf("token over another county: %+v", res.Errors)
	}
	if res := a.login("13900000005").do(mk, map[string]any{"d": divID(fixture.Zhuozhou), "w": false}); res.code() != "FORBIDDEN" {
		t.Errorf("inspector made a token: %+v", res.Errors)
	}
	d := aid.ok(mk, map[string]any{"d": divID(fixture.Zhuozhou), "w": false})
	tok := a.bearer(str(d, "createAPIToken", "token"))
	if !strings.HasPrefix(tok.token, "sbt_") {
		t.Errorf("token %q lacks its prefix", tok.token)
	}
	if n := num(tok.ok(`{students{totalCount}}`, nil), "students", "totalCount"); n == 0 {
		t.Error("read token reads nothing")
	}
	h := db.Household.Query().Where(household.VillageCodeHasPrefix("130681")).FirstX(sys)
	if res := tok.do(`mutation($id:ID!){updateHousehold(id:$id,input:{phone:"1"}){id}}`, map[string]any{"id": strconv.Itoa(h.ID)}); res.code() != "FORBIDDEN" {
		t.Errorf("read-only token wrote: %+v", res.Errors)
	}
	if res := tok.do(mk, map[string]any{"d": divID(fixture.Zhuozhou), "w": true}); res.code() != "FORBIDDEN" {
		t.Errorf("a token made a token: %+v", res.Errors)
	}
	if n := num(aid.ok(`{apiTokens{totalCount}}`, nil), "apiTokens", "totalCount"); n != 1 {
		t.Errorf("aid centre lists %d tokens", n)
	}
	aid.ok(`mutation($id:ID!){revokeAPIToken(id:$id){revokedAt}}`, map[string]any{"id": str(d, "createAPIToken", "apiToken", "id")})
	if res := tok.do(`{students{totalCount}}`, nil); res.code() != "UNAUTHENTICATED" {
		t.Errorf("revoked token still works: %+v", res.Errors)
	}
}
