package authz

import (
	"slices"
	"testing"

	"sanbao/ent/org"
	"sanbao/ent/position"
)

// The aid catalog: who reads the catalog that applies to them, who edits the
// province's and who a county's top-ups.
func TestAidPolicyPolicy(t *testing.T) {
	p := Default()
	cases := []struct {
		role, act string
		want      bool
	}{
		{RoleTeacher, ActRead, true},
		{RoleHeadTeacher, ActRead, true},
		{RoleSchoolLeader, ActRead, true},
		{RoleCentralLeader, ActRead, true},
		{RoleOverseer, ActRead, true},
		{RoleInspector, ActRead, true},
		{RoleAPIReader, ActRead, true},
		{RoleUser, ActRead, false}, // a person with no position
		{RoleProvinceAid, ActEditCatalog, true},
		{RoleProvinceAid, ActEditTopUps, false},
		{RoleCountyAid, ActEditTopUps, true},
		{RoleCountyAid, ActEditCatalog, false},
		{RoleCountyAdmin, ActEditTopUps, false},
		{RoleOverseer, ActEditCatalog, false},
		{RoleSchoolLeader, ActEditTopUps, false},
		{RoleAPIWriter, ActEditTopUps, false},
	}
	for _, c := range cases {
		if got := p.Enforce(c.role, ObjAidPolicy, c.act); got != c.want {
			t.Errorf("Enforce(%s, aidpolicy, %s) = %v, want %v", c.role, c.act, got, c.want)
		}
	}
	if !slices.Contains(PositionRoles(position.RoleAidOfficer, org.KindProvinceDept, false), RoleProvinceAid) {
		t.Error("the province's aid staff do not keep its catalog")
	}
	if slices.Contains(PositionRoles(position.RoleAidOfficer, org.KindCityBureau, false), RoleProvinceAid) {
		t.Error("a city's aid staff keep the province's catalog")
	}
	if slices.Contains(PositionRoles(position.RoleInspector, org.KindProvinceDept, false), RoleProvinceAid) {
		t.Error("a province inspector edits the catalog")
	}
}
