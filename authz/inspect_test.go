package authz

import "testing"

// Inspections and problems: role × action (the scopes over real data are
// tested in inspect/).
func TestInspectPolicy(t *testing.T) {
	p := Default()
	cases := []struct {
		role, obj, act string
		want           bool
	}{
		{RoleInspector, ObjInspection, ActWrite, true},
		{RoleCountyAdmin, ObjInspection, ActWrite, true},
		{RoleOverseer, ObjInspection, ActRead, true},
		{RoleOverseer, ObjInspection, ActWrite, false},
		{RoleSchoolLeader, ObjInspection, ActWrite, false},
		{RoleSchoolLeader, ObjInspection, ActRead, true},
		{RoleTeacher, ObjInspection, ActRead, false},
		{RoleInspector, ObjProblem, ActRaise, true},
		{RoleCountyAdmin, ObjProblem, ActRaise, true},
		{RoleOverseer, ObjProblem, ActRaise, false},
		{RoleSchoolLeader, ObjProblem, ActRaise, false},
		{RoleSchoolLeader, ObjProblem, ActWork, true},
		{RoleSchoolLeader, ObjProblem, ActAccept, false},
		{RoleOverseer, ObjProblem, ActAccept, false},
		{RoleOverseer, ObjProblem, ActRead, true},
		{RoleUser, ObjProblem, ActWork, true},
		{RoleUser, ObjProblem, ActAccept, true},
		{RoleUser, ObjProblemCategory, ActWrite, false},
		{RoleCountyAdmin, ObjProblemCategory, ActWrite, true},
		{RoleInspector, ObjProblemCategory, ActWrite, false},
	}
	for _, c := range cases {
		if got := p.Enforce(c.role, c.obj, c.act); got != c.want {
			t.Errorf("%s %s %s = %v, want %v", c.role, c.act, c.obj, got, c.want)
		}
	}
}
