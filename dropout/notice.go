package dropout

import (
	"context"
	"strings"
	"time"

	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/caseaction"
	"sanbao/ent/division"
	"sanbao/ent/dropoutcase"
	"sanbao/fielderr"
)

// NoticeInput records a return-to-school notice (复学通知书) as served.
type NoticeInput struct {
	CaseID   int
	Deadline string // YYYY-MM-DD, the child returns by then
	ServedOn string // YYYY-MM-DD, served to the guardian
	Notes    string
}

// RecordNotice records the notice of an open case as a case action in the
// viewer's name (who may work the case). A later notice supersedes it.
func RecordNotice(ctx context.Context, c *ent.Client, in NoticeInput, now time.Time) (*ent.CaseAction, error) {
	served, err := parseDate("servedOn", in.ServedOn, now)
	if err != nil {
		return nil, err
	}
	d, err := time.ParseInLocation("2006-01-02", in.Deadline, China)
	if err != nil || d.Format("2006-01-02") != in.Deadline {
		return nil, fielderr.New("deadline", "日期应为 YYYY-MM-DD")
	}
	if !d.After(served) {
		return nil, fielderr.New("deadline", "复学期限应晚于送达日期 %s", in.ServedOn)
	}
	if d.After(served.AddDate(0, 3, 0)) {
		return nil, fielderr.New("deadline", "复学期限不应超过送达后三个月")
	}
	return RecordAction(ctx, c, ActionInput{CaseID: in.CaseID, Kind: caseaction.KindNotice, Date: in.ServedOn,
		Outcome: caseaction.OutcomeOther, Notes: in.Notes, deadline: &in.Deadline, servedOn: &in.ServedOn}, now)
}

// LatestNotice is the case's latest notice, nil if none; read as the viewer,
// or taken from the case's actions when they were loaded with it (a list
// loads them for the whole page: see WithNotices).
func LatestNotice(ctx context.Context, c *ent.Client, k *ent.DropoutCase) (*ent.CaseAction, error) {
	if as, err := k.Edges.ActionsOrErr(); err == nil {
		var latest *ent.CaseAction
		for _, a := range as {
			if a.Kind == caseaction.KindNotice && (latest == nil || a.Date > latest.Date || a.Date == latest.Date && a.ID > latest.ID) {
				latest = a
			}
		}
		return latest, nil
	}
	a, err := c.CaseAction.Query().Where(caseaction.CaseID(k.ID), caseaction.KindEQ(caseaction.KindNotice)).
		Order(ent.Desc(caseaction.FieldDate), ent.Desc(caseaction.FieldID)).First(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return a, err
}

// WithNotices loads the cases' notices with them: one statement for a page.
func WithNotices(q *ent.DropoutCaseQuery) {
	q.WithActions(func(aq *ent.CaseActionQuery) { aq.Where(caseaction.KindEQ(caseaction.KindNotice)) })
}

// NoticeOverdue: the case is open and its latest notice's deadline has
// passed (China's calendar).
func NoticeOverdue(k *ent.DropoutCase, notice *ent.CaseAction, now time.Time) bool {
	return k.Status == dropoutcase.StatusOpen && notice != nil && notice.Deadline != nil &&
		*notice.Deadline < now.In(China).Format("2006-01-02")
}

// NoticeCase is what the printed notice says.
type NoticeCase struct {
	Student  string
	Guardian string
	School   string
	Village  string
	Deadline string
	ServedOn string
	// Where the case lies, for the audit row.
	VillageCode string
	SchoolID    int
}

// ForNotice reads a case the viewer may work for its notice: the student,
// the guardian (household head), the school (or the central school of the
// township for a child studying nowhere) and the latest notice's dates.
func ForNotice(ctx context.Context, c *ent.Client, caseID int) (*NoticeCase, error) {
	if err := authz.MayWorkCase(ctx, c, caseID); err != nil {
		return nil, err
	}
	sys := authz.System(ctx)
	k, err := c.DropoutCase.Get(sys, caseID)
	if err != nil {
		return nil, err
	}
	heads, err := SevenHeads(ctx, c, k)
	if err != nil {
		return nil, err
	}
	s, err := k.QueryStudent().WithSchool().Only(sys)
	if err != nil {
		return nil, err
	}
	out := &NoticeCase{Student: s.Name, VillageCode: k.VillageCode}
	if k.SchoolID != nil {
		out.SchoolID = *k.SchoolID
	}
	for _, h := range heads {
		if h.Role == HeadGuardian {
			out.Guardian = h.Name
		}
		if h.Role == HeadPrincipal && out.School == "" {
			out.School = strings.TrimSuffix(h.Title, HeadLabels[HeadPrincipal])
		}
	}
	if s.Edges.School != nil {
		out.School = s.Edges.School.Name
	}
	if d, err := c.Division.Query().Where(division.Code(k.VillageCode)).Only(sys); err == nil {
		out.Village = d.Name
	}
	n, err := LatestNotice(sys, c, k)
	if err != nil {
		return nil, err
	}
	if n != nil && n.Deadline != nil && n.ServedOn != nil {
		out.Deadline, out.ServedOn = *n.Deadline, *n.ServedOn
	}
	return out, nil
}
