package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"sanbao/coverage"
	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/household"
	"sanbao/ent/predicate"
	"sanbao/ent/student"
	"sanbao/fielderr"
	"sanbao/graph/model"
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

// reasonOf is why a candidate may not be responsible, as the person reads it;
// nil when they may.
func reasonOf(err error) *string {
	if err == nil {
		return nil
	}
	s := "不符合担任条件"
	if fe, ok := fielderr.As(err); ok {
		s = fe.Reason
	}
	return &s
}
