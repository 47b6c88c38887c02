package authz

import (
	"entgo.io/ent/dialect/sql"

	"sanbao/divcode"
	"sanbao/ent/apitoken"
	"sanbao/ent/auditlog"
	"sanbao/ent/household"
	"sanbao/ent/org"
	"sanbao/ent/person"
	"sanbao/ent/position"
	"sanbao/ent/predicate"
	"sanbao/ent/student"
)

// The predicates below are the whole of row-level scope. Each is a range on
// an indexed code column, an IN on an indexed foreign key, or a semi-join
// through one, so they stay index-friendly at province scale.

// inRanges is col ∈ any of rs, as ORed BETWEENs.
func inRanges(col string, rs []divcode.Range) func(*sql.Selector) {
	return func(s *sql.Selector) {
		ps := make([]*sql.Predicate, 0, len(rs))
		for _, r := range rs {
			if r.Lo == r.Hi {
				ps = append(ps, sql.EQ(s.C(col), r.Lo))
			} else {
				ps = append(ps, sql.And(sql.GTE(s.C(col), r.Lo), sql.LTE(s.C(col), r.Hi)))
			}
		}
		s.Where(sql.Or(ps...))
	}
}

func orgsIn(rs []divcode.Range) predicate.Org {
	return predicate.Org(inRanges(org.FieldDivisionCode, rs))
}

// studentBySchool is the school-ledger part of a student scope.
func studentBySchool(sc *Scope) []predicate.Student {
	var ps []predicate.Student
	if len(sc.SchoolIDs) > 0 {
		ps = append(ps, student.SchoolIDIn(sc.SchoolIDs...))
	}
	if len(sc.SchoolRanges) > 0 {
		ps = append(ps, student.HasSchoolWith(orgsIn(sc.SchoolRanges)))
	}
	return ps
}

// StudentPredicate limits students to sc.
func StudentPredicate(v *Viewer, sc *Scope) predicate.Student {
	if sc.All {
		return func(*sql.Selector) {}
	}
	var ps []predicate.Student
	if len(sc.VillageRanges) > 0 {
		ps = append(ps, predicate.Student(inRanges(student.FieldVillageCode, sc.VillageRanges)))
	}
	ps = append(ps, studentBySchool(sc)...)
	if len(ps) == 0 {
		return student.IDIn()
	}
	return student.Or(ps...)
}

// HouseholdPredicate limits households to sc: registered in its villages, or
// with a student enrolled in its schools (a visible student's household is
// always visible).
func HouseholdPredicate(v *Viewer, sc *Scope) predicate.Household {
	if sc.All {
		return func(*sql.Selector) {}
	}
	var ps []predicate.Household
	if len(sc.VillageRanges) > 0 {
		ps = append(ps, predicate.Household(inRanges(household.FieldVillageCode, sc.VillageRanges)))
	}
	if bySchool := studentBySchool(sc); len(bySchool) > 0 {
		ps = append(ps, household.HasStudentsWith(student.Or(bySchool...)))
	}
	if len(ps) == 0 {
		return household.IDIn()
	}
	return household.Or(ps...)
}

// orgRanges are all the ranges of units whose staff sc reaches.
func orgRanges(sc *Scope) []divcode.Range {
	return divcode.Merge(append(append([]divcode.Range{}, sc.VillageRanges...), sc.SchoolRanges...))
}

// PositionPredicate limits positions to those at units in sc, and one's own.
func PositionPredicate(v *Viewer, sc *Scope) predicate.Position {
	if sc.All {
		return func(*sql.Selector) {}
	}
	var ps []predicate.Position
	if sc.Self {
		ps = append(ps, position.PersonID(v.PersonID))
	}
	if len(sc.SchoolIDs) > 0 {
		ps = append(ps, position.OrgIDIn(sc.SchoolIDs...))
	}
	if rs := orgRanges(sc); len(rs) > 0 {
		ps = append(ps, position.HasOrgWith(orgsIn(rs)))
	}
	if len(ps) == 0 {
		return position.IDIn()
	}
	return position.Or(ps...)
}

// PersonPredicate limits people to those holding a position in sc, and oneself.
func PersonPredicate(v *Viewer, sc *Scope) predicate.Person {
	if sc.All {
		return func(*sql.Selector) {}
	}
	var ps []predicate.Person
	if sc.Self {
		ps = append(ps, person.ID(v.PersonID))
	}
	var byOrg []predicate.Position
	if len(sc.SchoolIDs) > 0 {
		byOrg = append(byOrg, position.OrgIDIn(sc.SchoolIDs...))
	}
	if rs := orgRanges(sc); len(rs) > 0 {
		byOrg = append(byOrg, position.HasOrgWith(orgsIn(rs)))
	}
	if len(byOrg) > 0 {
		ps = append(ps, person.HasPositionsWith(position.Or(byOrg...)))
	}
	if len(ps) == 0 {
		return person.IDIn()
	}
	return person.Or(ps...)
}

// AuditLogPredicate limits audit rows to students of sc (as they were placed
// when read) and to one's own reads.
func AuditLogPredicate(v *Viewer, sc *Scope) predicate.AuditLog {
	if sc.All {
		return func(*sql.Selector) {}
	}
	var ps []predicate.AuditLog
	if len(sc.VillageRanges) > 0 {
		ps = append(ps, predicate.AuditLog(inRanges(auditlog.FieldVillageCode, sc.VillageRanges)))
	}
	if len(sc.SchoolIDs) > 0 {
		ps = append(ps, auditlog.SchoolIDIn(sc.SchoolIDs...))
	}
	if len(sc.SchoolRanges) > 0 {
		ps = append(ps, func(s *sql.Selector) {
			t := sql.Table(org.Table)
			sub := sql.Select(t.C(org.FieldID)).From(t)
			inRanges(org.FieldDivisionCode, sc.SchoolRanges)(sub)
			s.Where(sql.In(s.C(auditlog.FieldSchoolID), sub))
		})
	}
	if len(ps) == 0 {
		return auditlog.IDIn()
	}
	return auditlog.Or(ps...)
}

// APITokenPredicate limits tokens to those over divisions inside sc.
func APITokenPredicate(v *Viewer, sc *Scope) predicate.APIToken {
	if sc.All {
		return func(*sql.Selector) {}
	}
	if len(sc.VillageRanges) == 0 {
		return apitoken.IDIn()
	}
	return predicate.APIToken(inRanges(apitoken.FieldDivisionCode, sc.VillageRanges))
}

// Matching single values, for checking rows about to be created.

// HasVillage reports whether a household registered in code is in sc.
func (s *Scope) HasVillage(code string) bool {
	if s == nil {
		return false
	}
	if s.All {
		return true
	}
	for _, r := range s.VillageRanges {
		if r.Contains(code) {
			return true
		}
	}
	return false
}

// HasSchool reports whether a student enrolled at school (located in
// schoolCode) is in sc by the school ledger.
func (s *Scope) HasSchool(schoolID int, schoolCode string) bool {
	if s == nil {
		return false
	}
	if s.All {
		return true
	}
	for _, r := range s.SchoolRanges {
		if r.Contains(schoolCode) {
			return true
		}
	}
	for _, id := range s.SchoolIDs {
		if id == schoolID {
			return true
		}
	}
	return false
}

// HasDivision reports whether the whole subtree of code lies inside sc.
func (s *Scope) HasDivision(code string) bool {
	if s == nil {
		return false
	}
	if s.All {
		return true
	}
	r := divcode.SubtreeOf(code)
	for _, o := range s.VillageRanges {
		if r.Within(o) {
			return true
		}
	}
	return false
}
