package graph_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"sanbao/authz"
	"sanbao/contactlog"
	"sanbao/ent/assignment"
	"sanbao/ent/contact"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

func id(n int) string { return strconv.Itoa(n) }

const assignQ = `mutation($k:AssignmentKind!,$p:ID!,$t:ID!){assign(input:{kind:$k,personID:$p,targetID:$t}){id startsAt person{name}}}`

func assignVars(kind string, person, target int) map[string]any {
	return map[string]any{"k": kind, "p": id(person), "t": id(target)}
}

func TestAssignmentRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		a := newAPI(t, db)
		admin, p1, p2, pk, t1 := a.loginPerson(f.Admin), a.loginPerson(f.P1), a.loginPerson(f.P2), a.loginPerson(f.PK), a.loginPerson(f.T1)

		for _, c := range []struct {
			name   string
			who    *session
			kind   string
			person int
			target int
			code   string // "" = allowed
			reason string
		}{
			// Who may be responsible.
			{"village of T2 to a T1 teacher", admin, "VILLAGE", f.T1.ID, f.V4.ID, "BAD_USER_INPUT", "包村责任人应为该村所在乡镇"},
			{"village of T2 to a T2 teacher", admin, "VILLAGE", f.T2.ID, f.V4.ID, "", ""},
			{"village to county bureau staff", admin, "VILLAGE", f.Admin.ID, f.V3.ID, "", ""},
			{"student of C2 to a C1 teacher", admin, "STUDENT", f.T1.ID, f.S2.ID, "BAD_USER_INPUT", "就读学校（码头镇中心校）"},
			{"student of C2 to a C2 teacher", admin, "STUDENT", f.T2.ID, f.S2.ID, "", ""},
			{"student outside the county to a T1 school's teacher", admin, "STUDENT", f.TK.ID, f.S6.ID, "", ""},
			{"student outside the county to a T2 teacher", admin, "STUDENT", f.T2.ID, f.S6.ID, "BAD_USER_INPUT", "县外就读"},
			{"graduated student", admin, "STUDENT", f.T2.ID, f.S5.ID, "BAD_USER_INPUT", "已毕业"},
			{"household of T2 to a T1 teacher", admin, "HOUSEHOLD", f.T1.ID, f.H4.ID, "BAD_USER_INPUT", "包户责任人"},
			{"household of T2 to bureau staff", admin, "HOUSEHOLD", f.Admin.ID, f.H4.ID, "", ""},
			{"household to the teacher of its student's school", admin, "HOUSEHOLD", f.T2.ID, f.H2.ID, "", ""},
			// Who may assign.
			{"central school assigns in its township", p1, "HOUSEHOLD", f.T1.ID, f.H1.ID, "", ""},
			{"central school assigns outside its township", p1, "HOUSEHOLD", f.T2.ID, f.H4.ID, "FORBIDDEN", ""},
			{"central school assigns a village ledger student", p1, "STUDENT", f.T1.ID, f.S1.ID, "", ""},
			{"other central school cannot assign it", p2, "STUDENT", f.T2.ID, f.S1.ID, "FORBIDDEN", ""},
			{"school assigns another school's student", pk, "STUDENT", f.TK.ID, f.S3.ID, "FORBIDDEN", ""},
			{"central school names another school's teacher", p1, "STUDENT", f.TK.ID, f.S3.ID, "BAD_USER_INPUT", "就读学校（松林店镇中心校）"},
			{"school assigns a household", pk, "HOUSEHOLD", f.TK.ID, f.H1.ID, "FORBIDDEN", ""},
			{"teacher assigns", t1, "HOUSEHOLD", f.T1.ID, f.H1.ID, "FORBIDDEN", ""},
		} {
			res := c.who.do(assignQ, assignVars(c.kind, c.person, c.target))
			if res.code() != c.code || (c.reason != "" && !contains(res.Errors[0].Message, c.reason)) {
				t.Errorf("%s: want %q %q, got %+v", c.name, c.code, c.reason, res.Errors)
			}
		}
		// A principal assigns their own staff to their own student (K has none
		// needing a contact in the fixture, so give it one).
		sys := authz.System(context.Background())
		db.Student.UpdateOneID(f.S4.ID).SetSchoolID(f.K.ID).SetEnrollmentStatus("DROPOUT").ExecX(sys)
		if res := pk.do(assignQ, assignVars("STUDENT", f.TK.ID, f.S4.ID)); res.code() != "" {
			t.Errorf("school assigns own staff to own dropout: %+v", res.Errors)
		}
	})
}

func TestReassignmentKeepsHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		a := newAPI(t, db)
		admin := a.loginPerson(f.Admin)
		sys := authz.System(context.Background())
		admin.ok(assignQ, assignVars("HOUSEHOLD", f.T1.ID, f.H1.ID))
		between := time.Now()
		time.Sleep(20 * time.Millisecond)
		admin.ok(assignQ, assignVars("HOUSEHOLD", f.P1.ID, f.H1.ID))

		rows := db.Assignment.Query().Where(assignment.HouseholdID(f.H1.ID)).Order(assignment.ByStartsAt()).AllX(sys)
		if len(rows) != 2 || rows[0].EndsAt == nil || rows[0].EndReason != "调整" || rows[1].EndsAt != nil || rows[1].PersonID != f.P1.ID {
			t.Fatalf("history = %+v", rows)
		}
		if g := db.Household.GetX(sys, f.H1.ID).GuarantorID; g == nil || *g != f.P1.ID {
			t.Fatalf("current guarantor = %v, want 甲校长", g)
		}
		on := `query($t:ID!,$d:Time!){responsibleOn(kind:HOUSEHOLD,targetID:$t,date:$d){person{name}}}`
		d := admin.ok(on, map[string]any{"t": id(f.H1.ID), "d": between.Format(time.RFC3339Nano)})
		if str(d, "responsibleOn", "person", "name") != "甲老师" {
			t.Errorf("responsible between the two = %v", d)
		}
		d = admin.ok(on, map[string]any{"t": id(f.H1.ID), "d": time.Now().Add(time.Hour).Format(time.RFC3339)})
		if str(d, "responsibleOn", "person", "name") != "甲校长" {
			t.Errorf("responsible now = %v", d)
		}
		d = admin.ok(on, map[string]any{"t": id(f.H1.ID), "d": "2020-01-01T00:00:00Z"})
		if get(d, "responsibleOn") != nil {
			t.Errorf("responsible before any assignment = %v", d)
		}
		// The old guarantor no longer sees the family; the new one does.
		if n := num(a.loginPerson(f.T1).ok(`{households{totalCount}}`, nil), "households", "totalCount"); n != 0 {
			t.Errorf("former guarantor still sees %d households", n)
		}

		// Graduation and leaving the list end assignments with a reason.
		admin.ok(assignQ, assignVars("STUDENT", f.T1.ID, f.S1.ID))
		admin.ok(`mutation($id:ID!){updateStudent(id:$id,input:{enrollmentStatus:GRADUATED}){id}}`, map[string]any{"id": id(f.S1.ID)})
		s1 := db.Assignment.Query().Where(assignment.StudentID(f.S1.ID)).OnlyX(sys)
		if s1.EndsAt == nil || s1.EndReason != "毕业" || db.Student.GetX(sys, f.S1.ID).ContactPersonID != nil {
			t.Errorf("graduation: %+v", s1)
		}
		admin.ok(assignQ, assignVars("HOUSEHOLD", f.T2.ID, f.H2.ID))
		admin.ok(`mutation($id:ID!){updateHousehold(id:$id,input:{status:MARGINAL}){id}}`, map[string]any{"id": id(f.H2.ID)})
		h2 := db.Assignment.Query().Where(assignment.HouseholdID(f.H2.ID)).OnlyX(sys)
		if h2.EndsAt == nil || h2.EndReason != "退出建档立卡" || db.Household.GetX(sys, f.H2.ID).GuarantorID != nil {
			t.Errorf("leaving the list: %+v", h2)
		}
		// Ending by hand needs a reason; ending twice finds nothing.
		cur := db.Assignment.Query().Where(assignment.HouseholdID(f.H1.ID), assignment.EndsAtIsNil()).OnlyX(sys)
		end := `mutation($id:ID!,$r:String!){endAssignment(id:$id,reason:$r){endReason}}`
		if res := admin.do(end, map[string]any{"id": id(cur.ID), "r": " "}); res.code() != "BAD_USER_INPUT" {
			t.Errorf("end without reason: %+v", res.Errors)
		}
		admin.ok(end, map[string]any{"id": id(cur.ID), "r": "调离"})
		if res := admin.do(end, map[string]any{"id": id(cur.ID), "r": "调离"}); res.code() != "NOT_FOUND" {
			t.Errorf("ending an ended assignment: %+v", res.Errors)
		}
	})
}

func TestBulkAssignmentIsAllOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		a := newAPI(t, db)
		admin := a.loginPerson(f.Admin)
		sys := authz.System(context.Background())
		many := `mutation($p:ID!,$ts:[ID!]!){assignMany(input:{kind:HOUSEHOLD,personID:$p,targetIDs:$ts}){assignments{id} errors{targetID field reason}}}`
		d := admin.ok(many, map[string]any{"p": id(f.T1.ID), "ts": []string{id(f.H1.ID), id(f.H2.ID), id(f.H4.ID)}})
		errs := get(d, "assignMany", "errors").([]any)
		if len(errs) != 1 || str(errs[0], "targetID") != id(f.H4.ID) || str(errs[0], "field") != "personID" ||
			len(get(d, "assignMany", "assignments").([]any)) != 0 {
			t.Fatalf("bulk with one bad row: %v", d)
		}
		if n := db.Assignment.Query().CountX(sys); n != 0 {
			t.Fatalf("a refused bulk stored %d assignments", n)
		}
		d = admin.ok(many, map[string]any{"p": id(f.T1.ID), "ts": []string{id(f.H1.ID), id(f.H2.ID)}})
		if len(get(d, "assignMany", "assignments").([]any)) != 2 || db.Assignment.Query().CountX(sys) != 2 {
			t.Fatalf("bulk of good rows: %v", d)
		}
		// The teacher now sees exactly those families, their students, and
		// nothing else.
		t1 := a.loginPerson(f.T1)
		hs, _ := all(t1, "households", "")
		ss, _ := all(t1, "students", "")
		if !equalSets(hs, id(f.H1.ID), id(f.H2.ID)) || !equalSets(ss, id(f.S1.ID), id(f.S2.ID), id(f.S6.ID)) {
			t.Errorf("teacher sees households %v students %v", hs, ss)
		}
		// Assignments are visible to the person and those above, not to peers.
		if n := num(t1.ok(`{assignments{totalCount}}`, nil), "assignments", "totalCount"); n != 2 {
			t.Errorf("teacher sees %d of own assignments", n)
		}
		if n := num(a.loginPerson(f.P1).ok(`{assignments{totalCount}}`, nil), "assignments", "totalCount"); n != 2 {
			t.Errorf("central school sees %d assignments in its township", n)
		}
		if n := num(a.loginPerson(f.T2).ok(`{assignments{totalCount}}`, nil), "assignments", "totalCount"); n != 0 {
			t.Errorf("a peer sees %d assignments", n)
		}
		// A contact person of one student sees that student and the family,
		// not the student's siblings.
		admin.ok(assignQ, assignVars("STUDENT", f.TK.ID, f.S6.ID))
		tk := a.loginPerson(f.TK)
		hs, _ = all(tk, "households", "")
		ss, _ = all(tk, "students", "")
		if !equalSets(hs, id(f.H2.ID)) || !equalSets(ss, id(f.S6.ID)) {
			t.Errorf("contact person sees households %v students %v", hs, ss)
		}
	})
}

func equalSets(got []string, want ...string) bool {
	if len(got) != len(want) {
		return false
	}
	m := map[string]bool{}
	for _, w := range want {
		m[w] = true
	}
	for _, g := range got {
		if !m[g] {
			return false
		}
	}
	return true
}

const logQ = `mutation($in:LogContactInput!){logContact(input:$in){id uuid date mode person{name} recordedBy{name}}}`

func contactVars(uuid string, household int, extra map[string]any) map[string]any {
	in := map[string]any{"uuid": uuid, "householdID": id(household), "date": contactlog.Today(time.Now()),
		"mode": "HOME_VISIT", "learnedSituation": true, "aidApplied": []string{"雨露计划"}, "policiesExplained": []string{"两课两信两回执"}}
	for k, v := range extra {
		in[k] = v
	}
	return map[string]any{"in": in}
}

func TestContacts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		a := newAPI(t, db)
		sys := authz.System(context.Background())
		admin := a.loginPerson(f.Admin)
		admin.ok(assignQ, assignVars("HOUSEHOLD", f.T1.ID, f.H1.ID))
		t1, t2, p1 := a.loginPerson(f.T1), a.loginPerson(f.T2), a.loginPerson(f.P1)

		if d := t1.ok(`{all: myFamilies{totalCount} overdue: myFamilies(overdue: true){totalCount}}`, nil); num(d, "all", "totalCount") != 1 || num(d, "overdue", "totalCount") != 1 {
			t.Errorf("before any contact: %v", d)
		}
		u := "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"
		first := t1.ok(logQ, contactVars(u, f.H1.ID, nil))
		// An offline phone retries: stored once, same record back.
		again := t1.ok(logQ, contactVars(u, f.H1.ID, nil))
		if str(first, "logContact", "id") != str(again, "logContact", "id") || db.Contact.Query().CountX(sys) != 1 {
			t.Fatalf("retry stored twice: %v %v", first, again)
		}
		if n := num(t1.ok(`{all: myFamilies{totalCount} overdue: myFamilies(overdue: true){totalCount}}`, nil), "overdue", "totalCount"); n != 0 {
			t.Errorf("overdue families after this month's contact = %d", n)
		}
		if h := db.Household.GetX(sys, f.H1.ID); h.LastContactOn != contactlog.Today(time.Now()) {
			t.Errorf("household last contact = %q", h.LastContactOn)
		}
		if s := db.Student.GetX(sys, f.S1.ID); s.LastContactOn != contactlog.Today(time.Now()) {
			t.Errorf("student last contact = %q", s.LastContactOn)
		}
		// The same UUID from someone else is refused without saying whose.
		if res := p1.do(logQ, contactVars(u, f.H1.ID, nil)); res.code() != "BAD_USER_INPUT" {
			t.Errorf("UUID reuse by another: %+v", res.Errors)
		}
		for _, c := range []struct {
			name string
			who  *session
			hh   int
			more map[string]any
			code string
		}{
			{"teacher, not their family", t1, f.H4.ID, nil, "FORBIDDEN"},
			{"another teacher", t2, f.H1.ID, nil, "FORBIDDEN"},
			{"supervisor on the teacher's behalf", p1, f.H1.ID, map[string]any{"personID": id(f.T1.ID)}, ""},
			{"supervisor outside their township", p1, f.H4.ID, map[string]any{"personID": id(f.T2.ID)}, "FORBIDDEN"},
			{"teacher on someone's behalf", t1, f.H1.ID, map[string]any{"personID": id(f.P1.ID)}, "FORBIDDEN"},
			{"future date", t1, f.H1.ID, map[string]any{"date": "2999-01-01"}, "BAD_USER_INPUT"},
			{"malformed date", t1, f.H1.ID, map[string]any{"date": "2026-02-30"}, "BAD_USER_INPUT"},
			{"student of another household", p1, f.H1.ID, map[string]any{"studentID": id(f.S2.ID), "personID": id(f.T1.ID)}, "BAD_USER_INPUT"},
			{"unknown flag", t1, f.H1.ID, map[string]any{"flags": []string{"NOPE"}}, "BAD_USER_INPUT"},
			{"malformed UUID", t1, f.H1.ID, map[string]any{"uuid": "not-a-uuid"}, "BAD_USER_INPUT"},
		} {
			uuid := "00000000-0000-4000-8000-0000000000" + strconv.Itoa(10+len(c.name)%90)
			vars := contactVars(uuid, c.hh, c.more)
			res := c.who.do(logQ, vars)
			if res.code() != c.code {
				t.Errorf("%s: want %q, got %+v", c.name, c.code, res.Errors)
			}
			if c.code == "" {
				db.Contact.Delete().Where(contact.UUID(uuid)).ExecX(sys)
			}
		}
		// A suspected dropout seen on a visit makes the student need a contact person.
		t1.ok(logQ, contactVars("11111111-2222-4333-8444-555555555555", f.H1.ID, map[string]any{"studentID": id(f.S1.ID), "flags": []string{"SUSPECTED_DROPOUT"}}))
		if st := db.Student.GetX(sys, f.S1.ID).EnrollmentStatus; st != "SUSPECTED_DROPOUT" {
			t.Errorf("student status after a suspected-dropout visit = %s", st)
		}
	})
}

func TestCoverageNumbers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		a := newAPI(t, db)
		admin := a.loginPerson(f.Admin)
		admin.ok(assignQ, assignVars("VILLAGE", f.P1.ID, f.V1.ID))
		admin.ok(assignQ, assignVars("HOUSEHOLD", f.T1.ID, f.H1.ID))
		admin.ok(assignQ, assignVars("STUDENT", f.T1.ID, f.S1.ID))
		t1 := a.loginPerson(f.T1)
		t1.ok(logQ, contactVars("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", f.H1.ID, nil))
		// Last month's visit to H2 does not count for this month.
		lastMonth := time.Now().In(contactlog.China).AddDate(0, -1, -time.Now().In(contactlog.China).Day()+1).Format("2006-01-02")
		sys := authz.System(context.Background())
		db.Contact.Create().SetUUID("bbbbbbbb-bbbb-4ccc-8ddd-eeeeeeeeeeee").SetHouseholdID(f.H2.ID).SetPersonID(f.T1.ID).
			SetRecordedByID(f.T1.ID).SetDate(lastMonth).SetMode("PHONE").ExecX(sys)

		q := `query($c:String,$o:ID){coverage(divisionCode:$c,orgID:$o){month
			total{label villages{total covered gaps} households{total covered gaps} students{total covered gaps} contacted overdue}
			children{key label villages{total covered} households{total covered} students{total covered} overdue}
			schools{label students{total covered}}
			villageGaps{totalCount} householdGaps{totalCount edges{node{number}}} studentGaps{totalCount} overdueHouseholds{totalCount edges{node{number lastContactOn}}}}}`
		d := admin.ok(q, map[string]any{"c": "130681000000"})
		cov := get(d, "coverage")
		type row struct{ vt, vc, ht, hc, st, sc, overdue int }
		read := func(r any) row {
			return row{num(r, "villages", "total"), num(r, "villages", "covered"), num(r, "households", "total"), num(r, "households", "covered"),
				num(r, "students", "total"), num(r, "students", "covered"), num(r, "overdue")}
		}
		if got, want := read(get(cov, "total")), (row{4, 1, 3, 1, 4, 1, 2}); got != want {
			t.Errorf("county total = %+v, want %+v", got, want)
		}
		if got := num(cov, "total", "contacted"); got != 1 {
			t.Errorf("contacted this month = %d", got)
		}
		kids := get(cov, "children").([]any)
		if len(kids) != 2 || str(kids[0], "label") != "松林店镇" || str(kids[1], "label") != "码头镇" {
			t.Fatalf("children = %v", kids)
		}
		if got, want := read(kids[0]), (row{3, 1, 2, 1, 4, 1, 1}); got != want {
			t.Errorf("松林店镇 = %+v, want %+v", got, want)
		}
		if got, want := read(kids[1]), (row{1, 0, 1, 0, 0, 0, 1}); got != want {
			t.Errorf("码头镇 = %+v, want %+v", got, want)
		}
		schools := get(cov, "schools").([]any)
		if len(schools) != 2 || str(schools[0], "label") != "松林店镇中心校" || num(schools[0], "students", "total") != 2 ||
			num(schools[0], "students", "covered") != 1 || num(schools[1], "students", "total") != 1 {
			t.Errorf("schools = %v", schools)
		}
		for list, want := range map[string]int{"villageGaps": 3, "householdGaps": 2, "studentGaps": 3, "overdueHouseholds": 2} {
			if n := num(cov, list, "totalCount"); n != want {
				t.Errorf("%s = %d, want %d", list, n, want)
			}
		}
		if first := str(cov, "overdueHouseholds", "edges", 0, "node", "number"); first != "H4" {
			t.Errorf("overdue list starts with %s, want the never-contacted H4", first)
		}
		// A school's coverage, and the central school's township.
		d = a.loginPerson(f.P1).ok(q, map[string]any{"o": id(f.C1.ID)})
		if got := read(get(d, "coverage", "total")); got.st != 2 || got.sc != 1 || got.ht != 1 || got.hc != 1 {
			t.Errorf("C1 coverage = %+v", got)
		}
		d = a.loginPerson(f.P1).ok(q, map[string]any{"c": "130681100000"})
		if got, want := read(get(d, "coverage", "total")), (row{3, 1, 2, 1, 4, 1, 1}); got != want {
			t.Errorf("松林店镇 by its central school = %+v, want %+v", got, want)
		}
		// Outside one's scope there is no report at all.
		for _, c := range []struct {
			who  *session
			vars map[string]any
		}{{a.loginPerson(f.P1), map[string]any{"c": "130681000000"}}, {a.loginPerson(f.P1), map[string]any{"c": "130681101000"}},
			{a.loginPerson(f.T1), map[string]any{"o": id(f.C1.ID)}}, {a.loginPerson(f.P2), map[string]any{"o": id(f.C1.ID)}}} {
			if res := c.who.do(q, c.vars); res.code() != "NOT_FOUND" {
				t.Errorf("coverage %v outside scope: %+v", c.vars, res.Errors)
			}
		}
		// Village archive (村档案).
		arch := `query($v:ID!){villageArchive(villageID:$v){households registeredHouseholds guaranteedHouseholds students registeredStudents outsideCounty needing withContact
			byStage{stage students} list{totalCount edges{node{name contactPerson{name} lastContactOn school{name} outsideSchoolName}}}}}`
		d = admin.ok(arch, map[string]any{"v": id(f.V1.ID)})
		va := get(d, "villageArchive")
		for k, want := range map[string]int{"households": 2, "registeredHouseholds": 2, "guaranteedHouseholds": 1, "students": 3,
			"registeredStudents": 3, "outsideCounty": 1, "needing": 3, "withContact": 1} {
			if got := num(va, k); got != want {
				t.Errorf("archive %s = %d, want %d", k, got, want)
			}
		}
		if num(va, "list", "totalCount") != 3 {
			t.Errorf("archive list = %v", get(va, "list"))
		}
		if res := a.loginPerson(f.T2).do(arch, map[string]any{"v": id(f.V1.ID)}); res.code() != "NOT_FOUND" {
			t.Errorf("archive outside scope: %+v", res.Errors)
		}
	})
}
