package authz

import (
	"entgo.io/ent/dialect/sql"

	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/predicate"
)

// ObjCompare is the two-way comparison (双向比对): other departments' lists,
// the runs against them and their results. Every one of those rows carries
// the county it belongs to (division_code), so the scope is one range
// predicate on that column: only who holds the county (or a division above
// it) sees the row, and nobody else gets even a count.
const ObjCompare = "compare"

// countyRows limits rows with a county division_code to sc's villages.
func countyRows(sc *Scope) func(*sql.Selector) {
	if sc.All {
		return func(*sql.Selector) {}
	}
	return inRanges("division_code", nonEmpty(sc.VillageRanges))
}

// DeptListPredicate limits list versions to sc.
func DeptListPredicate(sc *Scope) predicate.DeptList { return predicate.DeptList(countyRows(sc)) }

// DeptListRowPredicate limits list rows to sc.
func DeptListRowPredicate(sc *Scope) predicate.DeptListRow {
	return predicate.DeptListRow(countyRows(sc))
}

// CompareRunPredicate limits runs to sc.
func CompareRunPredicate(sc *Scope) predicate.CompareRun { return predicate.CompareRun(countyRows(sc)) }

// CompareResultPredicate limits results to sc.
func CompareResultPredicate(sc *Scope) predicate.CompareResult {
	return predicate.CompareResult(countyRows(sc))
}

// CompareCounty is the county the viewer compares for: the one county whose
// whole subtree lies in their compare-write scope (a county bureau's). ok is
// false for a viewer who may compare nowhere or over more than one county
// (they must name it).
func CompareCounty(v *Viewer) (code string, ok bool) {
	if v == nil {
		return "", false
	}
	sc := v.Scope(ObjCompare, ActWrite)
	if sc == nil || sc.All || len(sc.VillageRanges) != 1 {
		return "", false
	}
	code = sc.VillageRanges[0].Lo
	if divcode.LevelOf(code) != divcode.County {
		return "", false
	}
	return code, true
}

// checkCompare lets a writer add list versions, rows, runs and results of a
// county inside their write scope; nothing of them is ever changed or
// deleted through ent.
func (v *Viewer) checkCompare(m ent.Mutation) error {
	sc := v.Scope(ObjCompare, ActWrite)
	if sc == nil || !m.Op().Is(ent.OpCreate) {
		return ErrDenied
	}
	var code string
	switch m := m.(type) {
	case *ent.DeptListMutation:
		code, _ = m.DivisionCode()
		if by, _ := m.UploadedByID(); by != v.PersonID || v.PersonID == 0 {
			return ErrDenied
		}
	case *ent.DeptListRowMutation:
		code, _ = m.DivisionCode()
	case *ent.CompareRunMutation:
		code, _ = m.DivisionCode()
		if by, _ := m.RunByID(); by != v.PersonID || v.PersonID == 0 {
			return ErrDenied
		}
	case *ent.CompareResultMutation:
		code, _ = m.DivisionCode()
	}
	if !sc.HasDivision(code) {
		return ErrDenied
	}
	return nil
}
