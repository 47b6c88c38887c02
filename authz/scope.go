package authz

import (
	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"sanbao/divcode"
	"sanbao/ent/agreement"
	"sanbao/ent/apitoken"
	"sanbao/ent/assignment"
	"sanbao/ent/auditlog"
	"sanbao/ent/contact"
	"sanbao/ent/division"
	"sanbao/ent/household"
	"sanbao/ent/importcellerror"
	"sanbao/ent/importjob"
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

// inSelect is col IN (sub), for a sub-select that returns few rows (a
// county's schools, what one person guarantees). On PostgreSQL it is written
// col = ANY(ARRAY(sub)): the sub-select runs once, before the scan, and the
// condition is an index condition, so the ORed parts of a scope become one
// BitmapOr of index scans. (A correlated EXISTS or IN (sub) inside an OR is a
// filter evaluated row by row: PostgreSQL then reads the whole table, ~1 s for
// a million students.) SQLite plans IN (sub) through the index as it is.
func inSelect(col string, sub *sql.Selector) func(*sql.Selector) {
	return func(s *sql.Selector) {
		c := s.C(col)
		s.Where(sql.P(func(b *sql.Builder) {
			b.Ident(c)
			if b.Dialect() == dialect.Postgres {
				b.WriteString(" = ANY(ARRAY")
				b.Wrap(func(b *sql.Builder) { b.Join(sub) })
				b.WriteByte(')')
				return
			}
			b.WriteOp(sql.OpIn)
			b.Wrap(func(b *sql.Builder) { b.Join(sub) })
		}))
	}
}

// orgIDsIn selects the IDs of the units located in rs.
func orgIDsIn(rs []divcode.Range) *sql.Selector {
	t := sql.Table(org.Table)
	sub := sql.Select(t.C(org.FieldID)).From(t)
	inRanges(org.FieldDivisionCode, rs)(sub)
	return sub
}

// studentBySchool is the school-ledger part of a student scope, with the
// classes of a head teacher.
func studentBySchool(sc *Scope) []predicate.Student {
	var ps []predicate.Student
	if len(sc.SchoolIDs) > 0 {
		ps = append(ps, student.SchoolIDIn(sc.SchoolIDs...))
	}
	if len(sc.SchoolRanges) > 0 {
		ps = append(ps, predicate.Student(inSelect(student.FieldSchoolID, orgIDsIn(sc.SchoolRanges))))
	}
	for _, c := range sc.Classes {
		ps = append(ps, student.And(student.SchoolID(c.SchoolID), student.Grade(c.Grade), student.ClassName(c.ClassName)))
	}
	return ps
}

// guaranteedVillages are the codes of the villages v guarantees (包村).
func guaranteedVillages(v *Viewer) *sql.Selector {
	t := sql.Table(division.Table)
	return sql.Select(t.C(division.FieldCode)).From(t).Where(sql.EQ(t.C(division.FieldGuarantorID), v.PersonID))
}

// guaranteedHouseholds are the IDs of the households v guarantees (包户).
func guaranteedHouseholds(v *Viewer) *sql.Selector {
	t := sql.Table(household.Table)
	return sql.Select(t.C(household.FieldID)).From(t).Where(sql.EQ(t.C(household.FieldGuarantorID), v.PersonID))
}

// householdsOf selects the households of the students matching ps.
func householdsOf(ps ...predicate.Student) *sql.Selector {
	t := sql.Table(student.Table)
	sub := sql.Select(t.C(student.FieldHouseholdID)).From(t)
	for _, p := range ps {
		p(sub)
	}
	return sub
}

// assignedStudents is what the viewer is responsible for: students they
// contact (包人), the students of households they guarantee (包户), and the
// students of villages they guarantee (包村).
func assignedStudents(v *Viewer) []predicate.Student {
	return []predicate.Student{
		student.ContactPersonID(v.PersonID),
		predicate.Student(inSelect(student.FieldHouseholdID, guaranteedHouseholds(v))),
		predicate.Student(inSelect(student.FieldVillageCode, guaranteedVillages(v))),
	}
}

// assignedHouseholds mirrors assignedStudents: households guaranteed, the
// households of students contacted, and the households of villages guaranteed.
func assignedHouseholds(v *Viewer) []predicate.Household {
	return append(ResponsibleFor(v.PersonID),
		predicate.Household(inSelect(household.FieldVillageCode, guaranteedVillages(v))))
}

// ResponsibleFor are the households a person answers for in person: those
// they guarantee (包户) and those of the students they contact (包人), as
// predicates to OR. The teacher's "my families" list is exactly these.
func ResponsibleFor(personID int) []predicate.Household {
	return []predicate.Household{
		household.GuarantorID(personID),
		predicate.Household(inSelect(household.FieldID, householdsOf(student.ContactPersonID(personID)))),
	}
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
	if sc.Assigned {
		ps = append(ps, assignedStudents(v)...)
		ps = append(ps, workedStudents(v)...)
	}
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
		if len(sc.SchoolRanges) > 0 {
			// The students of every school in an area can be a million: keep
			// a semi-join, which PostgreSQL evaluates only for the rows that
			// the village ranges do not already admit.
			ps = append(ps, household.HasStudentsWith(student.Or(bySchool...)))
		} else {
			// A school's or a class's students are few: index-friendly.
			ps = append(ps, predicate.Household(inSelect(household.FieldID, householdsOf(student.Or(bySchool...)))))
		}
	}
	if sc.Assigned {
		ps = append(ps, assignedHouseholds(v)...)
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

// AssignmentPredicate limits assignments to one's own and to those whose
// village, household or student lies in sc.
func AssignmentPredicate(v *Viewer, sc *Scope) predicate.Assignment {
	if sc.All {
		return func(*sql.Selector) {}
	}
	var ps []predicate.Assignment
	if sc.Self {
		ps = append(ps, assignment.PersonID(v.PersonID))
	}
	if len(sc.VillageRanges) > 0 {
		ps = append(ps, assignment.HasVillageWith(predicate.Division(inRanges(division.FieldCode, sc.VillageRanges))))
	}
	if len(sc.VillageRanges) > 0 || len(sc.SchoolIDs) > 0 || len(sc.SchoolRanges) > 0 || len(sc.Classes) > 0 || sc.Assigned {
		ps = append(ps,
			assignment.HasHouseholdWith(HouseholdPredicate(v, sc)),
			assignment.HasStudentWith(StudentPredicate(v, sc)))
	}
	if len(ps) == 0 {
		return assignment.IDIn()
	}
	return assignment.Or(ps...)
}

// ContactPredicate limits contacts to those about households in sc, and to
// one's own.
func ContactPredicate(v *Viewer, sc *Scope) predicate.Contact {
	if sc.All {
		return func(*sql.Selector) {}
	}
	ps := []predicate.Contact{contact.HasHouseholdWith(HouseholdPredicate(v, sc))}
	if v.PersonID != 0 {
		ps = append(ps, contact.PersonID(v.PersonID))
	}
	return contact.Or(ps...)
}

// AgreementPredicate limits agreements to one's own (to sign or issued), those
// issued by units in sc, and those a school of sc is party to.
func AgreementPredicate(v *Viewer, sc *Scope) predicate.Agreement {
	if sc.All {
		return func(*sql.Selector) {}
	}
	var ps []predicate.Agreement
	if sc.Self {
		ps = append(ps, agreement.PartyPersonID(v.PersonID), agreement.IssuedByID(v.PersonID))
	}
	if len(sc.VillageRanges) > 0 {
		ps = append(ps, predicate.Agreement(inRanges(agreement.FieldIssuerCode, sc.VillageRanges)))
	}
	if len(sc.SchoolIDs) > 0 {
		ps = append(ps, agreement.IssuerOrgIDIn(sc.SchoolIDs...), agreement.PartyOrgIDIn(sc.SchoolIDs...))
	}
	if len(ps) == 0 {
		return agreement.IDIn()
	}
	return agreement.Or(ps...)
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

// ImportJobPredicate limits import jobs to one's own and to those started at
// units in sc (a bureau's area, a school).
func ImportJobPredicate(v *Viewer, sc *Scope) predicate.ImportJob {
	if sc.All {
		return func(*sql.Selector) {}
	}
	var ps []predicate.ImportJob
	if sc.Self && v.PersonID != 0 {
		ps = append(ps, importjob.CreatedByID(v.PersonID))
	}
	if len(sc.VillageRanges) > 0 {
		ps = append(ps, predicate.ImportJob(inRanges(importjob.FieldDivisionCode, sc.VillageRanges)))
	}
	if len(sc.SchoolIDs) > 0 {
		ps = append(ps, importjob.OrgIDIn(sc.SchoolIDs...))
	}
	if len(ps) == 0 {
		return importjob.IDIn()
	}
	return importjob.Or(ps...)
}

// ImportCellErrorPredicate shows a job's wrong cells with the job.
func ImportCellErrorPredicate(v *Viewer, sc *Scope) predicate.ImportCellError {
	return importcellerror.HasJobWith(ImportJobPredicate(v, sc))
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
