package authz

import (
	"errors"
	"testing"

	"sanbao/ent"
	"sanbao/ent/org"
	"sanbao/ent/position"
	"sanbao/fielderr"
)

// Who may give which position where: the grant_<role> rows of policy.csv.
func TestMayGive(t *testing.T) {
	p := Default()
	bureau := &ent.Org{ID: 1, Name: "县局", Kind: org.KindCountyBureau, DivisionCode: "130681000000"}
	central := &ent.Org{ID: 2, Name: "中心校", Kind: org.KindSchool, IsCentral: true, DivisionCode: "130681100000"}
	village := &ent.Org{ID: 3, Name: "村小", Kind: org.KindSchool, DivisionCode: "130681100000"}
	other := &ent.Org{ID: 4, Name: "外县小学", Kind: org.KindSchool, DivisionCode: "130123100000"}
	at := func(r position.Role, o *ent.Org) Position {
		return Position{ID: int(o.ID)*10 + len(r), Role: r, OrgID: o.ID, OrgKind: o.Kind, Central: o.IsCentral, DivisionCode: o.DivisionCode}
	}
	director := NewPersonViewer(p, 1, "局长", []Position{at(position.RoleDirector, bureau)})
	aid := NewPersonViewer(p, 2, "专干", []Position{at(position.RoleAidOfficer, bureau)})
	principal := NewPersonViewer(p, 3, "中心校校长", []Position{at(position.RolePrincipal, central)})
	villagePrincipal := NewPersonViewer(p, 4, "村小校长", []Position{at(position.RolePrincipal, village)})
	teacher := NewPersonViewer(p, 5, "教师", []Position{at(position.RoleTeacher, central)})
	inspector := NewPersonViewer(p, 6, "督导", []Position{at(position.RoleInspector, bureau)})
	const ok, denied, unfit = "", "denied", "unfit"
	for _, c := range []struct {
		who  *Viewer
		role position.Role
		o    *ent.Org
		want string
	}{
		{director, position.RoleTeacher, village, ok},
		{director, position.RolePrincipal, central, ok},
		{director, position.RoleDeputy, bureau, ok},
		{director, position.RoleAidOfficer, bureau, denied},
		{director, position.RoleTeacher, other, denied},
		{director, position.RoleHeadTeacher, bureau, unfit},
		{aid, position.RoleAidOfficer, bureau, ok},
		{aid, position.RoleDirector, bureau, ok},
		{principal, position.RoleVicePrincipal, central, ok},
		{principal, position.RoleCentralHead, central, ok},
		{principal, position.RoleTeacher, village, denied},
		{principal, position.RoleDeputy, bureau, denied},
		{villagePrincipal, position.RoleCentralHead, village, unfit},
		{villagePrincipal, position.RoleAidOfficer, village, ok},
		{teacher, position.RoleTeacher, central, denied},
		{inspector, position.RoleTeacher, village, denied},
	} {
		err := c.who.MayGive(c.role, c.o)
		_, isField := fielderr.As(err)
		got := ok
		switch {
		case errors.Is(err, ErrDenied):
			got = denied
		case isField:
			got = unfit
		case err != nil:
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("%s gives %s at %s: %q, want %q", c.who.Name, c.role, c.o.Name, got, c.want)
		}
	}
	// Managing a holder needs every position in force to be one you could give.
	hold := func(r position.Role, o *ent.Org) *ent.Position {
		return &ent.Position{Role: r, OrgID: o.ID, Edges: ent.PositionEdges{Org: o}}
	}
	if !principal.MayManageHolder([]*ent.Position{hold(position.RoleTeacher, central), hold(position.RoleHeadTeacher, central)}) {
		t.Error("a principal does not manage their own teacher")
	}
	if principal.MayManageHolder([]*ent.Position{hold(position.RoleTeacher, central), hold(position.RoleTeacher, village)}) {
		t.Error("a principal manages a teacher who also works at another school")
	}
	if director.MayManageHolder([]*ent.Position{hold(position.RoleAidOfficer, bureau)}) || director.MayManageHolder(nil) {
		t.Error("the director manages the aid officer, or someone without a position")
	}
}

// A viewer with a one-time password reads only themselves and the public
// reference data.
func TestRequirePasswordChange(t *testing.T) {
	p := Default()
	v := NewPersonViewer(p, 9, "校长", []Position{{ID: 1, Role: position.RolePrincipal, OrgID: 2, OrgKind: org.KindSchool, DivisionCode: "130681100000"}})
	v.RequirePasswordChange(p)
	if !v.MustChangePassword || len(v.Roles) == 0 {
		t.Fatalf("viewer: %+v", v)
	}
	if s := v.Scope(ObjPerson, ActRead); s == nil || !s.Self || len(s.SchoolIDs) != 0 {
		t.Errorf("person read: %+v", s)
	}
	if !v.Can(ObjOrg, ActRead) || v.Can(ObjStudent, ActRead) || v.Can(ObjHousehold, ActRead) || v.Can(ObjContact, ActWrite) || v.Can(ObjAssignment, ActWrite) ||
		v.Can(ObjAgreement, ActRead) || v.Can(ObjAssignment, ActRead) || len(v.Grants()) != 4 {
		t.Errorf("grants: %+v", v.Grants())
	}
}
