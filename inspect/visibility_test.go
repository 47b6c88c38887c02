package inspect_test

import (
	"slices"
	"testing"

	"sanbao/ent"
	"sanbao/ent/inspection"
	"sanbao/inspect"
	"sanbao/store"
	"sanbao/store/storetest"
)

// An unannounced inspection (暗访) is invisible to the unit inspected until it
// is recorded; the inspecting area sees it throughout; outsiders never.
func TestUnannouncedInvisible(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ci := as(t, db, w.CI)
		// Sample every school so C1 and C2 are certainly in it.
		d, err := w.svc.Draw(ci, inspect.DrawInput{Semester: sem1, OrgID: w.Bureau.ID, Share: 100, Unannounced: true, Seed: seed(1)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Publish(ci, d.ID); err != nil {
			t.Fatal(err)
		}
		count := func(p *ent.Person) int {
			return db.Client.Inspection.Query().CountX(as(t, db, p))
		}
		if n := count(w.CI); n != 10 {
			t.Fatalf("the county inspector sees %d inspections, want 10", n)
		}
		if n := count(w.Admin); n != 10 {
			t.Fatalf("the county director sees %d inspections, want 10", n)
		}
		if n := count(w.CityDirector); n != 10 {
			t.Fatalf("the city sees %d inspections, want 10", n)
		}
		for name, p := range map[string]*ent.Person{"C1's principal": w.P1, "C2's principal": w.P2,
			"C1's teacher": w.T1, "outside county": w.OutsideAdmin} {
			if n := count(p); n != 0 {
				t.Errorf("%s sees %d unannounced inspections before they are recorded", name, n)
			}
		}
		// The unit cannot record its own inspection either.
		c1 := db.Client.Inspection.Query().Where(inspection.TargetOrgID(w.C1.ID)).OnlyX(ci)
		if _, err := w.svc.Record(as(t, db, w.P1), c1.ID, "自己说没问题"); err == nil {
			t.Fatal("the school recorded its own unannounced inspection")
		}
		if _, err := w.svc.Record(ci, c1.ID, "台账不全"); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Record(ci, c1.ID, "again"); !isField(err, "id") {
			t.Fatalf("recorded twice: %v", err)
		}
		// Recorded: C1 sees its own inspection, and only that; C2 still none.
		got := db.Client.Inspection.Query().IDsX(as(t, db, w.P1))
		if !slices.Equal(got, []int{c1.ID}) {
			t.Fatalf("C1 sees %v, want [%d]", got, c1.ID)
		}
		if n := count(w.P2); n != 0 {
			t.Errorf("C2 sees %d inspections", n)
		}
		if n := count(w.OutsideAdmin); n != 0 {
			t.Errorf("the outside county sees %d inspections", n)
		}

		// The city's unannounced visit to 涿州: hidden from 涿州's own bureau
		// (its inspector too) until recorded, seen by the city.
		cityCtx := as(t, db, w.CityInsp)
		cd, err := w.svc.Draw(cityCtx, inspect.DrawInput{Semester: sem1, OrgID: w.City.ID, Share: 100, Unannounced: true, Seed: seed(2)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Publish(cityCtx, cd.ID); err != nil {
			t.Fatal(err)
		}
		ofCounty := inspection.TargetOrgID(w.Bureau.ID)
		if n := db.Client.Inspection.Query().Where(ofCounty).CountX(cityCtx); n != 1 {
			t.Fatalf("the city sees %d inspections of 涿州, want 1", n)
		}
		for name, p := range map[string]*ent.Person{"涿州's director": w.Admin, "涿州's inspector": w.CI} {
			if n := db.Client.Inspection.Query().Where(ofCounty).CountX(as(t, db, p)); n != 0 {
				t.Errorf("%s sees the city's unannounced inspection of 涿州", name)
			}
		}
		zz := db.Client.Inspection.Query().Where(ofCounty).OnlyX(cityCtx)
		if _, err := w.svc.Record(ci, zz.ID, "自查"); err == nil {
			t.Fatal("涿州 recorded the city's inspection of itself")
		}
		if _, err := w.svc.Record(cityCtx, zz.ID, "发现问题"); err != nil {
			t.Fatal(err)
		}
		if n := db.Client.Inspection.Query().Where(ofCounty).CountX(ci); n != 1 {
			t.Errorf("涿州 does not see its recorded inspection")
		}
	})
}

// An announced inspection (明察) is seen by its unit from the start.
func TestAnnouncedVisible(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ci := as(t, db, w.CI)
		d, err := w.svc.Draw(ci, inspect.DrawInput{Semester: sem1, OrgID: w.Bureau.ID, Share: 100, Seed: seed(1)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Publish(ci, d.ID); err != nil {
			t.Fatal(err)
		}
		if n := db.Client.Inspection.Query().CountX(as(t, db, w.P1)); n != 1 {
			t.Fatalf("C1 sees %d announced inspections, want 1", n)
		}
	})
}
