package compare_test

import (
	"slices"
	"sync"
	"testing"

	"sanbao/ent"
	"sanbao/ent/comparerun"
	"sanbao/ent/deptlist"
	"sanbao/internal/fixture"
	"sanbao/store/storetest"
)

// Sixteen imports and then sixteen runs at once on PostgreSQL: each import
// stores its own whole list version and each run its own results, none
// fails (no deadlock between the bulk inserts) and none sees another's rows.
func TestConcurrentImportsAndRuns(t *testing.T) {
	if !slices.Contains(storetest.Dialects(), "postgres") {
		t.Skip("PostgreSQL is off")
	}
	db := storetest.Open(t, "postgres")
	f := fixture.BuildSmall(t, db)
	admin := asPerson(t, db, f.Admin)
	data := csv("姓名,身份证号,所在村", "学生一,"+f.S1.IDNumber+",松林店村", "学生贰,"+f.S2.IDNumber+",松林店村")
	const n = 16
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := importList(t, admin, db, deptlist.DepartmentPoverty, data); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	lists := db.DeptList.Query().AllX(admin)
	if len(lists) != n {
		t.Fatalf("%d lists stored of %d imports", len(lists), n)
	}
	for _, l := range lists {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := runCompare(t, admin, db, l.ID); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for _, r := range db.CompareRun.Query().AllX(admin) {
		// 学生一 matched, 学生二 a name mismatch, 学生五 and 学生六 missing.
		if r.Total != 4 || r.Counts["MATCHED"] != 1 || r.Counts["NAME_MISMATCH"] != 1 || r.Counts["SANBAO_ONLY"] != 2 {
			t.Errorf("run %d of list %d: %d %v", r.ID, r.ListID, r.Total, r.Counts)
		}
	}
	if n := db.CompareResult.Query().CountX(admin); n != 4*len(lists) {
		t.Errorf("%d results stored", n)
	}
	if n := db.CompareRun.Query().Where(comparerun.ListIDIn(ids(lists)...)).CountX(admin); n != len(lists) {
		t.Errorf("%d runs", n)
	}
}

func ids(ls []*ent.DeptList) []int {
	out := make([]int, len(ls))
	for i, l := range ls {
		out[i] = l.ID
	}
	return out
}
