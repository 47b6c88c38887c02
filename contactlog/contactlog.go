// Package contactlog records the monthly contacts (联系 / 走访) of the three
// guarantees: each contact is validated, stored once per client UUID however
// often an offline phone retries it, and moves the last-contact date of the
// household and its students.
package contactlog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"entgo.io/ent"

	"sanbao/authz"
	gen "sanbao/ent"
	"sanbao/ent/contact"
	"sanbao/ent/hook"
	"sanbao/ent/household"
	"sanbao/ent/student"
	"sanbao/fielderr"
	"sanbao/term"
	"sanbao/textnorm"
)

// China keeps one calendar for "this month".
var China = time.FixedZone("CST", 8*3600)

// Today is the date in China, YYYY-MM-DD.
func Today(now time.Time) string { return now.In(China).Format("2006-01-02") }

// MonthStart is the first day of now's month in China, YYYY-MM-DD.
func MonthStart(now time.Time) string { return now.In(China).Format("2006-01") + "-01" }

// Flags a contact may record as seen.
var Flags = map[string]string{
	"SUSPECTED_DROPOUT": "疑似辍学",
	"ILLNESS":           "因病致困",
	"DISABILITY":        "因残致困",
	"HARDSHIP_WORSE":    "家庭困难加剧",
	"UNATTENDED":        "监护缺失",
	"AID_MISSING":       "应助未助",
}

// FlagKeys are the flags in the order the form shows them.
var FlagKeys = []string{"SUSPECTED_DROPOUT", "ILLNESS", "DISABILITY", "HARDSHIP_WORSE", "UNATTENDED", "AID_MISSING"}

const maxItems, maxItemLen = 20, 60

func checkList(field string, items []string) error {
	if len(items) > maxItems {
		return fielderr.New(field, "最多%d项", maxItems)
	}
	for _, it := range items {
		if strings.TrimSpace(it) == "" || len([]rune(it)) > maxItemLen {
			return fielderr.New(field, "每项应为1到%d个字", maxItemLen)
		}
	}
	return nil
}

// validate checks a contact about to be stored.
func validate(ctx context.Context, m *gen.ContactMutation, now time.Time) error {
	date, _ := m.Date()
	d, err := time.ParseInLocation("2006-01-02", date, China)
	if err != nil || d.Format("2006-01-02") != date {
		return fielderr.New("date", "日期应为 YYYY-MM-DD")
	}
	if date > Today(now) {
		return fielderr.New("date", "联系日期不能晚于今天")
	}
	if date < "2015-01-01" {
		return fielderr.New("date", "联系日期过早")
	}
	if err := checkRecent(ctx, m, date, now); err != nil {
		return err
	}
	aid, _ := m.AidApplied()
	pol, _ := m.PoliciesExplained()
	flags, _ := m.Flags()
	for f, l := range map[string][]string{"aidApplied": aid, "policiesExplained": pol, "flags": flags} {
		if err := checkList(f, l); err != nil {
			return err
		}
	}
	for _, f := range flags {
		if _, ok := Flags[f]; !ok {
			return fielderr.New("flags", "未知的情况标记 %s", f)
		}
	}
	if sid, ok := m.StudentID(); ok {
		hid, _ := m.HouseholdID()
		in, err := m.Client().Student.Query().Where(student.ID(sid), student.HouseholdID(hid)).Exist(authz.System(ctx))
		if err != nil {
			return err
		}
		if !in {
			return fielderr.New("studentID", "该学生不属于此户")
		}
	}
	return nil
}

// checkRecent keeps a contact recorded by a person (not sanbao's own work:
// seeding, backfills) within what its responsible person could have done: not
// before their responsibility for the household or student began, nor more
// than a month back (an offline phone holds a contact for days, not months).
func checkRecent(ctx context.Context, m *gen.ContactMutation, date string, now time.Time) error {
	if v := authz.FromContext(ctx); v == nil || v.PersonID == 0 || date == Today(now) {
		return nil // today: no responsibility began after it, the usual case
	}
	monthBack := now.In(China).AddDate(0, -1, 0).Format("2006-01-02")
	pid, _ := m.PersonID()
	hid, _ := m.HouseholdID()
	var sid *int
	if id, ok := m.StudentID(); ok {
		sid = &id
	}
	since, responsible, err := authz.ResponsibleSince(ctx, m.Client(), pid, hid, sid)
	if err != nil {
		return err
	}
	if start := since.In(China).Format("2006-01-02"); responsible && start > monthBack {
		if date < start {
			return fielderr.New("date", "联系日期不能早于 %s：包联自这天开始", start)
		}
		return nil
	}
	if date < monthBack {
		return fielderr.New("date", "联系日期不能早于 %s：只能补记一个月内的联系", monthBack)
	}
	return nil
}

// onCreate validates, stores, then moves the last-contact dates forward and
// marks a student seen as a suspected dropout (疑似辍学) so that they need a
// contact person.
func onCreate(next ent.Mutator) ent.Mutator {
	return hook.ContactFunc(func(ctx context.Context, m *gen.ContactMutation) (ent.Value, error) {
		if err := validate(ctx, m, time.Now()); err != nil {
			return nil, err
		}
		date, _ := m.Date()
		day, _ := time.ParseInLocation("2006-01-02", date, China)
		m.SetSemester(term.Of(day).String())
		v, err := next.Mutate(ctx, m)
		if err != nil {
			return nil, err
		}
		sys := authz.System(ctx)
		c := m.Client()
		hid, _ := m.HouseholdID()
		if err := c.Household.Update().Where(household.ID(hid), household.LastContactOnLT(date)).
			SetLastContactOn(date).Exec(sys); err != nil {
			return nil, err
		}
		students := c.Student.Update().Where(student.HouseholdID(hid), student.LastContactOnLT(date))
		sid, one := m.StudentID()
		if one {
			students.Where(student.ID(sid))
		}
		if err := students.SetLastContactOn(date).Exec(sys); err != nil {
			return nil, err
		}
		flags, _ := m.Flags()
		if one && contains(flags, "SUSPECTED_DROPOUT") {
			err = c.Student.Update().Where(student.ID(sid), student.EnrollmentStatusEQ(student.EnrollmentStatusEnrolled)).
				SetEnrollmentStatus(student.EnrollmentStatusSuspectedDropout).Exec(sys)
		}
		return v, err
	})
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// Hooks keep contacts valid and dates current for every writer.
func Hooks() []ent.Hook { return []ent.Hook{hook.On(onCreate, ent.OpCreate)} }

// Input is one contact as a phone sends it.
type Input struct {
	UUID              string
	HouseholdID       int
	StudentID         *int
	PersonID          *int // on whose behalf; defaults to the viewer
	Date              string
	Mode              contact.Mode
	LearnedSituation  bool
	AidApplied        []string
	PoliciesExplained []string
	Flags             []string
	Notes             string
}

// Log stores a contact for the viewer in ctx, once per UUID: a retry of a
// contact already stored returns the stored one, also when both arrive at
// once.
func Log(ctx context.Context, c *gen.Client, in Input) (*gen.Contact, error) {
	v := authz.FromContext(ctx)
	if v == nil || v.PersonID == 0 {
		return nil, authz.ErrDenied
	}
	id := strings.ToLower(textnorm.Key(in.UUID))
	if prev, err := stored(ctx, c, v, id); prev != nil || err != nil {
		return prev, err
	}
	who := v.PersonID
	if in.PersonID != nil {
		who = *in.PersonID
	}
	q := c.Contact.Create().SetUUID(id).SetHouseholdID(in.HouseholdID).SetNillableStudentID(in.StudentID).
		SetPersonID(who).SetRecordedByID(v.PersonID).SetDate(in.Date).SetMode(in.Mode).
		SetLearnedSituation(in.LearnedSituation).SetAidApplied(in.AidApplied).
		SetPoliciesExplained(in.PoliciesExplained).SetFlags(in.Flags).SetNotes(in.Notes)
	// The same UUID sent twice at once: the second insert waits for the
	// first and stores nothing (ON CONFLICT DO NOTHING, so no unique
	// violation aborts PostgreSQL's transaction), and the stored one is read
	// back.
	q.OnConflictColumns(contact.FieldUUID).DoNothing()
	created, err := q.Save(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		prev, err := stored(ctx, c, v, id)
		if prev == nil && err == nil {
			err = fmt.Errorf("contactlog: contact %s neither stored nor found", id)
		}
		return prev, err
	}
	return created, err
}

// stored returns the contact already stored under uuid by this viewer. A UUID
// used by someone else is refused without saying whose it is.
func stored(ctx context.Context, c *gen.Client, v *authz.Viewer, uuid string) (*gen.Contact, error) {
	prev, err := c.Contact.Query().Where(contact.UUID(uuid)).Only(authz.System(ctx))
	if gen.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if prev.RecordedByID != v.PersonID {
		return nil, fielderr.New("uuid", "该记录编号已被使用")
	}
	return c.Contact.Get(ctx, prev.ID)
}

// AidKinds are the aid a contact may help apply for (帮办申请), after the
// province's 14 policies and the usual county top-ups.
var AidKinds = []string{
	"学前教育幼儿资助", "义务教育家庭经济困难学生生活补助", "农村义务教育营养改善计划",
	"普通高中国家助学金", "普通高中免学杂费", "中职国家助学金", "中职免学费",
	"生源地信用助学贷款", "大学新生入学资助", "高校国家助学金", "雨露计划", "县级资助",
}

// Policies are what a contact may explain (宣传政策).
var Policies = []string{
	"各学段资助政策", "两课两信两回执", "控辍保学政策", "营养改善计划", "生源地助学贷款", "雨露计划", "残疾儿童送教上门",
}
