package aid_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"sanbao/aid"
	"sanbao/aid/rule"
	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/aidpolicy"
	"sanbao/ent/org"
	"sanbao/ent/position"
	"sanbao/fielderr"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
	"sanbao/term"
)

const (
	hebei    = "130000000000"
	zhuozhou = "130681000000"
	other    = "130684000000" // 高碑店市, another county of the province
)

// now is in 2026—2027学年第一学期.
var now = time.Date(2026, 10, 15, 10, 0, 0, 0, term.China)

func viewer(ctx context.Context, id int, role position.Role, kind org.Kind, code string) context.Context {
	return authz.NewContext(ctx, authz.NewPersonViewer(authz.Default(), id, "测试", []authz.Position{
		{ID: id, Role: role, OrgID: id, OrgKind: kind, DivisionCode: code}}))
}

func topUp() aid.Input {
	return aid.Input{Name: "高中生交通补助（县级）", Category: aidpolicy.CategorySenior, Kind: aidpolicy.KindGrant, Amount: 600,
		Per: aidpolicy.PerYear, Payer: aidpolicy.PayerCounty, Basis: aidpolicy.BasisHome,
		Conditions: []rule.Condition{{Kind: rule.Registered}}}
}

func seeded(t *testing.T, db *store.DB) {
	t.Helper()
	sys := authz.System(context.Background())
	fixture.BuildSmall(t, db)
	if err := aid.EnsureDefaults(sys, db.Client); err != nil {
		t.Fatal(err)
	}
	for _, county := range []string{zhuozhou, other} {
		if err := aid.EnsureCountyTopUps(sys, db.Client, county); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCatalogReadScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seeded(t, db)
		bg := context.Background()
		nProv, nCounty := len(aid.ProvinceDefaults), len(aid.CountyTopUps)
		cases := []struct {
			name string
			ctx  context.Context
			want int
		}{
			// A teacher at a school in a township of 涿州: the province's
			// catalog and 涿州's top-ups, not 高碑店's nor 北京's.
			{"teacher in a township", viewer(bg, 1, position.RoleTeacher, org.KindSchool, "130681100000"), nProv + nCounty},
			{"county aid centre", viewer(bg, 2, position.RoleAidOfficer, org.KindCountyBureau, zhuozhou), nProv + nCounty},
			// The province oversees every county's top-ups.
			{"province aid staff", viewer(bg, 3, position.RoleAidOfficer, org.KindProvinceDept, hebei), nProv + 2*nCounty},
			{"another province", viewer(bg, 4, position.RoleAidOfficer, org.KindProvinceDept, "110000000000"), nProv},
			{"no position", authz.NewContext(bg, authz.NewPersonViewer(authz.Default(), 5, "无", nil)), 0},
		}
		for _, c := range cases {
			if n := db.Client.AidPolicy.Query().CountX(c.ctx); n != c.want {
				t.Errorf("%s sees %d policies, want %d", c.name, n, c.want)
			}
		}
	})
}

func TestCatalogWrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seeded(t, db)
		bg := context.Background()
		c := db.Client
		county := viewer(bg, 2, position.RoleAidOfficer, org.KindCountyBureau, zhuozhou)
		countyDirector := viewer(bg, 6, position.RoleDirector, org.KindCountyBureau, zhuozhou)
		province := viewer(bg, 3, position.RoleAidOfficer, org.KindProvinceDept, hebei)
		school := viewer(bg, 7, position.RolePrincipal, org.KindSchool, "130681100000")
		from := "2026—2027学年第二学期"

		// Allowed: the county's aid centre adds its own top-up; the province
		// changes its catalog.
		p, err := aid.Create(county, c, zhuozhou, topUp(), from, now)
		if err != nil || p.OwnerCode != zhuozhou || p.CreatedByID == nil || *p.CreatedByID != 2 {
			t.Fatalf("county top-up: %v %+v", err, p)
		}
		grant := c.AidPolicy.Query().Where(aidpolicy.OwnerCode(hebei), aidpolicy.Code("senior-grant")).OnlyX(province)
		in := topUp()
		in.Name, in.Payer, in.Amount, in.Conditions = grant.Name, aidpolicy.PayerShared, 2500, grant.Conditions
		grant2, err := aid.Change(province, c, grant.ID, in, from, now)
		if err != nil {
			t.Fatalf("province change: %v", err)
		}

		// Refused: a county writing the province's catalog or another
		// county's; the province writing a county's top-ups; a county
		// director who is not the aid centre; a school.
		refused := []struct {
			name string
			do   func() error
		}{
			{"county adds to the province", func() error { _, err := aid.Create(county, c, hebei, topUp(), from, now); return err }},
			{"county adds to another county", func() error { _, err := aid.Create(county, c, other, topUp(), from, now); return err }},
			{"province adds a county top-up", func() error { _, err := aid.Create(province, c, zhuozhou, topUp(), from, now); return err }},
			{"county director adds", func() error { _, err := aid.Create(countyDirector, c, zhuozhou, topUp(), from, now); return err }},
			{"school adds", func() error { _, err := aid.Create(school, c, zhuozhou, topUp(), from, now); return err }},
			{"county changes the province's", func() error {
				_, err := aid.Change(county, c, grant2.ID, in, "2027—2028学年第一学期", now)
				return err
			}},
			{"county ends another county's", func() error {
				id := c.AidPolicy.Query().Where(aidpolicy.OwnerCode(other)).FirstIDX(authz.System(bg))
				_, err := aid.End(county, c, id, from, now)
				return err
			}},
		}
		for _, r := range refused {
			err := r.do()
			if err == nil || !(errors.Is(err, authz.ErrDenied) || ent.IsNotFound(err)) {
				t.Errorf("%s: got %v, want denied or not found", r.name, err)
			}
		}
	})
}

func TestChangeKeepsPastTerms(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seeded(t, db)
		ctx := viewer(context.Background(), 3, position.RoleAidOfficer, org.KindProvinceDept, hebei)
		c := db.Client
		v1 := c.AidPolicy.Query().Where(aidpolicy.OwnerCode(hebei), aidpolicy.Code("boarding-junior")).OnlyX(ctx)
		in := aid.Input{Name: v1.Name, Category: v1.Category, Kind: v1.Kind, Amount: 1500, Per: v1.Per, Payer: v1.Payer,
			Basis: v1.Basis, Conditions: v1.Conditions, Description: v1.Description}

		// Bad input names the field, in Chinese.
		for field, try := range map[string]func() error{
			"fromTerm": func() error {
				_, err := aid.Change(ctx, c, v1.ID, in, "2025—2026学年第二学期", now)
				return err
			},
			"amount": func() error {
				bad := in
				bad.Amount = 0
				_, err := aid.Change(ctx, c, v1.ID, bad, "2026—2027学年第二学期", now)
				return err
			},
			"policyName": func() error {
				bad := in
				bad.Name = " "
				_, err := aid.Change(ctx, c, v1.ID, bad, "2026—2027学年第二学期", now)
				return err
			},
			"conditions": func() error {
				bad := in
				bad.Conditions = []rule.Condition{{Kind: "made_up"}}
				_, err := aid.Change(ctx, c, v1.ID, bad, "2026—2027学年第二学期", now)
				return err
			},
		} {
			var fe *fielderr.Error
			if err := try(); !errors.As(err, &fe) || fe.Field != field {
				t.Errorf("%s: got %v", field, err)
			}
		}

		v2, err := aid.Change(ctx, c, v1.ID, in, "2026—2027学年第二学期", now)
		if err != nil {
			t.Fatal(err)
		}
		v1 = c.AidPolicy.GetX(ctx, v1.ID)
		if v1.UntilTerm != "2026—2027学年第一学期" || v1.Amount != 1250 || v2.Version != 2 || v2.Code != v1.Code || v2.UntilTerm != "" {
			t.Fatalf("v1 %+v\nv2 %+v", v1, v2)
		}
		// Only the latest version may change again.
		if _, err := aid.Change(ctx, c, v1.ID, in, "2027—2028学年第一学期", now); err == nil {
			t.Error("an old version changed")
		}
		// The catalog answers each term from its own version.
		cat, err := aid.Catalog(ctx, c, []string{hebei})
		if err != nil {
			t.Fatal(err)
		}
		junior := rule.Facts{Stage: "JUNIOR", Grade: 8, Enrolled: true, Boarding: true, HouseholdStatus: "NOT_LIFTED", HomeCode: "130681100201", StudyCode: "130681100000"}
		for tm, want := range map[term.Term]int{{Year: 2026, Semester: 1}: 625, {Year: 2026, Semester: 2}: 750, {Year: 2026}: 1375} {
			got := 0
			for _, e := range rule.Evaluate(cat, junior, tm) {
				if e.Policy.Code == "boarding-junior" {
					got += e.Amount
				}
			}
			if got != want {
				t.Errorf("%s: %d, want %d", tm, got, want)
			}
		}
		// Ending from a term keeps the terms before it.
		ended, err := aid.End(ctx, c, v2.ID, "2027—2028学年第一学期", now)
		if err != nil || ended.UntilTerm != "2026—2027学年第二学期" {
			t.Fatalf("end: %v %+v", err, ended)
		}
	})
}

// Sixteen changes of one version at once (two clicks, two staff): one is
// stored as version 2, the others are refused, and the version chain stays
// one line.
func TestConcurrentChanges(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		seeded(t, db)
		ctx := viewer(context.Background(), 3, position.RoleAidOfficer, org.KindProvinceDept, hebei)
		c := db.Client
		v1 := c.AidPolicy.Query().Where(aidpolicy.OwnerCode(hebei), aidpolicy.Code("senior-grant")).OnlyX(ctx)
		in := aid.Input{Name: v1.Name, Category: v1.Category, Kind: v1.Kind, Amount: 2500, Per: v1.Per, Payer: v1.Payer,
			Basis: v1.Basis, Conditions: v1.Conditions}
		terms := []string{"2026—2027学年第二学期", "2027—2028学年第一学期"}
		errs := make(chan error, 16)
		for i := range 16 {
			go func() {
				_, err := aid.Change(ctx, c, v1.ID, in, terms[i%2], now)
				errs <- err
			}()
		}
		ok := 0
		for range 16 {
			if err := <-errs; err == nil {
				ok++
			}
		}
		versions := c.AidPolicy.Query().Where(aidpolicy.OwnerCode(hebei), aidpolicy.Code("senior-grant")).
			Order(aidpolicy.ByVersion()).AllX(ctx)
		if ok != 1 || len(versions) != 2 {
			t.Fatalf("%d changes stored, %d versions", ok, len(versions))
		}
		next, _ := term.Parse("", versions[1].FromTerm)
		if versions[0].UntilTerm != next.Prev().String() {
			t.Errorf("v1 until %s, v2 from %s", versions[0].UntilTerm, versions[1].FromTerm)
		}
	})
}
