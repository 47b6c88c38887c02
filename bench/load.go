package main

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"time"

	"sanbao/contactlog"
	"sanbao/coverage"
)

// The tables the generator fills, parents first.
var loadTables = []string{"persons", "divisions", "orgs", "positions", "households", "students", "assignments", "contacts"}

// bases maps a table to the first ID of its range (ent global unique IDs).
type bases map[string]int64

// readBases reads each table's identity start from PostgreSQL.
func readBases(ctx context.Context, db *sql.DB) (bases, error) {
	b := bases{}
	for _, t := range loadTables {
		var start int64
		err := db.QueryRowContext(ctx, `SELECT s.start_value FROM pg_sequences s
			WHERE format('%I.%I', s.schemaname, s.sequencename)::regclass = pg_get_serial_sequence($1, 'id')::regclass`, t).Scan(&start)
		if err != nil {
			return nil, fmt.Errorf("identity start of %s: %w", t, err)
		}
		b[t] = start
	}
	return b, nil
}

func (b bases) id(table string, local int64) int64 { return b[table] + local - 1 }

// ref is a nullable reference: NULL for 0.
func (b bases) ref(table string, local int64) any {
	if local == 0 {
		return nil
	}
	return b.id(table, local)
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return int64(n)
}

// ddl is a secondary index or constraint dropped for the load, to be rebuilt.
type ddl struct {
	Table, Name, Kind, Def string // Kind: index | constraint
	FK                     bool
}

// secondaryDDL lists the secondary indexes, unique and foreign-key
// constraints of the loaded tables (not primary keys).
func secondaryDDL(ctx context.Context, db *sql.DB) ([]ddl, error) {
	var out []ddl
	rows, err := db.QueryContext(ctx, `SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid), c.contype = 'f'
		FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid LEFT JOIN pg_class r ON r.oid = c.confrelid
		WHERE t.relnamespace = current_schema()::regnamespace AND c.contype IN ('f', 'u')
		  AND (t.relname = ANY($1) OR c.contype = 'f' AND r.relname = ANY($1))
		ORDER BY c.contype DESC, c.conname`, pqArray(loadTables))
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var d ddl
		if err := rows.Scan(&d.Table, &d.Name, &d.Def, &d.FK); err != nil {
			return nil, err
		}
		d.Kind = "constraint"
		out = append(out, d)
	}
	rows.Close()
	rows, err = db.QueryContext(ctx, `SELECT t.relname, i.relname, pg_get_indexdef(i.oid)
		FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
		WHERE t.relnamespace = current_schema()::regnamespace AND NOT x.indisprimary AND t.relname = ANY($1)
		  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
		ORDER BY t.relname, i.relname`, pqArray(loadTables))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		d := ddl{Kind: "index"}
		if err := rows.Scan(&d.Table, &d.Name, &d.Def); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

func pqArray(ss []string) string { return "{" + strings.Join(ss, ",") + "}" }

func (d ddl) drop() string {
	if d.Kind == "index" {
		return fmt.Sprintf("DROP INDEX %q", d.Name)
	}
	return fmt.Sprintf("ALTER TABLE %s DROP CONSTRAINT %q", d.Table, d.Name)
}

func (d ddl) create() string {
	if d.Kind == "index" {
		return d.Def
	}
	return fmt.Sprintf("ALTER TABLE %s ADD CONSTRAINT %q %s", d.Table, d.Name, d.Def)
}

// loadStats is what a load took.
type loadStats struct {
	Rows          int
	PerTable      map[string]int
	Generate      time.Duration
	Copy          time.Duration
	Rebuild       time.Duration // indexes and constraints
	Aggregates    time.Duration // coverage counts
	Analyze       time.Duration
	DroppedDDL    int
	DropIndexes   bool
	Jobs          int
	DatabaseBytes int64
}

// loadOptions choose the load strategy.
type loadOptions struct {
	DropIndexes bool // drop secondary indexes and constraints, COPY FREEZE, rebuild
	Jobs        int  // tables loaded at once (only with DropIndexes)
}

// load writes the world into an empty, migrated database.
func load(ctx context.Context, db *sql.DB, w *world, hash string, o loadOptions, logf func(string, ...any)) (*loadStats, error) {
	b, err := readBases(ctx, db)
	if err != nil {
		return nil, err
	}
	st := &loadStats{PerTable: map[string]int{}, DropIndexes: o.DropIndexes, Jobs: 1}
	var dropped []ddl
	if o.DropIndexes {
		if dropped, err = secondaryDDL(ctx, db); err != nil {
			return nil, err
		}
		for _, d := range dropped {
			if _, err := db.ExecContext(ctx, d.drop()); err != nil {
				return nil, fmt.Errorf("%s: %w", d.drop(), err)
			}
		}
		st.DroppedDDL = len(dropped)
		st.Jobs = max(o.Jobs, 1)
	}
	jobs := w.copyJobs(b, hash)
	start := time.Now()
	if err := runCopies(ctx, db, jobs, st, o.DropIndexes, logf); err != nil {
		return nil, err
	}
	st.Copy = time.Since(start)
	for _, j := range jobs {
		st.Rows += j.n
		st.PerTable[j.table] = j.n
	}
	logf("copied %d rows in %v (%.0f rows/s)", st.Rows, st.Copy.Round(time.Millisecond), float64(st.Rows)/st.Copy.Seconds())

	if len(dropped) > 0 {
		start = time.Now()
		if err := rebuild(ctx, db, dropped, st.Jobs); err != nil {
			return nil, err
		}
		st.Rebuild = time.Since(start)
		logf("rebuilt %d indexes and constraints in %v", len(dropped), st.Rebuild.Round(time.Millisecond))
	}
	// The maintained coverage counts, as sanbao's hooks would have kept them.
	start = time.Now()
	if err := coverage.Rebuild(ctx, db); err != nil {
		return nil, fmt.Errorf("coverage counts: %w", err)
	}
	st.Aggregates = time.Since(start)
	logf("coverage counts rebuilt in %v", st.Aggregates.Round(time.Millisecond))
	// Sequences continue after the loaded IDs, so the API can create rows.
	for _, t := range loadTables {
		if _, err := db.ExecContext(ctx, fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', 'id'), GREATEST((SELECT max(id) FROM %s), $1::bigint))`, t, t), b[t]); err != nil {
			return nil, fmt.Errorf("sequence of %s: %w", t, err)
		}
	}
	// JIT compilation costs 300-500 ms per statement here for roll-ups that
	// run in tens of milliseconds (jit_above_cost is crossed by the
	// province-wide estimates): off for the database, for sanbao and floor alike.
	if _, err := db.ExecContext(ctx, "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET jit = off', current_database()); END $$"); err != nil {
		return nil, err
	}
	start = time.Now()
	if _, err := db.ExecContext(ctx, "ANALYZE"); err != nil {
		return nil, err
	}
	st.Analyze = time.Since(start)
	if err := db.QueryRowContext(ctx, "SELECT pg_database_size(current_database())").Scan(&st.DatabaseBytes); err != nil {
		return nil, err
	}
	return st, nil
}

// rebuild recreates dropped indexes first, then constraints (unique, then
// foreign keys), spread over jobs connections.
func rebuild(ctx context.Context, db *sql.DB, ds []ddl, jobs int) error {
	phase := func(pick func(ddl) bool) error {
		ch := make(chan ddl)
		errs := make(chan error, jobs)
		var wg sync.WaitGroup
		for i := 0; i < jobs; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				conn, err := db.Conn(ctx)
				if err != nil {
					errs <- err
					return
				}
				defer conn.Close()
				if _, err := conn.ExecContext(ctx, "SET maintenance_work_mem = '512MB'"); err != nil {
					errs <- err
					return
				}
				for d := range ch {
					if _, err := conn.ExecContext(ctx, d.create()); err != nil {
						errs <- fmt.Errorf("%s: %w", d.create(), err)
						return
					}
				}
			}()
		}
		for _, d := range ds {
			if pick(d) {
				select {
				case ch <- d:
				case err := <-errs:
					close(ch)
					wg.Wait()
					return err
				}
			}
		}
		close(ch)
		wg.Wait()
		select {
		case err := <-errs:
			return err
		default:
			return nil
		}
	}
	if err := phase(func(d ddl) bool { return !d.FK }); err != nil {
		return err
	}
	return phase(func(d ddl) bool { return d.FK })
}

// copyJob is one table's COPY.
type copyJob struct {
	table string
	cols  []string
	n     int
	row   func(i int, v []any)
}

func runCopies(ctx context.Context, db *sql.DB, jobs []copyJob, st *loadStats, truncate bool, logf func(string, ...any)) error {
	// Largest first, so parallel jobs finish together.
	order := append([]copyJob(nil), jobs...)
	if st.Jobs > 1 {
		for i := range order {
			for j := i + 1; j < len(order); j++ {
				if order[j].n*len(order[j].cols) > order[i].n*len(order[i].cols) {
					order[i], order[j] = order[j], order[i]
				}
			}
		}
	}
	ch := make(chan copyJob)
	errs := make(chan error, st.Jobs)
	var wg sync.WaitGroup
	for i := 0; i < st.Jobs; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range ch {
				t0 := time.Now()
				if err := copyTable(ctx, db, j, truncate); err != nil {
					errs <- fmt.Errorf("COPY %s: %w", j.table, err)
					for range ch {
					}
					return
				}
				d := time.Since(t0)
				logf("  %-12s %9d rows %8v %9.0f rows/s", j.table, j.n, d.Round(time.Millisecond), float64(j.n)/d.Seconds())
			}
		}()
	}
	for _, j := range order {
		ch <- j
	}
	close(ch)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

// copyTable streams one table through COPY … FROM STDIN in one transaction
// (lib/pq: Prepare the COPY statement, Exec per row, a final Exec()). With
// truncate, the table is emptied in the same transaction and loaded with
// FREEZE: rows arrive frozen and all-visible, so no VACUUM is needed before
// index-only scans.
func copyTable(ctx context.Context, db *sql.DB, j copyJob, truncate bool) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "SET LOCAL synchronous_commit = off"); err != nil {
		return err
	}
	opt := ""
	if truncate {
		if _, err := tx.ExecContext(ctx, "TRUNCATE "+j.table); err != nil {
			return err
		}
		opt = " WITH (FREEZE)"
	}
	stmt, err := tx.PrepareContext(ctx, fmt.Sprintf("COPY %s (%s) FROM STDIN%s", j.table, strings.Join(j.cols, ", "), opt))
	if err != nil {
		return err
	}
	v := make([]any, len(j.cols))
	for i := 0; i < j.n; i++ {
		j.row(i, v)
		if _, err := stmt.ExecContext(ctx, v...); err != nil {
			return err
		}
	}
	if _, err := stmt.ExecContext(ctx); err != nil {
		return err
	}
	if err := stmt.Close(); err != nil {
		return err
	}
	return tx.Commit()
}

// copyJobs turns the world into COPY streams with global IDs.
func (w *world) copyJobs(b bases, hash string) []copyJob {
	now := w.now.UTC()
	return []copyJob{
		{"persons", []string{"id", "created_at", "updated_at", "name", "phone", "password_hash", "active"}, len(w.Persons), func(i int, v []any) {
			p := w.Persons[i]
			v[0], v[1], v[2], v[3], v[4], v[5], v[6] = b.id("persons", p.ID), now, now, p.Name, p.Phone, hash, true
		}},
		{"divisions", []string{"id", "code", "name", "level", "parent_id", "guarantor_id"}, len(w.Divisions), func(i int, v []any) {
			d := w.Divisions[i]
			var parent int64
			if d.Parent != nil {
				parent = d.Parent.ID
			}
			v[0], v[1], v[2], v[3], v[4], v[5] = b.id("divisions", d.ID), d.Code, d.Name, d.Level, b.ref("divisions", parent), b.ref("persons", d.GuarantorID)
		}},
		{"orgs", []string{"id", "created_at", "updated_at", "name", "kind", "school_type", "is_central", "division_code", "phone", "address", "division_id", "parent_id"}, len(w.Orgs), func(i int, v []any) {
			o := w.Orgs[i]
			v[0], v[1], v[2], v[3], v[4], v[5] = b.id("orgs", o.ID), now, now, o.Name, o.Kind, nullStr(o.SchoolType)
			v[6], v[7], v[8], v[9], v[10], v[11] = o.Central, o.Division.Code, nil, nil, b.id("divisions", o.Division.ID), b.ref("orgs", o.ParentID)
		}},
		{"positions", []string{"id", "created_at", "updated_at", "role", "grade", "class_name", "person_id", "org_id", "started_at"}, len(w.Positions), func(i int, v []any) {
			p := w.Positions[i]
			v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7] = b.id("positions", p.ID), now, now, p.Role, nullInt(p.Grade), nullStr(p.ClassName), b.id("persons", p.PersonID), b.id("orgs", p.OrgID)
			v[8] = now
		}},
		{"households", []string{"id", "created_at", "updated_at", "number", "head_name", "village_code", "status", "dibao", "tekun", "disabled", "size", "phone", "address", "last_contact_on", "village_id", "guarantor_id"}, len(w.Households), func(i int, v []any) {
			h := w.Households[i]
			v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7] = b.id("households", h.ID), now, now, h.Number, h.HeadName, h.Village.Code, h.Status, h.Dibao
			v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15] = h.Tekun, h.Disabled, int64(h.Size), h.Phone, h.Address, h.LastContactOn, b.id("divisions", h.Village.ID), b.ref("persons", h.GuarantorID)
		}},
		{"students", []string{"id", "created_at", "updated_at", "name", "id_number", "gender", "birth_date", "village_code", "stage", "grade", "class_name", "outside_school_name", "enrollment_status", "boarding", "disabled", "left_behind", "migrant", "ethnic_minority", "last_contact_on", "household_id", "school_id", "outside_division_id", "contact_person_id"}, len(w.Students), func(i int, v []any) {
			s := w.Students[i]
			v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7] = b.id("students", s.ID), now, now, s.Name, s.IDNumber, s.Gender, s.Birth, s.VillageCode
			v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15] = s.Stage, nullInt(s.Grade), nullStr(s.ClassName), nullStr(s.OutsideSchoolName), s.Status, s.Boarding, s.Disabled, s.LeftBehind
			v[16], v[17], v[18], v[19], v[20], v[21], v[22] = s.Migrant, s.Ethnic, s.LastContactOn, b.id("households", s.HouseholdID), b.ref("orgs", s.SchoolID), b.ref("divisions", s.OutsideDivisionID), b.ref("persons", s.ContactPersonID)
		}},
		{"assignments", []string{"id", "kind", "starts_at", "ends_at", "end_reason", "person_id", "assigned_by_id", "village_id", "household_id", "student_id"}, len(w.Assignments), func(i int, v []any) {
			a := w.Assignments[i]
			var ends any
			if a.EndsAt != nil {
				ends = *a.EndsAt
			}
			v[0], v[1], v[2], v[3], v[4] = b.id("assignments", a.ID), a.Kind, a.StartsAt, ends, nullStr(a.EndReason)
			v[5], v[6], v[7], v[8], v[9] = b.id("persons", a.PersonID), b.ref("persons", a.AssignedByID), b.ref("divisions", a.VillageID), b.ref("households", a.HouseholdID), b.ref("students", a.StudentID)
		}},
		{"contacts", []string{"id", "uuid", "date", "mode", "learned_situation", "aid_applied", "policies_explained", "flags", "notes", "created_at", "household_id", "student_id", "person_id", "recorded_by_id"}, len(w.Contacts), func(i int, v []any) {
			c := &w.Contacts[i]
			var aid any
			if c.Aid >= 0 {
				aid = `["` + contactlog.AidKinds[c.Aid] + `"]`
			}
			day, _ := time.ParseInLocation("2006-01-02", c.Date, contactlog.China)
			p := b.id("persons", c.PersonID)
			v[0], v[1], v[2], v[3], v[4], v[5], v[6] = b.id("contacts", int64(i+1)), w.uuid(i), c.Date, modes[c.Mode], true, aid, `["`+contactlog.Policies[c.Policy]+`"]`
			v[7], v[8], v[9], v[10], v[11], v[12], v[13] = nil, nil, day.Add(9*time.Hour).UTC(), b.id("households", c.HouseholdID), b.ref("students", c.StudentID), p, p
		}},
	}
}
