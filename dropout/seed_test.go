package dropout_test

import (
	"context"
	"testing"
	"time"

	"sanbao/authz"
	"sanbao/demo"
	"sanbao/dropout"
	"sanbao/ent/absencestep"
	"sanbao/ent/caseaction"
	"sanbao/ent/dropoutcase"
	"sanbao/internal/fixture"
	"sanbao/store/storetest"
)

// The demo county's dropout control: reports in flight with a step overdue,
// cases closed, confirmed and open; the scheduled run over every county
// then opens nothing new.
func TestDemoDropoutAndScheduledRun(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	fixture.Build(t, db)
	sys := authz.System(context.Background())
	now := time.Now()
	if err := demo.SeedDropout(context.Background(), db.Client, now); err != nil {
		t.Fatal(err)
	}
	c := db.Client
	if n := c.AbsenceReport.Query().CountX(sys); n != 2 {
		t.Fatalf("%d absence reports", n)
	}
	late := 0
	for _, s := range c.AbsenceStep.Query().AllX(sys) {
		if dropout.Overdue(s, true, now) {
			late++
		}
	}
	if late == 0 || c.AbsenceStep.Query().Where(absencestep.DoneAtNotNil()).CountX(sys) != 1 {
		t.Fatalf("%d steps overdue", late)
	}
	closed := c.DropoutCase.Query().Where(dropoutcase.StatusEQ(dropoutcase.StatusClosed)).CountX(sys)
	confirmed := c.DropoutCase.Query().Where(dropoutcase.StatusEQ(dropoutcase.StatusOpen), dropoutcase.KindEQ(dropoutcase.KindDropout)).CountX(sys)
	open := c.DropoutCase.Query().Where(dropoutcase.StatusEQ(dropoutcase.StatusOpen)).CountX(sys)
	// The fixture's county is small: the checks find one child there, so
	// the third stage (confirmed) shows only when there are three cases.
	total := c.DropoutCase.Query().CountX(sys)
	if closed != 2 || total >= 3 && confirmed < 1 || total-closed != open {
		t.Fatalf("closed %d, confirmed %d, open %d", closed, confirmed, open)
	}
	// 七长: every case of the demo county names its county, township and
	// village heads.
	for _, k := range c.DropoutCase.Query().Where(dropoutcase.VillageCodeHasPrefix("130681")).AllX(sys) {
		heads, err := dropout.SevenHeads(sys, c, k)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range heads[:4] {
			if h.Name == "" || h.Phone == "" {
				t.Errorf("case %d: %s not named", k.ID, h.Label)
			}
		}
	}
	if c.CaseAction.Query().Where(caseaction.KindEQ(caseaction.KindNotice)).CountX(sys) != min(1, total/3) {
		t.Error("the confirmed case has no notice past its deadline")
	}
	runs := c.CheckRun.Query().CountX(sys)
	if err := dropout.RunAll(context.Background(), c, dropout.DefaultConfig, now); err != nil {
		t.Fatal(err)
	}
	after := c.CheckRun.Query().AllX(sys)
	if len(after) != runs+2*len(dropout.Kinds) { // two counties in the fixture
		t.Fatalf("%d runs, then %d", runs, len(after))
	}
	for _, r := range after[runs:] {
		if r.DivisionCode == fixture.Zhuozhou && r.Opened != 0 {
			t.Fatalf("scheduled run reopened: %+v", r)
		}
	}
	s := dropout.StartScheduler(c, time.Hour, dropout.DefaultConfig)
	if err := s.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
}
