package coverage

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"entgo.io/ent"

	"sanbao/authz"
	gen "sanbao/ent"
	"sanbao/ent/hook"
	"sanbao/ent/household"
	"sanbao/ent/student"
)

// The province-wide roll-up cannot count a million students on the fly in
// time (≈2 s on two cores, even in hand-written SQL), so the counts that do not
// depend on the calendar are kept per village in coverage_villages: registered
// households and how many have a guarantor (包户), students needing a contact
// person and how many have one (包人). Hooks on households and students
// recount the villages a write touches, for every writer; villages (包村) are
// counted from the divisions and "contacted this month" from an index on the
// households, both fast enough live. The table is sanbao's own, created and
// filled by Migrate.

const (
	createVillages = `CREATE TABLE IF NOT EXISTS coverage_villages (
	village_code varchar(12) NOT NULL PRIMARY KEY,
	households integer NOT NULL DEFAULT 0,
	guaranteed integer NOT NULL DEFAULT 0,
	students integer NOT NULL DEFAULT 0,
	with_contact integer NOT NULL DEFAULT 0
)`
	createState = `CREATE TABLE IF NOT EXISTS coverage_state (id integer NOT NULL PRIMARY KEY, version integer NOT NULL)`
	// stateVersion changes when the counts' definition does; Migrate then
	// rebuilds the table.
	stateVersion = 1

	registeredSQL = `('NOT_LIFTED', 'LIFTED')`
	// needsSQL is NeedsContact for students aliased st.
	needsSQL = `st.enrollment_status <> 'GRADUATED' AND (st.enrollment_status IN ('DROPOUT', 'SUSPECTED_DROPOUT')
		OR EXISTS (SELECT 1 FROM households hh WHERE hh.id = st.household_id AND hh.status IN ` + registeredSQL + `))`

	rebuildSQL = `INSERT INTO coverage_villages (village_code, households, guaranteed, students, with_contact)
SELECT k, SUM(h), SUM(g), SUM(s), SUM(c) FROM (
	SELECT village_code AS k, COUNT(*) AS h, COUNT(guarantor_id) AS g, 0 AS s, 0 AS c
	FROM households WHERE status IN ` + registeredSQL + ` GROUP BY village_code
	UNION ALL
	SELECT st.village_code, 0, 0, COUNT(*), COUNT(st.contact_person_id)
	FROM students st WHERE ` + needsSQL + ` GROUP BY st.village_code
) x GROUP BY k`

	// lockSQL takes the villages' rows first, in code order, so that two
	// writers in one village recount one after the other, each seeing the
	// other's rows.
	lockSQL = `INSERT INTO coverage_villages (village_code) VALUES %s ON CONFLICT (village_code) DO UPDATE SET households = coverage_villages.households`
	// recountSQL counts each listed village afresh from the index on village_code.
	recountSQL = `UPDATE coverage_villages SET
	households = (SELECT COUNT(*) FROM households h WHERE h.village_code = coverage_villages.village_code AND h.status IN ` + registeredSQL + `),
	guaranteed = (SELECT COUNT(h.guarantor_id) FROM households h WHERE h.village_code = coverage_villages.village_code AND h.status IN ` + registeredSQL + `),
	students = (SELECT COUNT(*) FROM students st WHERE st.village_code = coverage_villages.village_code AND ` + needsSQL + `),
	with_contact = (SELECT COUNT(st.contact_person_id) FROM students st WHERE st.village_code = coverage_villages.village_code AND ` + needsSQL + `)
WHERE village_code IN (%s)`
)

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Migrate creates the counts table and fills it when it is new or its
// definition changed.
func Migrate(ctx context.Context, c execer) error {
	for _, q := range []string{createVillages, createState} {
		if _, err := c.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("coverage: %w", err)
		}
	}
	rows, err := c.QueryContext(ctx, "SELECT version FROM coverage_state WHERE id = 1")
	if err != nil {
		return err
	}
	v := 0
	for rows.Next() {
		rows.Scan(&v)
	}
	rows.Close()
	if v == stateVersion {
		return nil
	}
	if err := Rebuild(ctx, c); err != nil {
		return err
	}
	if _, err := c.ExecContext(ctx, "DELETE FROM coverage_state"); err != nil {
		return err
	}
	_, err = c.ExecContext(ctx, "INSERT INTO coverage_state (id, version) VALUES (1, $1)", stateVersion)
	return err
}

// Rebuild recounts every village from the households and students, for data
// loaded around the hooks (the bench generator's COPY).
func Rebuild(ctx context.Context, c execer) error {
	if _, err := c.ExecContext(ctx, "DELETE FROM coverage_villages"); err != nil {
		return err
	}
	_, err := c.ExecContext(ctx, rebuildSQL)
	return err
}

// Recount recounts the villages (repeats and empty codes are skipped), a
// few hundred per statement. The hooks call it for each write; bulk writers
// that run under Deferred call it once at the end with every village they
// touched.
func Recount(ctx context.Context, c *gen.Client, codes []string) error {
	sort.Strings(codes)
	var uniq []any
	for i, code := range codes {
		if code != "" && (i == 0 || codes[i-1] != code) {
			uniq = append(uniq, code)
		}
	}
	for len(uniq) > 0 {
		chunk := uniq[:min(len(uniq), 500)]
		uniq = uniq[len(chunk):]
		values := make([]string, len(chunk))
		list := make([]string, len(chunk))
		for i := range chunk {
			list[i] = "$" + strconv.Itoa(i+1)
			values[i] = "(" + list[i] + ")"
		}
		for _, q := range []string{fmt.Sprintf(lockSQL, strings.Join(values, ", ")), fmt.Sprintf(recountSQL, strings.Join(list, ", "))} {
			if _, err := c.ExecContext(ctx, q, chunk...); err != nil {
				return fmt.Errorf("coverage: recount %d villages: %w", len(chunk), err)
			}
		}
	}
	return nil
}

type deferKey struct{}

// Deferred marks ctx as a bulk load (the demo county, a generator, an
// import): the hooks leave the counts alone and the loader calls Rebuild (or
// Recount with the villages it touched) once at the end, in the same
// transaction, instead of recounting villages row by row.
func Deferred(ctx context.Context) context.Context { return context.WithValue(ctx, deferKey{}, true) }

func deferred(ctx context.Context) bool { d, _ := ctx.Value(deferKey{}).(bool); return d }

func changes(fields, cleared []string, watched ...string) bool {
	for _, f := range append(fields, cleared...) {
		for _, w := range watched {
			if f == w {
				return true
			}
		}
	}
	return false
}

// MaintainHouseholds recounts the villages of households whose registration,
// guarantor or village changes.
func MaintainHouseholds(next ent.Mutator) ent.Mutator {
	return hook.HouseholdFunc(func(ctx context.Context, m *gen.HouseholdMutation) (ent.Value, error) {
		if deferred(ctx) || !changes(m.Fields(), m.ClearedFields(), household.FieldStatus, household.FieldGuarantorID,
			household.FieldVillageCode, household.FieldVillageID) {
			return next.Mutate(ctx, m)
		}
		sys := authz.System(ctx)
		var codes []string
		var ids []int
		if !m.Op().Is(ent.OpCreate) {
			var err error
			if ids, err = m.IDs(sys); err != nil {
				return nil, err
			}
			if len(ids) == 0 {
				return next.Mutate(ctx, m)
			}
			if codes, err = m.Client().Household.Query().Where(household.IDIn(ids...)).
				Select(household.FieldVillageCode).Strings(sys); err != nil {
				return nil, err
			}
		}
		v, err := next.Mutate(ctx, m)
		if err != nil {
			return v, err
		}
		if code, ok := m.VillageCode(); ok {
			codes = append(codes, code)
		}
		return v, Recount(sys, m.Client(), codes)
	})
}

// MaintainStudents recounts the villages of students whose enrollment
// status, household, contact person or village changes.
func MaintainStudents(next ent.Mutator) ent.Mutator {
	return hook.StudentFunc(func(ctx context.Context, m *gen.StudentMutation) (ent.Value, error) {
		if deferred(ctx) || !changes(m.Fields(), m.ClearedFields(), student.FieldEnrollmentStatus, student.FieldHouseholdID,
			student.FieldContactPersonID, student.FieldVillageCode) {
			return next.Mutate(ctx, m)
		}
		sys := authz.System(ctx)
		var codes []string
		if !m.Op().Is(ent.OpCreate) {
			ids, err := m.IDs(sys)
			if err != nil {
				return nil, err
			}
			if len(ids) == 0 {
				return next.Mutate(ctx, m)
			}
			if codes, err = m.Client().Student.Query().Where(student.IDIn(ids...)).
				Select(student.FieldVillageCode).Strings(sys); err != nil {
				return nil, err
			}
		}
		v, err := next.Mutate(ctx, m)
		if err != nil {
			return v, err
		}
		if code, ok := m.VillageCode(); ok {
			codes = append(codes, code)
		}
		return v, Recount(sys, m.Client(), codes)
	})
}
