// Package authz decides who may see and change what. casbin (model.conf,
// policy.csv) says which role may do which action under which kind of scope;
// this package turns a person's positions into those scopes and applies them
// as SQL predicates to every ent query and mutation through ent privacy, so no
// resolver can forget them.
package authz

import (
	"context"
	"slices"

	"sanbao/divcode"
	"sanbao/ent/org"
	"sanbao/ent/position"
	"sanbao/ent/privacy"
)

// Position is what authz needs to know of one position of the viewer.
type Position struct {
	ID           int
	Role         position.Role
	OrgID        int
	OrgName      string
	OrgKind      org.Kind
	Central      bool
	DivisionCode string
	Grade        *int
	ClassName    string
}

// Scope is where a permission applies. Empty means nowhere.
type Scope struct {
	All           bool
	VillageRanges []divcode.Range // households and students by village of registration
	SchoolRanges  []divcode.Range // students enrolled in schools located here
	SchoolIDs     []int           // students enrolled in these schools
	Classes       []Class         // students of these classes (a head teacher's)
	Self          bool
	Assigned      bool     // what the viewer is responsible for (三包)
	Places        []string // the divisions of the viewer's positions
}

// Class is one class of one school.
type Class struct {
	SchoolID  int
	Grade     int
	ClassName string
}

// Empty reports whether the scope reaches nothing.
func (s *Scope) Empty() bool {
	return s == nil || !s.All && len(s.VillageRanges) == 0 && len(s.SchoolRanges) == 0 &&
		len(s.SchoolIDs) == 0 && len(s.Classes) == 0 && !s.Self && !s.Assigned && len(s.Places) == 0
}

func (s *Scope) add(kind string, p Position) {
	switch kind {
	case KindAll:
		s.All = true
	case KindArea:
		r := divcode.SubtreeOf(p.DivisionCode)
		s.VillageRanges = append(s.VillageRanges, r)
		s.SchoolRanges = append(s.SchoolRanges, r)
	case KindTownship:
		code := p.DivisionCode
		if divcode.LevelOf(code).Rank() >= divcode.Township.Rank() {
			s.VillageRanges = append(s.VillageRanges, divcode.Subtree(code, divcode.Township))
		}
	case KindSchool:
		if p.OrgKind == org.KindSchool && !slices.Contains(s.SchoolIDs, p.OrgID) {
			s.SchoolIDs = append(s.SchoolIDs, p.OrgID)
		}
	case KindPlace:
		if divcode.WellFormed(p.DivisionCode) && !slices.Contains(s.Places, p.DivisionCode) {
			s.Places = append(s.Places, p.DivisionCode)
		}
	case KindSelf:
		s.Self = true
	case KindAssigned:
		s.Assigned = true
	case KindClass:
		if p.OrgKind == org.KindSchool && p.Grade != nil && p.ClassName != "" {
			c := Class{SchoolID: p.OrgID, Grade: *p.Grade, ClassName: p.ClassName}
			if !slices.Contains(s.Classes, c) {
				s.Classes = append(s.Classes, c)
			}
		}
	}
}

// Viewer is the person or API token a request acts for.
type Viewer struct {
	PersonID  int // 0 for an API token
	TokenID   int // 0 for a person
	Name      string
	Positions []Position
	Roles     []string
	// MustChangePassword: signed in with a one-time password (see staff.go).
	MustChangePassword bool
	grants             map[Perm]*Scope
}

// NewPersonViewer resolves a person's positions against the policy.
func NewPersonViewer(p *Policy, personID int, name string, positions []Position) *Viewer {
	v := &Viewer{PersonID: personID, Name: name, Positions: positions, grants: map[Perm]*Scope{}}
	v.apply(p, RoleUser, Position{})
	for _, pos := range positions {
		for _, role := range PositionRoles(pos.Role, pos.OrgKind, pos.Central) {
			v.apply(p, role, pos)
		}
	}
	v.finish()
	return v
}

// NewTokenViewer gives an API token area scope over its division.
func NewTokenViewer(p *Policy, tokenID int, name, divisionCode string, canWrite bool) *Viewer {
	v := &Viewer{TokenID: tokenID, Name: name, grants: map[Perm]*Scope{}}
	role := RoleAPIReader
	if canWrite {
		role = RoleAPIWriter
	}
	v.apply(p, RoleUser, Position{})
	v.apply(p, role, Position{DivisionCode: divisionCode})
	v.finish()
	return v
}

func (v *Viewer) apply(p *Policy, role string, pos Position) {
	if role != RoleUser && !slices.Contains(v.Roles, role) {
		v.Roles = append(v.Roles, role)
	}
	for _, g := range p.grants(role) {
		s := v.grants[g.Perm]
		if s == nil {
			s = &Scope{}
			v.grants[g.Perm] = s
		}
		s.add(g.Kind, pos)
	}
}

func (v *Viewer) finish() {
	for _, s := range v.grants {
		s.VillageRanges = divcode.Merge(s.VillageRanges)
		s.SchoolRanges = divcode.Merge(s.SchoolRanges)
		if v.PersonID == 0 {
			s.Self, s.Assigned = false, false
		}
	}
}

// Scope is where the viewer may do act on obj; nil if nowhere.
func (v *Viewer) Scope(obj, act string) *Scope {
	if s := v.grants[Perm{obj, act}]; !s.Empty() {
		return s
	}
	return nil
}

// Can reports whether the viewer may do act on obj somewhere.
func (v *Viewer) Can(obj, act string) bool { return v.Scope(obj, act) != nil }

// Grants lists the viewer's permissions, for the viewer query.
func (v *Viewer) Grants() map[Perm]*Scope {
	out := make(map[Perm]*Scope, len(v.grants))
	for p, s := range v.grants {
		if !s.Empty() {
			out[p] = s
		}
	}
	return out
}

type viewerKey struct{}

// NewContext returns ctx acting for v.
func NewContext(ctx context.Context, v *Viewer) context.Context {
	return context.WithValue(ctx, viewerKey{}, v)
}

// FromContext returns the viewer of ctx, or nil.
func FromContext(ctx context.Context) *Viewer {
	v, _ := ctx.Value(viewerKey{}).(*Viewer)
	return v
}

// System returns a context that bypasses the policy. It is for sanbao's own
// work (migrations, seeding, imports, session checks, derived fields, audit
// rows) and never for work done on a viewer's behalf.
func System(ctx context.Context) context.Context {
	return privacy.DecisionContext(ctx, privacy.Allow)
}
