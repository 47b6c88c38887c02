package authz

import (
	"testing"

	"sanbao/ent/org"
	"sanbao/ent/position"
)

// The policy decides role × action; the matrix over real data is in graph.
func TestPolicy(t *testing.T) {
	p, err := LoadPolicy()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		role, obj, act string
		want           bool
	}{
		{RoleCountyAdmin, ObjHousehold, ActWrite, true},
		{RoleCountyAid, ObjStudent, ActRevealID, true},
		{RoleCountyAdmin, ObjStudent, ActRevealID, false},
		{RoleOverseer, ObjHousehold, ActRead, true},
		{RoleOverseer, ObjHousehold, ActWrite, false},
		{RoleInspector, ObjStudent, ActWrite, false},
		{RoleInspector, ObjAssignment, ActWrite, false},
		{RoleInspector, ObjAgreement, ActIssue, false},
		{RoleInspector, ObjAuditLog, ActRead, true},
		{RoleSchoolLeader, ObjStudent, ActWriteEnrollment, true},
		{RoleSchoolLeader, ObjStudent, ActWrite, false},
		{RoleSchoolLeader, ObjAgreement, ActIssue, true},
		{RoleTeacher, ObjHousehold, ActRead, false},
		{RoleTeacher, ObjStudent, ActWrite, false},
		{RoleUser, ObjContact, ActWrite, true},
		{RoleUser, ObjAgreement, ActSign, true},
		{RoleAPIReader, ObjHousehold, ActWrite, false},
		{RoleAPIWriter, ObjHousehold, ActWrite, true},
		{RoleAPIWriter, ObjAPIToken, ActWrite, false},
	}
	for _, c := range cases {
		if got := p.Enforce(c.role, c.obj, c.act); got != c.want {
			t.Errorf("Enforce(%s, %s, %s) = %v, want %v", c.role, c.obj, c.act, got, c.want)
		}
	}
}

func TestViewerScopes(t *testing.T) {
	p := Default()
	grade := 4
	v := NewPersonViewer(p, 7, "张丽", []Position{
		{Role: position.RoleTeacher, OrgID: 11, OrgKind: org.KindSchool, DivisionCode: "130681100000"},
		{Role: position.RoleHeadTeacher, OrgID: 11, OrgKind: org.KindSchool, DivisionCode: "130681100000", Grade: &grade, ClassName: "2班"},
	})
	st := v.Scope(ObjStudent, ActRead)
	if st == nil || !st.Assigned || len(st.Classes) != 1 || st.Classes[0] != (Class{11, 4, "2班"}) || len(st.VillageRanges) != 0 {
		t.Fatalf("teacher's student scope = %+v", st)
	}
	if v.Can(ObjHousehold, ActWrite) {
		t.Fatal("a teacher may write households")
	}
	c := NewPersonViewer(p, 8, "王建国", []Position{
		{Role: position.RolePrincipal, OrgID: 11, OrgKind: org.KindSchool, Central: true, DivisionCode: "130681100000"},
	})
	hs := c.Scope(ObjHousehold, ActRead)
	if hs == nil || len(hs.VillageRanges) != 1 || hs.VillageRanges[0].Hi != "130681100999" || len(hs.SchoolIDs) != 1 {
		t.Fatalf("central principal's household scope = %+v", hs)
	}
	tok := NewTokenViewer(p, 3, "对接", "130681000000", false)
	if tok.Can(ObjHousehold, ActWrite) || tok.Scope(ObjStudent, ActRead).Assigned || !tok.Scope(ObjStudent, ActRead).HasVillage("130681100201") {
		t.Fatal("read token scope wrong")
	}
	// A role at the wrong kind of unit grants nothing.
	if r := PositionRoles(position.RoleHeadTeacher, org.KindCountyBureau, false); r != nil {
		t.Fatalf("head teacher at a bureau = %v", r)
	}
}
