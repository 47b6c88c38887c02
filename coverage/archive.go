package coverage

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect/sql"

	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/household"
	"sanbao/ent/org"
	"sanbao/ent/student"
)

// StageCount is the village's students of one stage (学段).
type StageCount struct {
	Stage       student.Stage
	Students    int
	Registered  int // of registered-card households
	Needing     int // needing a contact person
	WithContact int // of those, with one
}

// Archive is the village archive (村档案): how many school-age children, how
// many registered-card students, by stage, where they study, and whether each
// has a contact person (the list itself is a students query on the village).
type Archive struct {
	Households, RegisteredHouseholds, GuaranteedHouseholds int
	Students, RegisteredStudents, OutsideCounty            int
	Needing, WithContact                                   int
	ByStage                                                []StageCount
}

// VillageArchive counts one village, under the viewer's scope.
func VillageArchive(ctx context.Context, c *ent.Client, code string) (*Archive, error) {
	a := &Archive{}
	var hs []struct {
		Total, Registered, Guaranteed int
	}
	err := c.Household.Query().Where(household.VillageCode(code)).Modify(func(s *sql.Selector) {
		s.Select(
			sql.As(sql.Count("*"), "total"),
			sql.As(fmt.Sprintf("COALESCE(SUM(CASE WHEN %s IN ('%s', '%s') THEN 1 ELSE 0 END), 0)", s.C(household.FieldStatus),
				household.StatusNotLifted, household.StatusLifted), "registered"),
			sql.As(sql.Count(s.C(household.FieldGuarantorID)), "guaranteed"))
	}).Scan(ctx, &hs)
	if err != nil {
		return nil, err
	}
	if len(hs) == 1 {
		a.Households, a.RegisteredHouseholds, a.GuaranteedHouseholds = hs[0].Total, hs[0].Registered, hs[0].Guaranteed
	}
	stages := map[student.Stage]*StageCount{}
	at := func(k string) *StageCount {
		st := student.Stage(k)
		if stages[st] == nil {
			stages[st] = &StageCount{Stage: st}
		}
		return stages[st]
	}
	byStage := func(p func(*sql.Selector), covered string, set func(*StageCount, grouped)) error {
		var gs []grouped
		q := c.Student.Query().Where(student.VillageCode(code))
		if p != nil {
			q.Where(p)
		}
		if err := q.Modify(func(s *sql.Selector) { group(s.C(student.FieldStage), covered, "")(s) }).Scan(ctx, &gs); err != nil {
			return err
		}
		for _, g := range gs {
			set(at(g.K), g)
		}
		return nil
	}
	county := divcode.Subtree(code, divcode.County)
	outside := student.Or(student.SchoolIDIsNil(), student.Not(student.HasSchoolWith(func(s *sql.Selector) {
		InRange(org.FieldDivisionCode, county)(s)
	})))
	for _, step := range []struct {
		p       func(*sql.Selector)
		covered string
		set     func(*StageCount, grouped)
	}{
		{nil, student.FieldID, func(x *StageCount, g grouped) { x.Students = g.Total }},
		{student.HasHouseholdWith(Registered()), student.FieldID, func(x *StageCount, g grouped) { x.Registered = g.Total }},
		{NeedsContact(), student.FieldContactPersonID, func(x *StageCount, g grouped) { x.Needing, x.WithContact = g.Total, g.Covered }},
		{student.And(outside, student.EnrollmentStatusNEQ(student.EnrollmentStatusNotEnrolled)), student.FieldID, func(x *StageCount, g grouped) { a.OutsideCounty += g.Total }},
	} {
		if err := byStage(step.p, step.covered, step.set); err != nil {
			return nil, err
		}
	}
	for _, st := range []student.Stage{student.StagePreschool, student.StagePrimary, student.StageJunior, student.StageSenior, student.StageVocational, student.StageHigher} {
		if x := stages[st]; x != nil {
			a.ByStage = append(a.ByStage, *x)
			a.Students += x.Students
			a.RegisteredStudents += x.Registered
			a.Needing += x.Needing
			a.WithContact += x.WithContact
		}
	}
	return a, nil
}
