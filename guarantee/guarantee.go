// Package guarantee holds the rules of the three guarantees (三包): who may be
// responsible for a village (包村), a household (包户) or a student (包人), and
// how responsibility moves — reassignment ends the old assignment and starts a
// new one, and the current responsible person is copied onto the village,
// household or student for fast scope checks and coverage counts.
package guarantee

import (
	"context"
	"time"

	"entgo.io/ent"

	"sanbao/authz"
	"sanbao/divcode"
	gen "sanbao/ent"
	"sanbao/ent/assignment"
	"sanbao/ent/division"
	"sanbao/ent/hook"
	"sanbao/ent/household"
	"sanbao/ent/org"
	"sanbao/ent/person"
	"sanbao/ent/position"
	"sanbao/ent/student"
	"sanbao/fielderr"
)

// Reasons an assignment ends.
const (
	ReasonReassigned = "调整"
	ReasonGraduated  = "毕业"
	ReasonLeftList   = "退出建档立卡"
)

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

// positionsOf lists the units (with their codes and kinds) where an active
// person works.
func positionsOf(ctx context.Context, c *gen.Client, personID int) ([]*gen.Org, error) {
	active, err := c.Person.Query().Where(person.ID(personID), person.Active(true)).Exist(ctx)
	if err != nil {
		return nil, err
	}
	ps, err := c.Position.Query().Where(position.PersonID(personID), authz.ActivePosition()).WithOrg().All(ctx)
	if err != nil {
		return nil, err
	}
	if !active || len(ps) == 0 {
		return nil, fielderr.New("personID", "未找到该人员的任职,或该人员已停用")
	}
	orgs := make([]*gen.Org, len(ps))
	for i, p := range ps {
		orgs[i] = p.Edges.Org
	}
	return orgs, nil
}

// CheckEligible enforces who may be responsible:
//   - 包村: staff of a school in the village's township (its central school
//     first of all), or of the county bureau;
//   - 包户: staff of a school in the household's township, of a school where
//     one of its students is enrolled, or of the county bureau;
//   - 包人: staff of the school where the student is enrolled; for a student
//     studying outside sanbao's schools (县外 / 省外), staff of a school in the
//     township of the student's village, as named by its central school.
func CheckEligible(ctx context.Context, c *gen.Client, t Target, personID int) error {
	orgs, err := positionsOf(authz.System(ctx), c, personID)
	if err != nil {
		return err
	}
	return EligibleAt(ctx, c, t, orgs)
}

// EligibleAt applies the rules of CheckEligible to someone working at the
// units orgs: a planned move (调动) is checked before it is made.
func EligibleAt(ctx context.Context, c *gen.Client, t Target, orgs []*gen.Org) error {
	ctx = authz.System(ctx)
	schoolIn := func(township string) bool {
		r := divcode.Subtree(township, divcode.Township)
		for _, o := range orgs {
			if o.Kind == org.KindSchool && r.Contains(o.DivisionCode) {
				return true
			}
		}
		return false
	}
	bureauOf := func(code string) bool {
		for _, o := range orgs {
			if o.Kind == org.KindCountyBureau && divcode.Subtree(o.DivisionCode, divcode.County).Contains(code) {
				return true
			}
		}
		return false
	}
	worksAt := func(id int) bool {
		for _, o := range orgs {
			if o.ID == id {
				return true
			}
		}
		return false
	}
	switch t.Kind {
	case assignment.KindVillage:
		code, err := authz.VillageCode(ctx, c, t.ID)
		if err != nil {
			return err
		}
		if !schoolIn(code) && !bureauOf(code) {
			return fielderr.New("personID", "包村责任人应为该村所在乡镇的中心校或学校人员,或县教育局人员")
		}
	case assignment.KindHousehold:
		h, err := c.Household.Query().Where(household.ID(t.ID)).Select(household.FieldVillageCode).Only(ctx)
		if gen.IsNotFound(err) {
			return fielderr.New("targetID", "未找到该户")
		}
		if err != nil {
			return err
		}
		ok := schoolIn(h.VillageCode) || bureauOf(h.VillageCode)
		if !ok {
			ids := make([]int, len(orgs))
			for i, o := range orgs {
				ids[i] = o.ID
			}
			ok, err = c.Student.Query().Where(student.HouseholdID(t.ID), student.SchoolIDIn(ids...)).Exist(ctx)
			if err != nil {
				return err
			}
		}
		if !ok {
			return fielderr.New("personID", "包户责任人应为该户所在乡镇学校、该户学生就读学校或县教育局人员")
		}
	case assignment.KindStudent:
		s, err := c.Student.Query().Where(student.ID(t.ID)).Only(ctx)
		if gen.IsNotFound(err) {
			return fielderr.New("targetID", "未找到该学生")
		}
		if err != nil {
			return err
		}
		if s.EnrollmentStatus == student.EnrollmentStatusGraduated {
			return fielderr.New("targetID", "%s 已毕业,无需帮扶联系人", s.Name)
		}
		if s.SchoolID != nil {
			if !worksAt(*s.SchoolID) {
				school, err := c.Org.Get(ctx, *s.SchoolID)
				if err != nil {
					return err
				}
				return fielderr.New("personID", "帮扶联系人应为该生就读学校(%s)的教职工", school.Name)
			}
		} else if !schoolIn(s.VillageCode) {
			return fielderr.New("personID", "该生在县外就读,帮扶联系人应为户籍所在乡镇中心校安排的本乡镇学校教职工")
		}
	}
	return nil
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
		if err := endActive(ctx, c, t, start, ReasonReassigned); err != nil {
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
