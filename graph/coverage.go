package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"sanbao/coverage"
	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/assignment"
	"sanbao/ent/household"
	"sanbao/ent/predicate"
	"sanbao/ent/student"
	"sanbao/graph/model"
	"sanbao/guarantee"
)

// Coverage is a coverage report with what its gap lists need.
type Coverage struct {
	*coverage.Report
	Division *ent.Division
	Org      *ent.Org
	Month    string
	rng      *divcode.Range // for a division
	schoolID int            // for a school
}

// VillageArchive is a village's archive with the village itself.
type VillageArchive struct {
	*coverage.Archive
	Village *ent.Division
}

// households limits a gap list to the report's place.
func (c *Coverage) households() predicate.Household {
	if c.rng != nil {
		return predicate.Household(coverage.InRange(household.FieldVillageCode, *c.rng))
	}
	return household.HasStudentsWith(student.SchoolID(c.schoolID))
}

// students limits a gap list to the report's place.
func (c *Coverage) students() predicate.Student {
	if c.rng != nil {
		return predicate.Student(coverage.InRange(student.FieldVillageCode, *c.rng))
	}
	return student.SchoolID(c.schoolID)
}

// requested reports whether the field being resolved selects the subfield
// name, so that work for unrequested parts of a report can be skipped.
func requested(ctx context.Context, name string) bool {
	for _, f := range graphql.CollectFieldsCtx(ctx, []string{"Coverage"}) {
		if f.Name == name {
			return true
		}
	}
	return false
}

// maxBulk bounds one bulk assignment.
const maxBulk = 500

// checkAssign runs the checks a new assignment will meet, without writing.
func (r *Resolver) checkAssign(ctx context.Context, c *ent.Client, kind assignment.Kind, personID, targetID int) error {
	return guarantee.Check(ctx, c, guarantee.Target{Kind: kind, ID: targetID}, personID)
}

func (r *Resolver) assign(ctx context.Context, c *ent.Client, kind assignment.Kind, personID, targetID int) (*ent.Assignment, error) {
	return guarantee.Assign(ctx, c, guarantee.Target{Kind: kind, ID: targetID}, personID)
}

// rowError is a refused row of a bulk change, with the same message the single
// mutation would give.
func rowError(ctx context.Context, id int, err error) *model.AssignRowError {
	e := presentError(ctx, err)
	out := &model.AssignRowError{TargetID: id, Reason: e.Message}
	if f, ok := e.Extensions["field"].(string); ok {
		out.Field = &f
	}
	return out
}
