package inspect_test

import (
	"context"
	"testing"
	"time"

	"sanbao/authz"
	"sanbao/demo"
	"sanbao/ent/draw"
	"sanbao/ent/inspection"
	"sanbao/ent/person"
	"sanbao/ent/problem"
	"sanbao/inspect"
	"sanbao/internal/fixture"
	"sanbao/store/storetest"
)

// The demo county's inspections: a published sample that verifies from its
// seed, two schools inspected, problems at every state, one overdue, one
// repeat — and the demo principal sees their school's.
func TestDemoInspection(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	fixture.Build(t, db)
	sys := authz.System(context.Background())
	now := time.Now()
	if err := demo.SeedInspection(context.Background(), db.Client, now); err != nil {
		t.Fatal(err)
	}
	c := db.Client
	d := c.Draw.Query().OnlyX(sys)
	if d.State != draw.StatePublished || !inspect.Verify(d) || len(d.Sample) != inspect.SampleSize(len(d.Frame), 30) {
		t.Fatalf("draw: %s, verified %v, %d of %d", d.State, inspect.Verify(d), len(d.Sample), len(d.Frame))
	}
	if n := c.Inspection.Query().Where(inspection.StateEQ(inspection.StateRecorded)).CountX(sys); n != 2 {
		t.Fatalf("%d inspections recorded, want 2", n)
	}
	for _, st := range []problem.State{problem.StatePending, problem.StateInProgress, problem.StateRectified, problem.StateClosed} {
		if n := c.Problem.Query().Where(problem.StateEQ(st)).CountX(sys); n == 0 {
			t.Errorf("no problem %s", st)
		}
	}
	if n := c.Problem.Query().Where(problem.Repeat(true)).CountX(sys); n != 1 {
		t.Errorf("%d repeats, want 1", n)
	}
	if n := c.Problem.Query().Where(inspect.OverdueAt(now)).CountX(sys); n != 1 {
		t.Errorf("%d overdue, want 1", n)
	}
	head := c.Person.Query().Where(person.Phone("13900000002")).OnlyX(sys)
	if n := c.Problem.Query().CountX(as(t, db, head)); n < 6 {
		t.Errorf("the demo principal sees %d problems", n)
	}
}
