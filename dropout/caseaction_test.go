package dropout_test

import (
	"errors"
	"sync"
	"testing"

	"sanbao/dropout"
	"sanbao/ent/caseaction"
	"sanbao/ent/checkrun"
	"sanbao/ent/dropoutcase"
	"sanbao/fielderr"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

// A persuasion attempt sent from a phone is stored once per UUID: a resend
// answers the stored action, another person's reuse of the UUID is refused.
func TestCaseActionResend(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		c := db.Client
		admin := as(t, db, w.Admin)
		if _, err := dropout.Run(admin, c, checkrun.KindUnenrolled, fixture.Zhuozhou, "2026-08-31", dropout.DefaultConfig, now); err != nil {
			t.Fatal(err)
		}
		k := c.DropoutCase.Query().Where(dropoutcase.StudentID(w.Nowhere.ID)).OnlyX(admin)
		p1 := as(t, db, w.P1)
		in := dropout.ActionInput{UUID: "aaaaaaaa-0000-4000-8000-000000007001", CaseID: k.ID, Kind: caseaction.KindPersuasion,
			Date: "2026-11-09", Participants: "甲校长", Method: "入户", Outcome: caseaction.OutcomePromised}
		a, err := dropout.RecordAction(p1, c, in, now)
		if err != nil {
			t.Fatal(err)
		}
		// The resend answers the first even if its fields differ (a retried
		// send carries the same item; the first stored wins).
		in.Notes = "重发"
		b, err := dropout.RecordAction(p1, c, in, now)
		if err != nil || b.ID != a.ID || b.Notes != "" {
			t.Fatalf("resend: %v %v (first %d)", b, err, a.ID)
		}
		// Upper-case spelling of the same UUID is the same key.
		in.UUID = " AAAAAAAA-0000-4000-8000-000000007001 "
		if b, err := dropout.RecordAction(p1, c, in, now); err != nil || b.ID != a.ID {
			t.Fatalf("same uuid: %v %v", b, err)
		}
		var fe *fielderr.Error
		if _, err := dropout.RecordAction(admin, c, in, now); !errors.As(err, &fe) || fe.Field != "uuid" {
			t.Fatalf("another person's reuse: %v", err)
		}
		bad := in
		bad.UUID = "not-a-uuid"
		if _, err := dropout.RecordAction(p1, c, bad, now); !errors.As(err, &fe) || fe.Field != "uuid" {
			t.Fatalf("bad uuid: %v", err)
		}
		// Notices carry no UUID: several rows without one live side by side.
		for _, d := range []string{"2026-11-08", "2026-11-09"} {
			if _, err := dropout.RecordNotice(p1, c, dropout.NoticeInput{CaseID: k.ID, Deadline: "2026-11-20", ServedOn: d}, now); err != nil {
				t.Fatal(err)
			}
		}
		if n := c.CaseAction.Query().Where(caseaction.CaseID(k.ID)).CountX(admin); n != 3 {
			t.Fatalf("%d actions, want 3", n)
		}
	})
}

// Sixteen sends of one attempt at once on PostgreSQL: one row.
func TestCaseActionConcurrentResend(t *testing.T) {
	db := storetest.Open(t, "postgres")
	w := build(t, db)
	c := db.Client
	admin := as(t, db, w.Admin)
	if _, err := dropout.Run(admin, c, checkrun.KindUnenrolled, fixture.Zhuozhou, "2026-08-31", dropout.DefaultConfig, now); err != nil {
		t.Fatal(err)
	}
	k := c.DropoutCase.Query().Where(dropoutcase.StudentID(w.Nowhere.ID)).OnlyX(admin)
	p1 := as(t, db, w.P1)
	in := dropout.ActionInput{UUID: uuid(7002), CaseID: k.ID, Kind: caseaction.KindPersuasion,
		Date: "2026-11-09", Participants: "甲校长", Outcome: caseaction.OutcomeRefused}
	var wg sync.WaitGroup
	ids := make(chan int, 16)
	errs := make(chan error, 16)
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tx, err := c.Tx(p1)
			if err != nil {
				errs <- err
				return
			}
			a, err := dropout.RecordAction(p1, tx.Client(), in, now)
			if err != nil {
				tx.Rollback()
				errs <- err
				return
			}
			ids <- a.ID
			errs <- tx.Commit()
		}()
	}
	wg.Wait()
	close(errs)
	close(ids)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	seen := map[int]bool{}
	for id := range ids {
		seen[id] = true
	}
	if len(seen) != 1 {
		t.Fatalf("sends answered %d different actions", len(seen))
	}
	if n := c.CaseAction.Query().Where(caseaction.CaseID(k.ID)).CountX(admin); n != 1 {
		t.Fatalf("%d rows for one attempt", n)
	}
}
