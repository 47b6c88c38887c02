package guarantee

import (
	"context"
	"slices"

	"sanbao/authz"
	"sanbao/divcode"
	gen "sanbao/ent"
	"sanbao/ent/assignment"
	"sanbao/ent/household"
	"sanbao/ent/org"
	"sanbao/ent/person"
	"sanbao/ent/position"
	"sanbao/ent/student"
	"sanbao/fielderr"
)

// Ranks of an eligible person, best first: the student's own school or the
// township's central school, then the other schools that may take the
// target, then the county bureau.
const (
	rankFirst = iota
	rankSchool
	rankBureau
)

// facts are what the rule needs to know of a target, read once however many
// people are checked against it.
type facts struct {
	kind assignment.Kind
	// village is the code of the village: the target, the household's, or
	// the student's household's.
	village string
	// schools are, for a household, the schools its students attend.
	schools []int
	// school is, for a student, the school of enrollment (nil outside).
	school *gen.Org
}

// loadFacts reads the target, as the system: whether the viewer may see it is
// not the rule's business.
func loadFacts(ctx context.Context, c *gen.Client, t Target) (*facts, error) {
	ctx = authz.System(ctx)
	f := &facts{kind: t.Kind}
	switch t.Kind {
	case assignment.KindVillage:
		code, err := authz.VillageCode(ctx, c, t.ID)
		if err != nil {
			return nil, err
		}
		f.village = code
	case assignment.KindHousehold:
		h, err := c.Household.Query().Where(household.ID(t.ID)).Select(household.FieldVillageCode).Only(ctx)
		if gen.IsNotFound(err) {
			return nil, fielderr.New("targetID", "未找到该户")
		}
		if err != nil {
			return nil, err
		}
		f.village = h.VillageCode
		ids, err := c.Student.Query().Where(student.HouseholdID(t.ID), student.SchoolIDNotNil()).
			Unique(true).Select(student.FieldSchoolID).Ints(ctx)
		if err != nil {
			return nil, err
		}
		f.schools = ids
	case assignment.KindStudent:
		s, err := c.Student.Query().Where(student.ID(t.ID)).WithSchool().Only(ctx)
		if gen.IsNotFound(err) {
			return nil, fielderr.New("targetID", "未找到该学生")
		}
		if err != nil {
			return nil, err
		}
		if s.EnrollmentStatus == student.EnrollmentStatusGraduated {
			return nil, fielderr.New("targetID", "%s 已毕业，无需帮扶联系人", s.Name)
		}
		f.village, f.school = s.VillageCode, s.Edges.School
	default:
		return nil, fielderr.New("kind", "未知的包联类型")
	}
	return f, nil
}

// rank applies the rule to the units where a person works:
//   - 包村: staff of a school in the village's township (its central school
//     first of all), or of the county bureau;
//   - 包户: staff of a school in the household's township, of a school where
//     one of its students is enrolled, or of the county bureau;
//   - 包人: staff of the school where the student is enrolled; for a student
//     studying outside sanbao's schools (县外 / 省外), staff of a school in the
//     township of the student's village, as named by its central school.
//
// It returns how well the person fits, or why they may not be responsible.
func (f *facts) rank(orgs []*gen.Org) (int, error) {
	township := divcode.Subtree(f.village, divcode.Township)
	best := -1
	fits := func(r int) {
		if best < 0 || r < best {
			best = r
		}
	}
	for _, o := range orgs {
		inTownship := o.Kind == org.KindSchool && township.Contains(o.DivisionCode)
		switch f.kind {
		case assignment.KindVillage, assignment.KindHousehold:
			switch {
			case inTownship && o.IsCentral:
				fits(rankFirst)
			case inTownship || f.kind == assignment.KindHousehold && slices.Contains(f.schools, o.ID):
				fits(rankSchool)
			case o.Kind == org.KindCountyBureau && divcode.Subtree(o.DivisionCode, divcode.County).Contains(f.village):
				fits(rankBureau)
			}
		case assignment.KindStudent:
			switch {
			case f.school != nil && o.ID == f.school.ID:
				fits(rankFirst)
			case f.school == nil && inTownship:
				fits(rankSchool)
			}
		}
	}
	if best >= 0 {
		return best, nil
	}
	switch {
	case f.kind == assignment.KindVillage:
		return 0, fielderr.New("personID", "包村责任人应为该村所在乡镇的中心校或学校人员，或县教育局人员")
	case f.kind == assignment.KindHousehold:
		return 0, fielderr.New("personID", "包户责任人应为该户所在乡镇学校、该户学生就读学校或县教育局人员")
	case f.school != nil:
		return 0, fielderr.New("personID", "帮扶联系人应为该生就读学校（%s）的教职工", f.school.Name)
	}
	return 0, fielderr.New("personID", "该生在县外就读，帮扶联系人应为户籍所在乡镇中心校安排的本乡镇学校教职工")
}

// errNoPosition is the reason for someone who works nowhere (any more).
func errNoPosition() error {
	return fielderr.New("personID", "未找到该人员的任职，或该人员已停用")
}

// unitsOf lists, for each active person of ids, the units where they work.
func unitsOf(ctx context.Context, c *gen.Client, ids []int) (map[int][]*gen.Org, error) {
	ctx = authz.System(ctx)
	active, err := c.Person.Query().Where(person.IDIn(ids...), person.Active(true)).IDs(ctx)
	if err != nil {
		return nil, err
	}
	ps, err := c.Position.Query().Where(position.PersonIDIn(active...), authz.ActivePosition()).WithOrg().All(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int][]*gen.Org, len(active))
	for _, p := range ps {
		out[p.PersonID] = append(out[p.PersonID], p.Edges.Org)
	}
	return out, nil
}

// CheckEligible enforces who may be responsible for t (see facts.rank).
func CheckEligible(ctx context.Context, c *gen.Client, t Target, personID int) error {
	units, err := unitsOf(ctx, c, []int{personID})
	if err != nil {
		return err
	}
	if len(units[personID]) == 0 {
		return errNoPosition()
	}
	f, err := loadFacts(ctx, c, t)
	if err != nil {
		return err
	}
	_, err = f.rank(units[personID])
	return err
}

// EligibleAt applies the rule to someone working at the units orgs: a
// planned move (调动) is checked before it is made.
func EligibleAt(ctx context.Context, c *gen.Client, t Target, orgs []*gen.Org) error {
	f, err := loadFacts(ctx, c, t)
	if err != nil {
		return err
	}
	_, err = f.rank(orgs)
	return err
}
