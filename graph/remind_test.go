package graph_test

import (
	"testing"

	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

const remindersQ = `{reminders{month daysLeft families familiesDue supervises toSign{count} unsigned{count longestDays}}}`
const behindQ = `query($d:String){behind(first:10, divisionCode:$d){totalCount edges{node{id unit overdue person{name phone}}}}}`

func TestReminders(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		a := newAPI(t, db)
		admin := a.loginPerson(f.Admin)
		admin.ok(assignQ, assignVars("HOUSEHOLD", f.T1.ID, f.H1.ID))
		admin.ok(assignQ, assignVars("STUDENT", f.T1.ID, f.S3.ID))
		t1, p1, p2 := a.loginPerson(f.T1), a.loginPerson(f.P1), a.loginPerson(f.P2)

		d := t1.ok(remindersQ, nil)
		if num(d, "reminders", "families") != 2 || num(d, "reminders", "familiesDue") != 2 || get(d, "reminders", "supervises") != false ||
			num(d, "reminders", "daysLeft") < 1 || len(str(d, "reminders", "month")) != 7 {
			t.Errorf("teacher's reminders: %v", d)
		}
		// A teacher sees no one behind, not even herself.
		if n := num(t1.ok(behindQ, nil), "behind", "totalCount"); n != 0 {
			t.Errorf("teacher sees %d behind", n)
		}
		for _, s := range []*session{admin, p1} {
			d := s.ok(behindQ, nil)
			if num(d, "behind", "totalCount") != 1 || str(d, "behind", "edges", 0, "node", "person", "name") != f.T1.Name ||
				str(d, "behind", "edges", 0, "node", "person", "phone") != f.T1.Phone || num(d, "behind", "edges", 0, "node", "overdue") != 2 ||
				str(d, "behind", "edges", 0, "node", "unit") != f.C1.Name {
				t.Errorf("behind: %v", d)
			}
		}
		// Another township's central school: nothing, not even a count.
		if n := num(p2.ok(behindQ, nil), "behind", "totalCount"); n != 0 {
			t.Errorf("the other township sees %d behind", n)
		}
		if n := num(admin.ok(behindQ, map[string]any{"d": "130681101000"}), "behind", "totalCount"); n != 0 {
			t.Errorf("behind in a township without families: %d", n)
		}
		if r := admin.do(behindQ, map[string]any{"d": "1306"}); r.code() != "BAD_USER_INPUT" || !contains(r.Errors[0].Message, "区划代码") {
			t.Errorf("bad division code: %+v", r.Errors)
		}
		// The contact is logged: no longer behind.
		t1.ok(logQ, contactVars("0b7e2d4c-1a2b-4c3d-8e9f-0a1b2c3d4e5f", f.H1.ID, nil))
		if d := t1.ok(remindersQ, nil); num(d, "reminders", "familiesDue") != 1 {
			t.Errorf("after a contact: %v", d)
		}
		if d := admin.ok(behindQ, nil); num(d, "behind", "edges", 0, "node", "overdue") != 1 {
			t.Errorf("behind after a contact: %v", d)
		}
	})
}
