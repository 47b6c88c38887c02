// Package guarantee holds the rules of the three guarantees (三包): who may be
// responsible for a village (包村), a household (包户) or a student (包人), and
// how responsibility moves — reassignment ends the old assignment and starts a
// new one, and the current responsible person is copied onto the village,
// household or student for fast scope checks and coverage counts.
package guarantee

import (
	"context"
	"strings"
	"time"

	"entgo.io/ent"

	"sanbao/authz"
	gen "sanbao/ent"
	"sanbao/ent/assignment"
	"sanbao/ent/division"
	"sanbao/ent/hook"
	"sanbao/ent/household"
	"sanbao/ent/student"
	"sanbao/fielderr"
)

// Reasons an assignment ends.
const (
	ReasonReassigned = "调整"
	ReasonGraduated  = "毕业"
	ReasonLeftList   = "退出建档立卡"
)

type endReasonKey struct{}

// WithEndReason gives why the target's current assignment ends when an
// assignment is created with the returned context (调整 otherwise), as the
// person changing it says: 调动, 离职….
func WithEndReason(ctx context.Context, reason string) context.Context {
	if reason = strings.TrimSpace(reason); reason == "" {
		return ctx
	}
	return context.WithValue(ctx, endReasonKey{}, reason)
}

func endReason(ctx context.Context) string {
	if r, ok := ctx.Value(endReasonKey{}).(string); ok {
		return r
	}
	return ReasonReassigned
}

// Target is what someone is made responsible for.
type Target struct {
	Kind assignment.Kind
	ID   int
}

// targetOf reads the target from an assignment being created.
func targetOf(m *gen.AssignmentMutation) (Target, error) {
	kind, _ := m.Kind()
	v, hasV := m.VillageID()
	h, hasH := m.HouseholdID()
	s, hasS := m.StudentID()
	n := 0
	for _, b := range []bool{hasV, hasH, hasS} {
		if b {
			n++
		}
	}
	switch {
	case n != 1:
		return Target{}, fielderr.New("targetID", "一条包联只能针对一个村、户或学生")
	case kind == assignment.KindVillage && hasV:
		return Target{kind, v}, nil
	case kind == assignment.KindHousehold && hasH:
		return Target{kind, h}, nil
	case kind == assignment.KindStudent && hasS:
		return Target{kind, s}, nil
	}
	return Target{}, fielderr.New("kind", "包联类型与对象不符")
}

// onCreate checks the rules, ends the target's current assignment and, once
// the new one is stored, names the person on the target.
func onCreate(next ent.Mutator) ent.Mutator {
	return hook.AssignmentFunc(func(ctx context.Context, m *gen.AssignmentMutation) (ent.Value, error) {
		t, err := targetOf(m)
		if err != nil {
			return nil, err
		}
		pid, _ := m.PersonID()
		c := m.Client()
		if err := CheckEligible(ctx, c, t, pid); err != nil {
			return nil, err
		}
		// Lock the target, then read the clock: a reassignment waiting for
		// the lock starts after the one it ends, never before.
		if err := lockTargets(ctx, c, t.Kind, []int{t.ID}); err != nil {
			return nil, err
		}
		start, explicit := m.StartsAt()
		if !explicit {
			start = time.Now()
		}
		cur, err := current(ctx, c, t)
		if err != nil {
			return nil, err
		}
		if cur != nil && start.Before(cur.StartsAt) {
			if explicit {
				return nil, fielderr.New("startsAt", "开始时间不能早于当前包联的开始时间")
			}
			// Another server's clock may lag this one's.
			start = cur.StartsAt
		}
		m.SetStartsAt(start)
		if err := endActive(ctx, c, t, start, endReason(ctx)); err != nil {
			return nil, err
		}
		v, err := next.Mutate(ctx, m)
		if err != nil {
			return nil, err
		}
		return v, setResponsible(ctx, c, t, &pid)
	})
}

// onEnd clears the responsible person from targets whose assignment ended.
func onEnd(next ent.Mutator) ent.Mutator {
	return hook.AssignmentFunc(func(ctx context.Context, m *gen.AssignmentMutation) (ent.Value, error) {
		if _, ending := m.EndsAt(); !ending {
			return next.Mutate(ctx, m)
		}
		ids, err := m.IDs(ctx)
		if err != nil || len(ids) == 0 {
			return next.Mutate(ctx, m)
		}
		sys := authz.System(ctx)
		ending, err := m.Client().Assignment.Query().Where(assignment.IDIn(ids...), assignment.EndsAtIsNil()).All(sys)
		if err != nil {
			return nil, err
		}
		v, err := next.Mutate(ctx, m)
		if err != nil {
			return nil, err
		}
		for _, a := range ending {
			if err := clearResponsible(ctx, m.Client(), a); err != nil {
				return nil, err
			}
		}
		return v, nil
	})
}

func endActive(ctx context.Context, c *gen.Client, t Target, at time.Time, reason string) error {
	return c.Assignment.Update().Where(onTarget(t), assignment.EndsAtIsNil()).
		SetEndsAt(at).SetEndReason(reason).Exec(authz.System(ctx))
}

func setResponsible(ctx context.Context, c *gen.Client, t Target, pid *int) error {
	sys := authz.System(ctx)
	switch t.Kind {
	case assignment.KindVillage:
		return c.Division.Update().Where(division.ID(t.ID)).SetNillableGuarantorID(pid).Exec(sys)
	case assignment.KindHousehold:
		return c.Household.Update().Where(household.ID(t.ID)).SetNillableGuarantorID(pid).Exec(sys)
	default:
		return c.Student.Update().Where(student.ID(t.ID)).SetNillableContactPersonID(pid).Exec(sys)
	}
}

func clearResponsible(ctx context.Context, c *gen.Client, a *gen.Assignment) error {
	sys := authz.System(ctx)
	switch {
	case a.VillageID != nil:
		return c.Division.Update().Where(division.ID(*a.VillageID), division.GuarantorID(a.PersonID)).ClearGuarantorID().Exec(sys)
	case a.HouseholdID != nil:
		return c.Household.Update().Where(household.ID(*a.HouseholdID), household.GuarantorID(a.PersonID)).ClearGuarantorID().Exec(sys)
	case a.StudentID != nil:
		return c.Student.Update().Where(student.ID(*a.StudentID), student.ContactPersonID(a.PersonID)).ClearContactPersonID().Exec(sys)
	}
	return nil
}

// AssignmentHooks keep responsibility consistent for every writer.
func AssignmentHooks() []ent.Hook {
	return []ent.Hook{
		hook.On(onCreate, ent.OpCreate),
		hook.On(onEnd, ent.OpUpdate|ent.OpUpdateOne),
	}
}

// EndOnGraduation ends the 包人 assignment of students who graduate.
func EndOnGraduation(next ent.Mutator) ent.Mutator {
	return hook.StudentFunc(func(ctx context.Context, m *gen.StudentMutation) (ent.Value, error) {
		st, ok := m.EnrollmentStatus()
		if !ok || st != student.EnrollmentStatusGraduated || m.Op().Is(ent.OpCreate) {
			return next.Mutate(ctx, m)
		}
		ids, err := m.IDs(ctx)
		if err != nil {
			return nil, err
		}
		v, err := next.Mutate(ctx, m)
		if err != nil {
			return nil, err
		}
		return v, m.Client().Assignment.Update().
			Where(assignment.StudentIDIn(ids...), assignment.EndsAtIsNil()).
			SetEndsAt(time.Now()).SetEndReason(ReasonGraduated).Exec(authz.System(ctx))
	})
}

// Registered reports whether a household status is registered-card (建档立卡).
func Registered(s household.Status) bool {
	return s == household.StatusNotLifted || s == household.StatusLifted
}

// EndOnLeavingList ends the 包户 assignment of households that leave the
// registered-card list (status set to 边缘户 or 非建档立卡困难户).
func EndOnLeavingList(next ent.Mutator) ent.Mutator {
	return hook.HouseholdFunc(func(ctx context.Context, m *gen.HouseholdMutation) (ent.Value, error) {
		st, ok := m.Status()
		if !ok || Registered(st) || m.Op().Is(ent.OpCreate) {
			return next.Mutate(ctx, m)
		}
		sys := authz.System(ctx)
		ids, err := m.IDs(ctx)
		if err != nil {
			return nil, err
		}
		leaving, err := m.Client().Household.Query().
			Where(household.IDIn(ids...), household.StatusIn(household.StatusNotLifted, household.StatusLifted)).IDs(sys)
		if err != nil {
			return nil, err
		}
		v, err := next.Mutate(ctx, m)
		if err != nil || len(leaving) == 0 {
			return v, err
		}
		return v, m.Client().Assignment.Update().
			Where(assignment.HouseholdIDIn(leaving...), assignment.EndsAtIsNil()).
			SetEndsAt(time.Now()).SetEndReason(ReasonLeftList).Exec(sys)
	})
}
