package guarantee

import (
	"context"

	"sanbao/authz"
	gen "sanbao/ent"
	"sanbao/ent/assignment"
)

// Check runs the checks a new assignment will meet, without writing: the
// viewer in ctx may assign the target, and the person may be responsible.
func Check(ctx context.Context, c *gen.Client, t Target, personID int) error {
	if err := authz.MayAssign(ctx, c, t.Kind, t.ID); err != nil {
		return err
	}
	return CheckEligible(ctx, c, t, personID)
}

// Assign makes personID responsible for t, as the viewer in ctx; the target's
// current assignment ends (调整).
func Assign(ctx context.Context, c *gen.Client, t Target, personID int) (*gen.Assignment, error) {
	q := c.Assignment.Create().SetKind(t.Kind).SetPersonID(personID).SetAssignedByID(authz.FromContext(ctx).PersonID)
	switch t.Kind {
	case assignment.KindVillage:
		q.SetVillageID(t.ID)
	case assignment.KindHousehold:
		q.SetHouseholdID(t.ID)
	default:
		q.SetStudentID(t.ID)
	}
	return q.Save(ctx)
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
