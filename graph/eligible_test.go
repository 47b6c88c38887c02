package graph_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"sanbao/authz"
	"sanbao/ent/assignment"
	"sanbao/ent/org"
	"sanbao/ent/person"
	"sanbao/ent/position"
	"sanbao/ent/student"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

const eligibleQ = `query($k:AssignmentKind!,$t:ID!,$s:String,$n:Int){eligiblePeople(kind:$k,targetID:$t,search:$s,first:$n){person{id name} eligible reason}}`

type candidate struct {
	name     string
	eligible bool
	reason   string
}

func candidates(t *testing.T, s *session, kind string, target int, search string) []candidate {
	t.Helper()
	d := s.ok(eligibleQ, map[string]any{"k": kind, "t": id(target), "s": search})
	var out []candidate
	for _, e := range get(d, "eligiblePeople").([]any) {
		out = append(out, candidate{str(e, "person", "name"), get(e, "eligible") == true, str(e, "reason")})
	}
	return out
}

func names(cs []candidate) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.name)
	}
	return out
}

// The person picker lists who may be responsible first, and says why anyone
// else may not before they are picked; the rule is guarantee's.
func TestEligiblePeople(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		a := newAPI(t, db)
		admin, p1 := a.loginPerson(f.Admin), a.loginPerson(f.P1)

		// A student of C2: its staff, all eligible.
		got := candidates(t, admin, "STUDENT", f.S2.ID, "")
		if !equalSets(names(got), "乙校长", "乙老师") || slices.ContainsFunc(got, func(c candidate) bool { return !c.eligible || c.reason != "" }) {
			t.Errorf("S2 without search: %+v", got)
		}
		// Searching by name: another school's staff come after, with the reason.
		got = candidates(t, admin, "STUDENT", f.S2.ID, "老师")
		if len(got) != 3 || got[0].name != "乙老师" || !got[0].eligible {
			t.Fatalf("S2, 老师: %+v", got)
		}
		for _, c := range got[1:] {
			if c.eligible || c.reason != "帮扶联系人应为该生就读学校（码头镇中心校）的教职工" {
				t.Errorf("S2, 老师: %+v", c)
			}
		}
		// By unit and by phone.
		got = candidates(t, admin, "STUDENT", f.S1.ID, "码头镇")
		if !equalSets(names(got), "乙校长", "乙老师") || got[0].eligible || !strings.Contains(got[0].reason, "松林店镇中心校") {
			t.Errorf("S1, 码头镇: %+v", got)
		}
		if got = candidates(t, admin, "HOUSEHOLD", f.H1.ID, f.T1.Phone); len(got) != 1 || got[0].name != "甲老师" || !got[0].eligible {
			t.Errorf("H1 by phone: %+v", got)
		}
		// A village of 码头镇: its central school first, then the county bureau.
		got = candidates(t, admin, "VILLAGE", f.V4.ID, "")
		if len(got) != 3 || got[2].name != "局长" || !got[0].eligible || !got[2].eligible ||
			!equalSets(names(got[:2]), "乙校长", "乙老师") {
			t.Errorf("V4 without search: %+v", got)
		}
		got = candidates(t, admin, "VILLAGE", f.V4.ID, "校长")
		if len(got) != 3 || got[0].name != "乙校长" || got[1].eligible || got[2].eligible ||
			!strings.Contains(got[1].reason, "包村责任人应为该村所在乡镇") {
			t.Errorf("V4, 校长: %+v", got)
		}
		// Outside the county: the village's township schools.
		if got = candidates(t, admin, "STUDENT", f.S6.ID, ""); !equalSets(names(got), "甲校长", "甲老师", "丙校长", "丙老师") {
			t.Errorf("S6 without search: %+v", got)
		}
		// first bounds the list.
		if d := admin.ok(eligibleQ, map[string]any{"k": "VILLAGE", "t": id(f.V4.ID), "n": 1}); len(get(d, "eligiblePeople").([]any)) != 1 {
			t.Errorf("first: 1 gave %v", d)
		}
		// A graduated student needs nobody; a teacher may not assign; an
		// ineligible target is a field error.
		if res := admin.do(eligibleQ, map[string]any{"k": "STUDENT", "t": id(f.S5.ID)}); res.code() != "BAD_USER_INPUT" || res.Errors[0].Extensions["field"] != "targetID" {
			t.Errorf("graduated student: %+v", res.Errors)
		}
		if res := a.loginPerson(f.T1).do(eligibleQ, map[string]any{"k": "HOUSEHOLD", "t": id(f.H1.ID)}); res.code() != "FORBIDDEN" {
			t.Errorf("teacher asked for candidates: %+v", res.Errors)
		}
		// Only people the viewer may read: the central school reads its
		// township's staff, not the county bureau's, even by name.
		if got = candidates(t, p1, "VILLAGE", f.V1.ID, ""); !equalSets(names(got), "甲校长", "甲老师", "丙校长", "丙老师") || got[0].name != "甲校长" && got[0].name != "甲老师" {
			t.Errorf("central school, V1: %+v", got)
		}
		if got = candidates(t, p1, "VILLAGE", f.V1.ID, "局长"); len(got) != 0 {
			t.Errorf("central school found the bureau's staff: %+v", got)
		}
		// Someone who left is never offered.
		db.Person.UpdateOneID(f.T2.ID).SetActive(false).ExecX(authz.System(context.Background()))
		if got = candidates(t, admin, "STUDENT", f.S2.ID, ""); !equalSets(names(got), "乙校长") {
			t.Errorf("inactive teacher offered: %+v", got)
		}
	})
}

// Changing the responsible person with a reason ends the old assignment for
// that reason, after the same checks as assign: a refused change ends nothing.
func TestReassignWithReason(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		a := newAPI(t, db)
		admin := a.loginPerson(f.Admin)
		sys := authz.System(context.Background())
		q := `mutation($p:ID!,$t:ID!,$r:String){assign(input:{kind:HOUSEHOLD,personID:$p,targetID:$t,reason:$r}){id responsible{name}}}`
		admin.ok(q, map[string]any{"p": id(f.T1.ID), "t": id(f.H1.ID)})
		if res := admin.do(q, map[string]any{"p": id(f.T2.ID), "t": id(f.H1.ID), "r": "教师调动"}); res.code() != "BAD_USER_INPUT" {
			t.Fatalf("ineligible change: %+v", res.Errors)
		}
		if n := db.Assignment.Query().Where(assignment.HouseholdID(f.H1.ID), assignment.EndsAtIsNil()).CountX(sys); n != 1 {
			t.Fatalf("a refused change ended the assignment (%d active)", n)
		}
		d := admin.ok(q, map[string]any{"p": id(f.P1.ID), "t": id(f.H1.ID), "r": "教师调动"})
		if str(d, "assign", "responsible", "name") != "甲校长" {
			t.Errorf("change: %v", d)
		}
		rows := db.Assignment.Query().Where(assignment.HouseholdID(f.H1.ID)).Order(assignment.ByID()).AllX(sys)
		if len(rows) != 2 || rows[0].EndReason != "教师调动" || rows[0].EndsAt == nil || rows[1].EndsAt != nil ||
			!rows[0].EndsAt.Equal(rows[1].StartsAt) {
			t.Errorf("history: %+v", rows)
		}
		if g := db.Household.GetX(sys, f.H1.ID).GuarantorID; g == nil || *g != f.P1.ID {
			t.Errorf("guarantor after the change: %v", g)
		}
	})
}

// A student whose contact person is outside the viewer's scope has one
// (已落实): hasContactPerson is true while the contactPerson edge is null, and
// likewise for a household's guarantor and an assignment's person.
func TestResponsibleOutsideScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := fixture.Build(t, db)
		a := newAPI(t, db)
		sys := authz.System(context.Background())
		aid, central := a.login("13900000001"), a.login("13900000002") // county aid centre; 松林店镇中心校's principal
		township := fixture.Songlindian[:9]

		// A student registered in 松林店镇 and enrolled outside it, given a
		// contact person of that school: outside the principal's scope.
		s := db.Student.Query().Where(student.VillageCodeHasPrefix(township),
			student.EnrollmentStatusNEQ(student.EnrollmentStatusGraduated),
			student.HasSchoolWith(org.Not(org.DivisionCodeHasPrefix(township)))).FirstX(sys)
		staff := db.Position.Query().Where(position.OrgID(*s.SchoolID), position.HasPersonWith(person.Active(true))).FirstX(sys)
		aid.ok(assignQ, assignVars("STUDENT", staff.PersonID, s.ID))
		// A household of 松林店镇 guaranteed by county bureau staff.
		h := db.Household.GetX(sys, s.HouseholdID)
		bureauStaff := w.Person(t, "涿州市教育和体育局", position.RoleAidOfficer)
		aid.ok(assignQ, assignVars("HOUSEHOLD", bureauStaff.ID, h.ID))

		q := `query($s:ID!,$h:ID!){
			s: node(id:$s){... on Student{hasContactPerson contactPerson{id name} assignments{edges{node{personID responsible{name} endsAt}}}}}
			h: node(id:$h){... on Household{hasGuarantor guarantor{id}}}}`
		vars := map[string]any{"s": id(s.ID), "h": id(h.ID)}
		d := central.ok(q, vars)
		if get(d, "s", "hasContactPerson") != true || get(d, "s", "contactPerson") != nil {
			t.Errorf("principal: student %v", get(d, "s"))
		}
		if get(d, "h", "hasGuarantor") != true || get(d, "h", "guarantor") != nil {
			t.Errorf("principal: household %v", get(d, "h"))
		}
		active := activeOf(get(d, "s", "assignments"))
		if len(active) != 1 || str(active[0], "personID") != id(staff.PersonID) || get(active[0], "responsible") != nil {
			t.Errorf("principal: active assignments %v", active)
		}
		// The county sees the names.
		d = aid.ok(q, vars)
		if get(d, "s", "hasContactPerson") != true || str(d, "s", "contactPerson", "id") != id(staff.PersonID) ||
			str(activeOf(get(d, "s", "assignments")), 0, "responsible", "name") == "" {
			t.Errorf("county: student %v", get(d, "s"))
		}
		if str(d, "h", "guarantor", "id") != id(bureauStaff.ID) {
			t.Errorf("county: household %v", get(d, "h"))
		}
		// Without anyone: false for both viewers.
		free := db.Student.Query().Where(student.VillageCodeHasPrefix(township), student.ContactPersonIDIsNil()).FirstX(sys)
		for _, v := range []*session{aid, central} {
			d := v.ok(`query($id:ID!){node(id:$id){... on Student{hasContactPerson}}}`, map[string]any{"id": id(free.ID)})
			if get(d, "node", "hasContactPerson") != false {
				t.Errorf("student without contact person: %v", d)
			}
		}
	})
}

// activeOf lists the nodes of an assignment connection that have not ended.
func activeOf(conn any) []any {
	var out []any
	for _, e := range get(conn, "edges").([]any) {
		if get(e, "node", "endsAt") == nil {
			out = append(out, get(e, "node"))
		}
	}
	return out
}

// Changing one household's guarantor with reasons from many sessions at once:
// every call succeeds, one assignment is active, and each ended one carries
// the reason given by the change that ended it, ending as the next starts.
func TestConcurrentReassignWithReasons(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		a := newAPI(t, db)
		sys := authz.System(context.Background())
		staff := moreStaff(t, db, f.C1, concurrent)
		admin := a.loginPerson(f.Admin)
		q := `mutation($p:ID!,$t:ID!,$r:String){assign(input:{kind:HOUSEHOLD,personID:$p,targetID:$t,reason:$r}){responsible{id}}}`
		reasonOf := map[int]string{}
		for i, p := range staff {
			reasonOf[p.ID] = fmt.Sprintf("调动%d", i)
		}
		for round := range rounds {
			res := atOnce(t, concurrent, func(i int) (result, error) {
				return admin.try(q, map[string]any{"p": id(staff[i].ID), "t": id(f.H1.ID), "r": reasonOf[staff[i].ID]})
			})
			for i, r := range res {
				if len(r.Errors) > 0 || str(r.Data, "assign", "responsible", "id") != id(staff[i].ID) {
					t.Errorf("round %d, change %d: %+v %v", round, i, r.Errors, r.Data)
				}
			}
			hist := db.Assignment.Query().Where(assignment.HouseholdID(f.H1.ID)).Order(assignment.ByID()).AllX(sys)
			if len(hist) != concurrent*(round+1) {
				t.Fatalf("round %d: %d assignments", round, len(hist))
			}
			for i, x := range hist {
				if i == len(hist)-1 {
					if x.EndsAt != nil {
						t.Errorf("the latest assignment ended: %+v", x)
					}
					continue
				}
				next := hist[i+1]
				if x.EndsAt == nil || !x.EndsAt.Equal(next.StartsAt) || x.EndReason != reasonOf[next.PersonID] {
					t.Errorf("assignment %d ends %v (%q); the next, to %d, starts %v", x.ID, x.EndsAt, x.EndReason, next.PersonID, next.StartsAt)
				}
			}
			if g := db.Household.GetX(sys, f.H1.ID).GuarantorID; g == nil || *g != hist[len(hist)-1].PersonID {
				t.Errorf("round %d: guarantor %v", round, g)
			}
		}
	})
}
