package remind_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"sanbao/agreement"
	"sanbao/auth"
	"sanbao/authz"
	"sanbao/contactlog"
	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/internal/fixture"
	"sanbao/remind"
	"sanbao/store"
	"sanbao/store/storetest"
	"sanbao/term"
)

func TestDaysLeft(t *testing.T) {
	for at, want := range map[string]int{
		"2026-11-01T00:00:00+08:00": 30, "2026-11-30T23:59:00+08:00": 1,
		// 16:30 UTC on 30 November is already 1 December in China.
		"2026-11-30T16:30:00Z": 31, "2027-02-10T12:00:00+08:00": 19, "2028-02-29T08:00:00+08:00": 1,
	} {
		now, _ := time.Parse(time.RFC3339, at)
		if got := remind.DaysLeft(now); got != want {
			t.Errorf("DaysLeft(%s) = %d, want %d", at, got, want)
		}
	}
}

// world is the small county with known families:
//
//	H1 (V1) guarantor T1, S1 (moved to K) contacted by TK    overdue
//	H2 (V1) guarantor T2, S2 contacted by T2    overdue (counts once for T2)
//	H3 (V2) no guarantor, S3 contacted by T1    contacted this month
//	H4 (V4) guarantor T2                        overdue
func world(t *testing.T, db *store.DB, now time.Time) *fixture.Small {
	f := fixture.BuildSmall(t, db)
	ctx := authz.System(context.Background())
	c := db.Client
	c.Household.UpdateOne(f.H1).SetGuarantorID(f.T1.ID).SetLastContactOn("2020-01-05").ExecX(ctx)
	c.Household.UpdateOne(f.H2).SetGuarantorID(f.T2.ID).ExecX(ctx)
	c.Household.UpdateOne(f.H3).SetLastContactOn(contactlog.MonthStart(now)).ExecX(ctx)
	c.Household.UpdateOne(f.H4).SetGuarantorID(f.T2.ID).ExecX(ctx)
	c.Student.UpdateOne(f.S1).SetContactPersonID(f.TK.ID).SetSchoolID(f.K.ID).ExecX(ctx)
	c.Student.UpdateOne(f.S2).SetContactPersonID(f.T2.ID).ExecX(ctx)
	c.Student.UpdateOne(f.S3).SetContactPersonID(f.T1.ID).ExecX(ctx)
	return f
}

func as(t *testing.T, db *store.DB, p *ent.Person) context.Context {
	t.Helper()
	ctx := authz.System(context.Background())
	v, err := auth.New(db.Client, authz.Default()).PersonViewer(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	return authz.NewContext(context.Background(), v)
}

func TestRemind(t *testing.T) {
	now := time.Now()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := world(t, db, now)
		c := db.Client
		t.Run("own families", func(t *testing.T) {
			for _, tc := range []struct {
				who  *ent.Person
				want remind.Mine
			}{
				{f.T1, remind.Mine{Families: 2, Due: 1}}, // H1 overdue, H3 contacted
				{f.T2, remind.Mine{Families: 2, Due: 2}}, // H2 once although guarantor and contact
				{f.TK, remind.Mine{Families: 1, Due: 1}},
				{f.P1, remind.Mine{}},
			} {
				got, err := remind.ForPerson(as(t, db, tc.who), c, tc.who.ID, now)
				if err != nil || got != tc.want {
					t.Errorf("%s: %+v, %v; want %+v", tc.who.Name, got, err, tc.want)
				}
			}
			// Another's families through a teacher's eyes: only what she may see.
			if got, _ := remind.ForPerson(as(t, db, f.T1), c, f.T2.ID, now); got != (remind.Mine{}) {
				t.Errorf("T1 counts T2's families: %+v", got)
			}
		})
		t.Run("behind", func(t *testing.T) {
			for _, tc := range []struct {
				who  *ent.Person
				rng  *divcode.Range
				want []remind.Row
			}{
				// The county: everyone, worst first, ties by person.
				{f.Admin, nil, []remind.Row{{f.T2.ID, 2}, {f.T1.ID, 1}, {f.TK.ID, 1}}},
				// Limited to one township.
				{f.Admin, rangeOf("130681101000"), []remind.Row{{f.T2.ID, 1}}},
				// The central school of T1: the staff of its township's schools
				// (K is in T1), about its township's families.
				{f.P1, nil, []remind.Row{{f.T1.ID, 1}, {f.TK.ID, 1}}},
				// A central school: its staff, its township's families and its students'.
				{f.P2, nil, []remind.Row{{f.T2.ID, 2}}},
				// A school's principal: her staff about her students' families;
				// T1 guarantees H1 too but works at another school.
				{f.PK, nil, []remind.Row{{f.TK.ID, 1}}},
				// The township of C2 is not the senior school's: nothing there.
				{f.PK, rangeOf("130681101000"), nil},
				// Teachers never see who is behind, not even themselves.
				{f.T1, nil, nil},
				{f.T2, nil, nil},
			} {
				got, err := remind.Behind(as(t, db, tc.who), c, tc.rng, now)
				if err != nil || !slices.Equal(got, tc.want) {
					t.Errorf("%s %v: %v, %v; want %v", tc.who.Name, tc.rng, got, err, tc.want)
				}
			}
			// Someone who left is no longer listed.
			c.Person.UpdateOne(f.TK).SetActive(false).ExecX(authz.System(context.Background()))
			got, _ := remind.Behind(as(t, db, f.Admin), c, nil, now)
			if want := []remind.Row{{f.T2.ID, 2}, {f.T1.ID, 1}}; !slices.Equal(got, want) {
				t.Errorf("after TK left: %v, want %v", got, want)
			}
		})
		t.Run("unsigned", func(t *testing.T) {
			res, err := agreement.Issue(as(t, db, f.P1), c, f.C1.ID, term.YearOf(now).String(), nil)
			if err != nil || len(res.Created) == 0 {
				t.Fatalf("issue: %v %+v", err, res)
			}
			n := len(res.Created)
			for _, tc := range []struct {
				who     *ent.Person
				party   bool
				want    int
				waiting bool
			}{
				{f.Admin, false, n, true}, // the county sees its schools'
				{f.P1, false, n, true},    // the issuing school
				{f.P1, true, 1, true},     // hers to sign
				{f.PK, false, 0, false},   // another school: nothing
				{f.T2, false, 0, false},
			} {
				party := 0
				if tc.party {
					party = tc.who.ID
				}
				u, err := remind.Waiting(as(t, db, tc.who), c, party)
				if err != nil || u.Count != tc.want || (u.Oldest != nil) != tc.waiting {
					t.Errorf("%s party=%v: %+v, %v; want %d", tc.who.Name, tc.party, u, err, tc.want)
				}
				if tc.waiting && *u.LongestDays(now.Add(49 * time.Hour)) != 2 {
					t.Errorf("%s: longest %d days, want 2", tc.who.Name, *u.LongestDays(now.Add(49 * time.Hour)))
				}
			}
		})
	})
}

func rangeOf(code string) *divcode.Range { r := divcode.SubtreeOf(code); return &r }
