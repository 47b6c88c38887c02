package compare

import (
	"context"

	"sanbao/ent"
	"sanbao/ent/compareresult"
	"sanbao/ent/comparerun"
	"sanbao/ent/deptlist"
)

// Change is a run against the previous run of the same department's list
// in the same county (this quarter against the last): findings — every
// class but MATCHED — keyed by ID number and class.
type Change struct {
	Previous *ent.CompareRun // nil for a county's first run of the department
	Added    int             // findings the previous run did not have
	Resolved int             // findings of the previous run gone now
	Open     int             // findings of both
}

// SinceLast compares run with the run before it.
func SinceLast(ctx context.Context, c *ent.Client, run *ent.CompareRun) (*Change, error) {
	l, err := c.DeptList.Get(ctx, run.ListID)
	if err != nil {
		return nil, err
	}
	prev, err := c.CompareRun.Query().Where(comparerun.DivisionCode(run.DivisionCode), comparerun.IDLT(run.ID),
		comparerun.HasListWith(deptlist.DepartmentEQ(l.Department))).Order(ent.Desc(comparerun.FieldID)).First(ctx)
	if ent.IsNotFound(err) {
		return &Change{}, nil
	}
	if err != nil {
		return nil, err
	}
	before, err := findings(ctx, c, prev.ID)
	if err != nil {
		return nil, err
	}
	now, err := findings(ctx, c, run.ID)
	if err != nil {
		return nil, err
	}
	ch := &Change{Previous: prev}
	for k := range now {
		if before[k] {
			ch.Open++
		} else {
			ch.Added++
		}
	}
	ch.Resolved = len(before) - ch.Open
	return ch, nil
}

// findings are a run's ID number and class pairs other than MATCHED.
func findings(ctx context.Context, c *ent.Client, runID int) (map[string]bool, error) {
	var rows []struct {
		IDNumber string `json:"id_number"`
		Class    string `json:"class"`
	}
	err := c.CompareResult.Query().Where(compareresult.RunID(runID), compareresult.ClassNEQ(compareresult.ClassMatched)).
		Select(compareresult.FieldIDNumber, compareresult.FieldClass).Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(rows))
	for _, r := range rows {
		out[r.IDNumber+"|"+r.Class] = true
	}
	return out, nil
}
