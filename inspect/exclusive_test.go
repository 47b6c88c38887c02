package inspect_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"sanbao/ent/problem"
	"sanbao/inspect"
	"sanbao/store"
	"sanbao/store/storetest"
)

// Sixteen people of the raiser's bureau accept (or return) the same
// rectified problem at once: exactly one wins, every other is told the
// problem has moved on, and the timeline has one entry for it.
func TestExclusiveAccept(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ci, owner, admin := as(t, db, w.CI), as(t, db, w.T1), as(t, db, w.Admin)
		p := w.raise(t, ci, w.C1, w.T1, "未走访")
		w.svc.Start(owner, p.ID, "")
		if _, err := w.svc.Rectify(owner, p.ID, "走访记录", ""); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make([]error, 16)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ctx := []context.Context{ci, admin}[i%2]
				if i%4 == 3 {
					_, errs[i] = w.svc.Return(ctx, p.ID, "不合格")
				} else {
					_, errs[i] = w.svc.Accept(ctx, p.ID, "")
				}
			}()
		}
		wg.Wait()
		won := 0
		for i, err := range errs {
			switch {
			case err == nil:
				won++
			case !errors.Is(err, inspect.ErrMoved) || !isField(err, "state"):
				t.Errorf("goroutine %d: %v, want the problem-moved error", i, err)
			}
		}
		if won != 1 {
			t.Fatalf("%d won, want exactly 1", won)
		}
		got := db.Client.Problem.GetX(ci, p.ID)
		if got.State != problem.StateClosed && got.State != problem.StateInProgress {
			t.Fatalf("state %s", got.State)
		}
		tl, _ := w.svc.Timeline(ci, p.ID)
		if len(tl) != 4 {
			t.Fatalf("timeline has %d entries, want 4 (raised, started, rectified, one decision)", len(tl))
		}
	})
}

// Sixteen publish the same draft at once: it is published once, with one
// inspection per sampled unit.
func TestExclusivePublish(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ci := as(t, db, w.CI)
		d, err := w.svc.Draw(ci, inspect.DrawInput{Semester: sem1, OrgID: w.Bureau.ID, Seed: seed(9)})
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make([]error, 16)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = w.svc.Publish(ci, d.ID)
			}()
		}
		wg.Wait()
		won := 0
		for i, err := range errs {
			switch {
			case err == nil:
				won++
			case !isField(err, "id"):
				t.Errorf("goroutine %d: %v, want the already-published error", i, err)
			}
		}
		if won != 1 {
			t.Fatalf("%d published, want exactly 1", won)
		}
		if n := db.Client.Inspection.Query().CountX(ci); n != len(d.Sample) {
			t.Fatalf("%d inspections, want %d", n, len(d.Sample))
		}
	})
}
