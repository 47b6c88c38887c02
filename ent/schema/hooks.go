package schema

import (
	"context"
	"time"

	"entgo.io/ent"

	"sanbao/authz"
	"sanbao/contactlog"
	"sanbao/coverage"
	gen "sanbao/ent"
	"sanbao/ent/division"
	"sanbao/ent/hook"
	"sanbao/ent/household"
	"sanbao/ent/student"
	"sanbao/fielderr"
	"sanbao/guarantee"
	"sanbao/idcard"
	"sanbao/stage"
)

// Derived columns are set here, for every writer (API, import, seed), after the
// privacy policy has allowed the write. Lookups run as the system: the policy
// already decided whether this write may happen.

const writeOps = ent.OpCreate | ent.OpUpdate | ent.OpUpdateOne

// placeHousehold copies the village's code onto the household and, when the
// village changes, onto its students.
func placeHousehold(next ent.Mutator) ent.Mutator {
	return hook.HouseholdFunc(func(ctx context.Context, m *gen.HouseholdMutation) (ent.Value, error) {
		id, ok := m.VillageID()
		if !ok {
			return next.Mutate(ctx, m)
		}
		code, err := authz.VillageCode(ctx, m.Client(), id)
		if err != nil {
			return nil, err
		}
		m.SetVillageCode(code)
		var ids []int
		if !m.Op().Is(ent.OpCreate) {
			if ids, err = m.IDs(ctx); err != nil {
				return nil, err
			}
		}
		v, err := next.Mutate(ctx, m)
		if err != nil || len(ids) == 0 {
			return v, err
		}
		err = m.Client().Student.Update().Where(student.HouseholdIDIn(ids...)).
			SetVillageCode(code).Exec(authz.System(ctx))
		return v, err
	})
}

// placeOrg copies the division's code onto the unit.
func placeOrg(next ent.Mutator) ent.Mutator {
	return hook.OrgFunc(func(ctx context.Context, m *gen.OrgMutation) (ent.Value, error) {
		if id, ok := m.DivisionID(); ok {
			d, err := m.Client().Division.Query().Where(division.ID(id)).Only(authz.System(ctx))
			if err != nil {
				return nil, fielderr.New("divisionID", "未找到该区划")
			}
			m.SetDivisionCode(d.Code)
		}
		return next.Mutate(ctx, m)
	})
}

// deriveStudent validates the ID number and derives gender and birth date from
// it, places the student in the household's village, and keeps the school of
// enrollment either in sanbao or outside, never both.
func deriveStudent(next ent.Mutator) ent.Mutator {
	return hook.StudentFunc(func(ctx context.Context, m *gen.StudentMutation) (ent.Value, error) {
		if n, ok := m.IDNumber(); ok {
			info, err := idcard.Parse(n, time.Now())
			if err != nil {
				return nil, fielderr.New("idNumber", "%s", err)
			}
			m.SetIDNumber(info.Number)
			m.SetGender(student.Gender(info.Gender))
			m.SetBirthDate(info.Birth)
		}
		if hid, ok := m.HouseholdID(); ok {
			h, err := m.Client().Household.Query().Where(household.ID(hid)).
				Select(household.FieldVillageCode).Only(authz.System(ctx))
			if err != nil {
				return nil, fielderr.New("householdID", "未找到该户")
			}
			m.SetVillageCode(h.VillageCode)
		}
		_, school := m.SchoolID()
		outside, _ := m.OutsideSchoolName()
		switch {
		case school && outside != "":
			return nil, fielderr.New("outsideSchoolName", "学籍学校已在系统中时不填县外学校")
		case school:
			m.ClearOutsideSchoolName()
			m.ClearOutsideDivision()
		case outside != "":
			m.ClearSchool()
		}
		return next.Mutate(ctx, m)
	})
}

// checkStageAge refuses a birth date (from the ID number) implausible for the
// student's stage, whenever either changes, for every writer.
func checkStageAge(next ent.Mutator) ent.Mutator {
	return hook.StudentFunc(func(ctx context.Context, m *gen.StudentMutation) (ent.Value, error) {
		st, setStage := m.Stage()
		birth, setBirth := m.BirthDate()
		status, _ := m.EnrollmentStatus()
		if !setStage && !setBirth {
			return next.Mutate(ctx, m)
		}
		// Blame what was typed: the ID number when it changed, else the stage.
		field := "stage"
		if setBirth {
			field = "idNumber"
		}
		today := time.Now().In(contactlog.China)
		check := func(st student.Stage, status student.EnrollmentStatus, birth time.Time) error {
			if err := stage.CheckAge(st, status, birth, today); err != nil {
				return fielderr.New(field, "%s", err)
			}
			return nil
		}
		if m.Op().Is(ent.OpCreate) {
			if setStage && setBirth {
				if err := check(st, status, birth); err != nil {
					return nil, err
				}
			}
			return next.Mutate(ctx, m)
		}
		// An update: each row keeps what the mutation does not change.
		ids, err := m.IDs(ctx)
		if err != nil {
			return nil, err
		}
		rows, err := m.Client().Student.Query().Where(student.IDIn(ids...)).
			Select(student.FieldStage, student.FieldBirthDate, student.FieldEnrollmentStatus).All(authz.System(ctx))
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			rs, b, es := r.Stage, r.BirthDate, r.EnrollmentStatus
			if setStage {
				rs = st
			}
			if setBirth {
				b = birth
			}
			if s, ok := m.EnrollmentStatus(); ok {
				es = s
			}
			if err := check(rs, es, b); err != nil {
				return nil, err
			}
		}
		return next.Mutate(ctx, m)
	})
}

func (Household) Hooks() []ent.Hook {
	return []ent.Hook{hook.On(placeHousehold, writeOps), hook.On(guarantee.EndOnLeavingList, ent.OpUpdate|ent.OpUpdateOne),
		hook.On(coverage.MaintainHouseholds, writeOps)}
}

func (Org) Hooks() []ent.Hook {
	return []ent.Hook{hook.On(placeOrg, writeOps)}
}

func (Student) Hooks() []ent.Hook {
	return []ent.Hook{hook.On(deriveStudent, writeOps), hook.On(checkStageAge, writeOps), hook.On(guarantee.EndOnGraduation, ent.OpUpdate|ent.OpUpdateOne),
		hook.On(coverage.MaintainStudents, writeOps)}
}

func (Assignment) Hooks() []ent.Hook { return guarantee.AssignmentHooks() }

func (Contact) Hooks() []ent.Hook { return contactlog.Hooks() }
