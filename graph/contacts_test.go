package graph_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"sanbao/authz"
	"sanbao/contactlog"
	"sanbao/ent/contact"
	"sanbao/fielderr"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

// daysAgo is the date n days before today in China.
func daysAgo(n int) string {
	return time.Now().In(contactlog.China).AddDate(0, 0, -n).Format("2006-01-02")
}

// A supervisor records a contact on behalf of the person responsible for the
// household or student, or as themselves; never in the name of someone else,
// which would count as that person's contact of the month.
func TestContactOnBehalfOnlyOfTheResponsible(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		a := newAPI(t, db)
		sys := authz.System(context.Background())
		admin, p1 := a.loginPerson(f.Admin), a.loginPerson(f.P1)
		admin.ok(assignQ, assignVars("HOUSEHOLD", f.T1.ID, f.H1.ID))
		admin.ok(assignQ, assignVars("STUDENT", f.T2.ID, f.S2.ID))
		n := 0
		for _, c := range []struct {
			name    string
			who     *session
			hh      int
			more    map[string]any
			ok      bool
			storeAs string
		}{
			{"central school for the household's guarantor", p1, f.H1.ID, map[string]any{"personID": id(f.T1.ID)}, true, "甲老师"},
			{"central school as itself", p1, f.H1.ID, map[string]any{"personID": id(f.P1.ID)}, true, "甲校长"},
			{"central school, no name given", p1, f.H1.ID, nil, true, "甲校长"},
			{"central school for the county director", p1, f.H1.ID, map[string]any{"personID": id(f.Admin.ID)}, false, ""},
			{"central school for another township's teacher", p1, f.H1.ID, map[string]any{"personID": id(f.T2.ID)}, false, ""},
			{"county for a student's contact person", admin, f.H2.ID, map[string]any{"personID": id(f.T2.ID), "studentID": id(f.S2.ID)}, true, "乙老师"},
			{"county for a student's contact person, the family", admin, f.H2.ID, map[string]any{"personID": id(f.T2.ID)}, true, "乙老师"},
			{"county for the contact person of a sibling", admin, f.H2.ID, map[string]any{"personID": id(f.T2.ID), "studentID": id(f.S6.ID)}, false, ""},
			{"county for a teacher responsible elsewhere", admin, f.H2.ID, map[string]any{"personID": id(f.T1.ID)}, false, ""},
		} {
			n++
			uuid := fmt.Sprintf("7b1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a%02d", n)
			res := c.who.do(logQ, contactVars(uuid, c.hh, c.more))
			stored := db.Contact.Query().Where(contact.UUID(uuid)).CountX(sys)
			switch {
			case c.ok && (len(res.Errors) > 0 || str(res.Data, "logContact", "person", "name") != c.storeAs):
				t.Errorf("%s: %+v %v", c.name, res.Errors, res.Data)
			case !c.ok && (res.code() != "BAD_USER_INPUT" || res.Errors[0].Extensions["field"] != "personID" || stored != 0):
				t.Errorf("%s: want a personID error and nothing stored, got %+v (%d stored)", c.name, res.Errors, stored)
			}
		}
		// Someone no longer responsible is no one to record for.
		admin.ok(assignQ, assignVars("HOUSEHOLD", f.P1.ID, f.H1.ID))
		if res := p1.do(logQ, contactVars("7b1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3aff", f.H1.ID, map[string]any{"personID": id(f.T1.ID)})); res.code() != "BAD_USER_INPUT" {
			t.Errorf("for the former guarantor: %+v", res.Errors)
		}
		// The rule is the data layer's: a direct write as the supervisor is
		// refused alike.
		v, err := a.auth.PersonViewer(context.Background(), f.P1.ID)
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.Contact.Create().SetUUID("7b1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3aee").SetHouseholdID(f.H1.ID).
			SetPersonID(f.Admin.ID).SetRecordedByID(f.P1.ID).SetDate(daysAgo(0)).SetMode("PHONE").
			Save(authz.NewContext(context.Background(), v))
		if fe, ok := fielderr.As(err); !ok || fe.Field != "personID" {
			t.Errorf("direct write in the director's name: %v", err)
		}
	})
}

// A contact's date is not before the responsible person's assignment began,
// nor more than a month back; a supervisor recording on behalf meets the
// same bound for the person named, and as themselves the month.
func TestContactDateWithinResponsibility(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		a := newAPI(t, db)
		sys := authz.System(context.Background())
		admin := a.loginPerson(f.Admin)
		admin.ok(assignQ, assignVars("HOUSEHOLD", f.T1.ID, f.H1.ID)) // from today
		// T2 has been S2's contact person since last year.
		db.Assignment.Create().SetKind("STUDENT").SetPersonID(f.T2.ID).SetStudentID(f.S2.ID).
			SetStartsAt(time.Now().AddDate(-1, 0, 0)).ExecX(sys)
		t1, t2, p1 := a.loginPerson(f.T1), a.loginPerson(f.T2), a.loginPerson(f.P1)
		n := 0
		for _, c := range []struct {
			name   string
			who    *session
			hh     int
			more   map[string]any
			reason string // "" = stored
		}{
			{"guarantor, today", t1, f.H1.ID, nil, ""},
			{"guarantor, before the assignment", t1, f.H1.ID, map[string]any{"date": daysAgo(1)}, "包联自这天开始"},
			{"guarantor, years before", t1, f.H1.ID, map[string]any{"date": "2019-03-01"}, "包联自这天开始"},
			{"contact person, three weeks back", t2, f.H2.ID, map[string]any{"studentID": id(f.S2.ID), "date": daysAgo(21)}, ""},
			{"contact person, 40 days back", t2, f.H2.ID, map[string]any{"studentID": id(f.S2.ID), "date": daysAgo(40)}, "一个月内"},
			{"on behalf of the guarantor, before the assignment", p1, f.H1.ID, map[string]any{"personID": id(f.T1.ID), "date": daysAgo(2)}, "包联自这天开始"},
			{"on behalf of the contact person, three weeks back", admin, f.H2.ID, map[string]any{"personID": id(f.T2.ID), "date": daysAgo(21)}, ""},
			{"on behalf of the contact person, 40 days back", admin, f.H2.ID, map[string]any{"personID": id(f.T2.ID), "date": daysAgo(40)}, "一个月内"},
			{"supervisor as themselves, three weeks back", p1, f.H3.ID, map[string]any{"date": daysAgo(21)}, ""},
			{"supervisor as themselves, 40 days back", p1, f.H3.ID, map[string]any{"date": daysAgo(40)}, "一个月内"},
		} {
			n++
			uuid := fmt.Sprintf("8c1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a%02d", n)
			res := c.who.do(logQ, contactVars(uuid, c.hh, c.more))
			if c.reason == "" {
				if len(res.Errors) > 0 {
					t.Errorf("%s: %+v", c.name, res.Errors)
				}
				continue
			}
			if res.code() != "BAD_USER_INPUT" || res.Errors[0].Extensions["field"] != "date" || !contains(res.Errors[0].Message, c.reason) {
				t.Errorf("%s: want a date error saying %q, got %+v", c.name, c.reason, res.Errors)
			}
		}
		// sanbao's own work (seeding, backfills) records history freely.
		db.Contact.Create().SetUUID("8c1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3aff").SetHouseholdID(f.H1.ID).SetPersonID(f.T1.ID).
			SetRecordedByID(f.T1.ID).SetDate("2020-05-06").SetMode("PHONE").ExecX(sys)
	})
}
