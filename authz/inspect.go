package authz

import (
	"context"
	"slices"

	"entgo.io/ent/dialect/sql"

	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/draw"
	"sanbao/ent/inspection"
	"sanbao/ent/org"
	"sanbao/ent/predicate"
	"sanbao/ent/problem"
	"sanbao/ent/problemcategory"
	"sanbao/ent/problemevent"
)

// Inspections (抽查) and the problem list (问题清单). Draws are seen by the
// drawing area and above; inspections by the inspecting area and by the unit
// inspected, except an unannounced one (暗访) not yet recorded, which its unit
// never sees; problems by the unit's area, the unit itself, its owner and its
// raiser.
const (
	ObjInspection      = "inspection"
	ObjProblem         = "problem"
	ObjProblemCategory = "problemcategory"

	ActRaise  = "raise"
	ActWork   = "work"
	ActAccept = "accept"
)

func all(*sql.Selector) {}

// ownOrgs are the units the viewer holds a position at.
func (v *Viewer) ownOrgs() []int {
	var ids []int
	for _, p := range v.Positions {
		if !slices.Contains(ids, p.OrgID) {
			ids = append(ids, p.OrgID)
		}
	}
	return ids
}

// bureauOrgs are the viewer's bureaus (not schools): the units that raise.
func (v *Viewer) bureauOrgs() []int {
	var ids []int
	for _, p := range v.Positions {
		if p.OrgKind != org.KindSchool && !slices.Contains(ids, p.OrgID) {
			ids = append(ids, p.OrgID)
		}
	}
	return ids
}

// DrawPredicate limits draws to those drawn inside sc's area.
func DrawPredicate(v *Viewer, sc *Scope) predicate.Draw {
	if sc.All {
		return all
	}
	return predicate.Draw(inRanges(draw.FieldDivisionCode, nonEmpty(sc.VillageRanges)))
}

// InspectionPredicate limits inspections to those of units in sc, minus the
// viewer's own units' unannounced inspections not yet recorded.
func InspectionPredicate(v *Viewer, sc *Scope) predicate.Inspection {
	in := predicate.Inspection(all)
	if !sc.All {
		ps := []predicate.Inspection{predicate.Inspection(inRanges(inspection.FieldTargetCode, nonEmpty(sc.VillageRanges)))}
		if len(sc.SchoolIDs) > 0 {
			ps = append(ps, inspection.TargetOrgIDIn(sc.SchoolIDs...))
		}
		in = inspection.Or(ps...)
	}
	own := v.ownOrgs()
	if len(own) == 0 {
		return in
	}
	return inspection.And(in, inspection.Not(inspection.And(inspection.KindEQ(inspection.KindUnannounced),
		inspection.StateEQ(inspection.StatePlanned), inspection.TargetOrgIDIn(own...))))
}

// problemIn is the problems of units in sc; self adds the viewer's own (as
// owner, and as raiser when raiser is set).
func problemIn(v *Viewer, sc *Scope, raiser bool) predicate.Problem {
	if sc.All {
		return all
	}
	var ps []predicate.Problem
	if len(sc.VillageRanges) > 0 {
		ps = append(ps, predicate.Problem(inRanges(problem.FieldUnitCode, sc.VillageRanges)))
	}
	if len(sc.SchoolIDs) > 0 {
		ps = append(ps, problem.UnitOrgIDIn(sc.SchoolIDs...))
	}
	if sc.Self && v.PersonID != 0 {
		ps = append(ps, problem.OwnerID(v.PersonID))
		if raiser {
			ps = append(ps, problem.RaisedByID(v.PersonID))
		}
	}
	if len(ps) == 0 {
		return problem.IDIn()
	}
	return problem.Or(ps...)
}

// ProblemPredicate limits problems to sc.
func ProblemPredicate(v *Viewer, sc *Scope) predicate.Problem { return problemIn(v, sc, true) }

// ProblemEventPredicate shows a problem's timeline with the problem.
func ProblemEventPredicate(v *Viewer, sc *Scope) predicate.ProblemEvent {
	t := sql.Table(problem.Table)
	sub := sql.Select(t.C(problem.FieldID)).From(t)
	ProblemPredicate(v, sc)(sub)
	return predicate.ProblemEvent(inSelect(problemevent.FieldProblemID, sub))
}

// acceptable is the problems the viewer may accept or return: raised by
// them, or by their bureau when they hold the accept permission there.
func (v *Viewer) acceptable() predicate.Problem {
	sc := v.Scope(ObjProblem, ActAccept)
	if sc == nil || v.PersonID == 0 {
		return problem.IDIn()
	}
	ps := []predicate.Problem{problem.RaisedByID(v.PersonID)}
	if orgs := v.bureauOrgs(); len(orgs) > 0 && (sc.All || len(sc.VillageRanges) > 0) {
		ps = append(ps, problem.RaisedOrgIDIn(orgs...))
	}
	return problem.Or(ps...)
}

func inspectQuery(v *Viewer, q ent.Query) {
	switch q := q.(type) {
	case *ent.DrawQuery:
		q.Where(readable(v, ObjInspection, DrawPredicate))
	case *ent.InspectionQuery:
		q.Where(readable(v, ObjInspection, InspectionPredicate))
	case *ent.ProblemQuery:
		q.Where(readable(v, ObjProblem, ProblemPredicate))
	case *ent.ProblemEventQuery:
		q.Where(readable(v, ObjProblem, ProblemEventPredicate))
	case *ent.ProblemCategoryQuery:
		if !v.Can(ObjProblemCategory, ActRead) {
			q.Where(none)
		}
	}
}

func (v *Viewer) checkInspect(ctx context.Context, m ent.Mutation) error {
	if v.PersonID == 0 {
		return ErrDenied
	}
	switch m := m.(type) {
	case *ent.DrawMutation:
		return v.checkDraw(m)
	case *ent.InspectionMutation:
		return v.checkInspection(m)
	case *ent.ProblemMutation:
		return v.checkProblem(m)
	case *ent.ProblemEventMutation:
		return v.checkProblemEvent(ctx, m)
	case *ent.ProblemCategoryMutation:
		return v.checkCategory(m)
	}
	return ErrDenied
}

// checkDraw: drawn in one's own name, by one's own unit, over an area in the
// write scope; afterwards only published, once. A published draw is frozen.
func (v *Viewer) checkDraw(m *ent.DrawMutation) error {
	sc := v.Scope(ObjInspection, ActWrite)
	if sc == nil {
		return ErrDenied
	}
	switch {
	case m.Op().Is(ent.OpCreate):
		code, _ := m.DivisionCode()
		by, _ := m.DrawnByID()
		o, _ := m.OrgID()
		if by != v.PersonID || !sc.HasDivision(code) || !slices.Contains(v.ownOrgs(), o) {
			return ErrDenied
		}
		return nil
	case m.Op().Is(ent.OpUpdate|ent.OpUpdateOne) && only(append(m.Fields(), m.ClearedFields()...),
		map[string]bool{draw.FieldState: true, draw.FieldPublishedAt: true}):
		m.Where(DrawPredicate(v, sc), draw.StateEQ(draw.StateDraft))
		return nil
	case m.Op().Is(ent.OpDelete | ent.OpDeleteOne):
		m.Where(DrawPredicate(v, sc), draw.StateEQ(draw.StateDraft))
		return nil
	}
	return ErrDenied
}

var recordFields = map[string]bool{inspection.FieldState: true, inspection.FieldFindings: true,
	inspection.FieldRecordedAt: true, inspection.FieldRecordedByID: true}

// checkInspection: planned by the inspecting area over units inside it;
// recorded in one's own name by that area, never by the unit inspected.
func (v *Viewer) checkInspection(m *ent.InspectionMutation) error {
	sc := v.Scope(ObjInspection, ActWrite)
	if sc == nil {
		return ErrDenied
	}
	mine := predicate.Inspection(inRanges(inspection.FieldInspectorCode, nonEmpty(sc.VillageRanges)))
	if sc.All {
		mine = all
	}
	switch {
	case m.Op().Is(ent.OpCreate):
		code, _ := m.InspectorCode()
		target, _ := m.TargetCode()
		to, _ := m.TargetOrgID()
		if !sc.HasDivision(code) || !divcode.SubtreeOf(code).Contains(target) || slices.Contains(v.ownOrgs(), to) {
			return ErrDenied
		}
		return nil
	case m.Op().Is(ent.OpUpdate|ent.OpUpdateOne) && only(append(m.Fields(), m.ClearedFields()...), recordFields):
		if by, ok := m.RecordedByID(); ok && by != v.PersonID {
			return ErrDenied
		}
		m.Where(mine)
		if own := v.ownOrgs(); len(own) > 0 {
			m.Where(inspection.TargetOrgIDNotIn(own...))
		}
		return nil
	}
	return ErrDenied
}

var transitionFields = map[string]bool{problem.FieldState: true, problem.FieldEvidence: true,
	problem.FieldRectifiedAt: true, problem.FieldClosedAt: true, problem.FieldUpdatedAt: true}

// checkProblem: raised in one's own name and unit, at a unit in the raise
// scope. Started by the owner or the unit (work scope); rectified by the
// owner alone; accepted, returned, reassigned or re-dated by the raiser or
// the raiser's bureau. Problems are never deleted.
func (v *Viewer) checkProblem(m *ent.ProblemMutation) error {
	switch {
	case m.Op().Is(ent.OpCreate):
		sc := v.Scope(ObjProblem, ActRaise)
		code, _ := m.UnitCode()
		by, _ := m.RaisedByID()
		o, _ := m.RaisedOrgID()
		if sc == nil || by != v.PersonID || !sc.HasVillage(code) || !slices.Contains(v.bureauOrgs(), o) {
			return ErrDenied
		}
		return nil
	case m.Op().Is(ent.OpUpdate | ent.OpUpdateOne):
	default:
		return ErrDenied
	}
	fields := append(m.Fields(), m.ClearedFields()...)
	st, moving := m.State()
	if !moving {
		m.Where(v.acceptable())
		return nil
	}
	if !only(fields, transitionFields) {
		return ErrDenied
	}
	switch st {
	case problem.StateInProgress:
		work := problem.IDIn()
		if sc := v.Scope(ObjProblem, ActWork); sc != nil {
			work = problemIn(v, sc, false)
		}
		m.Where(problem.Or(
			problem.And(problem.StateEQ(problem.StatePending), work),
			problem.And(problem.StateEQ(problem.StateRectified), v.acceptable())))
	case problem.StateRectified:
		m.Where(problem.OwnerID(v.PersonID), problem.StateEQ(problem.StateInProgress))
	case problem.StateClosed:
		m.Where(problem.StateEQ(problem.StateRectified), v.acceptable())
	default:
		return ErrDenied
	}
	return nil
}

// checkProblemEvent: a timeline entry is written in one's own name on a
// problem one can see. Entries are never changed.
func (v *Viewer) checkProblemEvent(ctx context.Context, m *ent.ProblemEventMutation) error {
	if !m.Op().Is(ent.OpCreate) {
		return ErrDenied
	}
	by, _ := m.ActorID()
	pid, _ := m.ProblemID()
	if by != v.PersonID {
		return ErrDenied
	}
	ok, err := m.Client().Problem.Query().Where(problem.ID(pid)).Exist(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return ErrDenied
	}
	return nil
}

// checkCategory: a county adds to its own list of categories.
func (v *Viewer) checkCategory(m *ent.ProblemCategoryMutation) error {
	sc := v.Scope(ObjProblemCategory, ActWrite)
	if sc == nil {
		return ErrDenied
	}
	if m.Op().Is(ent.OpCreate) {
		code, _ := m.OwnerCode()
		if divcode.LevelOf(code) != divcode.County || !sc.HasDivision(code) {
			return ErrDenied
		}
		return nil
	}
	if m.Op().Is(ent.OpDelete | ent.OpDeleteOne) {
		m.Where(predicate.ProblemCategory(inRanges(problemcategory.FieldOwnerCode, nonEmpty(sc.VillageRanges))))
		return nil
	}
	return ErrDenied
}
