package dropout_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"sanbao/auth"
	"sanbao/authz"
	"sanbao/dropout"
	"sanbao/ent"
	"sanbao/ent/absencestep"
	"sanbao/ent/caseaction"
	"sanbao/ent/checkrun"
	"sanbao/ent/dropoutcase"
	"sanbao/ent/household"
	"sanbao/ent/student"
	"sanbao/fielderr"
	"sanbao/idcard"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

// now is a fixed clock: 2026-11-10 09:00 China time.
var now = time.Date(2026, 11, 10, 1, 0, 0, 0, time.UTC)

func as(t testing.TB, db *store.DB, p *ent.Person) context.Context {
	t.Helper()
	s := &auth.Service{Client: db.Client, Policy: authz.Default()}
	v, err := s.PersonViewer(context.Background(), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	return authz.NewContext(context.Background(), v)
}

// world is the small county plus the children the checks must tell apart.
type world struct {
	*fixture.Small
	Nowhere, OverAge, Lifted, Elsewhere *ent.Student
}

func build(t testing.TB, db *store.DB) *world {
	t.Helper()
	f := fixture.BuildSmall(t, db)
	sys := authz.System(context.Background())
	c := db.Client
	seq := 100
	kid := func(name string, h *ent.Household, born time.Time, st student.EnrollmentStatus) *ent.StudentCreate {
		seq += 2
		return c.Student.Create().SetName(name).SetHouseholdID(h.ID).SetStage(student.StagePrimary).
			SetIDNumber(idcard.Build("130681", born, seq)).SetEnrollmentStatus(st)
	}
	w := &world{Small: f}
	// Nine on the cut-off date, in no school, recorded nowhere else.
	w.Nowhere = kid("无学籍", f.H1, time.Date(2017, 1, 5, 0, 0, 0, 0, time.UTC), student.EnrollmentStatusNotEnrolled).SaveX(sys)
	// Seventeen: past compulsory age, in no school.
	w.OverAge = kid("超龄", f.H1, time.Date(2009, 1, 5, 0, 0, 0, 0, time.UTC), student.EnrollmentStatusNotEnrolled).
		SetStage(student.StageSenior).SaveX(sys)
	// A dropout of a household that has exited poverty (H2 已脱贫), enrolled at C2.
	w.Lifted = kid("脱贫户辍学", f.H2, time.Date(2013, 1, 5, 0, 0, 0, 0, time.UTC), student.EnrollmentStatusDropout).
		SetSchoolID(f.C2.ID).SetStage(student.StageJunior).SaveX(sys)
	w.Elsewhere = f.S6 // 北京, in the fixture
	return w
}

func findings(t *testing.T, db *store.DB, run *ent.CheckRun) map[int]dropoutcase.Kind {
	t.Helper()
	cs := db.Client.DropoutCase.Query().Where(dropoutcase.CheckRunID(run.ID)).AllX(authz.System(context.Background()))
	out := map[int]dropoutcase.Kind{}
	for _, c := range cs {
		out[c.StudentID] = c.Kind
	}
	return out
}

func TestChecksFindExactlyTheRightChildren(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := as(t, db, w.Admin)
		c := db.Client
		run := func(k checkrun.Kind) *ent.CheckRun {
			r, err := dropout.Run(ctx, c, k, fixture.Zhuozhou, "2026-08-31", dropout.DefaultConfig, now)
			if err != nil {
				t.Fatal(k, err)
			}
			return r
		}
		r := run(checkrun.KindUnenrolled)
		got := findings(t, db, r)
		if len(got) != 1 || got[w.Nowhere.ID] != dropoutcase.KindSuspected || r.Found != 1 || r.Opened != 1 {
			t.Fatalf("unenrolled: %v, run %+v", got, r)
		}
		r = run(checkrun.KindLifted)
		got = findings(t, db, r)
		if len(got) != 1 || got[w.Lifted.ID] != dropoutcase.KindDropout || r.Found != 1 {
			t.Fatalf("lifted: %v, run %+v", got, r)
		}
		// Idempotent: again, the same findings and no new case.
		r = run(checkrun.KindUnenrolled)
		if r.Found != 1 || r.Opened != 0 {
			t.Fatalf("second run: %+v", r)
		}
		if n := c.DropoutCase.Query().CountX(authz.System(ctx)); n != 2 {
			t.Fatalf("%d cases, want 2", n)
		}
		// Absence: reported absent 4 days ago (over 3) is found; 1 day is not.
		tctx := as(t, db, w.T1)
		if _, err := dropout.ReportAbsence(tctx, c, dropout.AbsenceInput{UUID: uuid(1), StudentID: w.S1.ID, AbsentSince: "2026-11-06"}, now); err != nil {
			t.Fatal(err)
		}
		if _, err := dropout.ReportAbsence(tctx, c, dropout.AbsenceInput{UUID: uuid(2), StudentID: w.S4.ID, AbsentSince: "2026-11-09"}, now); err != nil {
			t.Fatal(err)
		}
		r = run(checkrun.KindAbsence)
		got = findings(t, db, r)
		if len(got) != 1 || got[w.S1.ID] != dropoutcase.KindSuspected {
			t.Fatalf("absence: %v", got)
		}
		// The school's principal may not run checks; nor the county outside itself.
		if _, err := dropout.Run(as(t, db, w.P1), c, checkrun.KindUnenrolled, fixture.Zhuozhou, "", dropout.DefaultConfig, now); !errors.Is(err, authz.ErrDenied) {
			t.Fatalf("principal ran a check: %v", err)
		}
		if _, err := dropout.Run(ctx, c, checkrun.KindUnenrolled, "130600000000", "", dropout.DefaultConfig, now); !errors.Is(err, authz.ErrDenied) {
			t.Fatalf("county ran a check over its city: %v", err)
		}
	})
}

func uuid(n int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", n) }

func TestEscalationClock(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := as(t, db, w.T1)
		c := db.Client
		r, err := dropout.ReportAbsence(ctx, c, dropout.AbsenceInput{UUID: uuid(7), StudentID: w.S1.ID, AbsentSince: "2026-11-10", Reason: "生病"}, now)
		if err != nil {
			t.Fatal(err)
		}
		steps := c.AbsenceStep.Query().Where(absencestep.ReportID(r.ID)).Order(absencestep.ByDueAt()).AllX(ctx)
		if len(steps) != 4 {
			t.Fatalf("%d steps", len(steps))
		}
		wantDue := []time.Time{
			time.Date(2026, 11, 11, 0, 0, 0, 0, dropout.China), // the end of the report's day
			now.Add(24 * time.Hour), now.Add(48 * time.Hour), now.Add(72 * time.Hour),
		}
		for i, s := range steps {
			if s.Kind != dropout.Steps[i] || !s.DueAt.Equal(wantDue[i]) {
				t.Fatalf("step %d: %s due %v, want %s due %v", i, s.Kind, s.DueAt, dropout.Steps[i], wantDue[i])
			}
		}
		overdue := func(at time.Time) int {
			n := 0
			for _, s := range c.AbsenceStep.Query().Where(absencestep.ReportID(r.ID)).AllX(ctx) {
				if dropout.Overdue(s, true, at) {
					n++
				}
			}
			return n
		}
		if n := overdue(now.Add(time.Hour)); n != 0 {
			t.Fatalf("overdue at once: %d", n)
		}
		// Home visit done the same day; then at 1, 2, 3 days one more step is late each day.
		if _, err := dropout.RecordStep(ctx, c, steps[0].ID, "已家访", now.Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		for d, want := range map[int]int{1: 1, 2: 2, 3: 3} {
			if n := overdue(now.Add(time.Duration(d)*24*time.Hour + time.Minute)); n != want {
				t.Fatalf("after %d days: %d overdue, want %d", d, n, want)
			}
		}
		// Retried send: the same report; another report while open: refused, naming the student.
		again, err := dropout.ReportAbsence(ctx, c, dropout.AbsenceInput{UUID: uuid(7), StudentID: w.S1.ID, AbsentSince: "2026-11-10"}, now)
		if err != nil || again.ID != r.ID {
			t.Fatalf("retry: %v %v", again, err)
		}
		_, err = dropout.ReportAbsence(ctx, c, dropout.AbsenceInput{UUID: uuid(8), StudentID: w.S1.ID, AbsentSince: "2026-11-10"}, now)
		var fe *fielderr.Error
		if !errors.As(err, &fe) || fe.Field != "studentID" {
			t.Fatalf("second open report: %v", err)
		}
		// Returned: the report closes and nothing is overdue any more.
		back, err := dropout.MarkReturned(ctx, c, r.ID, "2026-11-10", now)
		if err != nil || back.ReturnedOn == nil || *back.ReturnedOn != "2026-11-10" {
			t.Fatalf("returned: %v %v", back, err)
		}
		if _, err := dropout.RecordStep(ctx, c, steps[1].ID, "", now); err == nil {
			t.Fatal("recorded a step of a closed report")
		}
		// A teacher of another school may not report for C1's student.
		_, err = dropout.ReportAbsence(as(t, db, w.T2), c, dropout.AbsenceInput{UUID: uuid(9), StudentID: w.S4.ID, AbsentSince: "2026-11-10"}, now)
		if !errors.Is(err, authz.ErrDenied) {
			t.Fatalf("other school's teacher: %v", err)
		}
	})
}

func TestCaseWorkAndClosing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		c := db.Client
		admin := as(t, db, w.Admin)
		if _, err := dropout.Run(admin, c, checkrun.KindUnenrolled, fixture.Zhuozhou, "2026-08-31", dropout.DefaultConfig, now); err != nil {
			t.Fatal(err)
		}
		k := c.DropoutCase.Query().Where(dropoutcase.StudentID(w.Nowhere.ID)).OnlyX(admin)
		// The child studies nowhere: the case belongs to the central school of
		// the child's township (C1 for V1), not to C2.
		if n := c.DropoutCase.Query().CountX(as(t, db, w.P1)); n != 1 {
			t.Fatalf("C1's principal sees %d cases", n)
		}
		if n := c.DropoutCase.Query().CountX(as(t, db, w.P2)); n != 0 {
			t.Fatalf("C2's principal sees %d cases", n)
		}
		p1 := as(t, db, w.P1)
		a, err := dropout.RecordAction(p1, c, dropout.ActionInput{CaseID: k.ID, Kind: caseaction.KindPersuasion,
			Date: "2026-11-09", Participants: "甲校长、村主任", Method: "入户", Outcome: caseaction.OutcomePromised, Notes: "家长同意下周送返"}, now)
		if err != nil || a.RecordedByID != w.P1.ID {
			t.Fatalf("action: %v %v", a, err)
		}
		if _, err := dropout.RecordAction(as(t, db, w.P2), c, dropout.ActionInput{CaseID: k.ID, Kind: caseaction.KindNote,
			Date: "2026-11-09", Outcome: caseaction.OutcomeOther}, now); err == nil {
			t.Fatal("C2's principal recorded an action on C1's case")
		}
		// Closing: the central school may work but not close; the county closes,
		// and only with an outcome and evidence.
		reason := dropoutcase.CloseReasonReturned
		in := dropout.CloseInput{CaseID: k.ID, Reason: &reason, Date: "2026-11-10", Note: "已回松林店镇中心校三年级就读"}
		if _, err := dropout.CloseCase(p1, c, in, now); err == nil {
			t.Fatal("central school closed a case")
		}
		var fe *fielderr.Error
		noReason := in
		noReason.Reason = nil
		if _, err := dropout.CloseCase(admin, c, noReason, now); !errors.As(err, &fe) || fe.Field != "closeReason" {
			t.Fatalf("no outcome: %v", err)
		}
		noNote := in
		noNote.Note = " "
		if _, err := dropout.CloseCase(admin, c, noNote, now); !errors.As(err, &fe) || fe.Field != "closeNote" {
			t.Fatalf("no evidence: %v", err)
		}
		closed, err := dropout.CloseCase(admin, c, in, now)
		if err != nil || closed.Status != dropoutcase.StatusClosed || *closed.CloseReason != reason || *closed.ClosedByID != w.Admin.ID {
			t.Fatalf("close: %+v %v", closed, err)
		}
		// Closed after the child's record last changed: the check leaves the
		// child alone; once the registry changes again, it finds them anew.
		recheck := func(want int) {
			t.Helper()
			if _, err := dropout.Run(admin, c, checkrun.KindUnenrolled, fixture.Zhuozhou, "2026-08-31", dropout.DefaultConfig, now); err != nil {
				t.Fatal(err)
			}
			if n := c.DropoutCase.Query().Where(dropoutcase.StudentID(w.Nowhere.ID)).CountX(admin); n != want {
				t.Fatalf("%d cases, want %d", n, want)
			}
		}
		c.Student.UpdateOneID(w.Nowhere.ID).SetUpdatedAt(now.Add(-48 * time.Hour)).ExecX(authz.System(admin))
		recheck(1)
		c.Student.UpdateOneID(w.Nowhere.ID).SetUpdatedAt(now.Add(48 * time.Hour)).ExecX(authz.System(admin))
		recheck(2)
		_ = household.StatusLifted
	})
}

// Sixteen sends at once, half by the check, half by hand: one open case.
func TestNeverTwoOpenCases(t *testing.T) {
	db := storetest.Open(t, "postgres")
	w := build(t, db)
	c := db.Client
	admin := as(t, db, w.Admin)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tx, err := c.Tx(admin)
			if err != nil {
				errs <- err
				return
			}
			if i%2 == 0 {
				_, err = dropout.Run(admin, tx.Client(), checkrun.KindUnenrolled, fixture.Zhuozhou, "2026-08-31", dropout.DefaultConfig, now)
			} else {
				_, err = dropout.OpenCase(admin, tx.Client(), w.Nowhere.ID, dropoutcase.KindSuspected, dropoutcase.SourceManual, now)
			}
			if err != nil {
				tx.Rollback()
				errs <- err
				return
			}
			errs <- tx.Commit()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := c.DropoutCase.Query().Where(dropoutcase.StudentID(w.Nowhere.ID), dropoutcase.StatusEQ(dropoutcase.StatusOpen)).CountX(admin); n != 1 {
		t.Fatalf("%d open cases for one child", n)
	}
}
