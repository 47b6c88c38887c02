package dropout

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/caseaction"
	"sanbao/ent/dropoutcase"
	"sanbao/ent/student"
	"sanbao/fielderr"
	"sanbao/textnorm"
)

// CloseReasonLabels are the outcomes a case may close with.
var CloseReasonLabels = map[dropoutcase.CloseReason]string{
	dropoutcase.CloseReasonReturned:          "返校复学",
	dropoutcase.CloseReasonStudyingElsewhere: "在外就读",
	dropoutcase.CloseReasonTransferred:       "转学",
	dropoutcase.CloseReasonHomeTeaching:      "送教上门",
	dropoutcase.CloseReasonSuspended:         "休学",
	dropoutcase.CloseReasonOverAge:           "超龄",
	dropoutcase.CloseReasonGraduated:         "毕业",
	dropoutcase.CloseReasonDeceased:          "死亡",
}

// OpenCase opens a case for a student by the viewer (from a contact or by
// hand), or returns the child's open case: never two open cases.
func OpenCase(ctx context.Context, c *ent.Client, studentID int, kind dropoutcase.Kind, source dropoutcase.Source, now time.Time) (*ent.DropoutCase, error) {
	v := authz.FromContext(ctx)
	if v == nil || v.PersonID == 0 {
		return nil, authz.ErrDenied
	}
	if err := authz.MayWorkStudent(ctx, c, authz.ObjDropout, authz.ActWrite, studentID); err != nil {
		return nil, err
	}
	sys := authz.System(ctx)
	s, err := c.Student.Query().Where(student.ID(studentID)).Only(sys)
	if err != nil {
		return nil, fielderr.New("studentID", "未找到该学生")
	}
	id, err := c.DropoutCase.Create().SetStudentID(s.ID).SetVillageCode(s.VillageCode).SetNillableSchoolID(s.SchoolID).
		SetKind(kind).SetSource(source).SetOpenedAt(now).SetOpenedByID(v.PersonID).
		SetNillableResponsibleID(s.ContactPersonID).
		OnConflict().DoNothing().ID(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		open, err := c.DropoutCase.Query().Where(dropoutcase.StudentID(s.ID), dropoutcase.StatusEQ(dropoutcase.StatusOpen)).Only(sys)
		if err != nil {
			return nil, err
		}
		return c.DropoutCase.Get(ctx, open.ID)
	}
	if err != nil {
		return nil, err
	}
	return c.DropoutCase.Get(ctx, id)
}

// ActionInput is one action on a case: a persuasion attempt (劝返) with who
// went, how and the outcome, a verification, a report upwards.
type ActionInput struct {
	// UUID is the phone's key for the action: a resend answers the stored
	// one. Empty only for notices, which are recorded online.
	UUID         string
	CaseID       int
	Kind         caseaction.Kind
	Date         string
	Participants string
	Method       string
	Outcome      caseaction.Outcome
	Notes        string
	// A notice's dates, set by RecordNotice only.
	deadline, servedOn *string
}

// RecordAction adds an action to an open case in the viewer's name.
func RecordAction(ctx context.Context, c *ent.Client, in ActionInput, now time.Time) (*ent.CaseAction, error) {
	v := authz.FromContext(ctx)
	if v == nil || v.PersonID == 0 {
		return nil, authz.ErrDenied
	}
	var key *string
	if in.UUID != "" {
		id := strings.ToLower(textnorm.Key(in.UUID))
		if prev, err := storedAction(ctx, c, v, id); prev != nil || err != nil {
			return prev, err
		}
		key = &id
	}
	k, err := c.DropoutCase.Get(ctx, in.CaseID)
	if err != nil {
		return nil, fielderr.New("caseID", "未找到该案例")
	}
	if k.Status != dropoutcase.StatusOpen {
		return nil, fielderr.New("caseID", "该案例已结案")
	}
	if _, err := parseDate("date", in.Date, now); err != nil {
		return nil, err
	}
	if in.Kind == caseaction.KindNotice && in.deadline == nil {
		return nil, fielderr.New("kind", "复学通知书请用“登记复学通知书”记录送达日期和复学期限")
	}
	if in.Kind == caseaction.KindPersuasion && strings.TrimSpace(in.Participants) == "" {
		return nil, fielderr.New("participants", "请填写参与劝返的人员")
	}
	if key != nil && !uuidRE.MatchString(*key) {
		return nil, fielderr.New("uuid", "记录编号格式不正确")
	}
	// ON CONFLICT DO NOTHING: a concurrent resend never aborts a PostgreSQL
	// transaction; the loser answers the winner's row.
	aid, err := c.CaseAction.Create().SetNillableUUID(key).SetCaseID(k.ID).SetStudentID(k.StudentID).SetVillageCode(k.VillageCode).
		SetNillableSchoolID(k.SchoolID).SetKind(in.Kind).SetDate(in.Date).SetParticipants(in.Participants).
		SetMethod(in.Method).SetOutcome(in.Outcome).SetNotes(in.Notes).SetRecordedByID(v.PersonID).
		SetNillableDeadline(in.deadline).SetNillableServedOn(in.servedOn).SetCreatedAt(now).
		OnConflict().DoNothing().ID(ctx)
	if errors.Is(err, sql.ErrNoRows) && key != nil {
		if prev, err := storedAction(ctx, c, v, *key); prev != nil || err != nil {
			return prev, err
		}
		return nil, fmt.Errorf("dropout: action %s neither stored nor found", *key)
	}
	if err != nil {
		return nil, err
	}
	return c.CaseAction.Get(ctx, aid)
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// storedAction returns the action already stored under uuid by this viewer;
// a UUID used by someone else is refused without saying whose.
func storedAction(ctx context.Context, c *ent.Client, v *authz.Viewer, uuid string) (*ent.CaseAction, error) {
	prev, err := c.CaseAction.Query().Where(caseaction.UUID(uuid)).Only(authz.System(ctx))
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if prev.RecordedByID != v.PersonID {
		return nil, fielderr.New("uuid", "该记录编号已被使用")
	}
	return c.CaseAction.Get(ctx, prev.ID)
}

// Confirm turns a suspected case into a confirmed dropout (核查属实).
func Confirm(ctx context.Context, c *ent.Client, caseID int) (*ent.DropoutCase, error) {
	n, err := c.DropoutCase.Update().Where(dropoutcase.ID(caseID), dropoutcase.StatusEQ(dropoutcase.StatusOpen)).
		SetKind(dropoutcase.KindDropout).Save(ctx)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, fielderr.New("caseID", "未找到未结案的该案例")
	}
	return c.DropoutCase.Get(ctx, caseID)
}

// CloseInput closes a case: an outcome, the date and the evidence.
type CloseInput struct {
	CaseID int
	Reason *dropoutcase.CloseReason
	Date   string
	Note   string
}

// CloseCase closes an open case; it cannot close without an outcome and a
// note of the evidence (where the child studies now, who saw them).
func CloseCase(ctx context.Context, c *ent.Client, in CloseInput, now time.Time) (*ent.DropoutCase, error) {
	v := authz.FromContext(ctx)
	if v == nil || v.PersonID == 0 {
		return nil, authz.ErrDenied
	}
	if in.Reason == nil || dropoutcase.CloseReasonValidator(*in.Reason) != nil {
		return nil, fielderr.New("closeReason", "请选择结案原因")
	}
	if strings.TrimSpace(in.Note) == "" {
		return nil, fielderr.New("closeNote", "请填写结案说明和证据")
	}
	d, err := parseDate("date", in.Date, now)
	if err != nil {
		return nil, err
	}
	k, err := c.DropoutCase.Get(ctx, in.CaseID)
	if err != nil {
		return nil, fielderr.New("caseID", "未找到该案例")
	}
	if k.Status != dropoutcase.StatusOpen {
		return nil, fielderr.New("caseID", "该案例已结案")
	}
	if in.Date < k.OpenedAt.In(China).Format("2006-01-02") {
		return nil, fielderr.New("date", "结案日期不能早于立案日期")
	}
	n, err := c.DropoutCase.Update().Where(dropoutcase.ID(k.ID), dropoutcase.StatusEQ(dropoutcase.StatusOpen)).
		SetStatus(dropoutcase.StatusClosed).SetClosedAt(d.UTC()).SetCloseReason(*in.Reason).
		SetCloseNote(in.Note).SetClosedByID(v.PersonID).Save(ctx)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, authz.ErrDenied
	}
	return c.DropoutCase.Get(ctx, k.ID)
}
