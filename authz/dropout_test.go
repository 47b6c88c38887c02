package authz

import "testing"

// Dropout control: who may read, work, close and run the checks.
func TestDropoutPolicy(t *testing.T) {
	p := Default()
	cases := []struct {
		role, obj, act string
		want           bool
	}{
		{RoleCountyAdmin, ObjDropout, ActClose, true},
		{RoleCountyAdmin, ObjDropout, ActCheck, true},
		{RoleCountyAid, ObjDropout, ActClose, true},
		{RoleCentralLeader, ObjDropout, ActWrite, true},
		{RoleCentralLeader, ObjDropout, ActClose, false},
		{RoleSchoolLeader, ObjDropout, ActWrite, true},
		{RoleSchoolLeader, ObjDropout, ActCheck, false},
		{RoleHeadTeacher, ObjDropout, ActWrite, true},
		{RoleTeacher, ObjAbsence, ActWrite, true},
		{RoleTeacher, ObjDropout, ActRead, false},
		{RoleUser, ObjDropout, ActWrite, true}, // assigned scope only
		{RoleOverseer, ObjDropout, ActRead, true},
		{RoleOverseer, ObjDropout, ActWrite, false},
		{RoleOverseer, ObjAbsence, ActWrite, false},
		{RoleInspector, ObjDropout, ActRead, true},
		{RoleInspector, ObjDropout, ActWrite, false},
		{RoleInspector, ObjDropout, ActClose, false},
		{RoleAPIReader, ObjDropout, ActRead, true},
		{RoleAPIWriter, ObjDropout, ActWrite, false},
		// 七长 contacts: kept by the county, read in scope.
		{RoleCountyAdmin, ObjHeads, ActWrite, true},
		{RoleCountyAid, ObjHeads, ActWrite, true},
		{RoleCountyAdmin, ObjHeads, ActRead, true},
		{RoleCentralLeader, ObjHeads, ActRead, true},
		{RoleCentralLeader, ObjHeads, ActWrite, false},
		{RoleSchoolLeader, ObjHeads, ActWrite, false},
		{RoleHeadTeacher, ObjHeads, ActWrite, false},
		{RoleOverseer, ObjHeads, ActRead, true},
		{RoleOverseer, ObjHeads, ActWrite, false},
		{RoleInspector, ObjHeads, ActWrite, false},
		{RoleAPIWriter, ObjHeads, ActWrite, false},
	}
	for _, c := range cases {
		if got := p.Enforce(c.role, c.obj, c.act); got != c.want {
			t.Errorf("Enforce(%s, %s, %s) = %v, want %v", c.role, c.obj, c.act, got, c.want)
		}
	}
}
