package dropout_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"sanbao/authz"
	"sanbao/dropout"
	"sanbao/ent/checkrun"
	"sanbao/internal/fixture"
	"sanbao/store/storetest"
)

// BenchmarkUnenrolledCheck runs the school-age check (户籍比学籍) over a
// county of DROPOUT_BENCH_STUDENTS students (default 1,000,000) in half as
// many households on PostgreSQL: about 1% of children in no school, 10%
// outside the county. The first run opens every case; later runs find the
// same children and open nothing.
func BenchmarkUnenrolledCheck(b *testing.B) {
	students := 1_000_000
	if s := os.Getenv("DROPOUT_BENCH_STUDENTS"); s != "" {
		students, _ = strconv.Atoi(s)
	}
	db := storetest.Open(b, "postgres")
	f := fixture.BuildSmall(b, db)
	ctx := context.Background()
	start := time.Now()
	for i, q := range []string{
		`INSERT INTO households (created_at, updated_at, number, head_name, village_id, village_code, status, dibao, tekun, disabled, last_contact_on)
		 SELECT now(), now(), 'B' || i, '户主', $1, $2, CASE WHEN i % 3 = 0 THEN 'LIFTED' ELSE 'NOT_LIFTED' END, false, false, false, ''
		 FROM generate_series(1, $3::int / 2) i`,
		`INSERT INTO students (created_at, updated_at, name, id_number, gender, birth_date, village_code, stage, enrollment_status,
		   boarding, disabled, left_behind, migrant, ethnic_minority, last_contact_on, household_id, school_id, outside_school_name)
		 SELECT now(), now(), '学生', lpad(i::text, 17, '0') || 'X', 'MALE', timestamptz '2005-01-01' + (i % 6500) * interval '1 day', $1,
		   'PRIMARY', CASE WHEN i % 100 = 0 THEN 'NOT_ENROLLED' ELSE 'ENROLLED' END, false, false, false, false, false, '',
		   (SELECT min(id) FROM households WHERE number LIKE 'B%') + (i % ($2::int / 2)),
		   CASE WHEN i % 100 = 0 OR i % 10 = 1 THEN NULL WHEN i % 2 = 0 THEN $3::bigint ELSE $4::bigint END,
		   CASE WHEN i % 10 = 1 THEN '县外学校' ELSE '' END
		 FROM generate_series(1, $2::int) i`,
		`ANALYZE`,
	} {
		args := [][]any{{f.V1.ID, f.V1.Code, students}, {f.V1.Code, students, f.C1.ID, f.C2.ID}, nil}[i]
		if _, err := db.SQL.ExecContext(ctx, q, args...); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("generated %d students in %s", students, time.Since(start).Round(time.Millisecond))
	sys := authz.System(ctx)
	now := time.Date(2026, 11, 10, 1, 0, 0, 0, time.UTC)
	b.ResetTimer()
	for i := range b.N {
		tx, err := db.Tx(sys)
		if err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		r, err := dropout.RunOne(sys, tx.Client(), checkrun.KindUnenrolled, fixture.Zhuozhou, "2026-08-31", dropout.DefaultConfig, now)
		if err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
		b.Logf("run %d: found %d, opened %d in %s", i, r.Found, r.Opened, time.Since(t0).Round(time.Millisecond))
	}
}
