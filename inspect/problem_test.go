package inspect_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/privacy"
	"sanbao/ent/problem"
	"sanbao/ent/problemevent"
	"sanbao/inspect"
	"sanbao/store"
	"sanbao/store/storetest"
)

func (w *world) raise(t testing.TB, ctx context.Context, unit *ent.Org, owner *ent.Person, category string) *ent.Problem {
	t.Helper()
	p, err := w.svc.Raise(ctx, inspect.RaiseInput{Source: problem.SourceSupervision, SourceDoc: "涿教督〔2026〕3号",
		UnitOrgID: unit.ID, OwnerID: owner.ID, RaisedOrgID: w.Bureau.ID, Category: category,
		Description: "发现" + category, Deadline: now.AddDate(0, 0, 30)})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func denied(err error) bool {
	return errors.Is(err, privacy.Deny) || errors.Is(err, authz.ErrDenied)
}

func TestRaiseRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ci := as(t, db, w.CI)
		in := func(mod func(*inspect.RaiseInput)) inspect.RaiseInput {
			r := inspect.RaiseInput{Source: problem.SourceManual, SourceDoc: "审计报告第5条", UnitOrgID: w.C1.ID,
				OwnerID: w.T1.ID, RaisedOrgID: w.Bureau.ID, Category: "漏助", Description: "漏助一户", Deadline: now.AddDate(0, 1, 0)}
			mod(&r)
			return r
		}
		for field, mod := range map[string]func(*inspect.RaiseInput){
			"sourceDoc":    func(r *inspect.RaiseInput) { r.SourceDoc = " " },
			"category":     func(r *inspect.RaiseInput) { r.Category = "其他" },
			"ownerID":      func(r *inspect.RaiseInput) { r.OwnerID = w.T2.ID },
			"deadline":     func(r *inspect.RaiseInput) { r.Deadline = now.Add(-time.Hour) },
			"description":  func(r *inspect.RaiseInput) { r.Description = "" },
			"inspectionID": func(r *inspect.RaiseInput) { r.Source = problem.SourceInspection },
		} {
			if _, err := w.svc.Raise(ci, in(mod)); !isField(err, field) {
				t.Errorf("bad %s: %v, want a field error", field, err)
			}
		}
		// Who raises: the county's inspectors and bureau, not schools, not the
		// city's read-only staff, not another county; nobody in another's name.
		if _, err := w.svc.Raise(ci, in(func(*inspect.RaiseInput) {})); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Raise(as(t, db, w.Admin), in(func(*inspect.RaiseInput) {})); err != nil {
			t.Fatalf("county director: %v", err)
		}
		for name, c := range map[string]struct {
			p   *ent.Person
			org int
		}{
			"principal":       {w.P1, w.C1.ID},
			"city director":   {w.CityDirector, w.City.ID},
			"outside county":  {w.OutsideInsp, w.Outside.ID},
			"in another unit": {w.CityInsp, w.Bureau.ID},
		} {
			_, err := w.svc.Raise(as(t, db, c.p), in(func(r *inspect.RaiseInput) { r.RaisedOrgID = c.org }))
			if !denied(err) && !isField(err, "unitOrgID") {
				t.Errorf("%s raised a problem at C1: %v", name, err)
			}
		}
		// The city's inspector raises at a unit of its city, in its own name.
		if _, err := w.svc.Raise(as(t, db, w.CityInsp), in(func(r *inspect.RaiseInput) { r.RaisedOrgID = w.City.ID })); err != nil {
			t.Fatalf("city inspector: %v", err)
		}
		// A county adds its own category; the school and other counties cannot.
		if err := w.svc.AddCategory(as(t, db, w.Admin), "130681000000", "资金未到位"); err != nil {
			t.Fatal(err)
		}
		if err := w.svc.AddCategory(as(t, db, w.Admin), "130681000000", "漏助"); !isField(err, "category") {
			t.Errorf("duplicate default category: %v", err)
		}
		for name, p := range map[string]*ent.Person{"principal": w.P1, "outside county": w.OutsideAdmin, "inspector": w.CI} {
			if err := w.svc.AddCategory(as(t, db, p), "130681000000", "乱收费"); !denied(err) {
				t.Errorf("%s added a category: %v", name, err)
			}
		}
		if _, err := w.svc.Raise(ci, in(func(r *inspect.RaiseInput) { r.Category = "资金未到位" })); err != nil {
			t.Fatalf("county category: %v", err)
		}
		cats, _ := w.svc.Categories(as(t, db, w.OutsideAdmin), "130123000000")
		if len(cats) != len(inspect.DefaultCategories) {
			t.Errorf("正定 has %d categories, want the %d defaults only", len(cats), len(inspect.DefaultCategories))
		}
	})
}

// Every transition, allowed and refused, by role.
func TestTransitions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ci := as(t, db, w.CI)
		owner, principal, other := as(t, db, w.T1), as(t, db, w.P1), as(t, db, w.P2)
		city, outside, admin := as(t, db, w.CityDirector), as(t, db, w.OutsideAdmin), as(t, db, w.Admin)
		p := w.raise(t, ci, w.C1, w.T1, "未走访")
		refused := func(step string, err error) {
			t.Helper()
			if !denied(err) && !isField(err, "id") && !isField(err, "state") {
				t.Errorf("%s: %v, want refused", step, err)
			}
		}
		// 待整改: nobody rectifies or accepts; outsiders do not start.
		_, err := w.svc.Rectify(owner, p.ID, "已走访", "")
		refused("rectify a pending problem", err)
		_, err = w.svc.Accept(ci, p.ID, "")
		refused("accept a pending problem", err)
		for name, ctx := range map[string]context.Context{"C2's principal": other, "city": city, "outside county": outside} {
			_, err := w.svc.Start(ctx, p.ID, "")
			refused(name+" starts", err)
		}
		if _, err := w.svc.Start(owner, p.ID, "开始整改"); err != nil {
			t.Fatalf("owner starts: %v", err)
		}
		// The unit's principal starts another.
		q := w.raise(t, ci, w.C1, w.T1, "档案不全")
		if _, err := w.svc.Start(principal, q.ID, ""); err != nil {
			t.Fatalf("principal starts: %v", err)
		}
		// 整改中: only the owner records rectification, with evidence.
		for name, ctx := range map[string]context.Context{"principal": principal, "raiser": ci, "director": admin} {
			_, err := w.svc.Rectify(ctx, p.ID, "照片", "")
			refused(name+" rectifies", err)
		}
		if _, err := w.svc.Rectify(owner, p.ID, "  ", ""); !isField(err, "evidence") {
			t.Fatalf("no evidence: %v", err)
		}
		if _, err := w.svc.Rectify(owner, p.ID, "走访记录3份", "已补走访"); err != nil {
			t.Fatalf("owner rectifies: %v", err)
		}
		// 已整改: the raiser or the raiser's bureau accepts or returns; not the
		// owner, the unit, the city or outsiders.
		for name, ctx := range map[string]context.Context{"owner": owner, "principal": principal, "city": city, "outside": outside} {
			_, err := w.svc.Accept(ctx, p.ID, "")
			refused(name+" accepts", err)
			_, err = w.svc.Return(ctx, p.ID, "不合格")
			refused(name+" returns", err)
		}
		if _, err := w.svc.Return(ci, p.ID, ""); !isField(err, "note") {
			t.Fatalf("return without reason: %v", err)
		}
		if _, err := w.svc.Return(ci, p.ID, "佐证不足"); err != nil {
			t.Fatalf("raiser returns: %v", err)
		}
		if got := db.Client.Problem.GetX(ci, p.ID); got.State != problem.StateInProgress || got.RectifiedAt != nil {
			t.Fatalf("returned: %s, rectified %v", got.State, got.RectifiedAt)
		}
		if _, err := w.svc.Rectify(owner, p.ID, "走访记录5份", ""); err != nil {
			t.Fatal(err)
		}
		// The director of the raiser's bureau accepts for it.
		if _, err := w.svc.Accept(admin, p.ID, "同意销号"); err != nil {
			t.Fatalf("raiser's bureau accepts: %v", err)
		}
		// 已销号 is final.
		_, err = w.svc.Return(ci, p.ID, "再看看")
		refused("return a closed problem", err)
		_, err = w.svc.Start(owner, p.ID, "")
		refused("restart a closed problem", err)
		// Nothing else changes a problem outside the transitions.
		if err := db.Client.Problem.UpdateOneID(q.ID).SetOwnerID(w.P1.ID).Exec(owner); err == nil {
			t.Error("the owner reassigned their own problem")
		}
		if err := db.Client.Problem.DeleteOneID(q.ID).Exec(ci); err == nil {
			t.Error("a problem was deleted")
		}
		if err := db.Client.Problem.UpdateOneID(q.ID).SetDeadline(now.AddDate(0, 2, 0)).Exec(ci); err != nil {
			t.Errorf("the raiser extends the deadline: %v", err)
		}

		// The timeline: raised, started, rectified, returned, rectified, accepted.
		tl, err := w.svc.Timeline(ci, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"PENDING", "IN_PROGRESS", "RECTIFIED", "IN_PROGRESS", "RECTIFIED", "CLOSED"}
		if len(tl) != len(want) {
			t.Fatalf("timeline has %d entries, want %d", len(tl), len(want))
		}
		for i, e := range tl {
			if e.ToState != want[i] {
				t.Errorf("timeline[%d] = %s, want %s", i, e.ToState, want[i])
			}
		}
		if tl[3].Note != "佐证不足" || tl[3].ActorID != w.CI.ID || tl[5].ActorID != w.Admin.ID {
			t.Errorf("timeline entries: %+v / %+v", tl[3], tl[5])
		}
		if err := db.Client.ProblemEvent.DeleteOneID(tl[0].ID).Exec(ci); err == nil {
			t.Error("a timeline entry was deleted")
		}
	})
}

// Units see their own problems; owners and raisers theirs; the area above
// all of them; an outside county nothing, not even a count.
func TestProblemReads(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ci := as(t, db, w.CI)
		w.raise(t, ci, w.C1, w.T1, "漏助")
		w.raise(t, ci, w.C1, w.P1, "误助")
		w.raise(t, ci, w.C2, w.P2, "漏助")
		w.raise(t, ci, w.Bureau, w.Admin, "责任书未签")
		for name, c := range map[string]struct {
			p    *ent.Person
			want int
		}{
			"county inspector": {w.CI, 4}, "county director": {w.Admin, 4}, "city director": {w.CityDirector, 4},
			"C1's principal": {w.P1, 2}, "C1's teacher (owner)": {w.T1, 1}, "C2's principal": {w.P2, 1},
			"C2's teacher": {w.T2, 0}, "K's principal": {w.PK, 0},
			"outside director": {w.OutsideAdmin, 0}, "outside inspector": {w.OutsideInsp, 0},
		} {
			ctx := as(t, db, c.p)
			if n := db.Client.Problem.Query().CountX(ctx); n != c.want {
				t.Errorf("%s sees %d problems, want %d", name, n, c.want)
			}
			wantEvents := c.want
			if n := db.Client.ProblemEvent.Query().CountX(ctx); n != wantEvents {
				t.Errorf("%s sees %d timeline entries, want %d", name, n, wantEvents)
			}
		}
		if n := db.Client.ProblemEvent.Query().Where(problemevent.ToState("PENDING")).CountX(as(t, db, w.OutsideAdmin)); n != 0 {
			t.Errorf("outside county counts %d timeline entries", n)
		}
	})
}

// 再犯: a problem of a category the unit already had rectified is a repeat,
// whoever raised the earlier one.
func TestRepeat(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ci, owner := as(t, db, w.CI), as(t, db, w.T1)
		first := w.raise(t, ci, w.C1, w.T1, "漏助")
		again := w.raise(t, ci, w.C1, w.T1, "漏助")
		if first.Repeat || again.Repeat {
			t.Fatal("a repeat before anything was rectified")
		}
		w.svc.Start(owner, first.ID, "")
		if _, err := w.svc.Rectify(owner, first.ID, "补发", ""); err != nil {
			t.Fatal(err)
		}
		// Raised by the city this time: still a repeat.
		r, err := w.svc.Raise(as(t, db, w.CityInsp), inspect.RaiseInput{Source: problem.SourceAudit, UnitOrgID: w.C1.ID,
			OwnerID: w.P1.ID, RaisedOrgID: w.City.ID, Category: "漏助", Description: "又漏助", Deadline: now.AddDate(0, 0, 10)})
		if err != nil {
			t.Fatal(err)
		}
		if !r.Repeat || r.RepeatOfID == nil || *r.RepeatOfID != first.ID {
			t.Fatalf("repeat = %v of %v, want true of %d", r.Repeat, r.RepeatOfID, first.ID)
		}
		// And again: a second repeat of the same rectified problem.
		if r2 := w.raise(t, ci, w.C1, w.T1, "漏助"); !r2.Repeat || r2.RepeatOfID == nil || *r2.RepeatOfID != first.ID {
			t.Fatalf("second repeat = %v of %v, want true of %d", r2.Repeat, r2.RepeatOfID, first.ID)
		}
		for name, p := range map[string]*ent.Problem{
			"other school":   w.raise(t, ci, w.C2, w.P2, "漏助"),
			"other category": w.raise(t, ci, w.C1, w.T1, "误助"),
		} {
			if p.Repeat {
				t.Errorf("%s marked repeat", name)
			}
		}
	})
}

// A deadline given with a UTC offset (a phone in China sends +08:00) is the
// same instant read back, in lists too: times are stored in UTC.
func TestDeadlineWithOffset(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ci := as(t, db, w.CI)
		at := time.Date(2027, 1, 31, 23, 59, 59, 0, time.FixedZone("", 8*3600))
		p, err := w.svc.Raise(ci, inspect.RaiseInput{Source: problem.SourceSupervision, SourceDoc: "涿教督〔2026〕4号",
			UnitOrgID: w.C1.ID, OwnerID: w.T1.ID, RaisedOrgID: w.Bureau.ID, Category: "档案不全",
			Description: "村档案不全", Deadline: at})
		if err != nil {
			t.Fatal(err)
		}
		all, err := db.Client.Problem.Query().Where(problem.ID(p.ID)).All(ci)
		if err != nil || len(all) != 1 || !all[0].Deadline.Equal(at) {
			t.Fatalf("read back %v (%v), want %v", all, err, at)
		}
		if n := db.Client.Problem.Query().Where(problem.DeadlineGT(at.Add(-time.Second)), problem.DeadlineLT(at.Add(time.Second))).CountX(ci); n != 1 {
			t.Errorf("%d problems within a second of the deadline, want 1", n)
		}
	})
}

// Overdue on an injected clock: pending or in progress past the deadline.
func TestOverdue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ci, owner := as(t, db, w.CI), as(t, db, w.T1)
		a := w.raise(t, ci, w.C1, w.T1, "漏助") // deadline now+30d
		b := w.raise(t, ci, w.C1, w.T1, "误助")
		w.svc.Start(owner, b.ID, "")
		if _, err := w.svc.Rectify(owner, b.ID, "已纠正", ""); err != nil {
			t.Fatal(err)
		}
		overdue := func(at time.Time) int {
			return db.Client.Problem.Query().Where(inspect.OverdueAt(at)).CountX(ci)
		}
		if overdue(now.AddDate(0, 0, 29)) != 0 || inspect.Overdue(a, now.AddDate(0, 0, 29)) {
			t.Fatal("overdue before the deadline")
		}
		later := now.AddDate(0, 0, 31)
		if n := overdue(later); n != 1 || !inspect.Overdue(a, later) {
			t.Fatalf("%d overdue after the deadline, want 1 (the rectified one is not)", n)
		}
		rb := db.Client.Problem.GetX(ci, b.ID)
		if inspect.Overdue(rb, later) {
			t.Fatal("a rectified problem is overdue")
		}
		// The owner and the unit see it overdue; the outside county nothing.
		if n := db.Client.Problem.Query().Where(inspect.OverdueAt(later)).CountX(owner); n != 1 {
			t.Errorf("the owner sees %d overdue", n)
		}
		if n := db.Client.Problem.Query().Where(inspect.OverdueAt(later)).CountX(as(t, db, w.OutsideAdmin)); n != 0 {
			t.Errorf("outside county sees %d overdue", n)
		}
	})
}
