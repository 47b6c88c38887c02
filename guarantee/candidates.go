package guarantee

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"sanbao/authz"
	"sanbao/divcode"
	gen "sanbao/ent"
	"sanbao/ent/assignment"
	"sanbao/ent/org"
	"sanbao/ent/person"
	"sanbao/ent/position"
	"sanbao/ent/predicate"
)

// Candidate is someone who might be made responsible for a target.
type Candidate struct {
	Person *gen.Person
	// Err says why they may not be; nil when they may.
	Err  error
	rank int
}

// maxScan bounds how many people matching a search are checked.
const maxScan = 300

// within is a unit located in r.
func within(r divcode.Range) predicate.Org {
	return org.And(org.DivisionCodeGTE(r.Lo), org.DivisionCodeLTE(r.Hi))
}

// units are the units whose staff may take the target.
func (f *facts) units() predicate.Org {
	township := within(divcode.Subtree(f.village, divcode.Township))
	schoolsThere := org.And(org.KindEQ(org.KindSchool), township)
	if f.kind == assignment.KindStudent {
		if f.school != nil {
			return org.ID(f.school.ID)
		}
		return schoolsThere
	}
	return org.Or(schoolsThere, org.IDIn(f.schools...),
		org.And(org.KindEQ(org.KindCountyBureau), within(divcode.Subtree(f.village, divcode.County))))
}

// Candidates lists people the viewer may read who might be made responsible
// for t, those who may first (the student's school or the township's central
// school, other schools, then the county bureau), then the others, each with
// the reason they may not. search matches a name, a phone number or a unit's
// name; without one, the staff of the units that may take t are listed. Only
// a viewer who may assign t gets an answer.
func Candidates(ctx context.Context, c *gen.Client, t Target, search string, limit int) ([]Candidate, error) {
	if err := authz.MayAssign(ctx, c, t.Kind, t.ID); err != nil {
		return nil, err
	}
	f, err := loadFacts(ctx, c, t)
	if err != nil {
		return nil, err
	}
	// Read as the viewer: only people they may see are listed.
	q := c.Person.Query().Where(person.Active(true))
	if search = strings.TrimSpace(search); search == "" {
		q.Where(person.HasPositionsWith(authz.ActivePosition(), position.HasOrgWith(f.units())))
	} else {
		q.Where(person.Or(person.NameContains(search), person.PhoneContains(search),
			person.HasPositionsWith(authz.ActivePosition(), position.HasOrgWith(org.NameContains(search)))))
	}
	people, err := q.Order(person.ByName(), person.ByID()).Limit(maxScan).All(ctx)
	if err != nil {
		return nil, err
	}
	ids := make([]int, len(people))
	for i, p := range people {
		ids[i] = p.ID
	}
	units, err := unitsOf(ctx, c, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Candidate, len(people))
	for i, p := range people {
		out[i] = Candidate{Person: p}
		if os := units[p.ID]; len(os) == 0 {
			out[i].Err = errNoPosition()
		} else {
			out[i].rank, out[i].Err = f.rank(os)
		}
		if out[i].Err != nil {
			out[i].rank = rankBureau + 1
		}
	}
	slices.SortStableFunc(out, func(a, b Candidate) int { return cmp.Compare(a.rank, b.rank) })
	return out[:min(limit, len(out))], nil
}
