package graph_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"sanbao/authz"
	"sanbao/ent/assignment"
	"sanbao/ent/person"
	"sanbao/ent/position"
	entsession "sanbao/ent/session"
	"sanbao/store"
	"sanbao/store/storetest"
)

const orphansQ = `query($d:String,$o:ID){orphanedAssignments(divisionCode:$d,orgID:$o){totalCount edges{node{id kind endReason person{name active}}}}}`

// A person who leaves: the preview lists their open assignments and stores
// nothing; a refused handover stores nothing; confirming hands them over in
// the same transaction; the person can no longer sign in or be assigned.
func TestDeactivateHandsOver(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := buildStaff(t, db)
		a := newAPI(t, db)
		sys := authz.System(context.Background())
		admin := a.loginPerson(w.Admin)
		admin.ok(assignQ, assignVars("VILLAGE", w.T1.ID, w.V1.ID))
		admin.ok(assignQ, assignVars("HOUSEHOLD", w.T1.ID, w.H1.ID))
		admin.ok(assignQ, assignVars("STUDENT", w.T1.ID, w.S1.ID))
		t1 := a.loginPerson(w.T1)
		vars := map[string]any{"id": id(w.T1.ID), "c": false}

		d := admin.ok(leaveQ, vars)
		if get(d, "deactivatePerson", "confirmed") != false || len(get(d, "deactivatePerson", "orphaned").([]any)) != 3 {
			t.Fatalf("preview: %v", d)
		}
		if !db.Person.GetX(sys, w.T1.ID).Active || db.Assignment.Query().Where(assignment.PersonID(w.T1.ID), assignment.EndsAtIsNil()).CountX(sys) != 3 {
			t.Fatal("the preview changed something")
		}
		// TK (another school) may not take C1's student: all refused rows named, nothing stored.
		vars["c"], vars["to"] = true, id(w.TK.ID)
		d = admin.ok(leaveQ, vars)
		if get(d, "deactivatePerson", "confirmed") != false || len(get(d, "deactivatePerson", "refused").([]any)) != 1 ||
			!contains(str(d, "deactivatePerson", "refused", 0, "reason"), "就读学校") {
			t.Fatalf("refused handover: %v", d)
		}
		if !db.Person.GetX(sys, w.T1.ID).Active {
			t.Fatal("a refused handover deactivated the person")
		}
		vars["to"] = id(w.P1.ID)
		d = admin.ok(leaveQ, vars)
		if get(d, "deactivatePerson", "confirmed") != true || get(d, "deactivatePerson", "person", "active") != false || str(d, "deactivatePerson", "person", "leftAt") == "" {
			t.Fatalf("confirmed: %v", d)
		}
		ended := db.Assignment.Query().Where(assignment.PersonID(w.T1.ID)).AllX(sys)
		for _, x := range ended {
			if x.EndsAt == nil || x.EndReason != "离职" {
				t.Errorf("T1's assignment %d: ends %v reason %q", x.ID, x.EndsAt, x.EndReason)
			}
		}
		if n := db.Assignment.Query().Where(assignment.PersonID(w.P1.ID), assignment.EndsAtIsNil()).CountX(sys); n != 3 {
			t.Errorf("P1 took %d assignments, want 3", n)
		}
		if g := db.Household.GetX(sys, w.H1.ID).GuarantorID; g == nil || *g != w.P1.ID {
			t.Errorf("H1's guarantor = %v", g)
		}
		// History stays: the ended position is listed, none is current.
		ps := db.Position.Query().Where(position.PersonID(w.T1.ID)).AllX(sys)
		if len(ps) != 1 || ps[0].EndedAt == nil || ps[0].EndReason != "离职" {
			t.Errorf("positions: %+v", ps)
		}
		p := admin.ok(`query($id:ID!){node(id:$id){... on Person{active positions{endReason} currentPositions{id}}}}`, map[string]any{"id": id(w.T1.ID)})
		if get(p, "node", "active") != false || str(p, "node", "positions", 0, "endReason") != "离职" || len(get(p, "node", "currentPositions").([]any)) != 0 {
			t.Errorf("the left person's record: %v", p)
		}
		// Login off at once: the open session, a new sign-in, sessions stored.
		if res := t1.do(`{viewer{name}}`, nil); res.code() != "UNAUTHENTICATED" {
			t.Errorf("session after leaving: %+v", res.Errors)
		}
		if res := a.anon().do(`mutation($p:String!){login(phone:$p,password:"sanbao-demo"){token}}`, map[string]any{"p": w.T1.Phone}); res.code() != "UNAUTHENTICATED" {
			t.Errorf("sign-in after leaving: %+v", res.Errors)
		}
		if n := db.Session.Query().Where(entsession.PersonID(w.T1.ID)).CountX(sys); n != 0 {
			t.Errorf("%d sessions left", n)
		}
		// Nobody assigns or employs a left person; leaving twice says so.
		if res := admin.do(assignQ, assignVars("HOUSEHOLD", w.T1.ID, w.H2.ID)); res.code() != "BAD_USER_INPUT" {
			t.Errorf("assigning a left person: %+v", res.Errors)
		}
		if res := admin.do(giveQ, map[string]any{"p": id(w.T1.ID), "o": id(w.C1.ID), "r": "TEACHER"}); res.code() != "BAD_USER_INPUT" {
			t.Errorf("employing a left person: %+v", res.Errors)
		}
		if res := admin.do(leaveQ, vars); res.code() != "BAD_USER_INPUT" || !contains(res.Errors[0].Message, "已离职") {
			t.Errorf("leaving twice: %+v", res.Errors)
		}
		// The list tells who left.
		left := admin.ok(`{staff(status:LEFT){edges{node{id}}} active: staff(status:ACTIVE, search:"甲老师"){totalCount}}`, nil)
		if !slices.Equal(ids(get(left, "staff")), []string{id(w.T1.ID)}) || num(left, "active", "totalCount") != 0 {
			t.Errorf("staff lists: %v", left)
		}
	})
}

// Ending without a handover leaves gaps, listed as orphaned until someone is
// assigned; open assignments of someone gone are orphaned however it happened.
func TestOrphanedAssignments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := buildStaff(t, db)
		a := newAPI(t, db)
		sys := authz.System(context.Background())
		admin := a.loginPerson(w.Admin)
		admin.ok(assignQ, assignVars("HOUSEHOLD", w.T2.ID, w.H4.ID)) // 码头镇 (T2)
		admin.ok(assignQ, assignVars("STUDENT", w.T2.ID, w.S2.ID))   // at C2
		admin.ok(assignQ, assignVars("STUDENT", w.T1.ID, w.S1.ID))   // at C1, 松林店镇

		admin.ok(leaveQ, map[string]any{"id": id(w.T2.ID), "c": true})
		if g := db.Household.GetX(sys, w.H4.ID).GuarantorID; g != nil {
			t.Fatalf("H4 still guaranteed by %d", *g)
		}
		county := admin.ok(orphansQ, map[string]any{"d": "130681000000"})
		if num(county, "orphanedAssignments", "totalCount") != 2 || str(county, "orphanedAssignments", "edges", 0, "node", "endReason") != "离职" {
			t.Fatalf("county's orphans: %v", county)
		}
		// By registration: H4 in 码头镇; S2 studies there but her family lives in 松林店镇.
		for code, want := range map[string]int{"130681101000": 1, "130681100000": 1, "130681100202": 0} {
			if n := num(admin.ok(orphansQ, map[string]any{"d": code}), "orphanedAssignments", "totalCount"); n != want {
				t.Errorf("%s has %d orphans, want %d", code, n, want)
			}
		}
		if n := num(admin.ok(orphansQ, map[string]any{"o": id(w.C2.ID)}), "orphanedAssignments", "totalCount"); n != 2 {
			t.Errorf("C2 has %d orphans (its student S2, and H4 whose S5 studied there), want 2", n)
		}
		// Scoped: 松林店镇's central school sees S2 (registered there), not H4.
		mine := `{orphanedAssignments{totalCount edges{node{id kind}}}}`
		if d := a.loginPerson(w.P1).ok(mine, nil); num(d, "orphanedAssignments", "totalCount") != 1 || str(d, "orphanedAssignments", "edges", 0, "node", "kind") != "STUDENT" {
			t.Errorf("P1 sees %v", d)
		}
		if n := num(a.loginPerson(w.P2).ok(mine, nil), "orphanedAssignments", "totalCount"); n != 2 {
			t.Errorf("P2 sees %d orphans, want 2", n)
		}
		// Reassigning the household takes it off the list.
		admin.ok(assignQ, assignVars("HOUSEHOLD", w.P2.ID, w.H4.ID))
		if n := num(admin.ok(orphansQ, map[string]any{"d": "130681000000"}), "orphanedAssignments", "totalCount"); n != 1 {
			t.Errorf("after reassigning: %d orphans, want 1", n)
		}
		// Someone made inactive behind sanbao's back still shows: their open
		// assignment has nobody.
		db.Person.UpdateOneID(w.T1.ID).SetActive(false).ExecX(sys)
		d := admin.ok(orphansQ, map[string]any{"d": "130681000000"})
		if num(d, "orphanedAssignments", "totalCount") != 2 {
			t.Errorf("with an inactive person's open assignment: %v", d)
		}
	})
}

// A move ends the old school's positions and starts the new one's, both
// dated; only the assignments the new unit does not cover are orphaned.
func TestMoveKeepsWhatStillFits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := buildStaff(t, db)
		a := newAPI(t, db)
		sys := authz.System(context.Background())
		admin := a.loginPerson(w.Admin)
		admin.ok(assignQ, assignVars("VILLAGE", w.T1.ID, w.V1.ID))   // 松林店镇: K is there too
		admin.ok(assignQ, assignVars("STUDENT", w.T1.ID, w.S1.ID))   // at C1 only
		admin.ok(assignQ, assignVars("HOUSEHOLD", w.T1.ID, w.H1.ID)) // 松林店镇
		mv := map[string]any{"id": id(w.T1.ID), "to": id(w.K.ID), "r": "TEACHER", "c": false}
		d := admin.ok(moveQ, mv)
		if get(d, "movePerson", "confirmed") != false || len(get(d, "movePerson", "orphaned").([]any)) != 1 || str(d, "movePerson", "orphaned", 0, "kind") != "STUDENT" {
			t.Fatalf("preview of a move within the township: %v", d)
		}
		mv["c"] = true
		admin.ok(moveQ, mv)
		ps := db.Position.Query().Where(position.PersonID(w.T1.ID)).Order(position.ByID()).AllX(sys)
		if len(ps) != 2 || ps[0].EndReason != "调动" || ps[0].EndedAt == nil || ps[1].OrgID != w.K.ID || ps[1].EndedAt != nil ||
			!ps[1].StartedAt.Equal(*ps[0].EndedAt) {
			t.Fatalf("positions after the move: %+v", ps)
		}
		s1 := db.Assignment.Query().Where(assignment.StudentID(w.S1.ID)).OnlyX(sys)
		if s1.EndReason != "调动" || db.Student.GetX(sys, w.S1.ID).ContactPersonID != nil {
			t.Errorf("S1's assignment: %+v", s1)
		}
		if n := db.Assignment.Query().Where(assignment.PersonID(w.T1.ID), assignment.EndsAtIsNil()).CountX(sys); n != 2 {
			t.Errorf("T1 keeps %d assignments, want the village and the household", n)
		}
		// Moving on to 码头镇 orphans the rest, handed over to C1's principal.
		d = admin.ok(moveQ, map[string]any{"id": id(w.T1.ID), "to": id(w.C2.ID), "r": "TEACHER", "c": true, "h": id(w.P1.ID)})
		if get(d, "movePerson", "confirmed") != true || len(get(d, "movePerson", "orphaned").([]any)) != 2 {
			t.Fatalf("second move: %v", d)
		}
		if n := db.Assignment.Query().Where(assignment.PersonID(w.P1.ID), assignment.EndsAtIsNil()).CountX(sys); n != 2 {
			t.Errorf("P1 took %d, want 2", n)
		}
	})
}

// Ended positions grant nothing: not scope, not eligibility, not a place
// among an agreement's parties; the change applies to the next request.
func TestEndedPositionsGrantNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := buildStaff(t, db)
		a := newAPI(t, db)
		sys := authz.System(context.Background())
		admin := a.loginPerson(w.Admin)
		p1 := a.loginPerson(w.P1)
		before := num(p1.ok(`{households{totalCount}}`, nil), "households", "totalCount")
		if before == 0 {
			t.Fatal("the central principal sees no households: the case proves nothing")
		}
		admin.ok(giveQ, map[string]any{"p": id(w.P1.ID), "o": id(w.C1.ID), "r": "TEACHER"})
		principal := positionOf(t, db, w.P1)
		admin.ok(endPosQ, map[string]any{"id": id(principal.ID), "c": true})
		v := p1.ok(`{viewer{roles{key}} households{totalCount}}`, nil)
		if n := num(v, "households", "totalCount"); n != 0 {
			t.Errorf("after the principal's position ended, P1 sees %d households", n)
		}
		for _, r := range get(v, "viewer", "roles").([]any) {
			if k := str(r, "key"); k == "school_leader" || k == "central_leader" {
				t.Errorf("P1 still has role %s", k)
			}
		}
		// Eligibility: T2 moved from C2 keeps no claim on C2's students.
		admin.ok(giveQ, map[string]any{"p": id(w.T2.ID), "o": id(w.C1.ID), "r": "TEACHER"})
		admin.ok(endPosQ, map[string]any{"id": id(positionOf(t, db, w.T2).ID), "c": true})
		if res := admin.do(assignQ, assignVars("STUDENT", w.T2.ID, w.S2.ID)); res.code() != "BAD_USER_INPUT" {
			t.Errorf("assigning C2's student to its former teacher: %+v", res.Errors)
		}
		// Agreements: C1 has no principal in force, so the bureau's agreement to it has no signer.
		d := admin.ok(issueQ, map[string]any{"o": id(w.bureau.ID), "t": term})
		var skipped []string
		for _, s := range get(d, "issueAgreements", "skipped").([]any) {
			skipped = append(skipped, str(s, "name"))
		}
		if !slices.Contains(skipped, w.C1.Name) || num(d, "issueAgreements", "created") != 2 {
			t.Errorf("issuing with C1's principal ended: %v", d)
		}
		if n := db.Position.Query().Where(position.PersonID(w.P1.ID)).CountX(sys); n != 2 {
			t.Errorf("P1 has %d positions, want the ended one kept", n)
		}
	})
}

// 16 adds of one phone at once store one person; the rest are told the
// number is taken. 16 departures of one person at once end everything once.
func TestStaffConcurrency(t *testing.T) {
	db := storetest.Open(t, "postgres")
	w := buildStaff(t, db)
	a := newAPI(t, db)
	sys := authz.System(context.Background())
	admin := a.loginPerson(w.Admin)
	const n = 16
	for round := 0; round < 3; round++ {
		phone := fmt.Sprintf("1371234%04d", round)
		results := make([]result, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i] = admin.do(addPersonQ, map[string]any{"n": "并发" + id(i), "p": phone, "o": id(w.C1.ID), "r": "TEACHER"})
			}()
		}
		wg.Wait()
		ok := 0
		for _, r := range results {
			switch {
			case r.code() == "":
				ok++
			case r.code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "phone" || !contains(r.Errors[0].Message, "手机号"):
				t.Errorf("round %d: %+v", round, r.Errors)
			}
		}
		people := db.Person.Query().Where(person.Phone(phone)).AllX(sys)
		if ok != 1 || len(people) != 1 || db.Position.Query().Where(position.PersonID(people[0].ID)).CountX(sys) != 1 {
			t.Fatalf("round %d: %d succeeded, %d stored", round, ok, len(people))
		}

		// Everyone deactivates that person at once.
		pid := people[0].ID
		admin.ok(assignQ, assignVars("STUDENT", pid, w.S1.ID))
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i] = admin.do(leaveQ, map[string]any{"id": id(pid), "c": true})
			}()
		}
		wg.Wait()
		ok = 0
		for _, r := range results {
			switch {
			case r.code() == "" && get(r.Data, "deactivatePerson", "confirmed") == true:
				ok++
			case r.code() != "BAD_USER_INPUT" || !contains(r.Errors[0].Message, "已离职"):
				t.Errorf("round %d leave: %+v", round, r.Errors)
			}
		}
		p := db.Person.GetX(sys, pid)
		ps := db.Position.Query().Where(position.PersonID(pid)).AllX(sys)
		as := db.Assignment.Query().Where(assignment.PersonID(pid)).AllX(sys)
		if ok != 1 || p.Active || p.LeftAt == nil || len(ps) != 1 || ps[0].EndReason != "离职" || len(as) != 1 || as[0].EndReason != "离职" {
			t.Fatalf("round %d leave: %d succeeded; person %+v; positions %+v; assignments %+v", round, ok, p, ps, as)
		}
		if !ps[0].EndedAt.Equal(*p.LeftAt) || !as[0].EndsAt.Equal(*p.LeftAt) {
			t.Errorf("round %d: ended at different times: %v %v %v", round, p.LeftAt, ps[0].EndedAt, as[0].EndsAt)
		}
	}
}
