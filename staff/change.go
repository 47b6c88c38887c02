package staff

import (
	"context"
	"errors"
	"time"

	"sanbao/auth"
	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/assignment"
	"sanbao/ent/org"
	"sanbao/ent/person"
	"sanbao/ent/position"
	"sanbao/fielderr"
	"sanbao/guarantee"
)

// Handover says what becomes of the open assignments (包村、包户、包人) that a
// move, a departure or an ended position leaves without an eligible
// responsible person. Without Confirm nothing is stored: the answer lists
// them (the preview). With Confirm they are reassigned to To in the same
// transaction, or, with no To, ended for the change's reason so they show as
// gaps (and as orphaned, see Orphaned).
type Handover struct {
	Confirm bool
	To      *int
}

// Refusal is an assignment To may not take, with the reason.
type Refusal struct {
	Assignment *ent.Assignment
	Err        error
}

// Outcome is what a change did, or would do.
type Outcome struct {
	// Confirmed is false for a preview, and when a handover was refused
	// (nothing is stored then).
	Confirmed bool
	Person    *ent.Person
	// Orphaned are the open assignments the change leaves behind, as far as
	// the viewer may see them; on confirmation they were handed over or ended.
	Orphaned []*ent.Assignment
	Refused  []Refusal
}

// change is one staff change: positions ending, positions starting, and
// whether the person leaves altogether.
type change struct {
	person   *ent.Person
	ending   []*ent.Position
	starting []NewPosition
	leave    bool
	reason   string
}

// Leave deactivates a person who leaves (离职): their login ends at once, every
// position and assignment ends, and history stays.
func Leave(ctx context.Context, c *ent.Client, a *auth.Service, personID int, h Handover) (*Outcome, error) {
	p, err := load(ctx, c, personID)
	if err != nil {
		return nil, err
	}
	ps, err := activePositions(ctx, c, personID)
	if err != nil {
		return nil, err
	}
	return change{person: p, ending: ps, leave: true, reason: ReasonLeft}.apply(ctx, c, a, h)
}

// Move is a transfer (调动): the positions at From end and those of To start
// at one other unit, both dated now.
type Move struct {
	PersonID int
	// From is the unit left; it may be omitted when the person works at one.
	From *int
	To   []NewPosition
}

// MovePerson transfers a person (调动).
func MovePerson(ctx context.Context, c *ent.Client, a *auth.Service, mv Move, h Handover) (*Outcome, error) {
	p, err := load(ctx, c, mv.PersonID)
	if err != nil {
		return nil, err
	}
	if len(mv.To) == 0 {
		return nil, fielderr.New("positions", "请填写调入单位的职务")
	}
	to := mv.To[0].OrgID
	for _, np := range mv.To {
		if np.OrgID != to {
			return nil, fielderr.New("toOrgID", "一次调动只调入一个单位")
		}
	}
	ps, err := activePositions(ctx, c, mv.PersonID)
	if err != nil {
		return nil, err
	}
	from := mv.From
	if from == nil {
		units := map[int]bool{}
		for _, x := range ps {
			units[x.OrgID] = true
		}
		if len(units) != 1 {
			return nil, fielderr.New("fromOrgID", "该人员在多个单位任职，请选择调出单位")
		}
		from = &ps[0].OrgID
	}
	if *from == to {
		return nil, fielderr.New("toOrgID", "调入单位与调出单位相同")
	}
	var ending []*ent.Position
	for _, x := range ps {
		if x.OrgID == *from {
			ending = append(ending, x)
		}
	}
	if len(ending) == 0 {
		return nil, fielderr.New("fromOrgID", "该人员不在该单位任职")
	}
	return change{person: p, ending: ending, starting: mv.To, reason: ReasonMoved}.apply(ctx, c, a, h)
}

// EndPosition ends one position (免职, 不再担任 …). A person's only position
// is not ended this way: they move (调动) or leave (离职).
func EndPosition(ctx context.Context, c *ent.Client, a *auth.Service, id int, reason string, h Handover) (*Outcome, error) {
	pos, err := c.Position.Query().Where(position.ID(id)).WithOrg().WithPerson().Only(ctx)
	if err != nil {
		return nil, err
	}
	if pos.EndedAt != nil {
		return nil, fielderr.New("id", "该职务已于 %s 结束", pos.EndedAt.Format("2006-01-02"))
	}
	if err := authz.FromContext(ctx).MayGive(pos.Role, pos.Edges.Org); err != nil {
		return nil, err
	}
	ps, err := activePositions(ctx, c, pos.PersonID)
	if err != nil {
		return nil, err
	}
	if len(ps) == 1 {
		return nil, fielderr.New("id", "这是%s唯一的职务：调往其他单位请用“调动”，离开请用“离职”", pos.Edges.Person.Name)
	}
	if reason == "" {
		reason = ReasonEnded
	}
	if len([]rune(reason)) > 50 {
		return nil, fielderr.New("reason", "原因不超过50个字")
	}
	return change{person: pos.Edges.Person, ending: []*ent.Position{pos}, reason: reason}.apply(ctx, c, a, h)
}

func activePositions(ctx context.Context, c *ent.Client, personID int) ([]*ent.Position, error) {
	return c.Position.Query().Where(position.PersonID(personID), authz.ActivePosition()).
		WithOrg().Order(position.ByID()).All(authz.System(ctx))
}

func (ch change) apply(ctx context.Context, c *ent.Client, a *auth.Service, h Handover) (*Outcome, error) {
	v := authz.FromContext(ctx)
	// Refuse what the viewer may not start before showing anything.
	for _, np := range ch.starting {
		o, err := c.Org.Get(ctx, np.OrgID)
		if err != nil {
			return nil, fielderr.New("toOrgID", "未找到该单位")
		}
		if err := v.MayGive(np.Role, o); err != nil {
			return nil, err
		}
	}
	orphans, err := ch.orphans(ctx, c)
	if err != nil {
		return nil, err
	}
	out := &Outcome{Person: ch.person}
	if out.Orphaned, err = visible(ctx, c, orphans); err != nil {
		return nil, err
	}
	if !h.Confirm {
		return out, nil
	}
	if h.To != nil {
		if *h.To == ch.person.ID {
			return nil, fielderr.New("handoverTo", "请选择另一位人员接手")
		}
		for _, x := range out.Orphaned {
			t := guarantee.TargetOf(x)
			if err := guarantee.Check(ctx, c, t.Kind, *h.To, t.ID); err != nil {
				if _, ok := fielderr.As(err); !ok && !errors.Is(err, authz.ErrDenied) {
					return nil, err
				}
				out.Refused = append(out.Refused, Refusal{x, err})
			}
		}
		if len(out.Refused) > 0 {
			return out, nil
		}
	}
	now := time.Now()
	if ch.leave {
		// The person's row first: of two departures at once, the second
		// waits here and then finds the person gone.
		n, err := c.Person.Update().Where(person.ID(ch.person.ID), person.Active(true)).
			SetActive(false).SetLeftAt(now).Save(ctx)
		if err != nil {
			return nil, leftMeanwhile(ctx, c, ch.person, err)
		}
		if n == 0 {
			return nil, errLeft(ch.person)
		}
		ch.person.Active, ch.person.LeftAt = false, &now
	}
	if err := ch.endAssignments(ctx, c, orphans, now); err != nil {
		return nil, err
	}
	ids := make([]int, len(ch.ending))
	for i, x := range ch.ending {
		ids[i] = x.ID
	}
	if len(ids) > 0 {
		if err := c.Position.Update().Where(position.IDIn(ids...), authz.ActivePosition()).
			SetEndedAt(now).SetEndReason(ch.reason).Exec(ctx); err != nil {
			return nil, err
		}
	}
	for _, np := range ch.starting {
		if _, err := give(ctx, c, ch.person.ID, np, now); err != nil {
			return nil, err
		}
	}
	if h.To != nil {
		for _, x := range out.Orphaned {
			t := guarantee.TargetOf(x)
			if _, err := guarantee.Assign(ctx, c, t.Kind, *h.To, t.ID); err != nil {
				return nil, err
			}
		}
	}
	if ch.leave {
		err = a.EndSessions(ctx, c, ch.person.ID)
	}
	out.Confirmed = true
	return out, err
}

// endAssignments ends every assignment the change leaves behind, whether the
// viewer sees it or not: a person who leaves or moves keeps nothing they can
// no longer do. This is the system's consequence of a change authz allowed,
// so it runs as the system; handing over (above) runs as the viewer.
func (ch change) endAssignments(ctx context.Context, c *ent.Client, orphans []*ent.Assignment, at time.Time) error {
	if len(orphans) == 0 {
		return nil
	}
	ids := make([]int, len(orphans))
	for i, x := range orphans {
		ids[i] = x.ID
	}
	return c.Assignment.Update().Where(assignment.IDIn(ids...), assignment.EndsAtIsNil()).
		SetEndsAt(at).SetEndReason(ch.reason).Exec(authz.System(ctx))
}

func errLeft(p *ent.Person) error {
	return fielderr.New("personID", "%s 已离职", p.Name)
}

// orphans are the person's open assignments they could no longer hold after
// the change: all of them when they leave; after a move or an ended position,
// those the remaining and new units do not make them eligible for (a move
// within the township keeps its 包村).
func (ch change) orphans(ctx context.Context, c *ent.Client) ([]*ent.Assignment, error) {
	sys := authz.System(ctx)
	open, err := c.Assignment.Query().Where(assignment.PersonID(ch.person.ID), assignment.EndsAtIsNil()).
		Order(assignment.ByID()).All(sys)
	if err != nil || ch.leave || len(open) == 0 {
		return open, err
	}
	ps, err := activePositions(ctx, c, ch.person.ID)
	if err != nil {
		return nil, err
	}
	var units []*ent.Org
	for _, p := range ps {
		if !ch.ends(p.ID) {
			units = append(units, p.Edges.Org)
		}
	}
	for _, np := range ch.starting {
		o, err := c.Org.Query().Where(org.ID(np.OrgID)).Only(sys)
		if err != nil {
			return nil, err
		}
		units = append(units, o)
	}
	var out []*ent.Assignment
	for _, x := range open {
		err := guarantee.EligibleAt(ctx, c, guarantee.TargetOf(x), units)
		if _, ineligible := fielderr.As(err); ineligible {
			out = append(out, x)
		} else if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (ch change) ends(id int) bool {
	for _, p := range ch.ending {
		if p.ID == id {
			return true
		}
	}
	return false
}

// visible keeps the assignments the viewer may read, with what they are
// about loaded for the list.
func visible(ctx context.Context, c *ent.Client, as []*ent.Assignment) ([]*ent.Assignment, error) {
	if len(as) == 0 {
		return []*ent.Assignment{}, nil
	}
	ids := make([]int, len(as))
	for i, x := range as {
		ids[i] = x.ID
	}
	return c.Assignment.Query().Where(assignment.IDIn(ids...)).WithVillage().WithHousehold().WithStudent().
		Order(assignment.ByID()).All(ctx)
}
