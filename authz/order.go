package authz

import (
	"context"

	entgo "entgo.io/ent"
	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"sanbao/divcode"
)

// WithinCounty reports whether the viewer's scope for act on obj lies within
// counties: no All, every range inside one county. Such a scope holds a few
// thousand rows of a province-wide table.
func WithinCounty(ctx context.Context, obj, act string) bool {
	v := FromContext(ctx)
	if v == nil {
		return false
	}
	sc := v.Scope(obj, act)
	if sc == nil || sc.All {
		return false
	}
	for _, r := range append(append([]divcode.Range{}, sc.VillageRanges...), sc.SchoolRanges...) {
		if !r.Within(divcode.Subtree(r.Lo, divcode.County)) {
			return false
		}
	}
	return true
}

// SortedInScope is a query modifier for a page of students or households
// (obj) ordered by ID alone (desc: backwards, for last/before). For a viewer whose scope lies
// within a county, PostgreSQL would walk the primary key in order and
// discard every row before the county's (513,388 rows for 涿州市 on the
// province world: 1–4.5 s); ordering by "id + 0" instead makes it collect
// the scope's rows through their indexes (a bitmap OR of the scope's
// branches) and sort the few thousand it finds (households of 涿州市: 4,679
// of 500,000; first page 137 → 4.6 ms, last 128 → 2.1 ms). Wider scopes keep the
// primary-key walk, which suits them. The page's count is left alone.
func SortedInScope(ctx context.Context, obj string, desc bool) func(*sql.Selector) {
	if !WithinCounty(ctx, obj, ActRead) {
		return func(*sql.Selector) {}
	}
	return func(s *sql.Selector) {
		q := entgo.QueryFromContext(s.Context())
		if s.Dialect() != dialect.Postgres || q == nil || q.Op != entgo.OpQueryAll {
			return
		}
		o := s.C("id") + " + 0"
		if desc {
			o += " DESC"
		}
		s.ClearOrder().OrderExpr(sql.Expr(o))
	}
}
