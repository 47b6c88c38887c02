package main

import (
	"context"
	"database/sql"
	"reflect"
	"testing"
	"time"

	"sanbao/auth"
	"sanbao/authz"
	"sanbao/contactlog"
	"sanbao/coverage"
	entassignment "sanbao/ent/assignment"
	enthousehold "sanbao/ent/household"
	"sanbao/guarantee"
	"sanbao/idcard"
	"sanbao/store"
	"sanbao/store/storetest"
)

// A small real county (正定县, shipped with the test fixture) at a small size.
var small = scale{Name: "test", County: "130123000000", Households: 300, Students: 520,
	Staff: staffSizes{Central: 9, Kinder: 3, Junior: 8, Village: 3, CountyWide: 8}}

var today = time.Date(2026, 11, 24, 12, 0, 0, 0, contactlog.China)

func build(t *testing.T) *world {
	t.Helper()
	divs, err := readDivisions("../internal/fixture/testdata/zhengding-2023.csv", small.County)
	if err != nil {
		t.Fatal(err)
	}
	w, err := generate(small, divs, 7, today, "x")
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// The generated world keeps every rule sanbao's hooks keep.
func TestGenerateIsConsistentAndDeterministic(t *testing.T) {
	w := build(t)
	if len(w.Households) != small.Households || len(w.Students) != small.Students {
		t.Fatalf("households %d, students %d", len(w.Households), len(w.Students))
	}
	central := 0
	for _, o := range w.Orgs {
		if o.Central {
			central++
		}
	}
	townships := 0
	for _, d := range w.Divisions {
		if d.Level == "TOWNSHIP" {
			townships++
		}
	}
	if central != townships || central == 0 {
		t.Fatalf("%d central schools for %d townships", central, townships)
	}
	seen := map[string]bool{}
	for _, s := range w.Students {
		info, err := idcard.Parse(s.IDNumber, today)
		if err != nil || string(info.Gender) != s.Gender || !info.Birth.Equal(s.Birth) || seen[s.IDNumber] {
			t.Fatalf("student %d: %s %v %s %v (duplicate %v)", s.ID, s.IDNumber, err, s.Gender, s.Birth, seen[s.IDNumber])
		}
		seen[s.IDNumber] = true
		if h := w.Households[s.HouseholdID-1]; h.Village.Code != s.VillageCode {
			t.Fatalf("student %d village %s, household's %s", s.ID, s.VillageCode, h.Village.Code)
		}
	}
	// At most one active assignment per target, and it is the one named on the target.
	active := map[string]int64{}
	for _, a := range w.Assignments {
		if a.EndsAt != nil {
			continue
		}
		key := a.Kind + str(a.VillageID+a.HouseholdID+a.StudentID)
		if _, dup := active[key]; dup {
			t.Fatalf("two active assignments for %s", key)
		}
		active[key] = a.PersonID
	}
	for _, h := range w.Households {
		if got := active["HOUSEHOLD"+str(h.ID)]; got != h.GuarantorID {
			t.Fatalf("household %d: guarantor %d, active assignment %d", h.ID, h.GuarantorID, got)
		}
	}
	for _, s := range w.Students {
		if got := active["STUDENT"+str(s.ID)]; got != s.ContactPersonID {
			t.Fatalf("student %d: contact %d, active assignment %d", s.ID, s.ContactPersonID, got)
		}
	}
	// Last contacts are the latest contact dates, as the contact hook leaves them.
	last := map[int64]string{}
	for _, c := range w.Contacts {
		if c.Date > last[c.HouseholdID] {
			last[c.HouseholdID] = c.Date
		}
		if c.Date > today.Format("2006-01-02") {
			t.Fatalf("contact in the future: %s", c.Date)
		}
	}
	for _, h := range w.Households {
		if h.LastContactOn != last[h.ID] {
			t.Fatalf("household %d: last contact %q, latest contact %q", h.ID, h.LastContactOn, last[h.ID])
		}
	}
	if len(w.Contacts) == 0 || w.teacher == 0 {
		t.Fatal("no contacts or no bench teacher")
	}
	// The same seed and day give the same data.
	w2 := build(t)
	if !reflect.DeepEqual(w.Contacts, w2.Contacts) || w.Students[17].IDNumber != w2.Students[17].IDNumber ||
		w.Households[5].HeadName != w2.Households[5].HeadName || w.uuid(3) != w2.uuid(3) {
		t.Fatal("generation is not deterministic")
	}
}

// Loaded by COPY into PostgreSQL, the data passes sanbao's own rules, the
// maintained coverage counts match a live count, and the API can add rows.
func TestLoadIntoPostgres(t *testing.T) {
	if !contains(storetest.Dialects(), "postgres") {
		t.Skip("PostgreSQL off")
	}
	ctx := context.Background()
	url := storetest.URL(t, "postgres")
	db, err := store.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	w := build(t)
	raw, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	st, err := load(ctx, raw, w, "x", loadOptions{DropIndexes: true, Jobs: 2}, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	if st.Rows != w.rows() || st.DroppedDDL == 0 {
		t.Fatalf("loaded %d of %d rows, %d indexes dropped and rebuilt", st.Rows, w.rows(), st.DroppedDDL)
	}
	sys := authz.System(ctx)
	if n := db.Student.Query().CountX(sys); n != len(w.Students) {
		t.Fatalf("students stored = %d", n)
	}
	// Every active assignment is one sanbao would accept.
	for _, a := range db.Assignment.Query().Where(entassignment.EndsAtIsNil()).AllX(sys) {
		target := guarantee.Target{Kind: a.Kind}
		switch {
		case a.VillageID != nil:
			target.ID = *a.VillageID
		case a.HouseholdID != nil:
			target.ID = *a.HouseholdID
		default:
			target.ID = *a.StudentID
		}
		if err := guarantee.CheckEligible(ctx, db.Client, target, a.PersonID); err != nil {
			t.Fatalf("assignment %d (%s %d to %d): %v", a.ID, a.Kind, target.ID, a.PersonID, err)
		}
	}
	// The maintained counts give what the scoped live queries give.
	admin := viewerFor(t, db, PhoneCountyAdmin)
	viaCounts, err := coverage.ForDivision(authz.NewContext(ctx, admin), db.Client, small.County, today, false)
	if err != nil {
		t.Fatal(err)
	}
	live, err := coverage.ForDivision(sys, db.Client, small.County, today, false)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(viaCounts.Total, live.Total) || viaCounts.Total.Students.Total == 0 || viaCounts.Total.Contacted == 0 {
		t.Fatalf("counts %+v, live %+v", viaCounts.Total, live.Total)
	}
	// The API creates rows after the loaded IDs, and the hooks keep the counts.
	h0 := w.Households[0]
	before := viaCounts.Total.Households.Total
	h, err := db.Household.Create().SetNumber("X-1").SetHeadName("新户").SetVillageID(int(h0.Village.ID) + loadedBase(t, raw, "divisions") - 1).
		SetStatus(enthousehold.StatusNotLifted).Save(sys)
	if err != nil {
		t.Fatal(err)
	}
	if int64(h.ID) <= int64(loadedBase(t, raw, "households"))+int64(len(w.Households))-1 {
		t.Fatalf("new household ID %d is not after the loaded ones", h.ID)
	}
	after, _ := coverage.ForDivision(authz.NewContext(ctx, admin), db.Client, small.County, today, false)
	if after.Total.Households.Total != before+1 {
		t.Fatalf("registered households %d after adding one to %d", after.Total.Households.Total, before)
	}
}

func loadedBase(t *testing.T, db *sql.DB, table string) int {
	b, err := readBases(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	return int(b[table])
}

func viewerFor(t testing.TB, db *store.DB, phone string) *authz.Viewer {
	t.Helper()
	ctx := authz.System(context.Background())
	var id int
	if err := db.SQL.QueryRowContext(ctx, "SELECT id FROM persons WHERE phone = $1", phone).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return personViewer(t, db, id)
}

func personViewer(t testing.TB, db *store.DB, id int) *authz.Viewer {
	t.Helper()
	v, err := auth.New(db.Client, authz.Default()).PersonViewer(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
