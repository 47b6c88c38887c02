package authz

import (
	"slices"

	"entgo.io/ent/dialect/sql"

	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/aidpolicy"
	"sanbao/ent/predicate"
)

// AidPolicyPredicate limits the aid catalog to what applies at the viewer's
// places — the province's catalog and the county's top-ups above or at each
// place — and the top-ups of counties below a place (a city or province
// overseeing them).
func AidPolicyPredicate(_ *Viewer, sc *Scope) predicate.AidPolicy {
	if sc.All {
		return func(*sql.Selector) {}
	}
	var owners []string
	var below []divcode.Range
	for _, p := range sc.Places {
		for _, l := range []divcode.Level{divcode.Province, divcode.County} {
			if divcode.LevelOf(p).Rank() >= l.Rank() {
				owners = append(owners, ownerCode(p, l))
			}
		}
		below = append(below, divcode.SubtreeOf(p))
	}
	if len(owners) == 0 && len(below) == 0 {
		return aidpolicy.IDIn()
	}
	ps := []predicate.AidPolicy{predicate.AidPolicy(inRanges(aidpolicy.FieldOwnerCode, divcode.Merge(below)))}
	if len(owners) > 0 {
		ps = append(ps, aidpolicy.OwnerCodeIn(owners...))
	}
	return aidpolicy.Or(ps...)
}

// ownerCode is the 12-digit code of code's ancestor at level l.
func ownerCode(code string, l divcode.Level) string {
	p := divcode.Prefix(code, l)
	return p + "000000000000"[len(p):]
}

// aidOwners are the catalogs the viewer may edit: the provinces of their
// edit_catalog scope and the counties of their edit_topups scope.
func (v *Viewer) aidOwners() []string {
	var out []string
	for act, level := range map[string]divcode.Level{ActEditCatalog: divcode.Province, ActEditTopUps: divcode.County} {
		sc := v.Scope(ObjAidPolicy, act)
		if sc == nil {
			continue
		}
		for _, r := range sc.VillageRanges {
			// An area scope is the subtree of the position's division: a
			// province's staff edit that province's, a county's that county's.
			if divcode.LevelOf(r.Lo) == level && divcode.SubtreeOf(r.Lo) == r {
				out = append(out, r.Lo)
			}
		}
	}
	return out
}

// checkAidPolicy lets the province edit its catalog and a county its own
// top-ups, nothing else: a new row must be owned by one of them, and an
// update or end of a row outside them finds nothing.
func (v *Viewer) checkAidPolicy(m *ent.AidPolicyMutation) error {
	owners := v.aidOwners()
	if len(owners) == 0 || v.PersonID == 0 {
		return ErrDenied
	}
	if m.Op().Is(ent.OpCreate) {
		if owner, _ := m.OwnerCode(); !slices.Contains(owners, owner) {
			return ErrDenied
		}
		return nil
	}
	m.Where(aidpolicy.OwnerCodeIn(owners...))
	return nil
}
