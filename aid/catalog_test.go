package aid_test

import (
	"context"
	"fmt"
	"testing"

	"sanbao/aid"
	"sanbao/aid/rule"
	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/aidpolicy"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
	"sanbao/term"
)

// The default catalog is stored once per province however often it is
// ensured, and students are evaluated against what is stored.
func TestEnsureDefaultsAndForStudents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := authz.System(context.Background())
		f := fixture.BuildSmall(t, db)
		for range 2 {
			if err := aid.EnsureDefaults(ctx, db.Client); err != nil {
				t.Fatal(err)
			}
			if err := aid.EnsureCountyTopUps(ctx, db.Client, "130681000000"); err != nil {
				t.Fatal(err)
			}
		}
		// Two provinces are loaded (河北, 北京), and one county's top-ups.
		want := 2*len(aid.ProvinceDefaults) + len(aid.CountyTopUps)
		if n := db.Client.AidPolicy.Query().CountX(ctx); n != want {
			t.Fatalf("%d policies stored, want %d", n, want)
		}
		if n := db.Client.AidPolicy.Query().Where(aidpolicy.OwnerCode("130681000000")).CountX(ctx); n != len(aid.CountyTopUps) {
			t.Fatalf("%d county top-ups", n)
		}
		got, err := aid.ForStudents(ctx, db.Client, []*ent.Student{f.S1, f.S2, f.S3, f.S4, f.S5, f.S6}, term.Term{Year: 2026, Semester: 1})
		if err != nil {
			t.Fatal(err)
		}
		want2 := map[*ent.Student]string{
			f.S1: "compulsory-free 0 130000000000; county-dayschool-primary 500 130681000000",
			f.S2: "compulsory-free 0 130000000000; county-dayschool-primary 500 130681000000",
			f.S3: "", // 疑似辍学
			f.S4: "compulsory-free 0 130000000000",
			f.S5: "", // 毕业
			// Studying in 北京: 北京's catalog carries the national policy.
			f.S6: "compulsory-free 0 110000000000; county-dayschool-primary 500 130681000000",
		}
		for s, w := range want2 {
			if g := owned(got[s.ID]); g != w {
				t.Errorf("%s: got %q, want %q", s.Name, g, w)
			}
		}
	})
}

func owned(es []aid.Entitlement) string {
	out := ""
	for _, e := range es {
		if out != "" {
			out += "; "
		}
		out += fmt.Sprintf("%s %d %s", e.Policy.Code, e.Amount, e.Policy.OwnerCode)
		if e.Status != rule.Entitled {
			out += " " + string(e.Status)
		}
	}
	return out
}
