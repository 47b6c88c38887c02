package inspect_test

import (
	"errors"
	"slices"
	"testing"

	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/draw"
	"sanbao/ent/inspection"
	"sanbao/ent/privacy"
	"sanbao/fielderr"
	"sanbao/inspect"
	"sanbao/store"
	"sanbao/store/storetest"
)

func TestSampleReproducible(t *testing.T) {
	frame := make([]int, 50)
	for i := range frame {
		frame[i] = 100 + i*3
	}
	a := inspect.Sample(42, frame, inspect.SampleSize(len(frame), 30))
	if len(a) != 15 {
		t.Fatalf("30%% of 50: %d units, want 15", len(a))
	}
	for range 5 {
		if b := inspect.Sample(42, frame, 15); !slices.Equal(a, b) {
			t.Fatalf("same seed, other sample: %v vs %v", a, b)
		}
	}
	if !slices.IsSorted(a) || len(slices.Compact(slices.Clone(a))) != 15 {
		t.Fatalf("sample not distinct units in frame order: %v", a)
	}
	differ := 0
	for s := int64(1); s <= 20; s++ {
		if !slices.Equal(a, inspect.Sample(42+s, frame, 15)) {
			differ++
		}
	}
	if differ < 19 {
		t.Fatalf("other seeds gave the same sample %d times in 20", 20-differ)
	}
	for _, c := range []struct{ n, share, want int }{{5, 20, 1}, {6, 20, 2}, {10, 30, 3}, {11, 30, 4}, {1, 30, 1}, {0, 30, 0}} {
		if got := inspect.SampleSize(c.n, c.share); got != c.want {
			t.Errorf("SampleSize(%d, %d%%) = %d, want %d", c.n, c.share, got, c.want)
		}
	}
}

func seed(n int64) *int64 { return &n }

func TestDrawSchools(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := as(t, db, w.CI)
		d, err := w.svc.Draw(ctx, inspect.DrawInput{Semester: sem1, OrgID: w.Bureau.ID, Seed: seed(20261)})
		if err != nil {
			t.Fatal(err)
		}
		if d.Share != 30 || len(d.Frame) != 10 || len(d.Sample) != 3 || d.Level != draw.LevelSchool {
			t.Fatalf("county draw: share %d, frame %d, sample %d, level %s; want 30%%, 10, 3, SCHOOL",
				d.Share, len(d.Frame), len(d.Sample), d.Level)
		}
		// Anyone re-drawing with the recorded seed and frame gets the same units.
		again, err := w.svc.Draw(ctx, inspect.DrawInput{Semester: sem1, OrgID: w.Bureau.ID, Seed: seed(20261)})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(again.Sample, d.Sample) || !inspect.Verify(d) {
			t.Fatalf("same seed and frame, other sample: %v vs %v", again.Sample, d.Sample)
		}
		if err := db.Client.Draw.DeleteOneID(again.ID).Exec(ctx); err != nil {
			t.Fatalf("a draft may be dropped: %v", err)
		}
		// A share of 50% of ten is five.
		half, err := w.svc.Draw(ctx, inspect.DrawInput{Semester: sem1, OrgID: w.Bureau.ID, Share: 50, Seed: seed(7)})
		if err != nil || len(half.Sample) != 5 {
			t.Fatalf("50%%: %v, %v", half, err)
		}
		db.Client.Draw.DeleteOneID(half.ID).ExecX(ctx)
		if _, err := w.svc.Draw(ctx, inspect.DrawInput{Semester: sem1, OrgID: w.Bureau.ID, Share: 120}); !isField(err, "share") {
			t.Fatalf("share 120%%: %v, want a share error", err)
		}
		if _, err := w.svc.Draw(ctx, inspect.DrawInput{Semester: "2026—2027学年", OrgID: w.Bureau.ID}); !isField(err, "semester") {
			t.Fatalf("a school year: %v, want a semester error", err)
		}

		if _, err := w.svc.Publish(ctx, d.ID); err != nil {
			t.Fatal(err)
		}
		n := db.Client.Inspection.Query().Where(inspection.DrawID(d.ID)).CountX(ctx)
		if n != 3 {
			t.Fatalf("publishing planned %d inspections, want 3", n)
		}
		// Frozen: not published twice, not changed, not deleted.
		if _, err := w.svc.Publish(ctx, d.ID); !isField(err, "id") {
			t.Fatalf("published twice: %v", err)
		}
		if err := db.Client.Draw.UpdateOneID(d.ID).SetState(draw.StateDraft).Exec(ctx); err == nil {
			t.Fatal("a published draw went back to draft")
		}
		if err := db.Client.Draw.UpdateOneID(d.ID).SetPublishedAt(now).Exec(ctx); err == nil {
			t.Fatal("a published draw changed")
		}
		if err := db.Client.Draw.DeleteOneID(d.ID).Exec(ctx); err == nil {
			t.Fatal("a published draw was deleted")
		}
		if got := db.Client.Draw.GetX(authz.System(ctx), d.ID); !slices.Equal(got.Sample, d.Sample) || got.State != draw.StatePublished {
			t.Fatalf("published draw changed: %+v", got)
		}

		// Next semester, leaving out last semester's schools: 3 of the 7 others.
		next, err := w.svc.Draw(ctx, inspect.DrawInput{Semester: sem2, OrgID: w.Bureau.ID, ExcludePrevious: true, Seed: seed(20261)})
		if err != nil {
			t.Fatal(err)
		}
		if len(next.Frame) != 7 || len(next.Sample) != 3 {
			t.Fatalf("excluding: frame %d, sample %d; want 7, 3", len(next.Frame), len(next.Sample))
		}
		for _, id := range next.Sample {
			if slices.Contains(d.Sample, id) {
				t.Fatalf("school %d sampled two semesters running", id)
			}
		}
		if !inspect.Verify(next) {
			t.Fatal("excluding draw does not verify")
		}

		// Who may draw: not a school, not another county, not read-only city staff.
		for name, p := range map[string]*ent.Person{"principal": w.P1, "outside county": w.OutsideAdmin} {
			_, err := w.svc.Draw(as(t, db, p), inspect.DrawInput{Semester: sem1, OrgID: w.Bureau.ID})
			if !errors.Is(err, privacy.Deny) {
				t.Errorf("%s drew the county's schools: %v", name, err)
			}
		}
		if _, err := w.svc.Draw(as(t, db, w.CityDirector), inspect.DrawInput{Semester: sem1, OrgID: w.City.ID}); !errors.Is(err, privacy.Deny) {
			t.Errorf("the city director (read only) drew: %v", err)
		}
		// The city's inspector draws 20% of its five counties: one.
		cd, err := w.svc.Draw(as(t, db, w.CityInsp), inspect.DrawInput{Semester: sem1, OrgID: w.City.ID, Seed: seed(3)})
		if err != nil {
			t.Fatal(err)
		}
		if cd.Level != draw.LevelCounty || len(cd.Frame) != 5 || len(cd.Sample) != 1 {
			t.Fatalf("city draw: %s, frame %d, sample %d; want COUNTY, 5, 1", cd.Level, len(cd.Frame), len(cd.Sample))
		}
		// The county does not see the city's draw; the outside county sees none.
		if n := db.Client.Draw.Query().Where(draw.ID(cd.ID)).CountX(ctx); n != 0 {
			t.Error("the county sees the city's draw")
		}
		if n := db.Client.Draw.Query().CountX(as(t, db, w.OutsideInsp)); n != 0 {
			t.Errorf("outside county sees %d draws", n)
		}
		if n := db.Client.Draw.Query().CountX(as(t, db, w.P1)); n != 0 {
			t.Errorf("a school sees %d draws", n)
		}
	})
}

func isField(err error, field string) bool {
	fe, ok := fielderr.As(err)
	return ok && fe.Field == field
}
