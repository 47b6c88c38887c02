package staff

import (
	"context"
	"strings"

	"golang.org/x/text/width"

	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/org"
	"sanbao/ent/person"
	"sanbao/ent/position"
	"sanbao/ent/predicate"
)

// Status filters the staff list: 在职 or 离职.
type Status string

const (
	StatusActive Status = "ACTIVE"
	StatusLeft   Status = "LEFT"
)

// Filter narrows the staff list; the viewer's read scope always applies.
type Filter struct {
	// Search matches a name, a phone number or a unit's name.
	Search string
	// OrgID keeps those working at the unit, and those who left from it.
	OrgID  *int
	Status Status
}

// Where is the filter as a predicate.
func (f Filter) Where() predicate.Person {
	var ps []predicate.Person
	if s := width.Narrow.String(strings.TrimSpace(f.Search)); s != "" {
		ps = append(ps, person.Or(person.NameContains(s), person.PhoneContains(s),
			person.HasPositionsWith(position.HasOrgWith(org.NameContains(s)))))
	}
	at := []predicate.Position{authz.ActivePosition()}
	ever := []predicate.Position{}
	if f.OrgID != nil {
		at = append(at, position.OrgID(*f.OrgID))
		ever = append(ever, position.OrgID(*f.OrgID))
	}
	working := person.And(person.Active(true), person.HasPositionsWith(at...))
	left := person.And(person.Active(false), person.HasPositionsWith(ever...))
	switch f.Status {
	case StatusActive:
		ps = append(ps, working)
	case StatusLeft:
		ps = append(ps, left)
	default:
		if f.OrgID != nil {
			ps = append(ps, person.Or(working, left))
		}
	}
	return person.And(ps...)
}

// Unit is a unit where the viewer may give positions, with the roles they may
// give there.
type Unit struct {
	Org   *ent.Org
	Roles []position.Role
}

// allRoles in the order forms offer them.
var allRoles = []position.Role{position.RoleTeacher, position.RoleHeadTeacher, position.RolePrincipal,
	position.RoleVicePrincipal, position.RoleDeputy, position.RoleAidOfficer, position.RoleCentralHead,
	position.RoleDirector, position.RoleInspector}

// Units lists where the viewer may give positions, bureau first, then schools
// by place and name.
func Units(ctx context.Context, c *ent.Client) ([]Unit, error) {
	v := authz.FromContext(ctx)
	sc := v.Scope(authz.ObjPosition, authz.ActWrite)
	if sc == nil || v.PersonID == 0 {
		return []Unit{}, nil
	}
	q := c.Org.Query().Where(org.KindIn(org.KindCountyBureau, org.KindSchool))
	if !sc.All {
		var ps []predicate.Org
		if len(sc.SchoolIDs) > 0 {
			ps = append(ps, org.IDIn(sc.SchoolIDs...))
		}
		for _, r := range sc.SchoolRanges {
			ps = append(ps, org.And(org.DivisionCodeGTE(r.Lo), org.DivisionCodeLTE(r.Hi)))
		}
		if len(ps) == 0 {
			return []Unit{}, nil
		}
		q.Where(org.Or(ps...))
	}
	os, err := q.Order(org.ByKind(), org.ByDivisionCode(), org.ByName()).All(ctx)
	if err != nil {
		return nil, err
	}
	out := []Unit{}
	for _, o := range os {
		u := Unit{Org: o}
		for _, r := range allRoles {
			if v.MayGive(r, o) == nil {
				u.Roles = append(u.Roles, r)
			}
		}
		if len(u.Roles) > 0 {
			out = append(out, u)
		}
	}
	return out, nil
}
