package graph_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"sanbao/authz"
	"sanbao/demo"
	"sanbao/ent"
	"sanbao/ent/division"
	"sanbao/ent/org"
	"sanbao/ent/person"
	"sanbao/ent/position"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

// staffWorld is the small county with the rest of a bureau and beyond it: the
// aid centre's officer (资助中心专干), an inspector (督导), a city overseer, and
// a school in another province.
type staffWorld struct {
	*fixture.Small
	bureau, city, far *ent.Org
	aid, aid2, insp   *ent.Person
	overseer          *ent.Person
}

func buildStaff(t *testing.T, db *store.DB) *staffWorld {
	t.Helper()
	f := fixture.BuildSmall(t, db)
	sys := authz.System(context.Background())
	w := &staffWorld{Small: f}
	w.bureau = db.Org.GetX(sys, f.C1.ParentID)
	div := func(code string) *ent.Division { return db.Division.Query().Where(division.Code(code)).OnlyX(sys) }
	w.city = db.Org.Create().SetName("保定市教育局").SetKind(org.KindCityBureau).SetDivisionID(div("130600000000").ID).SaveX(sys)
	w.far = db.Org.Create().SetName("北京市某小学").SetKind(org.KindSchool).SetSchoolType(org.SchoolTypePrimary).
		SetDivisionID(div("110000000000").ID).SaveX(sys)
	hash, _ := bcrypt.GenerateFromPassword([]byte(demo.Password), bcrypt.MinCost)
	n := 0
	mk := func(name string, o *ent.Org, role position.Role) *ent.Person {
		n++
		p := db.Person.Create().SetName(name).SetPhone(fmt.Sprintf("136000000%02d", n)).SetPasswordHash(string(hash)).SaveX(sys)
		db.Position.Create().SetPersonID(p.ID).SetOrgID(o.ID).SetRole(role).ExecX(sys)
		return p
	}
	w.aid = mk("资助专干甲", w.bureau, position.RoleAidOfficer)
	w.aid2 = mk("资助专干乙", w.bureau, position.RoleAidOfficer)
	w.insp = mk("督导甲", w.bureau, position.RoleInspector)
	w.overseer = mk("市分管领导", w.city, position.RoleDeputy)
	return w
}

const (
	addPersonQ = `mutation($n:String!,$p:String!,$o:ID!,$r:PositionRole!,$g:Int,$c:String){addPerson(input:{name:$n,phone:$p,positions:[{orgID:$o,role:$r,grade:$g,className:$c}]}){oneTimePassword person{id name phone mustChangePassword currentPositions{role org{name}}}}}`
	resetQ     = `mutation($id:ID!){resetPassword(personID:$id){oneTimePassword person{id mustChangePassword}}}`
	editQ      = `mutation($id:ID!,$n:String){updatePerson(id:$id,input:{name:$n}){id name}}`
	leaveQ     = `mutation($id:ID!,$c:Boolean!,$to:ID){deactivatePerson(input:{personID:$id,handover:{confirm:$c,handoverTo:$to}}){confirmed person{id active leftAt} orphaned{id kind endsAt} refused{assignment{id} field reason}}}`
	moveQ      = `mutation($id:ID!,$to:ID!,$r:PositionRole!,$c:Boolean!,$h:ID){movePerson(input:{personID:$id,positions:[{orgID:$to,role:$r}],handover:{confirm:$c,handoverTo:$h}}){confirmed orphaned{id kind} refused{reason}}}`
	giveQ      = `mutation($p:ID!,$o:ID!,$r:PositionRole!){givePosition(input:{personID:$p,position:{orgID:$o,role:$r}}){id role startedAt}}`
	endPosQ    = `mutation($id:ID!,$c:Boolean!){endPosition(input:{id:$id,handover:{confirm:$c}}){confirmed orphaned{id}}}`
)

func positionOf(t *testing.T, db *store.DB, p *ent.Person) *ent.Position {
	t.Helper()
	return db.Position.Query().Where(position.PersonID(p.ID), authz.ActivePosition()).Order(position.ByID()).FirstX(authz.System(context.Background()))
}

// Who may add whom, where, and give which position; who manages whom.
func TestStaffAuthorizationMatrix(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := buildStaff(t, db)
		a := newAPI(t, db)
		admin, aid, p1, pk, t1 := a.loginPerson(w.Admin), a.loginPerson(w.aid), a.loginPerson(w.P1), a.loginPerson(w.PK), a.loginPerson(w.T1)
		insp, overseer := a.loginPerson(w.insp), a.loginPerson(w.overseer)
		phone := 0
		type add struct {
			name   string
			who    *session
			org    *ent.Org
			role   string
			class  bool
			code   string // "" = allowed
			reason string
		}
		for _, c := range []add{
			{"county director adds a teacher", admin, w.C1, "TEACHER", false, "", ""},
			{"county director adds a principal", admin, w.K, "PRINCIPAL", false, "", ""},
			{"county director adds a deputy at the bureau", admin, w.bureau, "DEPUTY", false, "", ""},
			{"county director adds an inspector", admin, w.bureau, "INSPECTOR", false, "", ""},
			{"county director may not add the aid centre's officer", admin, w.bureau, "AID_OFFICER", false, "FORBIDDEN", ""},
			{"the aid centre adds its own officer", aid, w.bureau, "AID_OFFICER", false, "", ""},
			{"the aid centre adds a head teacher", aid, w.C2, "HEAD_TEACHER", true, "", ""},
			{"no director at a school", admin, w.C1, "DIRECTOR", false, "BAD_USER_INPUT", "没有“局长”"},
			{"no central head at a plain school", admin, w.K, "CENTRAL_HEAD", false, "BAD_USER_INPUT", "没有“中心校负责人”"},
			{"county adds at the city bureau", admin, w.city, "DEPUTY", false, "FORBIDDEN", ""},
			{"county adds in another province", aid, w.far, "TEACHER", false, "FORBIDDEN", ""},
			{"central principal adds a teacher", p1, w.C1, "TEACHER", false, "", ""},
			{"central principal adds a vice principal", p1, w.C1, "VICE_PRINCIPAL", false, "", ""},
			{"central principal adds a head teacher", p1, w.C1, "HEAD_TEACHER", true, "", ""},
			{"head teacher needs a class", p1, w.C1, "HEAD_TEACHER", false, "BAD_USER_INPUT", "年级"},
			{"principal adds at another school", p1, w.C2, "TEACHER", false, "FORBIDDEN", ""},
			{"principal adds at a school of the township", p1, w.K, "TEACHER", false, "FORBIDDEN", ""},
			{"principal may not create the aid centre's officer", p1, w.bureau, "AID_OFFICER", false, "FORBIDDEN", ""},
			{"principal may not create a bureau role", pk, w.bureau, "DEPUTY", false, "FORBIDDEN", ""},
			{"school principal adds a school aid officer", pk, w.K, "AID_OFFICER", false, "", ""},
			{"teacher adds", t1, w.C1, "TEACHER", false, "FORBIDDEN", ""},
			{"inspector adds", insp, w.C1, "TEACHER", false, "FORBIDDEN", ""},
			{"city overseer adds", overseer, w.C1, "TEACHER", false, "FORBIDDEN", ""},
		} {
			phone++
			vars := map[string]any{"n": "新人" + id(phone), "p": fmt.Sprintf("135%08d", phone), "o": id(c.org.ID), "r": c.role}
			if c.class {
				vars["g"], vars["c"] = 3, "2"
			}
			res := c.who.do(addPersonQ, vars)
			if res.code() != c.code || (c.reason != "" && !contains(res.Errors[0].Message, c.reason)) {
				t.Errorf("%s: want %q %q, got %+v", c.name, c.code, c.reason, res.Errors)
				continue
			}
			stored := db.Person.Query().Where(person.Phone(vars["p"].(string))).CountX(authz.System(context.Background()))
			if (c.code == "") != (stored == 1) {
				t.Errorf("%s: %d people stored", c.name, stored)
			}
			if c.code == "" {
				d := res.Data
				if len(str(d, "addPerson", "oneTimePassword")) < 8 || get(d, "addPerson", "person", "mustChangePassword") != true ||
					str(d, "addPerson", "person", "currentPositions", 0, "org", "name") != c.org.Name {
					t.Errorf("%s: payload %v", c.name, d)
				}
			}
		}

		// Managing a person: reset, edit, deactivate (preview only here, it changes nothing).
		type manage struct {
			name   string
			who    *session
			whom   *ent.Person
			code   string
			reason string
		}
		for _, c := range []manage{
			{"county resets a teacher", admin, w.T2, "", ""},
			{"county resets a principal", admin, w.P2, "", ""},
			{"county director may not reset the aid centre's officer", admin, w.aid, "FORBIDDEN", ""},
			{"the aid centre resets its colleague", aid, w.aid2, "", ""},
			{"nobody resets themselves", admin, w.Admin, "BAD_USER_INPUT", "本人"},
			{"teacher manages nobody", t1, w.P1, "FORBIDDEN", ""},
			{"central principal resets own teacher", p1, w.T1, "", ""},
			{"central principal sees a township school's teacher but does not manage her", p1, w.TK, "FORBIDDEN", ""},
			{"central principal does not see another township's teacher", p1, w.T2, "NOT_FOUND", ""},
			{"principal does not see the bureau", pk, w.Admin, "NOT_FOUND", ""},
			{"principal does not see another school", pk, w.T1, "NOT_FOUND", ""},
			{"inspector reads but does not manage", insp, w.T1, "FORBIDDEN", ""},
			{"overseer reads but does not manage", overseer, w.T1, "FORBIDDEN", ""},
		} {
			for _, op := range []struct{ q string }{{resetQ}, {editQ}, {leaveQ}} {
				vars := map[string]any{"id": id(c.whom.ID), "n": c.whom.Name, "c": false}
				res := c.who.do(op.q, vars)
				if res.code() != c.code || (c.reason != "" && !contains(res.Errors[0].Message, c.reason)) {
					t.Errorf("%s (%.20s): want %q %q, got %+v", c.name, op.q, c.code, c.reason, res.Errors)
				}
			}
		}
		// A school leader cannot move a teacher out to another school; the county can.
		if res := pk.do(moveQ, map[string]any{"id": id(w.TK.ID), "to": id(w.C1.ID), "r": "TEACHER", "c": false}); res.code() != "FORBIDDEN" {
			t.Errorf("school moves its teacher to another school: %+v", res.Errors)
		}
		if res := admin.do(moveQ, map[string]any{"id": id(w.TK.ID), "to": id(w.C1.ID), "r": "TEACHER", "c": true}); res.code() != "" || get(res.Data, "movePerson", "confirmed") != true {
			t.Errorf("county moves a teacher: %+v", res.Errors)
		}
		// Nobody deactivates themselves or ends their own last staff position.
		if res := admin.do(leaveQ, map[string]any{"id": id(w.Admin.ID), "c": true}); res.code() != "BAD_USER_INPUT" {
			t.Errorf("deactivating oneself: %+v", res.Errors)
		}
		admin.ok(giveQ, map[string]any{"p": id(w.Admin.ID), "o": id(w.C1.ID), "r": "TEACHER"})
		own := positionOf(t, db, w.Admin)
		if own.Role != position.RoleDirector {
			t.Fatalf("admin's first position is %s", own.Role)
		}
		if res := a.loginPerson(w.Admin).do(endPosQ, map[string]any{"id": id(own.ID), "c": true}); res.code() != "BAD_USER_INPUT" || !contains(res.Errors[0].Message, "最后一个管理") {
			t.Errorf("ending one's own last staff position: %+v", res.Errors)
		}
		// A person's only position ends by a move or a departure, not alone.
		if res := admin.do(endPosQ, map[string]any{"id": id(positionOf(t, db, w.T2).ID), "c": true}); res.code() != "BAD_USER_INPUT" || !contains(res.Errors[0].Message, "唯一的职务") {
			t.Errorf("ending someone's only position: %+v", res.Errors)
		}
		// Phones: validated, normalized and unique.
		res := admin.do(addPersonQ, map[string]any{"n": "张三", "p": "1234", "o": id(w.C1.ID), "r": "TEACHER"})
		if res.code() != "BAD_USER_INPUT" || res.Errors[0].Extensions["field"] != "phone" {
			t.Errorf("bad phone: %+v", res.Errors)
		}
		res = admin.do(addPersonQ, map[string]any{"n": "张三", "p": w.T1.Phone, "o": id(w.C1.ID), "r": "TEACHER"})
		if res.code() != "BAD_USER_INPUT" || res.Errors[0].Extensions["field"] != "phone" || !contains(res.Errors[0].Message, "手机号") {
			t.Errorf("taken phone: %+v", res.Errors)
		}
		d := admin.ok(addPersonQ, map[string]any{"n": " 李 四 ", "p": "１３９ 1234-5678", "o": id(w.C1.ID), "r": "TEACHER"})
		if str(d, "addPerson", "person", "phone") != "13912345678" || str(d, "addPerson", "person", "name") != "李 四" {
			t.Errorf("normalized: %v", d)
		}
	})
}

// One-time passwords: shown once, must be changed before anything else, and
// a reset ends the person's sessions.
func TestOneTimePasswords(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := buildStaff(t, db)
		a := newAPI(t, db)
		admin := a.loginPerson(w.Admin)
		d := admin.ok(addPersonQ, map[string]any{"n": "王芳", "p": "13512345678", "o": id(w.C1.ID), "r": "TEACHER"})
		otp := str(d, "addPerson", "oneTimePassword")
		pid := str(d, "addPerson", "person", "id")

		login := `mutation($p:String!,$w:String!){login(phone:$p,password:$w){token viewer{mustChangePassword roles{key}}}}`
		r := a.anon().do(login, map[string]any{"p": "13512345678", "w": otp})
		if r.code() != "" || get(r.Data, "login", "viewer", "mustChangePassword") != true {
			t.Fatalf("first sign-in: %+v %v", r.Errors, r.Data)
		}
		me := a.bearer(str(r.Data, "login", "token"))
		for _, q := range []string{`{households{totalCount}}`, `{staff{totalCount}}`, `{orgs{totalCount}}`, `{myFamilies{totalCount}}`,
			`mutation{logContact(input:{uuid:"6f1c2a3b-0000-4000-8000-000000000001",householdID:"1",date:"2026-01-05",mode:PHONE,learnedSituation:true}){id}}`} {
			if res := me.do(q, nil); res.code() != "PASSWORD_CHANGE_REQUIRED" || res.Errors[0].Message != "请先修改初始密码" {
				t.Errorf("%s before the change: %+v", q, res.Errors)
			}
		}
		if v := me.ok(`{viewer{name mustChangePassword person{id}}}`, nil); str(v, "viewer", "person", "id") != pid || get(v, "viewer", "mustChangePassword") != true {
			t.Errorf("viewer before the change: %v", v)
		}
		change := `mutation($o:String!,$n:String!){changePassword(oldPassword:$o,newPassword:$n)}`
		if res := me.do(change, map[string]any{"o": otp, "n": otp}); res.code() != "BAD_USER_INPUT" || res.Errors[0].Extensions["field"] != "newPassword" {
			t.Errorf("keeping the one-time password: %+v", res.Errors)
		}
		me.ok(change, map[string]any{"o": otp, "n": "wangfang-2026"})
		if v := me.ok(`{viewer{mustChangePassword} orgs{totalCount}}`, nil); get(v, "viewer", "mustChangePassword") != false || num(v, "orgs", "totalCount") == 0 {
			t.Errorf("after the change: %v", v)
		}
		if res := a.anon().do(login, map[string]any{"p": "13512345678", "w": otp}); res.code() != "UNAUTHENTICATED" {
			t.Errorf("the one-time password still works: %+v", res.Errors)
		}

		// A reset: the old password and session die; the new one must be changed.
		d = admin.ok(resetQ, map[string]any{"id": pid})
		otp2 := str(d, "resetPassword", "oneTimePassword")
		if otp2 == otp || get(d, "resetPassword", "person", "mustChangePassword") != true {
			t.Fatalf("reset: %v", d)
		}
		if res := me.do(`{viewer{name}}`, nil); res.code() != "UNAUTHENTICATED" {
			t.Errorf("session after a reset: %+v", res.Errors)
		}
		if res := a.anon().do(login, map[string]any{"p": "13512345678", "w": "wangfang-2026"}); res.code() != "UNAUTHENTICATED" {
			t.Errorf("old password after a reset: %+v", res.Errors)
		}
		r = a.anon().do(login, map[string]any{"p": "13512345678", "w": otp2})
		if get(r.Data, "login", "viewer", "mustChangePassword") != true {
			t.Errorf("sign-in after a reset: %+v", r)
		}
		sys := authz.System(context.Background())
		if p := db.Person.Query().Where(person.Phone("13512345678")).OnlyX(sys); !p.MustChangePassword || p.PasswordHash == "" || p.PasswordHash == otp2 {
			t.Errorf("stored: must change %v, hash %q", p.MustChangePassword, p.PasswordHash)
		}
	})
}

// The 人员 list: search by name, phone or unit; filter by unit and status;
// page sizes as everywhere; the units and roles a viewer may give.
func TestStaffList(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := buildStaff(t, db)
		a := newAPI(t, db)
		admin, p1 := a.loginPerson(w.Admin), a.loginPerson(w.P1)
		list := func(s *session, args string) []string {
			d := s.ok(`{staff(`+args+`){totalCount edges{node{id}}}}`, nil)
			return sorted(ids(get(d, "staff")))
		}
		want := func(ps ...*ent.Person) []string {
			var out []string
			for _, p := range ps {
				out = append(out, id(p.ID))
			}
			return sorted(out)
		}
		for _, c := range []struct {
			who  *session
			args string
			want []string
		}{
			{admin, `search:"甲"`, want(w.P1, w.T1, w.aid, w.insp)},
			{admin, `search:"13700000003"`, want(w.T1)},
			{admin, `search:"码头镇"`, want(w.P2, w.T2)},
			{admin, fmt.Sprintf(`orgID:%d`, w.K.ID), want(w.PK, w.TK)},
			{admin, `status:LEFT`, nil},
			{p1, `first:100`, want(w.P1, w.T1, w.PK, w.TK)}, // the township's units
			{p1, `search:"码头镇"`, nil},
		} {
			if got := list(c.who, c.args); !slices.Equal(got, c.want) {
				t.Errorf("staff(%s): got %v, want %v", c.args, got, c.want)
			}
		}
		if n := len(ids(get(admin.ok(`{staff(first:null){edges{node{id}}}}`, nil), "staff"))); n != 10 {
			t.Errorf("first:null gave %d of 10", n)
		}
		if res := admin.do(`{staff(first:101){totalCount}}`, nil); res.code() != "BAD_USER_INPUT" {
			t.Errorf("first:101: %+v", res.Errors)
		}
		units := p1.ok(`{staffUnits{org{name} roles}}`, nil)
		if len(get(units, "staffUnits").([]any)) != 1 || str(units, "staffUnits", 0, "org", "name") != w.C1.Name ||
			slices.Contains(get(units, "staffUnits", 0, "roles").([]any), any("DIRECTOR")) {
			t.Errorf("P1's units: %v", units)
		}
		all := admin.ok(`{staffUnits{org{name kind} roles}}`, nil)
		if n := len(get(all, "staffUnits").([]any)); n != 4 || str(all, "staffUnits", 0, "org", "kind") != "COUNTY_BUREAU" ||
			slices.Contains(get(all, "staffUnits", 0, "roles").([]any), any("AID_OFFICER")) {
			t.Errorf("the director's units: %v", all)
		}
		if n := len(get(a.loginPerson(w.insp).ok(`{staffUnits{org{name}}}`, nil), "staffUnits").([]any)); n != 0 {
			t.Errorf("the inspector may give positions at %d units", n)
		}
	})
}

// The 人员 table and the 无人负责 list make as many statements for 50 rows
// as for 5 (the orphans' eager loads depend only on which kinds a page holds).
func TestStaffStatementsDoNotGrowWithPageSize(t *testing.T) {
	for _, dialect := range storetest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			db := storetest.Open(t, dialect)
			fixture.Build(t, db)
			sys := authz.System(context.Background())
			// Orphans: a township's staff leave with what they carried.
			var ps []int
			for _, p := range db.Person.Query().Where(person.HasPositionsWith(position.RoleIn(position.RoleTeacher, position.RolePrincipal))).AllX(sys) {
				ps = append(ps, p.ID)
			}
			db.Person.Update().Where(person.IDIn(ps...)).SetActive(false).ExecX(sys)
			counting, n := store.Counting(db)
			s := newAPI(t, counting).login("13900000001")
			for _, q := range []string{
				`query($n:Int){staff(first:$n, orderBy:{field:NAME, direction:ASC}){totalCount edges{node{id name phone active leftAt mustChangePassword positions{role grade className startedAt endedAt endReason org{name kind}}}}}}`,
				`query($n:Int){orphanedAssignments(first:$n){totalCount edges{node{id kind endsAt endReason village{name parent{name}} household{headName number village{name}} student{name school{name} household{village{name}}}}}}}`,
			} {
				s.ok(q, map[string]any{"n": 1})
				count := func(size int) (int64, int) {
					n.Reset()
					d := s.ok(q, map[string]any{"n": size})
					for _, v := range d {
						return n.N(), len(ids(v))
					}
					return n.N(), 0
				}
				small, rows5 := count(5)
				large, rows50 := count(50)
				t.Logf("%.30s…: %d statements for 5 rows, %d for 50", q, small, large)
				if rows5 != 5 || rows50 != 50 || large > small+3 || large > 10 {
					t.Errorf("%.40s…: %d statements for %d rows, %d for %d", q, small, rows5, large, rows50)
				}
			}
		})
	}
}
