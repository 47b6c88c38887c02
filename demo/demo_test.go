package demo

import (
	"context"
	"testing"
	"time"

	"sanbao/authz"
	"sanbao/ent/household"
	"sanbao/ent/importjob"
	"sanbao/ent/org"
	"sanbao/ent/person"
	"sanbao/ent/position"
	"sanbao/ent/student"
	"sanbao/idcard"
	"sanbao/staff"
	"sanbao/store"
	"sanbao/store/storetest"
)

func TestSeedZhuozhou(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		start := time.Now()
		sum, err := SeedZhuozhou(ctx, db.Client)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("seeded %+v in %v", sum, time.Since(start))
		sys := authz.System(ctx)
		if sum.Households != 3000 || sum.Students != 5000 {
			t.Fatalf("summary = %+v", sum)
		}
		if n := db.Student.Query().CountX(sys); n != 5000 {
			t.Fatalf("students stored = %d", n)
		}
		// Every township has exactly one central school.
		central := db.Org.Query().Where(org.IsCentral(true)).AllX(sys)
		if len(central) != 17 {
			t.Fatalf("central schools = %d, want one per township (17)", len(central))
		}
		if !db.Org.Query().Where(org.Name("涿州市第二中学"), org.DivisionCode("130681100000")).ExistX(sys) {
			t.Fatal("涿州市第二中学 is not in 松林店镇")
		}
		for _, a := range Accounts {
			if !db.Person.Query().Where(person.Phone(a.Phone)).ExistX(sys) {
				t.Fatalf("demo account %s missing", a.Phone)
			}
		}
		// Every ID number is valid and matches the derived gender and birth date.
		for _, s := range db.Student.Query().AllX(sys) {
			info, err := idcard.Parse(s.IDNumber, time.Now())
			if err != nil || string(info.Gender) != string(s.Gender) || !info.Birth.Equal(s.BirthDate.UTC()) {
				t.Fatalf("student %d: %s %v %s %v", s.ID, s.IDNumber, err, s.Gender, s.BirthDate)
			}
		}
		outside := db.Student.Query().Where(student.SchoolIDIsNil(), student.OutsideSchoolNameNEQ("")).CountX(sys)
		if outside < 300 || outside > 1200 {
			t.Fatalf("students enrolled outside the county = %d", outside)
		}
		registered := db.Household.Query().Where(household.StatusIn(household.StatusLifted, household.StatusNotLifted)).CountX(sys)
		if registered < 1800 {
			t.Fatalf("registered-card households = %d", registered)
		}
		// The coverage counts, deferred during the bulk load, were rebuilt.
		guaranteed := db.Household.Query().Where(household.StatusIn(household.StatusLifted, household.StatusNotLifted), household.GuarantorIDNotNil()).CountX(sys)
		var h, g int
		if err := db.SQL.QueryRow("SELECT SUM(households), SUM(guaranteed) FROM coverage_villages").Scan(&h, &g); err != nil || h != registered || g != guaranteed {
			t.Fatalf("coverage counts %d/%d, live %d/%d (%v)", h, g, registered, guaranteed, err)
		}
		// The year under way: agreements went out over weeks, one teacher
		// moved and one left, and a student list waits to be fixed.
		days := map[string]bool{}
		oldest := time.Now()
		for _, a := range db.Agreement.Query().AllX(sys) {
			days[a.IssuedAt.Format("2006-01-02")] = true
			if a.IssuedAt.Before(oldest) {
				oldest = a.IssuedAt
			}
			if a.SignedAt != nil && a.SignedAt.Before(a.IssuedAt) {
				t.Fatalf("agreement %d signed before it was issued", a.ID)
			}
		}
		if len(days) < 5 || time.Since(oldest) < 40*24*time.Hour {
			t.Errorf("agreements issued on %d days, oldest %v", len(days), oldest)
		}
		if n := db.Person.Query().Where(person.Active(false), person.LeftAtNotNil()).CountX(sys); n != 1 {
			t.Errorf("people who left = %d", n)
		}
		if n := db.Position.Query().Where(position.EndReason(staff.ReasonMoved)).CountX(sys); n == 0 {
			t.Error("nobody was moved")
		}
		job := db.ImportJob.Query().OnlyX(sys)
		if job.State != importjob.StateFailed || job.ErrorCount != 2 || db.ImportCellError.Query().CountX(sys) != 2 {
			t.Errorf("failed import = %+v", job)
		}
		// Deterministic: the same seed gives the same first student.
		first := db.Student.Query().Order(student.ByID()).FirstX(sys)
		db2 := storetest.Open(t, "sqlite")
		if _, err := SeedZhuozhou(ctx, db2.Client); err != nil {
			t.Fatal(err)
		}
		first2 := db2.Student.Query().Order(student.ByID()).FirstX(sys)
		if first.IDNumber != first2.IDNumber || first.Name != first2.Name {
			t.Fatalf("seed is not deterministic: %s %s vs %s %s", first.Name, first.IDNumber, first2.Name, first2.IDNumber)
		}
	})
}
