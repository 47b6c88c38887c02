package dropout_test

import (
	"slices"
	"testing"
	"time"

	"sanbao/authz"
	"sanbao/dropout"
	"sanbao/ent"
	"sanbao/ent/absencestep"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

// Steps read back in their order however they are read (eager, traversal,
// narrowed and DISTINCT selects), and counts, IDs and existence checks stay
// valid SQL on both databases.
func TestStepsInOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		sys := authz.System(t.Context())
		reported := time.Now().Add(-30 * time.Hour)
		r := db.AbsenceReport.Create().SetUUID("40000000-0000-4000-8000-000000000001").SetStudentID(f.S4.ID).
			SetVillageCode(f.S4.VillageCode).SetNillableSchoolID(f.S4.SchoolID).SetAbsentSince("2026-11-01").
			SetReportedByID(f.T1.ID).SetReportedAt(reported).SaveX(sys)
		steps := slices.Clone(dropout.Steps)
		slices.Reverse(steps) // IDs in the wrong order
		for _, k := range steps {
			db.AbsenceStep.Create().SetReportID(r.ID).SetStudentID(f.S4.ID).SetVillageCode(f.S4.VillageCode).
				SetKind(k).SetDueAt(dropout.Due(k, reported)).ExecX(sys)
		}
		kinds := func(ss []*ent.AbsenceStep) []absencestep.Kind {
			var out []absencestep.Kind
			for _, s := range ss {
				out = append(out, s.Kind)
			}
			return out
		}
		for name, got := range map[string][]*ent.AbsenceStep{
			"query":     db.AbsenceStep.Query().AllX(sys),
			"traversal": r.QuerySteps().AllX(sys),
			"eager":     db.AbsenceReport.Query().WithSteps().OnlyX(sys).Edges.Steps,
			"narrowed":  r.QuerySteps().Unique(true).Select(absencestep.FieldKind).AllX(sys),
		} {
			if !slices.Equal(kinds(got), dropout.Steps) {
				t.Errorf("%s: %v", name, kinds(got))
			}
		}
		if first := r.QuerySteps().FirstX(sys); first.Kind != absencestep.KindHomeVisit {
			t.Errorf("first: %v", first.Kind)
		}
		if n := r.QuerySteps().CountX(sys); n != 4 || !r.QuerySteps().ExistX(sys) || len(r.QuerySteps().IDsX(sys)) != 4 {
			t.Errorf("count %d", n)
		}
	})
}
