package authz

import (
	"context"
	"testing"

	"sanbao/ent/org"
	"sanbao/ent/position"
)

// Only scopes inside counties are sorted from their rows; the wide ones keep
// the primary-key walk.
func TestWithinCounty(t *testing.T) {
	p := Default()
	in := func(v *Viewer) bool { return WithinCounty(NewContext(context.Background(), v), ObjStudent, ActRead) }
	county := NewPersonViewer(p, 1, "李文静", []Position{{Role: position.RoleAidOfficer, OrgID: 2, OrgKind: org.KindCountyBureau, DivisionCode: "130681000000"}})
	city := NewPersonViewer(p, 3, "赵志刚", []Position{{Role: position.RoleDeputy, OrgID: 4, OrgKind: org.KindCityBureau, DivisionCode: "130600000000"}})
	teacher := NewPersonViewer(p, 5, "张丽", []Position{{Role: position.RoleTeacher, OrgID: 6, OrgKind: org.KindSchool, DivisionCode: "130681100000"}})
	token := NewTokenViewer(p, 7, "省级对接", "130000000000", false)
	if !in(county) || !in(teacher) {
		t.Error("a county's or a teacher's scope is not within a county")
	}
	if in(city) || in(token) || WithinCounty(context.Background(), ObjStudent, ActRead) {
		t.Error("a city's or a province's scope, or no viewer, counted as within a county")
	}
}
