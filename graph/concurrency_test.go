package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"testing"

	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/assignment"
	"sanbao/ent/contact"
	"sanbao/ent/position"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

// The concurrency tests run on both databases; PostgreSQL is the one that
// runs the writers at once (SQLite serializes write transactions).
const (
	concurrent = 16
	rounds     = 4
)

// try is do for other goroutines: it reports a transport failure instead of
// failing the test from the wrong goroutine.
func (s *session) try(query string, vars map[string]any) (result, error) {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, s.a.srv.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if s.token != "" {
		req.Header.Set("Authorization", "Bearer "+s.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return result{}, err
	}
	defer resp.Body.Close()
	var r result
	err = json.NewDecoder(resp.Body).Decode(&r)
	r.Status = resp.StatusCode
	return r, err
}

// atOnce runs call(i) for i < n in n goroutines released together, and
// returns the results in order.
func atOnce(t *testing.T, n int, call func(i int) (result, error)) []result {
	t.Helper()
	out := make([]result, n)
	errs := make([]error, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			out[i], errs[i] = call(i)
		}()
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
	}
	return out
}

// retries counts the mutations mutationTx ran again, from its log.
type retries struct {
	mu     sync.Mutex
	n, max int
}

func (r *retries) Enabled(context.Context, slog.Level) bool { return true }
func (r *retries) Handle(_ context.Context, rec slog.Record) error {
	if rec.Message == "mutation retried" {
		r.mu.Lock()
		r.n++
		rec.Attrs(func(a slog.Attr) bool {
			if a.Key == "attempt" {
				r.max = max(r.max, int(a.Value.Int64()))
			}
			return true
		})
		r.mu.Unlock()
	}
	return nil
}
func (r *retries) WithAttrs([]slog.Attr) slog.Handler { return r }
func (r *retries) WithGroup(string) slog.Handler      { return r }

func countRetries(t *testing.T) *retries {
	r := &retries{}
	prev := slog.Default()
	slog.SetDefault(slog.New(r))
	t.Cleanup(func() { slog.SetDefault(prev) })
	return r
}

// A phone that retries an offline contact may send it several times at once
// (a flaky network, two tabs): one row is stored and every request answers
// with it, never CONFLICT (which made the outbox mark a stored contact as
// failed).
func TestContactSentManyTimesAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		a := newAPI(t, db)
		sys := authz.System(context.Background())
		a.loginPerson(f.Admin).ok(assignQ, assignVars("HOUSEHOLD", f.T1.ID, f.H1.ID))
		t1 := a.loginPerson(f.T1)
		for round := range rounds {
			uuid := fmt.Sprintf("5a1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a%02d", round)
			res := atOnce(t, concurrent, func(int) (result, error) { return t1.try(logQ, contactVars(uuid, f.H1.ID, nil)) })
			stored := db.Contact.Query().Where(contact.UUID(uuid)).AllX(sys)
			if len(stored) != 1 {
				t.Fatalf("round %d: %d rows stored", round, len(stored))
			}
			for i, r := range res {
				if len(r.Errors) > 0 || str(r.Data, "logContact", "id") != id(stored[0].ID) || str(r.Data, "logContact", "uuid") != uuid {
					t.Errorf("round %d, request %d: %+v %v", round, i, r.Errors, r.Data)
				}
			}
		}
	})
}

// moreStaff adds n teachers to a school, each eligible for its township's
// households.
func moreStaff(t *testing.T, db *store.DB, school *ent.Org, n int) []*ent.Person {
	sys := authz.System(context.Background())
	out := make([]*ent.Person, n)
	for i := range out {
		out[i] = db.Person.Create().SetName(fmt.Sprintf("教师%02d", i)).SetPhone(fmt.Sprintf("136%08d", i)).SaveX(sys)
		db.Position.Create().SetPersonID(out[i].ID).SetOrgID(school.ID).SetRole(position.RoleTeacher).ExecX(sys)
	}
	return out
}

// checkChain asserts the assignment history of a target is one chain: each
// ends when the next starts, never before it started itself, and exactly
// the last one is active.
func checkChain(t *testing.T, hist []*ent.Assignment) {
	t.Helper()
	for i, x := range hist {
		last := i == len(hist)-1
		switch {
		case last && x.EndsAt != nil:
			t.Errorf("the latest assignment %d has ended", x.ID)
		case last:
		case x.EndsAt == nil:
			t.Errorf("assignment %d of %d is still active", i+1, len(hist))
		case x.EndsAt.Before(x.StartsAt):
			t.Errorf("assignment %d ends %v before it starts %v", x.ID, x.EndsAt, x.StartsAt)
		case !x.EndsAt.Equal(hist[i+1].StartsAt) || x.EndReason != "调整":
			t.Errorf("assignment %d ends %v (%s), the next starts %v", x.ID, x.EndsAt, x.EndReason, hist[i+1].StartsAt)
		}
	}
}

// Reassigning one household from many sessions at once: every call succeeds
// (no deadlock reaches the client), one assignment is active, and the
// history is a chain in which nothing ends before it starts.
func TestConcurrentAssignOfOneHousehold(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		a := newAPI(t, db)
		sys := authz.System(context.Background())
		staff := moreStaff(t, db, f.C1, concurrent)
		admin, p1 := a.loginPerson(f.Admin), a.loginPerson(f.P1)
		for round := range rounds {
			res := atOnce(t, concurrent, func(i int) (result, error) {
				who := admin
				if i%2 == 1 {
					who = p1 // the central school assigns in its township too
				}
				return who.try(assignQ, assignVars("HOUSEHOLD", staff[i].ID, f.H1.ID))
			})
			for i, r := range res {
				if len(r.Errors) > 0 || str(r.Data, "assign", "person", "name") != staff[i].Name {
					t.Errorf("round %d, assign %d: %+v %v", round, i, r.Errors, r.Data)
				}
			}
			hist := db.Assignment.Query().Where(assignment.HouseholdID(f.H1.ID)).Order(assignment.ByID()).AllX(sys)
			if len(hist) != concurrent*(round+1) {
				t.Fatalf("round %d: %d assignments", round, len(hist))
			}
			checkChain(t, hist)
			if g := db.Household.GetX(sys, f.H1.ID).GuarantorID; g == nil || *g != hist[len(hist)-1].PersonID {
				t.Errorf("round %d: guarantor %v, latest assignment to %d", round, g, hist[len(hist)-1].PersonID)
			}
		}
	})
}

// Bulk assignments whose households lie in two villages in opposite orders
// lock the villages' coverage counts crosswise: PostgreSQL breaks such a
// deadlock by aborting one transaction, which mutationTx runs again. Every
// call succeeds and the counts are exact.
func TestConcurrentBulkAssignRetriesDeadlocks(t *testing.T) {
	for _, dialect := range storetest.Dialects() {
		t.Run(dialect, func(t *testing.T) { bulkAssignDeadlocks(t, openQuickDeadlocks(t, dialect)) })
	}
}

// openQuickDeadlocks opens a test database on which PostgreSQL looks for
// deadlocks after 50 ms instead of a second, so that a test meeting dozens of
// them runs in seconds.
func openQuickDeadlocks(t *testing.T, dialect string) *store.DB {
	u := storetest.URL(t, dialect)
	if dialect == "postgres" {
		u += "&deadlock_timeout=50ms"
	}
	db, err := store.Open(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func bulkAssignDeadlocks(t *testing.T, db *store.DB) {
	f := fixture.BuildSmall(t, db)
	a := newAPI(t, db)
	sys := authz.System(context.Background())
	staff := moreStaff(t, db, f.C1, 2)
	// Created in this order, so ID order is V1, V2 for the first pair and
	// V2, V1 for the second.
	mk := func(n string, v *ent.Division) int {
		return db.Household.Create().SetNumber(n).SetHeadName("户主").SetVillageID(v.ID).SetStatus("NOT_LIFTED").SaveX(sys).ID
	}
	pairs := [][]int{{mk("X1", f.V1), mk("X2", f.V2)}, {mk("X3", f.V2), mk("X4", f.V1)}}
	retried := countRetries(t)
	admin := a.loginPerson(f.Admin)
	many := `mutation($p:ID!,$ts:[ID!]!){assignMany(input:{kind:HOUSEHOLD,personID:$p,targetIDs:$ts}){assignments{id} errors{reason}}}`
	for round := range rounds {
		res := atOnce(t, concurrent, func(i int) (result, error) {
			ts := pairs[i%2]
			return admin.try(many, map[string]any{"p": id(staff[i/2%2].ID), "ts": []string{id(ts[0]), id(ts[1])}})
		})
		for i, r := range res {
			if len(r.Errors) > 0 || len(get(r.Data, "assignMany", "assignments").([]any)) != 2 {
				t.Errorf("round %d, bulk %d: %+v %v", round, i, r.Errors, r.Data)
			}
		}
	}
	for _, p := range pairs {
		for _, h := range p {
			hist := db.Assignment.Query().Where(assignment.HouseholdID(h)).Order(assignment.ByID()).AllX(sys)
			if len(hist) != concurrent/2*rounds {
				t.Errorf("household %d: %d assignments", h, len(hist))
			}
			checkChain(t, hist)
		}
	}
	// The maintained counts agree with a recount.
	d := admin.ok(`{coverage(divisionCode:"130681100000"){total{households{total covered}}}}`, nil)
	if n := num(d, "coverage", "total", "households", "covered"); n != 4 {
		t.Errorf("covered households = %d, want the 4 assigned", n)
	}
	t.Logf("%s: %d mutations retried after a deadlock, at most %d times", db.Dialect, retried.n, retried.max)
}
