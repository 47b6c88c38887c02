package authz

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"entgo.io/ent/dialect/sql"

	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/agreement"
	"sanbao/ent/agreementtemplate"
	"sanbao/ent/assignment"
	"sanbao/ent/division"
	"sanbao/ent/household"
	"sanbao/ent/org"
	"sanbao/ent/predicate"
	"sanbao/ent/privacy"
	"sanbao/ent/student"
	"sanbao/fielderr"
)

// ErrDenied is returned for a write outside the viewer's permissions. Reads
// outside scope are filtered, never denied, so they reveal nothing.
var ErrDenied = errors.New("无权进行此操作")

// EntPolicy is the privacy policy of every ent type (see ent/schema/scoped.go).
func EntPolicy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{privacy.QueryRuleFunc(queryRule)},
		Mutation: privacy.MutationPolicy{privacy.MutationRuleFunc(mutationRule)},
	}
}

func none(s *sql.Selector) { s.Where(sql.False()) }

// readable is the viewer's read-scope predicate for obj, or one matching
// nothing when they may not read it at all.
func readable[P ~func(*sql.Selector)](v *Viewer, obj string, pred func(*Viewer, *Scope) P) P {
	if sc := v.Scope(obj, ActRead); sc != nil {
		return pred(v, sc)
	}
	return P(none)
}

// queryRule narrows every query (lists, counts, node lookups, eager-loaded
// edges) to the viewer's read scope.
func queryRule(ctx context.Context, q ent.Query) error {
	v := FromContext(ctx)
	if v == nil {
		return privacy.Denyf("authz: no viewer")
	}
	switch q := q.(type) {
	case *ent.DivisionQuery:
		if !v.Can(ObjDivision, ActRead) {
			q.Where(none)
		}
	case *ent.OrgQuery:
		if !v.Can(ObjOrg, ActRead) {
			q.Where(none)
		}
	case *ent.AgreementTemplateQuery:
		if !v.Can(ObjTemplate, ActRead) {
			q.Where(none)
		}
	case *ent.PersonQuery:
		q.Where(readable(v, ObjPerson, PersonPredicate))
	case *ent.PositionQuery:
		q.Where(readable(v, ObjPosition, PositionPredicate))
	case *ent.HouseholdQuery:
		q.Where(readable(v, ObjHousehold, HouseholdPredicate))
	case *ent.StudentQuery:
		q.Where(readable(v, ObjStudent, StudentPredicate))
	case *ent.AuditLogQuery:
		q.Where(readable(v, ObjAuditLog, AuditLogPredicate))
	case *ent.APITokenQuery:
		q.Where(readable(v, ObjAPIToken, APITokenPredicate))
	case *ent.AssignmentQuery:
		q.Where(readable(v, ObjAssignment, AssignmentPredicate))
	case *ent.ContactQuery:
		q.Where(readable(v, ObjContact, ContactPredicate))
	case *ent.AgreementQuery:
		q.Where(readable(v, ObjAgreement, AgreementPredicate))
	case *ent.ImportJobQuery:
		q.Where(readable(v, ObjImportJob, ImportJobPredicate))
	case *ent.ImportCellErrorQuery:
		q.Where(readable(v, ObjImportJob, ImportCellErrorPredicate))
	case *ent.DropoutCaseQuery:
		q.Where(readable(v, ObjDropout, DropoutCasePredicate))
	case *ent.CaseActionQuery:
		q.Where(readable(v, ObjDropout, CaseActionPredicate))
	case *ent.CheckRunQuery:
		q.Where(readable(v, ObjDropout, CheckRunPredicate))
	case *ent.AbsenceReportQuery:
		q.Where(readable(v, ObjAbsence, AbsenceReportPredicate))
	case *ent.AbsenceStepQuery:
		q.Where(readable(v, ObjAbsence, AbsenceStepPredicate))
	case *ent.DivisionContactQuery:
		q.Where(readable(v, ObjHeads, DivisionContactPredicate))
	case *ent.DrawQuery, *ent.InspectionQuery, *ent.ProblemQuery, *ent.ProblemEventQuery, *ent.ProblemCategoryQuery:
		inspectQuery(v, q)
	case *ent.AidPolicyQuery:
		q.Where(readable(v, ObjAidPolicy, AidPolicyPredicate))
	case *ent.DeptListQuery:
		q.Where(readable(v, ObjCompare, func(_ *Viewer, sc *Scope) predicate.DeptList { return DeptListPredicate(sc) }))
	case *ent.DeptListRowQuery:
		q.Where(readable(v, ObjCompare, func(_ *Viewer, sc *Scope) predicate.DeptListRow { return DeptListRowPredicate(sc) }))
	case *ent.CompareRunQuery:
		q.Where(readable(v, ObjCompare, func(_ *Viewer, sc *Scope) predicate.CompareRun { return CompareRunPredicate(sc) }))
	case *ent.CompareResultQuery:
		q.Where(readable(v, ObjCompare, func(_ *Viewer, sc *Scope) predicate.CompareResult { return CompareResultPredicate(sc) }))
	case *ent.SessionQuery:
		q.Where(none)
	case *ent.ImportFileQuery:
		q.Where(none)
	default:
		// A new type without a rule is closed until it gets one.
		return privacy.Denyf("authz: no read rule for %T", q)
	}
	return privacy.Allow
}

// mutationRule checks every write against the viewer's write scope: updates and
// deletes are narrowed by the scope predicate (a row outside it is "not found"),
// and new or moved rows must land inside it.
func mutationRule(ctx context.Context, m ent.Mutation) error {
	v := FromContext(ctx)
	if v == nil {
		return privacy.Denyf("authz: no viewer")
	}
	var err error
	switch m := m.(type) {
	case *ent.HouseholdMutation:
		err = v.checkHousehold(ctx, m)
	case *ent.StudentMutation:
		err = v.checkStudent(ctx, m)
	case *ent.APITokenMutation:
		err = v.checkAPIToken(ctx, m)
	case *ent.AssignmentMutation:
		err = v.checkAssignment(ctx, m)
	case *ent.ContactMutation:
		err = v.checkContact(ctx, m)
	case *ent.AgreementMutation:
		err = v.checkAgreement(ctx, m)
	case *ent.AgreementTemplateMutation:
		err = v.checkTemplate(m)
	case *ent.PersonMutation:
		err = v.checkPerson(ctx, m)
	case *ent.PositionMutation:
		err = v.checkPosition(ctx, m)
	case *ent.ImportJobMutation:
		err = v.checkImportJob(m)
	case *ent.DropoutCaseMutation:
		err = v.checkDropoutCase(ctx, m)
	case *ent.CaseActionMutation:
		err = v.checkCaseAction(ctx, m)
	case *ent.AbsenceReportMutation:
		err = v.checkAbsenceReport(ctx, m)
	case *ent.AbsenceStepMutation:
		err = v.checkAbsenceStep(m)
	case *ent.DivisionContactMutation:
		err = v.checkDivisionContact(m)
	case *ent.DrawMutation, *ent.InspectionMutation, *ent.ProblemMutation, *ent.ProblemEventMutation, *ent.ProblemCategoryMutation:
		err = v.checkInspect(ctx, m)
	case *ent.AidPolicyMutation:
		err = v.checkAidPolicy(m)
	case *ent.DeptListMutation, *ent.DeptListRowMutation, *ent.CompareRunMutation, *ent.CompareResultMutation:
		err = v.checkCompare(m)
	default:
		err = ErrDenied
	}
	if err != nil {
		// Keep the reason (a field error or ErrDenied) behind privacy.Deny.
		return fmt.Errorf("%w: %w", privacy.Deny, err)
	}
	return privacy.Allow
}

func (v *Viewer) checkHousehold(ctx context.Context, m *ent.HouseholdMutation) error {
	sc := v.Scope(ObjHousehold, ActWrite)
	if sc == nil {
		return ErrDenied
	}
	if !m.Op().Is(ent.OpCreate) {
		m.Where(HouseholdPredicate(v, sc))
	}
	if id, ok := m.VillageID(); ok {
		code, err := VillageCode(ctx, m.Client(), id)
		if err != nil {
			return err
		}
		if !sc.HasVillage(code) {
			return ErrDenied
		}
	}
	return nil
}

// enrollmentFields are what a school may change of its own students.
var enrollmentFields = map[string]bool{
	student.FieldStage: true, student.FieldGrade: true, student.FieldClassName: true,
	student.FieldEnrollmentStatus: true, student.FieldBoarding: true, student.FieldUpdatedAt: true,
}

func onlyEnrollment(m *ent.StudentMutation) bool {
	if m.Op().Is(ent.OpCreate) || m.Op().Is(ent.OpDelete) || m.Op().Is(ent.OpDeleteOne) {
		return false
	}
	for _, f := range append(m.Fields(), m.ClearedFields()...) {
		if !enrollmentFields[f] {
			return false
		}
	}
	return len(m.AddedEdges()) == 0 && len(m.ClearedEdges()) == 0
}

func (v *Viewer) checkStudent(ctx context.Context, m *ent.StudentMutation) error {
	sc := v.Scope(ObjStudent, ActWrite)
	if onlyEnrollment(m) {
		if enr := v.Scope(ObjStudent, ActWriteEnrollment); enr != nil {
			p := StudentPredicate(v, enr)
			if sc != nil {
				p = student.Or(p, StudentPredicate(v, sc))
			}
			m.Where(p)
			return nil
		}
	}
	if sc == nil {
		return ErrDenied
	}
	if !m.Op().Is(ent.OpCreate) {
		m.Where(StudentPredicate(v, sc))
	}
	// A new or moved student must land inside the scope.
	hid, hasHousehold := m.HouseholdID()
	sid, hasSchool := m.SchoolID()
	if !hasHousehold && !hasSchool {
		return nil
	}
	sys := System(ctx)
	c := m.Client()
	if hasHousehold {
		h, err := c.Household.Query().Where(household.ID(hid)).Select(household.FieldVillageCode).Only(sys)
		if err != nil {
			return fielderr.New("householdID", "未找到该户")
		}
		if sc.HasVillage(h.VillageCode) {
			return nil
		}
	}
	if hasSchool {
		o, err := c.Org.Query().Where(org.ID(sid)).Select(org.FieldDivisionCode).Only(sys)
		if err != nil {
			return fielderr.New("schoolID", "未找到该学校")
		}
		if sc.HasSchool(sid, o.DivisionCode) {
			return nil
		}
	}
	return ErrDenied
}

func (v *Viewer) checkAPIToken(ctx context.Context, m *ent.APITokenMutation) error {
	sc := v.Scope(ObjAPIToken, ActWrite)
	if sc == nil || v.PersonID == 0 {
		return ErrDenied
	}
	if !m.Op().Is(ent.OpCreate) {
		m.Where(APITokenPredicate(v, sc))
		return nil
	}
	code, _ := m.DivisionCode()
	by, _ := m.CreatedByID()
	if !sc.HasDivision(code) || by != v.PersonID {
		return ErrDenied
	}
	if w, _ := m.CanWrite(); w && !v.Can(ObjHousehold, ActWrite) {
		return ErrDenied
	}
	return nil
}

func (v *Viewer) checkAssignment(ctx context.Context, m *ent.AssignmentMutation) error {
	sc := v.Scope(ObjAssignment, ActWrite)
	if sc == nil || v.PersonID == 0 {
		return ErrDenied
	}
	if !m.Op().Is(ent.OpCreate) {
		m.Where(AssignmentPredicate(v, sc))
		return nil
	}
	if by, ok := m.AssignedByID(); !ok || by != v.PersonID {
		return ErrDenied
	}
	kind, _ := m.Kind()
	var id int
	switch kind {
	case assignment.KindVillage:
		id, _ = m.VillageID()
	case assignment.KindHousehold:
		id, _ = m.HouseholdID()
	case assignment.KindStudent:
		id, _ = m.StudentID()
	}
	return MayAssign(ctx, m.Client(), kind, id)
}

// MayAssign says whether the viewer may name someone responsible for the
// target: a village or household registered in their assigning scope, or a
// student registered or enrolled there. Bulk assignment checks each row with it
// before writing.
func MayAssign(ctx context.Context, c *ent.Client, kind assignment.Kind, id int) error {
	v := FromContext(ctx)
	if v == nil {
		return ErrDenied
	}
	sc := v.Scope(ObjAssignment, ActWrite)
	if sc == nil {
		return ErrDenied
	}
	sys := System(ctx)
	var ok bool
	var err error
	switch kind {
	case assignment.KindVillage:
		var code string
		if code, err = VillageCode(ctx, c, id); err == nil {
			ok = sc.HasVillage(code)
		}
	case assignment.KindHousehold:
		ok, err = c.Household.Query().Where(household.ID(id),
			predicate.Household(inRanges(household.FieldVillageCode, nonEmpty(sc.VillageRanges)))).Exist(sys)
	case assignment.KindStudent:
		noAssigned := *sc
		noAssigned.Assigned, noAssigned.Self = false, false
		ok, err = c.Student.Query().Where(student.ID(id), StudentPredicate(v, &noAssigned)).Exist(sys)
	default:
		return fielderr.New("kind", "未知的包联类型")
	}
	if err != nil {
		return err
	}
	if !ok {
		return ErrDenied
	}
	return nil
}

// nonEmpty keeps an empty range list from matching everything.
func nonEmpty(rs []divcode.Range) []divcode.Range {
	if len(rs) == 0 {
		return []divcode.Range{{Lo: "x", Hi: "x"}}
	}
	return rs
}

// checkContact lets the responsible person log their own contacts, and a
// supervisor log contacts of families in their scope, as themselves or on
// behalf of the person responsible for that household or student (no one
// else: a contact is stored under that name and counts as their month's
// contact). Contacts are records: never changed or deleted through the API.
func (v *Viewer) checkContact(ctx context.Context, m *ent.ContactMutation) error {
	sc := v.Scope(ObjContact, ActWrite)
	if sc == nil || v.PersonID == 0 || !m.Op().Is(ent.OpCreate) {
		return ErrDenied
	}
	if rec, _ := m.RecordedByID(); rec != v.PersonID {
		return ErrDenied
	}
	scope := sc
	pid, _ := m.PersonID()
	if pid != v.PersonID {
		// On someone else's behalf: only as a supervisor.
		sup := *sc
		sup.Assigned = false
		scope = &sup
	}
	sys := System(ctx)
	hid, _ := m.HouseholdID()
	var sid *int
	if id, has := m.StudentID(); has {
		sid = &id
	}
	ok, err := m.Client().Household.Query().Where(household.ID(hid), HouseholdPredicate(v, scope)).Exist(sys)
	if err == nil && ok && sid != nil {
		ok, err = m.Client().Student.Query().Where(student.ID(*sid), StudentPredicate(v, scope)).Exist(sys)
	}
	if err != nil {
		return err
	}
	if !ok {
		return ErrDenied
	}
	if pid != v.PersonID {
		_, responsible, err := ResponsibleSince(ctx, m.Client(), pid, hid, sid)
		if err != nil {
			return err
		}
		if !responsible {
			return fielderr.New("personID", "只能代该户的包户责任人或该生的帮扶联系人登记联系，或以本人名义登记")
		}
	}
	return nil
}

// ResponsibleSince returns when person's current responsibility for a
// contact's household began: the earliest start among their active 包户
// assignment of the household and 包人 assignment of the student (of any of
// the household's students when no student is named). ok is false when they
// hold neither.
func ResponsibleSince(ctx context.Context, c *ent.Client, personID, householdID int, studentID *int) (since time.Time, ok bool, err error) {
	students := assignment.HasStudentWith(student.HouseholdID(householdID))
	if studentID != nil {
		students = assignment.StudentID(*studentID)
	}
	a, err := c.Assignment.Query().Where(assignment.PersonID(personID), assignment.EndsAtIsNil(),
		assignment.Or(assignment.HouseholdID(householdID), students)).
		Order(assignment.ByStartsAt()).First(System(ctx))
	if ent.IsNotFound(err) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, err
	}
	return a.StartsAt, true, nil
}

// checkImportJob lets a person start an import job at a unit in their
// import scope; the runner alone (as the system) moves it on.
func (v *Viewer) checkImportJob(m *ent.ImportJobMutation) error {
	sc := v.Scope(ObjImportJob, ActWrite)
	if sc == nil || v.PersonID == 0 || !m.Op().Is(ent.OpCreate) {
		return ErrDenied
	}
	by, _ := m.CreatedByID()
	org, _ := m.OrgID()
	code, _ := m.DivisionCode()
	if by != v.PersonID || !sc.HasDivision(code) && !slices.Contains(sc.SchoolIDs, org) {
		return ErrDenied
	}
	return nil
}

// checkTemplate lets a county edit its own copy of the templates; sanbao's
// defaults (empty owner) are the system's.
func (v *Viewer) checkTemplate(m *ent.AgreementTemplateMutation) error {
	sc := v.Scope(ObjTemplate, ActWrite)
	if sc == nil || v.PersonID == 0 {
		return ErrDenied
	}
	if m.Op().Is(ent.OpCreate) {
		if owner, _ := m.OwnerCode(); owner == "" || divcode.LevelOf(owner) != divcode.County || !sc.HasDivision(owner) {
			return ErrDenied
		}
		return nil
	}
	m.Where(predicate.AgreementTemplate(inRanges(agreementtemplate.FieldOwnerCode, nonEmpty(sc.VillageRanges))))
	return nil
}

var (
	signFields = map[string]bool{agreement.FieldState: true, agreement.FieldSignedAt: true,
		agreement.FieldSignedName: true, agreement.FieldSignature: true}
	voidFields = map[string]bool{agreement.FieldState: true, agreement.FieldVoidedAt: true, agreement.FieldVoidReason: true}
)

func only(fields []string, allowed map[string]bool) bool {
	for _, f := range fields {
		if !allowed[f] {
			return false
		}
	}
	return len(fields) > 0
}

// checkAgreement: units in the issuing scope issue and void; only the named
// signer signs, and only an agreement still waiting for it. Nothing else of an
// agreement ever changes.
func (v *Viewer) checkAgreement(ctx context.Context, m *ent.AgreementMutation) error {
	if v.PersonID == 0 {
		return ErrDenied
	}
	issue := v.Scope(ObjAgreement, ActIssue)
	issuing := func() predicate.Agreement {
		var ps []predicate.Agreement
		if len(issue.VillageRanges) > 0 {
			ps = append(ps, predicate.Agreement(inRanges(agreement.FieldIssuerCode, issue.VillageRanges)))
		}
		if len(issue.SchoolIDs) > 0 {
			ps = append(ps, agreement.IssuerOrgIDIn(issue.SchoolIDs...))
		}
		return agreement.Or(ps...)
	}
	switch {
	case m.Op().Is(ent.OpCreate):
		if issue == nil {
			return ErrDenied
		}
		if by, _ := m.IssuedByID(); by != v.PersonID {
			return ErrDenied
		}
		id, _ := m.IssuerOrgID()
		o, err := m.Client().Org.Get(System(ctx), id)
		if err != nil {
			return fielderr.New("issuerOrgID", "未找到该单位")
		}
		return MayIssue(ctx, o)
	case m.Op().Is(ent.OpUpdate | ent.OpUpdateOne):
		fields := append(m.Fields(), m.ClearedFields()...)
		st, _ := m.State()
		switch {
		case st == agreement.StateSigned && only(fields, signFields) && v.Can(ObjAgreement, ActSign):
			m.Where(agreement.PartyPersonID(v.PersonID), agreement.StateEQ(agreement.StateIssued))
		case st == agreement.StateVoid && only(fields, voidFields) && issue != nil:
			m.Where(issuing(), agreement.StateNEQ(agreement.StateVoid))
		default:
			return ErrDenied
		}
	default:
		return ErrDenied
	}
	return nil
}

// MayIssue says whether the viewer may issue agreements in the name of unit
// o: their own bureau's area, or their own school.
func MayIssue(ctx context.Context, o *ent.Org) error {
	v := FromContext(ctx)
	if v == nil || v.PersonID == 0 {
		return ErrDenied
	}
	issue := v.Scope(ObjAgreement, ActIssue)
	if issue == nil || !issue.HasVillage(o.DivisionCode) && !slices.Contains(issue.SchoolIDs, o.ID) {
		return ErrDenied
	}
	return nil
}

// VillageCode returns the code of village id, or a field error if id is not a
// village. The policy and the household hook both place households with it.
func VillageCode(ctx context.Context, c *ent.Client, id int) (string, error) {
	d, err := c.Division.Query().Where(division.ID(id)).Only(System(ctx))
	if err != nil {
		return "", fielderr.New("villageID", "未找到该村")
	}
	if d.Level != division.LevelVillage {
		return "", fielderr.New("villageID", "%s 不是村级区划", d.Name)
	}
	return d.Code, nil
}

// MayRevealID reports whether the viewer may see student id's full ID number:
// the reveal_id permission and the student inside its scope.
func MayRevealID(ctx context.Context, c *ent.Client, id int) bool {
	v := FromContext(ctx)
	if v == nil {
		return false
	}
	sc := v.Scope(ObjStudent, ActRevealID)
	if sc == nil {
		return false
	}
	ok, err := c.Student.Query().Where(student.ID(id), StudentPredicate(v, sc)).Exist(System(ctx))
	return err == nil && ok
}

// MaySeeDivision reports whether the households registered anywhere under
// code are all in the viewer's read scope: the condition for reports about it.
func MaySeeDivision(ctx context.Context, code string) bool {
	v := FromContext(ctx)
	return v != nil && v.Scope(ObjHousehold, ActRead).HasDivision(code)
}

// MaySeeSchool reports whether the students of a school are in the viewer's
// read scope.
func MaySeeSchool(ctx context.Context, id int, code string) bool {
	v := FromContext(ctx)
	return v != nil && v.Scope(ObjStudent, ActRead).HasSchool(id, code)
}

// StudentsReadable is the viewer's student read scope, for filters that look
// through a household's students (households with a child at a school).
func StudentsReadable(ctx context.Context) predicate.Student {
	v := FromContext(ctx)
	if v == nil {
		return student.IDIn()
	}
	return readable(v, ObjStudent, StudentPredicate)
}
