package inspect_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"sanbao/auth"
	"sanbao/authz"
	"sanbao/divimport"
	"sanbao/ent"
	"sanbao/ent/division"
	"sanbao/ent/org"
	"sanbao/ent/position"
	"sanbao/inspect"
	"sanbao/internal/fixture"
	"sanbao/store"
)

// now is a fixed clock: 2026-11-10 09:00 China time, in 2026—2027学年第一学期.
var now = time.Date(2026, 11, 10, 1, 0, 0, 0, time.UTC)

const (
	sem1 = "2026—2027学年第一学期"
	sem2 = "2026—2027学年第二学期"
)

func as(t testing.TB, db *store.DB, p *ent.Person) context.Context {
	t.Helper()
	s := &auth.Service{Client: db.Client, Policy: authz.Default()}
	v, err := s.PersonViewer(context.Background(), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	return authz.NewContext(context.Background(), v)
}

// world is the small county (涿州市) with ten schools, four more counties of
// 保定市 with their bureaus, the city bureau, and 正定县 of another city.
type world struct {
	*fixture.Small
	svc                       *inspect.Service
	Bureau, City, Outside     *ent.Org
	Schools                   []*ent.Org  // the county's ten schools, C1, C2, K first
	Counties                  []*ent.Org  // 保定's five county bureaus
	CI                        *ent.Person // county inspector (督导)
	CityInsp, CityDirector    *ent.Person
	OutsideAdmin, OutsideInsp *ent.Person
}

const moreDivisions = `code,name,level,parent_code
130602000000,竞秀区,county,130600000000
130606000000,莲池区,county,130600000000
130607000000,满城区,county,130600000000
130608000000,清苑区,county,130600000000
130100000000,石家庄市,city,130000000000
130123000000,正定县,county,130100000000
`

func build(t testing.TB, db *store.DB) *world {
	t.Helper()
	f := fixture.BuildSmall(t, db)
	ctx := authz.System(context.Background())
	if _, err := divimport.Import(ctx, db.Client, strings.NewReader(moreDivisions)); err != nil {
		t.Fatal(err)
	}
	c := db.Client
	div := func(code string) *ent.Division { return c.Division.Query().Where(division.Code(code)).OnlyX(ctx) }
	bureau := func(name, code string, kind org.Kind) *ent.Org {
		return c.Org.Create().SetName(name).SetKind(kind).SetDivisionID(div(code).ID).SaveX(ctx)
	}
	w := &world{Small: f, svc: &inspect.Service{Client: c, Now: func() time.Time { return now }}}
	w.Bureau = c.Org.Query().Where(org.KindEQ(org.KindCountyBureau)).OnlyX(ctx)
	w.City = bureau("保定市教育局", "130600000000", org.KindCityBureau)
	w.Outside = bureau("正定县教育局", "130123000000", org.KindCountyBureau)
	w.Counties = []*ent.Org{w.Bureau}
	for i, code := range []string{"130602000000", "130606000000", "130607000000", "130608000000"} {
		w.Counties = append(w.Counties, bureau(fmt.Sprintf("区教育局%d", i), code, org.KindCountyBureau))
	}
	w.Schools = []*ent.Org{f.C1, f.C2, f.K}
	for i := range 7 {
		w.Schools = append(w.Schools, c.Org.Create().SetName(fmt.Sprintf("松林店第%d小学", i+1)).SetKind(org.KindSchool).
			SetSchoolType(org.SchoolTypePrimary).SetDivisionID(f.V1.ID).SetParentID(w.Bureau.ID).SaveX(ctx))
	}
	n := 0
	staff := func(name string, o *ent.Org, role position.Role) *ent.Person {
		n++
		p := c.Person.Create().SetName(name).SetPhone(fmt.Sprintf("1390000%04d", n)).SaveX(ctx)
		c.Position.Create().SetPersonID(p.ID).SetOrgID(o.ID).SetRole(role).ExecX(ctx)
		return p
	}
	w.CI = staff("县督导", w.Bureau, position.RoleInspector)
	w.CityInsp = staff("市督导", w.City, position.RoleInspector)
	w.CityDirector = staff("市局长", w.City, position.RoleDirector)
	w.OutsideAdmin = staff("正定局长", w.Outside, position.RoleDirector)
	w.OutsideInsp = staff("正定督导", w.Outside, position.RoleInspector)
	return w
}
