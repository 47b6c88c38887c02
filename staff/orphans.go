package staff

import (
	"entgo.io/ent/dialect/sql"

	"sanbao/authz"
	"sanbao/coverage"
	"sanbao/divcode"
	"sanbao/ent/assignment"
	"sanbao/ent/division"
	"sanbao/ent/household"
	"sanbao/ent/person"
	"sanbao/ent/predicate"
	"sanbao/ent/student"
)

// Orphaned matches the assignments nobody carries out (无人负责) because of a
// staff change: open ones whose person has left or holds no position in force
// (however that came about), and those ended for 调动 or 离职 whose village,
// household or student has had no one since and still needs someone (a
// registered household, a student needing a contact person). Reassigning the target (in bulk
// from the coverage screen) takes it off the list.
func Orphaned() predicate.Assignment {
	return assignment.Or(
		assignment.And(assignment.EndsAtIsNil(), assignment.HasPersonWith(person.Or(
			person.Active(false),
			person.Not(person.HasPositionsWith(authz.ActivePosition())),
		))),
		assignment.And(assignment.EndReasonIn(ReasonMoved, ReasonLeft), latestForTarget, assignment.Or(
			assignment.KindEQ(assignment.KindVillage),
			assignment.HasHouseholdWith(coverage.Registered()),
			assignment.HasStudentWith(coverage.NeedsContact()),
		)),
	)
}

// latestForTarget: no later assignment of the same village, household or
// student exists.
func latestForTarget(s *sql.Selector) {
	t := sql.Table(assignment.Table).As("later")
	same := func(col string) *sql.Predicate {
		return sql.ColumnsEQ(t.C(col), s.C(col))
	}
	s.Where(sql.Not(sql.Exists(sql.Select(t.C(assignment.FieldID)).From(t).Where(sql.And(
		sql.ColumnsGT(t.C(assignment.FieldID), s.C(assignment.FieldID)),
		sql.Or(same(assignment.FieldVillageID), same(assignment.FieldHouseholdID), same(assignment.FieldStudentID)),
	)))))
}

// InDivision keeps assignments whose village, household or student is
// registered under the division range r.
func InDivision(r divcode.Range) predicate.Assignment {
	return assignment.Or(
		assignment.HasVillageWith(division.CodeGTE(r.Lo), division.CodeLTE(r.Hi)),
		assignment.HasHouseholdWith(household.VillageCodeGTE(r.Lo), household.VillageCodeLTE(r.Hi)),
		assignment.HasStudentWith(student.VillageCodeGTE(r.Lo), student.VillageCodeLTE(r.Hi)),
	)
}

// AtSchool keeps the 包人 of a school's students and the 包户 of households
// with a student there.
func AtSchool(schoolID int) predicate.Assignment {
	return assignment.Or(
		assignment.HasStudentWith(student.SchoolID(schoolID)),
		assignment.HasHouseholdWith(household.HasStudentsWith(student.SchoolID(schoolID))),
	)
}
