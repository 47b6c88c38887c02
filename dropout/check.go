package dropout

import (
	"context"
	"fmt"
	"time"

	"sanbao/authz"
	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/checkrun"
	"sanbao/fielderr"
)

// The checks (四查三比对) the ledgers come from. Each is one set-based
// statement over a division's subtree: it opens a case for every child found
// who has no open case (ON CONFLICT on the one-open-case index, so a check
// run twice, or with a report at the same moment, opens nothing twice).
var (
	// 户籍比学籍: children of compulsory age registered in the area, enrolled
	// in no school sanbao knows and not recorded as studying elsewhere.
	unenrolledSQL = `FROM students s
	WHERE s.village_code BETWEEN $1 AND $2
	AND s.birth_date > $3 AND s.birth_date <= $4
	AND s.school_id IS NULL AND s.outside_division_id IS NULL
	AND (s.outside_school_name IS NULL OR s.outside_school_name = '')
	AND s.enrollment_status NOT IN ('SUSPENDED', 'GRADUATED')` + notClosedSince
	// 学籍比在校: students reported absent (an open report) since the
	// threshold date or before.
	absenceSQL = `FROM absence_reports a JOIN students s ON s.id = a.student_id
	WHERE a.status = 'OPEN' AND a.absent_since <= $3
	AND (a.village_code BETWEEN $1 AND $2
	  OR a.school_id IN (SELECT o.id FROM orgs o WHERE o.division_code BETWEEN $1 AND $2))
	AND NOT EXISTS (SELECT 1 FROM dropout_cases d WHERE d.absence_report_id = a.id)`
	// 辍学比脱贫户: dropouts (confirmed or suspected, any age) whose
	// households have exited poverty.
	liftedSQL = `FROM students s JOIN households h ON h.id = s.household_id
	WHERE s.village_code BETWEEN $1 AND $2
	AND s.enrollment_status IN ('DROPOUT', 'SUSPECTED_DROPOUT') AND h.status = 'LIFTED'` + notClosedSince
)

// notClosedSince leaves out a child whose case was closed after their
// record last changed: the closing (returned, studying elsewhere, over age)
// answers the finding until the registry says something new.
const notClosedSince = `
	AND NOT EXISTS (SELECT 1 FROM dropout_cases d WHERE d.student_id = s.id
	  AND d.status = 'CLOSED' AND d.closed_at >= s.updated_at)`

// Config sets the checks' thresholds.
type Config struct {
	// AbsenceDays: an open absence of this many days or more is a finding.
	AbsenceDays int
}

// DefaultConfig: three days absent is when the school reports to the county.
var DefaultConfig = Config{AbsenceDays: 3}

// Kinds are the checks in the order they run.
var Kinds = []checkrun.Kind{checkrun.KindUnenrolled, checkrun.KindAbsence, checkrun.KindLifted}

// KindLabels name the checks as the ministry's notice does.
var KindLabels = map[checkrun.Kind]string{
	checkrun.KindUnenrolled: "户籍比学籍：适龄未入学",
	checkrun.KindAbsence:    "学籍比在校：缺勤未返校",
	checkrun.KindLifted:     "辍学比脱贫户",
}

// SchoolAge is the compulsory-age band at cutoff: born after lo and on or
// before hi (6 to 15 years old on the cut-off date).
func SchoolAge(cutoff time.Time) (lo, hi time.Time) {
	d := time.Date(cutoff.Year(), cutoff.Month(), cutoff.Day(), 0, 0, 0, 0, time.UTC)
	return d.AddDate(-16, 0, 0), d.AddDate(-6, 0, 0)
}

// Run runs one check over the division code for the viewer in ctx, who must
// hold the check permission over its whole subtree.
func Run(ctx context.Context, c *ent.Client, kind checkrun.Kind, code, cutoff string, cfg Config, now time.Time) (*ent.CheckRun, error) {
	v := authz.FromContext(ctx)
	if v == nil || v.PersonID == 0 {
		return nil, authz.ErrDenied
	}
	if len(code) != 12 || divcode.LevelOf(code) == "" {
		return nil, fielderr.New("divisionCode", "应为 12 位区划代码")
	}
	if !authz.MayCheck(ctx, code) {
		return nil, authz.ErrDenied
	}
	if cutoff == "" {
		cutoff = DefaultCutoff(now)
	}
	if _, err := time.Parse("2006-01-02", cutoff); err != nil {
		return nil, fielderr.New("cutoff", "日期应为 YYYY-MM-DD")
	}
	id := v.PersonID
	return run(authz.System(ctx), c, kind, code, cutoff, &id, cfg, now)
}

// RunScheduled runs every check over a division as sanbao itself (the
// schedule), each in its own transaction.
func RunScheduled(ctx context.Context, c *ent.Client, code string, cfg Config, now time.Time) error {
	sys := authz.System(ctx)
	for _, k := range Kinds {
		tx, err := c.Tx(sys)
		if err != nil {
			return err
		}
		if _, err := run(sys, tx.Client(), k, code, DefaultCutoff(now), nil, cfg, now); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// DefaultCutoff is 31 August of the school year now is in: the date China's
// primary schools take six-year-olds by.
func DefaultCutoff(now time.Time) string {
	d := now.In(China)
	y := d.Year()
	if d.Month() < time.September {
		y--
	}
	return fmt.Sprintf("%d-08-31", y)
}

func run(sys context.Context, c *ent.Client, kind checkrun.Kind, code, cutoff string, by *int, cfg Config, now time.Time) (*ent.CheckRun, error) {
	cr, err := c.CheckRun.Create().SetKind(kind).SetDivisionCode(code).SetCutoff(cutoff).
		SetStartedAt(now).SetNillableRunByID(by).Save(sys)
	if err != nil {
		return nil, err
	}
	r := divcode.SubtreeOf(code)
	var from, caseKind, reportID string
	args := []any{r.Lo, r.Hi}
	switch kind {
	case checkrun.KindUnenrolled:
		cut, _ := time.Parse("2006-01-02", cutoff)
		lo, hi := SchoolAge(cut)
		from, caseKind, reportID = unenrolledSQL, "'SUSPECTED'", "NULL"
		args = append(args, lo, hi)
	case checkrun.KindAbsence:
		since := now.In(China).AddDate(0, 0, -cfg.AbsenceDays).Format("2006-01-02")
		from, caseKind, reportID = absenceSQL, "'SUSPECTED'", "a.id"
		args = append(args, since)
	case checkrun.KindLifted:
		from, reportID = liftedSQL, "NULL"
		caseKind = "CASE WHEN s.enrollment_status = 'DROPOUT' THEN 'DROPOUT' ELSE 'SUSPECTED' END"
	default:
		return nil, fielderr.New("kind", "未知的核查类型")
	}
	var found int
	rows, err := c.QueryContext(sys, "SELECT COUNT(*) "+from, args...)
	if err != nil {
		return nil, err
	}
	if rows.Next() {
		err = rows.Scan(&found)
	}
	rows.Close()
	if err != nil {
		return nil, err
	}
	n := len(args)
	ins := fmt.Sprintf(`INSERT INTO dropout_cases (student_id, village_code, school_id, kind, source,
	check_run_id, absence_report_id, status, opened_at, created_at, updated_at, responsible_id)
	SELECT s.id, s.village_code, s.school_id, %s, $%d, $%d, %s, 'OPEN', $%d, $%d, $%d, s.contact_person_id %s
	ON CONFLICT (student_id) WHERE status = 'OPEN' DO NOTHING`, caseKind, n+1, n+2, reportID, n+3, n+3, n+3, from)
	res, err := c.ExecContext(sys, ins, append(args, "CHECK_"+string(kind), cr.ID, now)...)
	if err != nil {
		return nil, fmt.Errorf("dropout: check %s: %w", kind, err)
	}
	opened, err := res.RowsAffected()
	if err != nil {
		return nil, err
	}
	return c.CheckRun.UpdateOneID(cr.ID).SetFound(found).SetOpened(int(opened)).Save(sys)
}

// RunOne runs one check as sanbao itself (benchmarks, the schedule).
func RunOne(sys context.Context, c *ent.Client, kind checkrun.Kind, code, cutoff string, cfg Config, now time.Time) (*ent.CheckRun, error) {
	return run(authz.System(sys), c, kind, code, cutoff, nil, cfg, now)
}
