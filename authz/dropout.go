package authz

import (
	"context"
	"slices"

	"entgo.io/ent/dialect/sql"

	"sanbao/ent"
	"sanbao/ent/absencereport"
	"sanbao/ent/absencestep"
	"sanbao/ent/caseaction"
	"sanbao/ent/checkrun"
	"sanbao/ent/divisioncontact"
	"sanbao/ent/dropoutcase"
	"sanbao/ent/predicate"
	"sanbao/ent/student"
)

// Dropout cases, their actions, absence reports and their steps carry the
// child's village, school and ID, copied when created: their scope is the
// student scope evaluated on those columns, so a case of a child studying
// nowhere is seen by the central school of the child's township.

// childRows limits rows with (village_code, school_id, student_id) to sc;
// own, when the scope includes what the viewer answers for, adds the rows
// they work in person (reported, responsible for).
func childRows(v *Viewer, sc *Scope, own func(*sql.Selector)) func(*sql.Selector) {
	return func(s *sql.Selector) {
		if sc.All {
			return
		}
		var fs []func(*sql.Selector)
		if len(sc.VillageRanges) > 0 {
			fs = append(fs, inRanges("village_code", sc.VillageRanges))
		}
		if len(sc.SchoolIDs) > 0 {
			ids := make([]any, len(sc.SchoolIDs))
			for i, id := range sc.SchoolIDs {
				ids[i] = id
			}
			fs = append(fs, func(s *sql.Selector) { s.Where(sql.In(s.C("school_id"), ids...)) })
		}
		if len(sc.SchoolRanges) > 0 {
			fs = append(fs, inSelect("school_id", orgIDsIn(sc.SchoolRanges)))
		}
		// A head teacher's classes and what the viewer is responsible for:
		// few students, selected once.
		var few []predicate.Student
		for _, c := range sc.Classes {
			few = append(few, student.And(student.SchoolID(c.SchoolID), student.Grade(c.Grade), student.ClassName(c.ClassName)))
		}
		if sc.Assigned && v.PersonID != 0 {
			few = append(few, assignedStudents(v)...)
		}
		if len(few) > 0 {
			t := sql.Table(student.Table)
			sub := sql.Select(t.C(student.FieldID)).From(t)
			student.Or(few...)(sub)
			fs = append(fs, inSelect("student_id", sub))
		}
		if own != nil && sc.Assigned && v.PersonID != 0 {
			fs = append(fs, own)
		}
		if len(fs) == 0 {
			s.Where(sql.False())
			return
		}
		ps := make([]*sql.Predicate, 0, len(fs))
		for _, f := range fs {
			s1 := s.Clone().SetP(nil)
			f(s1)
			ps = append(ps, s1.P())
		}
		s.Where(sql.Or(ps...))
	}
}

// casesOf selects the IDs of the cases personID is responsible for.
func casesOf(personID int) *sql.Selector {
	t := sql.Table(dropoutcase.Table)
	return sql.Select(t.C(dropoutcase.FieldID)).From(t).Where(sql.EQ(t.C(dropoutcase.FieldResponsibleID), personID))
}

// reportsBy selects the IDs of the absence reports personID made.
func reportsBy(personID int) *sql.Selector {
	t := sql.Table(absencereport.Table)
	return sql.Select(t.C(absencereport.FieldID)).From(t).Where(sql.EQ(t.C(absencereport.FieldReportedByID), personID))
}

// workedStudents are the students whose absence the viewer reported or
// whose case they are responsible for: they read the child they work on
// (the child's contact person is already among assignedStudents).
func workedStudents(v *Viewer) []predicate.Student {
	rt, ct := sql.Table(absencereport.Table), sql.Table(dropoutcase.Table)
	return []predicate.Student{
		predicate.Student(inSelect(student.FieldID, sql.Select(rt.C(absencereport.FieldStudentID)).From(rt).
			Where(sql.EQ(rt.C(absencereport.FieldReportedByID), v.PersonID)))),
		predicate.Student(inSelect(student.FieldID, sql.Select(ct.C(dropoutcase.FieldStudentID)).From(ct).
			Where(sql.EQ(ct.C(dropoutcase.FieldResponsibleID), v.PersonID)))),
	}
}

// DropoutCasePredicate limits dropout cases to sc, and to those the viewer is
// responsible for.
func DropoutCasePredicate(v *Viewer, sc *Scope) predicate.DropoutCase {
	return predicate.DropoutCase(childRows(v, sc, func(s *sql.Selector) {
		s.Where(sql.EQ(s.C(dropoutcase.FieldResponsibleID), v.PersonID))
	}))
}

// CaseActionPredicate shows a case's actions with the case.
func CaseActionPredicate(v *Viewer, sc *Scope) predicate.CaseAction {
	return predicate.CaseAction(childRows(v, sc, inSelect(caseaction.FieldCaseID, casesOf(v.PersonID))))
}

// AbsenceReportPredicate limits absence reports to sc, and to one's own.
func AbsenceReportPredicate(v *Viewer, sc *Scope) predicate.AbsenceReport {
	return predicate.AbsenceReport(childRows(v, sc, func(s *sql.Selector) {
		s.Where(sql.EQ(s.C(absencereport.FieldReportedByID), v.PersonID))
	}))
}

// AbsenceStepPredicate shows a report's steps with the report.
func AbsenceStepPredicate(v *Viewer, sc *Scope) predicate.AbsenceStep {
	return predicate.AbsenceStep(childRows(v, sc, inSelect(absencestep.FieldReportID, reportsBy(v.PersonID))))
}

// CheckRunPredicate limits check runs to those over divisions inside sc's
// villages: a county's runs are seen by who sees the county's children.
func CheckRunPredicate(v *Viewer, sc *Scope) predicate.CheckRun {
	if sc.All {
		return func(*sql.Selector) {}
	}
	return predicate.CheckRun(inRanges(checkrun.FieldDivisionCode, nonEmpty(sc.VillageRanges)))
}

// MayWorkStudent reports whether the viewer may do act on obj (ObjDropout or
// ObjAbsence) for student id: the student inside that scope.
func MayWorkStudent(ctx context.Context, c *ent.Client, obj, act string, id int) error {
	v := FromContext(ctx)
	if v == nil {
		return ErrDenied
	}
	sc := v.Scope(obj, act)
	if sc == nil {
		return ErrDenied
	}
	ok, err := c.Student.Query().Where(student.ID(id), StudentPredicate(v, sc)).Exist(System(ctx))
	if err != nil {
		return err
	}
	if !ok {
		return ErrDenied
	}
	return nil
}

// MayWorkCase reports whether the viewer may work the case (record actions,
// print its notice): the case inside their dropout write scope.
func MayWorkCase(ctx context.Context, c *ent.Client, caseID int) error {
	v := FromContext(ctx)
	if v == nil {
		return ErrDenied
	}
	sc := v.Scope(ObjDropout, ActWrite)
	if sc == nil {
		return ErrDenied
	}
	ok, err := c.DropoutCase.Query().Where(dropoutcase.ID(caseID), DropoutCasePredicate(v, sc)).Exist(System(ctx))
	if err != nil {
		return err
	}
	if !ok {
		return ErrDenied
	}
	return nil
}

// MayCheck reports whether the viewer may run the checks over the division
// code: its whole subtree inside their check scope.
func MayCheck(ctx context.Context, code string) bool {
	v := FromContext(ctx)
	return v != nil && v.Scope(ObjDropout, ActCheck).HasDivision(code)
}

var closeFields = []string{dropoutcase.FieldStatus, dropoutcase.FieldClosedAt, dropoutcase.FieldCloseReason,
	dropoutcase.FieldCloseNote, dropoutcase.FieldClosedByID}

// checkDropoutCase: a case is opened and worked (confirmed, its responsible
// person changed) within the write scope; closed only within the close scope
// and by the closer in person. Cases are never deleted.
func (v *Viewer) checkDropoutCase(ctx context.Context, m *ent.DropoutCaseMutation) error {
	if v.PersonID == 0 {
		return ErrDenied
	}
	switch {
	case m.Op().Is(ent.OpCreate):
		if by, _ := m.OpenedByID(); by != v.PersonID {
			return ErrDenied
		}
		sid, _ := m.StudentID()
		return MayWorkStudent(ctx, m.Client(), ObjDropout, ActWrite, sid)
	case m.Op().Is(ent.OpUpdate | ent.OpUpdateOne):
		closing := slices.ContainsFunc(append(m.Fields(), m.ClearedFields()...), func(f string) bool {
			return slices.Contains(closeFields, f)
		})
		act := ActWrite
		if closing {
			act = ActClose
			if by, ok := m.ClosedByID(); ok && by != v.PersonID {
				return ErrDenied
			}
		}
		sc := v.Scope(ObjDropout, act)
		if sc == nil {
			return ErrDenied
		}
		m.Where(DropoutCasePredicate(v, sc))
		return nil
	}
	return ErrDenied
}

// checkCaseAction: the viewer records an action in their own name on a case
// they may work. Actions are records: never changed or deleted.
func (v *Viewer) checkCaseAction(ctx context.Context, m *ent.CaseActionMutation) error {
	sc := v.Scope(ObjDropout, ActWrite)
	if sc == nil || v.PersonID == 0 || !m.Op().Is(ent.OpCreate) {
		return ErrDenied
	}
	if by, _ := m.RecordedByID(); by != v.PersonID {
		return ErrDenied
	}
	cid, _ := m.CaseID()
	ok, err := m.Client().DropoutCase.Query().Where(dropoutcase.ID(cid), DropoutCasePredicate(v, sc)).Exist(System(ctx))
	if err != nil {
		return err
	}
	if !ok {
		return ErrDenied
	}
	return nil
}

// checkAbsenceReport: reported in one's own name for a student in the write
// scope; updated (the return) within it.
func (v *Viewer) checkAbsenceReport(ctx context.Context, m *ent.AbsenceReportMutation) error {
	sc := v.Scope(ObjAbsence, ActWrite)
	if sc == nil || v.PersonID == 0 {
		return ErrDenied
	}
	switch {
	case m.Op().Is(ent.OpCreate):
		if by, _ := m.ReportedByID(); by != v.PersonID {
			return ErrDenied
		}
		sid, _ := m.StudentID()
		return MayWorkStudent(ctx, m.Client(), ObjAbsence, ActWrite, sid)
	case m.Op().Is(ent.OpUpdate | ent.OpUpdateOne):
		m.Where(absencereport.And(AbsenceReportPredicate(v, sc)))
		return nil
	}
	return ErrDenied
}

// checkAbsenceStep: steps are created with their report (by the system);
// a step is recorded done, in one's own name, within the write scope.
func (v *Viewer) checkAbsenceStep(m *ent.AbsenceStepMutation) error {
	sc := v.Scope(ObjAbsence, ActWrite)
	if sc == nil || v.PersonID == 0 || !m.Op().Is(ent.OpUpdate|ent.OpUpdateOne) {
		return ErrDenied
	}
	if by, ok := m.DoneByID(); ok && by != v.PersonID {
		return ErrDenied
	}
	m.Where(absencestep.And(AbsenceStepPredicate(v, sc)))
	return nil
}

// DivisionContactPredicate limits division heads to divisions inside sc.
func DivisionContactPredicate(v *Viewer, sc *Scope) predicate.DivisionContact {
	if sc.All {
		return func(*sql.Selector) {}
	}
	return predicate.DivisionContact(inRanges(divisioncontact.FieldDivisionCode, nonEmpty(sc.VillageRanges)))
}

// checkDivisionContact: a county admin names, changes and clears the heads
// of divisions in their county, in their own name.
func (v *Viewer) checkDivisionContact(m *ent.DivisionContactMutation) error {
	sc := v.Scope(ObjHeads, ActWrite)
	if sc == nil || v.PersonID == 0 {
		return ErrDenied
	}
	if m.Op().Is(ent.OpCreate) {
		if code, _ := m.DivisionCode(); !sc.HasVillage(code) {
			return ErrDenied
		}
	} else {
		m.Where(DivisionContactPredicate(v, sc))
	}
	if by, ok := m.UpdatedByID(); ok && by != v.PersonID {
		return ErrDenied
	}
	return nil
}
