package authz

import (
	"context"
	"slices"

	"sanbao/ent"
	"sanbao/ent/org"
	"sanbao/ent/person"
	"sanbao/ent/position"
	"sanbao/ent/predicate"
	"sanbao/fielderr"
)

// Staff rules (人员与任职): who may give which position where, and whom one
// manages (edits, moves, deactivates, resets). policy.csv holds the rows
// (person/position write, grant_<role>); this file turns them into checks.

// ActGrant is the action of giving a position that brings policy role r.
func ActGrant(r string) string { return "grant_" + r }

// ActivePosition is the one test of a position in force: not ended. Ended
// positions are history and grant nothing; every reader of positions for
// scope, eligibility or recipients uses this predicate.
func ActivePosition() predicate.Position { return position.EndedAtIsNil() }

// HasUnit reports whether unit o (a bureau or a school) lies in sc.
func (s *Scope) HasUnit(o *ent.Org) bool {
	return s.HasSchool(o.ID, o.DivisionCode)
}

// PositionLabel is a position as people say it at its unit: a
// kindergarten's head is 园长, not 校长.
func PositionLabel(r position.Role, o *ent.Org) string {
	kinder := o != nil && o.SchoolType != nil && *o.SchoolType == org.SchoolTypeKindergarten
	switch r {
	case position.RoleDirector:
		return "局长"
	case position.RoleDeputy:
		return "分管领导"
	case position.RoleAidOfficer:
		if o != nil && o.Kind == org.KindSchool {
			return "资助专干"
		}
		return "资助中心专干"
	case position.RolePrincipal:
		if kinder {
			return "园长"
		}
		return "校长"
	case position.RoleVicePrincipal:
		if kinder {
			return "副园长"
		}
		return "副校长"
	case position.RoleCentralHead:
		return "中心校负责人"
	case position.RoleHeadTeacher:
		return "班主任"
	case position.RoleTeacher:
		return "教师"
	case position.RoleInspector:
		return "督导"
	}
	return string(r)
}

// MayGive says whether the viewer may give (or end) role at unit o: the unit
// lies in their position-write scope, the role exists at such a unit, and
// every policy role it brings is one they may grant there.
func (v *Viewer) MayGive(r position.Role, o *ent.Org) error {
	if v == nil || v.PersonID == 0 {
		return ErrDenied
	}
	if sc := v.Scope(ObjPosition, ActWrite); sc == nil || !sc.HasUnit(o) {
		return ErrDenied
	}
	roles := PositionRoles(r, o.Kind, o.IsCentral)
	if len(roles) == 0 {
		return fielderr.New("role", "%s没有“%s”这一职务", o.Name, PositionLabel(r, o))
	}
	for _, pr := range roles {
		if g := v.Scope(ObjPosition, ActGrant(pr)); g == nil || !g.HasUnit(o) {
			return ErrDenied
		}
	}
	return nil
}

// MayManageHolder says whether the viewer manages someone holding the active
// positions ps (each with its Org loaded): they could give every one of them.
// Nobody manages a person who holds more than they could give — a school
// leader never resets the password of a bureau's aid officer — and nobody
// manages someone without a position in force.
func (v *Viewer) MayManageHolder(ps []*ent.Position) bool {
	if len(ps) == 0 {
		return false
	}
	for _, p := range ps {
		if p.Edges.Org == nil || v.MayGive(p.Role, p.Edges.Org) != nil {
			return false
		}
	}
	return true
}

// ErrSelf refuses managing oneself: one changes one's own password in 我的,
// and never deactivates or moves oneself out.
var ErrSelf = fielderr.New("personID", "不能对本人进行此操作（修改本人密码请到“我的”）")

// MayManage says whether the viewer may edit, move, deactivate or reset the
// password of person id: not themselves, and an active person whose every
// position in force they could give.
func MayManage(ctx context.Context, c *ent.Client, id int) error {
	v := FromContext(ctx)
	if v == nil || v.PersonID == 0 || !v.Can(ObjPerson, ActWrite) {
		return ErrDenied
	}
	if id == v.PersonID {
		return ErrSelf
	}
	ps, err := c.Position.Query().Where(position.PersonID(id), ActivePosition(),
		position.HasPersonWith(person.Active(true))).WithOrg().All(System(ctx))
	if err != nil {
		return err
	}
	if !v.MayManageHolder(ps) {
		return ErrDenied
	}
	return nil
}

// checkPerson: new people are added by whoever may add staff somewhere (their
// first position is checked as it is given); changes need MayManage for every
// person changed. People are never deleted: they leave, and history stays.
func (v *Viewer) checkPerson(ctx context.Context, m *ent.PersonMutation) error {
	if v.PersonID == 0 || !v.Can(ObjPerson, ActWrite) {
		return ErrDenied
	}
	switch {
	case m.Op().Is(ent.OpCreate):
		return nil
	case m.Op().Is(ent.OpUpdate | ent.OpUpdateOne):
		ids, err := m.IDs(System(ctx))
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := MayManage(ctx, m.Client(), id); err != nil {
				return err
			}
		}
		return nil
	}
	return ErrDenied
}

// positionEndFields are all a position may change: it ends.
var positionEndFields = map[string]bool{position.FieldEndedAt: true, position.FieldEndReason: true, position.FieldUpdatedAt: true}

// checkPosition: a position is given at a unit and role the viewer may give,
// to an active person who is new (no position yet) or one of the viewer's
// staff; ending one needs the same right, and never ends the viewer's own last
// position that lets them manage staff. Nothing else of a position changes.
func (v *Viewer) checkPosition(ctx context.Context, m *ent.PositionMutation) error {
	if v.PersonID == 0 || !v.Can(ObjPosition, ActWrite) {
		return ErrDenied
	}
	sys := System(ctx)
	c := m.Client()
	switch {
	case m.Op().Is(ent.OpCreate):
		oid, _ := m.OrgID()
		o, err := c.Org.Get(sys, oid)
		if err != nil {
			return fielderr.New("orgID", "未找到该单位")
		}
		r, _ := m.Role()
		if err := v.MayGive(r, o); err != nil {
			return err
		}
		pid, _ := m.PersonID()
		ok, err := c.Person.Query().Where(person.ID(pid), person.Active(true), person.Or(
			person.Not(person.HasPositions()),
			readable(v, ObjPerson, PersonPredicate),
		)).Exist(sys)
		if err != nil {
			return err
		}
		if !ok {
			return fielderr.New("personID", "未找到该人员，或该人员已离职")
		}
		return nil
	case m.Op().Is(ent.OpUpdate | ent.OpUpdateOne):
		if !only(append(m.Fields(), m.ClearedFields()...), positionEndFields) || slices.Contains(m.ClearedFields(), position.FieldEndedAt) {
			return ErrDenied
		}
		ids, err := m.IDs(sys)
		if err != nil {
			return err
		}
		ps, err := c.Position.Query().Where(position.IDIn(ids...)).WithOrg().All(sys)
		if err != nil {
			return err
		}
		var own []int
		for _, p := range ps {
			if err := v.MayGive(p.Role, p.Edges.Org); err != nil {
				return ErrDenied
			}
			if p.PersonID == v.PersonID {
				own = append(own, p.ID)
			}
		}
		if len(own) > 0 && !v.keepsStaffRight(own) {
			return fielderr.New("id", "不能结束本人最后一个管理人员的职务")
		}
		return nil
	}
	return ErrDenied
}

// keepsStaffRight reports whether the viewer still manages staff somewhere
// once the positions ending are gone.
func (v *Viewer) keepsStaffRight(ending []int) bool {
	var rest []Position
	for _, p := range v.Positions {
		if !slices.Contains(ending, p.ID) {
			rest = append(rest, p)
		}
	}
	return NewPersonViewer(Default(), v.PersonID, v.Name, rest).Can(ObjPerson, ActWrite)
}

// RequirePasswordChange narrows a viewer signed in with a one-time password
// to reading themselves and the public reference data (divisions, units)
// until they choose their own password; graph answers everything else with
// PASSWORD_CHANGE_REQUIRED. Their roles stay listed.
func (v *Viewer) RequirePasswordChange(p *Policy) {
	v.MustChangePassword = true
	v.grants = map[Perm]*Scope{}
	for _, g := range p.grants(RoleUser) {
		switch g.Perm {
		case Perm{ObjPerson, ActRead}, Perm{ObjPosition, ActRead}, Perm{ObjDivision, ActRead}, Perm{ObjOrg, ActRead}:
			v.grants[g.Perm] = &Scope{All: g.Kind == KindAll, Self: g.Kind == KindSelf}
		}
	}
}
