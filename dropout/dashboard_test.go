package dropout_test

import (
	"context"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"sanbao/auth"
	"sanbao/authz"
	"sanbao/dropout"
	"sanbao/ent/checkrun"
	"sanbao/ent/dropoutcase"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

// TestDashboard checks the 零辍学 figures on the fixture, per township and
// per school, what a narrower viewer and an outsider get, and that the
// statements do not depend on the rows.
func TestDashboard(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		c := db.Client
		admin := as(t, db, w.Admin)
		for _, k := range []checkrun.Kind{checkrun.KindUnenrolled, checkrun.KindLifted} {
			if _, err := dropout.Run(admin, c, k, fixture.Zhuozhou, "", dropout.DefaultConfig, now); err != nil {
				t.Fatal(err)
			}
		}
		// S3 suspected since 40 days ago (long open); the child studying nowhere found, then closed.
		if _, err := dropout.OpenCase(as(t, db, w.P1), c, w.S3.ID, dropoutcase.KindSuspected, dropoutcase.SourceManual, now.AddDate(0, 0, -40)); err != nil {
			t.Fatal(err)
		}
		nowhere := c.DropoutCase.Query().Where(dropoutcase.StudentID(w.Nowhere.ID)).OnlyX(authz.System(admin))
		reason := dropoutcase.CloseReasonStudyingElsewhere
		if _, err := dropout.CloseCase(admin, c, dropout.CloseInput{CaseID: nowhere.ID, Reason: &reason, Date: "2026-11-10", Note: "在外省就读"}, now); err != nil {
			t.Fatal(err)
		}
		// S1 absent since today; S4 reported four days ago, every step late.
		t1 := as(t, db, w.T1)
		if _, err := dropout.ReportAbsence(t1, c, dropout.AbsenceInput{UUID: uuid(21), StudentID: w.S1.ID, AbsentSince: "2026-11-10"}, now); err != nil {
			t.Fatal(err)
		}
		if _, err := dropout.ReportAbsence(t1, c, dropout.AbsenceInput{UUID: uuid(22), StudentID: w.S4.ID, AbsentSince: "2026-11-06"}, now.Add(-96*time.Hour)); err != nil {
			t.Fatal(err)
		}

		cdb, n := store.Counting(db)
		d, err := dropout.DashboardForDivision(admin, cdb.Client, fixture.Zhuozhou, now, true)
		if err != nil {
			t.Fatal(err)
		}
		if n.N() != 5 {
			t.Errorf("%d statements with schools, want 5", n.N())
		}
		t1Row := dropout.Counts{SchoolAge: 7, Studying: 4, Nowhere: 1, Suspected: 1, Dropouts: 1, LongOpen: 1,
			ClosedThisTerm: 1, AbsencesOpen: 2, AbsencesOverdue: 1}
		want := map[string]dropout.Counts{"130681100000": t1Row, "130681101000": {SchoolAge: 1}}
		if len(d.Children) != 2 {
			t.Fatalf("children %+v", d.Children)
		}
		for _, r := range d.Children {
			if r.Counts != want[r.Key] || r.Label == "" {
				t.Errorf("%s %s: %+v, want %+v", r.Key, r.Label, r.Counts, want[r.Key])
			}
		}
		total := t1Row
		total.SchoolAge++
		if d.Total.Counts != total || d.Total.Label != "涿州市" {
			t.Errorf("total %+v", d.Total)
		}
		wantSchools := map[int]dropout.Counts{
			w.C1.ID: {SchoolAge: 3, Studying: 2, Suspected: 1, LongOpen: 1, AbsencesOpen: 2, AbsencesOverdue: 1},
			w.C2.ID: {SchoolAge: 3, Studying: 1, Dropouts: 1},
		}
		if len(d.Schools) != 2 {
			t.Fatalf("schools %+v", d.Schools)
		}
		for _, r := range d.Schools {
			if r.School == nil || r.Counts != wantSchools[r.School.ID] {
				t.Errorf("school %s: %+v", r.Label, r.Counts)
			}
		}
		n.Reset()
		if _, err := dropout.DashboardForDivision(admin, cdb.Client, fixture.Zhuozhou, now, false); err != nil || n.N() != 4 {
			t.Errorf("%d statements without schools (%v), want 4", n.N(), err)
		}

		s, err := dropout.DashboardForSchool(as(t, db, w.P1), c, w.C1.ID, now)
		if err != nil || s.Total.Counts != wantSchools[w.C1.ID] {
			t.Errorf("C1 for its principal: %+v %v", s, err)
		}

		// C2's principal (码头镇's central school) sees 码头镇's children and
		// C2's students: of 松林店镇 only S2 and the dropout enrolled at C2.
		d, err = dropout.DashboardForDivision(as(t, db, w.P2), c, fixture.Zhuozhou, now, false)
		if err != nil {
			t.Fatal(err)
		}
		want = map[string]dropout.Counts{"130681100000": {SchoolAge: 2, Studying: 1, Dropouts: 1}, "130681101000": {SchoolAge: 1}}
		for _, r := range d.Children {
			if r.Counts != want[r.Key] {
				t.Errorf("for C2's principal %s: %+v, want %+v", r.Label, r.Counts, want[r.Key])
			}
		}

		// Someone holding no position sees nothing, not even counts.
		out := c.Person.Create().SetName("路人").SetPhone("13900000099").SetPasswordHash("x").SaveX(authz.System(admin))
		sv := &auth.Service{Client: c, Policy: authz.Default()}
		v, err := sv.PersonViewer(context.Background(), out.ID)
		if err != nil {
			t.Fatal(err)
		}
		octx := authz.NewContext(context.Background(), v)
		d, err = dropout.DashboardForDivision(octx, c, fixture.Zhuozhou, now, true)
		if err != nil {
			t.Fatal(err)
		}
		if d.Total.Counts != (dropout.Counts{}) || len(d.Children) != 0 || len(d.Schools) != 0 {
			t.Errorf("outsider got %+v", d)
		}
		s, err = dropout.DashboardForSchool(octx, c, w.C1.ID, now)
		if err != nil || s.Total.Counts != (dropout.Counts{}) {
			t.Errorf("outsider got school %+v %v", s, err)
		}
	})
}

// BenchmarkDashboard times the county's dashboard (with the schools) for its
// director over DROPOUT_DASH_STUDENTS students (default 1,000,000) spread
// over three villages of two townships on PostgreSQL, 1% with an open case
// and 0.5% with an open absence report whose steps are late.
func BenchmarkDashboard(b *testing.B) {
	students := 1_000_000
	if s := os.Getenv("DROPOUT_DASH_STUDENTS"); s != "" {
		students, _ = strconv.Atoi(s)
	}
	db := storetest.Open(b, "postgres")
	f := fixture.BuildSmall(b, db)
	ctx := context.Background()
	start := time.Now()
	for i, q := range []string{
		`INSERT INTO households (created_at, updated_at, number, head_name, village_id, village_code, status, dibao, tekun, disabled, last_contact_on)
		 SELECT now(), now(), 'B' || i, '户主', $1, $2, 'NOT_LIFTED', false, false, false, '' FROM generate_series(1, $3::int / 2) i`,
		`INSERT INTO students (created_at, updated_at, name, id_number, gender, birth_date, village_code, stage, enrollment_status,
		   boarding, disabled, left_behind, migrant, ethnic_minority, last_contact_on, household_id, school_id)
		 SELECT now(), now(), '学生', lpad(i::text, 17, '0') || 'X', 'MALE', timestamptz '2005-01-01' + (i % 6500) * interval '1 day',
		   (ARRAY[$1, $2, $3])[1 + i % 3], 'PRIMARY', CASE WHEN i % 100 = 0 THEN 'NOT_ENROLLED' ELSE 'ENROLLED' END,
		   false, false, false, false, false, '', (SELECT min(id) FROM households WHERE number LIKE 'B%') + (i % ($4::int / 2)),
		   CASE WHEN i % 100 = 0 THEN NULL WHEN i % 2 = 0 THEN $5::bigint ELSE $6::bigint END
		 FROM generate_series(1, $4::int) i`,
		`INSERT INTO dropout_cases (created_at, updated_at, student_id, village_code, school_id, kind, source, status, opened_at)
		 SELECT now(), now(), id, village_code, school_id, CASE WHEN id % 3 = 0 THEN 'DROPOUT' ELSE 'SUSPECTED' END, 'MANUAL', 'OPEN', now()
		 FROM students WHERE id % 100 = 7`,
		`INSERT INTO absence_reports (uuid, student_id, village_code, school_id, absent_since, reported_at, status, reported_by_id)
		 SELECT '00000000-0000-4000-8000-' || lpad(id::text, 12, '0'), id, village_code, school_id, '2026-11-01', now() - interval '4 days', 'OPEN', $1
		 FROM students WHERE id % 200 = 3`,
		`INSERT INTO absence_steps (report_id, student_id, village_code, school_id, kind, due_at)
		 SELECT r.id, r.student_id, r.village_code, r.school_id, k, r.reported_at + interval '1 day'
		 FROM absence_reports r, unnest(ARRAY['HOME_VISIT', 'SCHOOL_OFFICE', 'JOINT_VISIT', 'COUNTY_REPORT']) k`,
		`ANALYZE`,
	} {
		args := [][]any{{f.V1.ID, f.V1.Code, students}, {f.V1.Code, f.V2.Code, f.V4.Code, students, f.C1.ID, f.C2.ID},
			nil, {f.T1.ID}, nil, nil}[i]
		if _, err := db.SQL.ExecContext(ctx, q, args...); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("generated %d students in %s", students, time.Since(start).Round(time.Millisecond))
	admin := as(b, db, f.Admin)
	cdb, n := store.Counting(db)
	var times []time.Duration
	b.ResetTimer()
	for range b.N {
		n.Reset()
		t0 := time.Now()
		d, err := dropout.DashboardForDivision(admin, cdb.Client, fixture.Zhuozhou, time.Now(), true)
		if err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(t0))
		if d.Total.SchoolAge == 0 || d.Total.AbsencesOverdue == 0 {
			b.Fatalf("nothing counted: %+v", d.Total)
		}
		b.ReportMetric(float64(n.N()), "statements/op")
	}
	slices.Sort(times)
	b.Logf("%d runs with schools: median %s, p95 %s", len(times), times[len(times)/2], times[len(times)*95/100])
	// The home card asks for the totals only: no per-school statements.
	times = times[:0]
	for range b.N {
		t0 := time.Now()
		if _, err := dropout.DashboardForDivision(admin, db.Client, fixture.Zhuozhou, time.Now(), false); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(t0))
	}
	slices.Sort(times)
	b.Logf("%d runs without schools: median %s, p95 %s", len(times), times[len(times)/2], times[len(times)*95/100])
}
