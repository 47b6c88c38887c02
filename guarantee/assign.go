package guarantee

import (
	"context"
	"slices"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"sanbao/authz"
	gen "sanbao/ent"
	"sanbao/ent/assignment"
	"sanbao/ent/division"
	"sanbao/ent/household"
	"sanbao/ent/student"
	"sanbao/fielderr"
)

// MaxBulk bounds one bulk assignment.
const MaxBulk = 500

// RowError is a refused row of a bulk assignment.
type RowError struct {
	TargetID int
	Err      error
}

// Check runs the checks a new assignment will meet, without writing: the
// viewer may assign the target, and the person may be responsible for it.
func Check(ctx context.Context, c *gen.Client, kind assignment.Kind, personID, targetID int) error {
	if err := authz.MayAssign(ctx, c, kind, targetID); err != nil {
		return err
	}
	return CheckEligible(ctx, c, Target{Kind: kind, ID: targetID}, personID)
}

// Assign makes person responsible for the target, as the viewer in ctx. The
// current assignment of the target, if any, ends (调整) when this one starts.
func Assign(ctx context.Context, c *gen.Client, kind assignment.Kind, personID, targetID int) (*gen.Assignment, error) {
	v := authz.FromContext(ctx)
	if v == nil || v.PersonID == 0 {
		return nil, authz.ErrDenied
	}
	q := c.Assignment.Create().SetKind(kind).SetPersonID(personID).SetAssignedByID(v.PersonID)
	switch kind {
	case assignment.KindVillage:
		q.SetVillageID(targetID)
	case assignment.KindHousehold:
		q.SetHouseholdID(targetID)
	default:
		q.SetStudentID(targetID)
	}
	return q.Save(ctx)
}

// AssignMany makes person responsible for every target, all or nothing: every
// row is checked first, and if any is refused nothing is written and each
// refused row comes back with the reason the single assignment would give.
// c must be a transaction's client (the GraphQL mutation's), so that a row
// failing on write rolls the others back.
func AssignMany(ctx context.Context, c *gen.Client, kind assignment.Kind, personID int, targetIDs []int) ([]*gen.Assignment, []RowError, error) {
	if len(targetIDs) > MaxBulk {
		return nil, nil, fielderr.New("targetIDs", "一次最多 %d 个", MaxBulk)
	}
	var refused []RowError
	for _, id := range targetIDs {
		if err := Check(ctx, c, kind, personID, id); err != nil {
			refused = append(refused, RowError{TargetID: id, Err: err})
		}
	}
	if len(refused) > 0 {
		return nil, refused, nil
	}
	// Every target locked up front, in ID order: two bulk assignments that
	// share targets queue on the first shared one instead of deadlocking.
	if err := lockTargets(ctx, c, kind, targetIDs); err != nil {
		return nil, nil, err
	}
	out := make([]*gen.Assignment, 0, len(targetIDs))
	for _, id := range targetIDs {
		a, err := Assign(ctx, c, kind, personID, id)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, a)
	}
	return out, nil, nil
}

// lockTargets takes the rows of the targets, in ID order, until the
// transaction ends, so that concurrent assignments of one target run one
// after the other, each seeing the one before. PostgreSQL: SELECT … FOR NO
// KEY UPDATE (the strength the guarantor update takes anyway; contacts and
// assignments referencing the row are not blocked). SQLite's write
// transactions are exclusive already (_txlock=immediate).
func lockTargets(ctx context.Context, c *gen.Client, kind assignment.Kind, ids []int) error {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	lock := func(s *sql.Selector) {
		if s.Dialect() != dialect.SQLite {
			s.For(sql.LockNoKeyUpdate)
		}
	}
	sys := authz.System(ctx)
	var err error
	switch kind {
	case assignment.KindVillage:
		_, err = c.Division.Query().Where(division.IDIn(ids...)).Order(division.ByID()).
			Select(division.FieldID).Modify(lock).Ints(sys)
	case assignment.KindHousehold:
		_, err = c.Household.Query().Where(household.IDIn(ids...)).Order(household.ByID()).
			Select(household.FieldID).Modify(lock).Ints(sys)
	default:
		_, err = c.Student.Query().Where(student.IDIn(ids...)).Order(student.ByID()).
			Select(student.FieldID).Modify(lock).Ints(sys)
	}
	return err
}

// current is the target's active assignment, or nil.
func current(ctx context.Context, c *gen.Client, t Target) (*gen.Assignment, error) {
	a, err := c.Assignment.Query().Where(onTarget(t), assignment.EndsAtIsNil()).Only(authz.System(ctx))
	if gen.IsNotFound(err) {
		return nil, nil
	}
	return a, err
}

// onTarget selects the assignments of t.
func onTarget(t Target) func(*sql.Selector) {
	switch t.Kind {
	case assignment.KindVillage:
		return assignment.VillageID(t.ID)
	case assignment.KindHousehold:
		return assignment.HouseholdID(t.ID)
	default:
		return assignment.StudentID(t.ID)
	}
}

// TargetOf is what a stored assignment is about.
func TargetOf(a *gen.Assignment) Target {
	switch {
	case a.VillageID != nil:
		return Target{assignment.KindVillage, *a.VillageID}
	case a.HouseholdID != nil:
		return Target{assignment.KindHousehold, *a.HouseholdID}
	case a.StudentID != nil:
		return Target{assignment.KindStudent, *a.StudentID}
	}
	return Target{Kind: a.Kind}
}
