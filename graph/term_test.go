package graph_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"sanbao/authz"
	"sanbao/contactlog"
	"sanbao/ent"
	entagreement "sanbao/ent/agreement"
	"sanbao/ent/contact"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
	sbterm "sanbao/term"
)

// Terms are chosen from the server's list; the forms people type are read as
// the one term they mean, and a word such as 明年 is refused naming the field.
func TestTermsChosenNotTyped(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		a := newAPI(t, db)
		sys := authz.System(context.Background())
		admin := a.loginPerson(f.Admin)
		now := time.Now()
		year, sem := sbterm.YearOf(now), sbterm.Of(now)

		d := admin.ok(`{terms{label isYear current startsOn endsOn}}`, nil)
		list := get(d, "terms").([]any)
		if len(list) != 9 {
			t.Fatalf("terms: %v", list)
		}
		var current []string
		for i, x := range list {
			want := sbterm.Choices(now)[i]
			if str(x, "label") != want.String() || (get(x, "isYear") == true) != want.IsYear() ||
				str(x, "startsOn") != want.Start().Format("2006-01-02") || str(x, "endsOn") != want.End().AddDate(0, 0, -1).Format("2006-01-02") {
				t.Errorf("terms[%d] = %v, want %s", i, x, want)
			}
			if get(x, "current") == true {
				current = append(current, str(x, "label"))
			}
		}
		if len(current) != 2 || current[0] != year.String() || current[1] != sem.String() {
			t.Errorf("current terms: %v", current)
		}

		// Three spellings of this school year issue one set of agreements.
		bureau := db.Org.GetX(sys, f.C1.ParentID)
		variants := []string{fmt.Sprintf("%d-%d学年", year.Year, year.Year+1), fmt.Sprintf("%d至%d学年", year.Year, year.Year+1), year.String()}
		for i, v := range variants {
			d := admin.ok(issueQ, map[string]any{"o": id(bureau.ID), "t": v})
			created, existing := num(d, "issueAgreements", "created"), num(d, "issueAgreements", "existing")
			if (i == 0) != (created == 3) || (i > 0) != (existing == 3) {
				t.Errorf("issue %q: created %d, existing %d", v, created, existing)
			}
		}
		if n := db.Agreement.Query().CountX(sys); n != 3 {
			t.Errorf("stored %d agreements for one term, want 3", n)
		}
		if n := db.Agreement.Query().Where(entagreement.Term(year.String())).CountX(sys); n != 3 {
			t.Errorf("%d agreements stored under %s", n, year)
		}
		// Words and far-away years are refused, naming the term.
		for _, bad := range []string{"明年", "", "2019—2020学年", "2026—2028学年"} {
			res := admin.do(issueQ, map[string]any{"o": id(bureau.ID), "t": bad})
			if res.code() != "BAD_USER_INPUT" || res.Errors[0].Extensions["field"] != "term" {
				t.Errorf("issue %q: %+v", bad, res.Errors)
			}
		}
		if n := db.Agreement.Query().CountX(sys); n != 3 {
			t.Errorf("a refused term stored agreements: %d", n)
		}
		// Completion reads a variant as the term it means.
		d = admin.ok(`query($t:String!,$c:String){agreementCompletion(term:$t,divisionCode:$c){term total{issued}}}`,
			map[string]any{"t": variants[0], "c": "130681000000"})
		if str(d, "agreementCompletion", "term") != year.String() || num(d, "agreementCompletion", "total", "issued") != 3 {
			t.Errorf("completion of %q: %v", variants[0], d)
		}
		if res := admin.do(`{agreementCompletion(term:"明年",divisionCode:"130681000000"){term}}`, nil); res.code() != "BAD_USER_INPUT" || res.Errors[0].Extensions["field"] != "term" {
			t.Errorf("completion of 明年: %+v", res.Errors)
		}
		// The store takes only the canonical form, whoever writes.
		a0 := db.Agreement.Query().FirstX(sys)
		err := db.Agreement.Create().SetKind(a0.Kind).SetTerm(variants[0]).SetTemplateVersion(1).SetIssuerOrgID(a0.IssuerOrgID).
			SetIssuerCode(a0.IssuerCode).SetPartyPersonID(a0.PartyPersonID).SetPartyKey("person:test").SetPartyName("测试").
			SetPartyRole("校长").SetTitle("t").SetText("t").SetContentHash("h").SetIssuedByID(a0.IssuedByID).Exec(sys)
		if ve := (*ent.ValidationError)(nil); !errors.As(err, &ve) || ve.Name != "term" {
			t.Errorf("stored an agreement under a typed variant of the term: %v", err)
		}
	})
}

// A contact hangs on the semester of its date, set by the hook for every
// writer, and contacts stored before terms existed get theirs on migration.
func TestContactTerm(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		a := newAPI(t, db)
		sys := authz.System(context.Background())
		admin := a.loginPerson(f.Admin)
		admin.ok(assignQ, assignVars("HOUSEHOLD", f.T1.ID, f.H1.ID))
		d := a.loginPerson(f.T1).ok(`mutation($in:LogContactInput!){logContact(input:$in){semester date}}`,
			contactVars("1b1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a01", f.H1.ID, nil))
		if str(d, "logContact", "semester") != sbterm.Of(time.Now()).String() {
			t.Errorf("logged contact: %v", d)
		}
		for date, want := range map[string]string{"2026-03-05": "2025—2026学年第二学期", "2025-09-01": "2025—2026学年第一学期", "2026-01-31": "2025—2026学年第一学期"} {
			c := db.Contact.Create().SetUUID("2b1c2a3b-4d5e-4f60-8a7b-9c0d" + date[:4] + date[5:7] + date[8:]).
				SetHouseholdID(f.H1.ID).SetPersonID(f.T1.ID).SetRecordedByID(f.T1.ID).SetDate(date).SetMode(contact.ModePhone).SaveX(sys)
			if c.Semester != want {
				t.Errorf("contact of %s: term %q, want %q", date, c.Semester, want)
			}
		}
		n := db.Contact.Query().Where(contact.Semester("2025—2026学年第一学期")).CountX(sys)
		if _, err := db.ExecContext(sys, "UPDATE contacts SET semester = ''"); err != nil {
			t.Fatal(err)
		}
		if err := contactlog.FillTerms(context.Background(), db.Client); err != nil {
			t.Fatal(err)
		}
		if got := db.Contact.Query().Where(contact.Semester("2025—2026学年第一学期")).CountX(sys); got != n || n != 2 || db.Contact.Query().Where(contact.Semester("")).CountX(sys) != 0 {
			t.Errorf("after filling: %d in 2025—2026学年第一学期, want %d", got, n)
		}
		if db.Contact.Query().Where(contact.Semester("2025—2026学年第二学期")).CountX(sys) != 1 {
			t.Error("the contact of 2026-03-05 lost its term")
		}
		// Listed by term through the API.
		d = admin.ok(`query($id:ID!){node(id:$id){... on Household{contacts(first:10){edges{node{date semester}}}}}}`, map[string]any{"id": id(f.H1.ID)})
		for _, e := range get(d, "node", "contacts", "edges").([]any) {
			day, _ := time.ParseInLocation("2006-01-02", str(e, "node", "date"), contactlog.China)
			if str(e, "node", "semester") != sbterm.Of(day).String() {
				t.Errorf("contact %v", e)
			}
		}
	})
}

// Issuing one term from many sessions at once, each spelling it its own way:
// one call creates the set, every other finds it, nothing is duplicated.
func TestConcurrentIssueOfOneTerm(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		a := newAPI(t, db)
		sys := authz.System(context.Background())
		admin := a.loginPerson(f.Admin)
		bureau := db.Org.GetX(sys, f.C1.ParentID)
		year := sbterm.YearOf(time.Now())
		variants := []string{fmt.Sprintf("%d-%d学年", year.Year, year.Year+1), fmt.Sprintf("%d至%d学年", year.Year, year.Year+1), year.String()}
		for round := range rounds {
			res := atOnce(t, concurrent, func(i int) (result, error) {
				return admin.try(issueQ, map[string]any{"o": id(bureau.ID), "t": variants[i%len(variants)]})
			})
			creators := 0
			for i, r := range res {
				created, existing := num(r.Data, "issueAgreements", "created"), num(r.Data, "issueAgreements", "existing")
				switch {
				case len(r.Errors) > 0:
					t.Errorf("round %d, issue %d: %+v", round, i, r.Errors)
				case created == 3 && existing == 0:
					creators++
				case created != 0 || existing != 3:
					t.Errorf("round %d, issue %d: created %d, existing %d", round, i, created, existing)
				}
			}
			if creators != 1 {
				t.Errorf("round %d: %d calls created the set", round, creators)
			}
			active := db.Agreement.Query().Where(entagreement.StateNEQ(entagreement.StateVoid)).AllX(sys)
			if len(active) != 3 || db.Agreement.Query().CountX(sys) != 3*(round+1) {
				t.Fatalf("round %d: %d active agreements", round, len(active))
			}
			for _, x := range active {
				if x.Term != year.String() {
					t.Errorf("stored under %q", x.Term)
				}
			}
			// Void the set for the next round.
			db.Agreement.Update().Where(entagreement.StateNEQ(entagreement.StateVoid)).
				SetState(entagreement.StateVoid).SetVoidReason("测试").ExecX(sys)
		}
	})
}
