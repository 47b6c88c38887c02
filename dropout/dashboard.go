package dropout

// The 零辍学 dashboard: for a division, its children one level down (and the
// schools in it); for a school, its own figures. Like coverage, each figure
// group is one grouped statement whatever the number of villages, and every
// statement runs under the viewer's scope (the ent privacy filters), so a
// viewer sees counts only of the children they may see.

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"time"

	"entgo.io/ent/dialect/sql"

	"sanbao/coverage"
	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/absencereport"
	"sanbao/ent/absencestep"
	"sanbao/ent/dropoutcase"
	"sanbao/ent/org"
	"sanbao/ent/student"
	"sanbao/term"
)

// LongOpenDays: an open case older than this counts as long open.
const LongOpenDays = 30

// Counts are the dashboard's figures for one place.
type Counts struct {
	SchoolAge       int `json:"school_age"`       // 适龄儿童 on the cut-off date
	Studying        int `json:"studying"`         // of them 在读 at a known school
	Nowhere         int `json:"nowhere"`          // of them studying nowhere known
	Suspected       int `json:"suspected"`        // open 疑似辍学 cases
	Dropouts        int `json:"dropouts"`         // open 辍学 cases
	LongOpen        int `json:"long_open"`        // open cases opened over LongOpenDays ago
	ClosedThisTerm  int `json:"closed_this_term"` // cases closed since the term began
	AbsencesOpen    int `json:"absences_open"`    // absence reports not closed
	AbsencesOverdue int `json:"absences_overdue"` // of them with a step past due
}

func (c *Counts) add(o Counts) {
	c.SchoolAge += o.SchoolAge
	c.Studying += o.Studying
	c.Nowhere += o.Nowhere
	c.Suspected += o.Suspected
	c.Dropouts += o.Dropouts
	c.LongOpen += o.LongOpen
	c.ClosedThisTerm += o.ClosedThisTerm
	c.AbsencesOpen += o.AbsencesOpen
	c.AbsencesOverdue += o.AbsencesOverdue
}

// DashRow is the dashboard of one division or school.
type DashRow struct {
	Key      string // division code or school ID
	Label    string
	Division *ent.Division
	School   *ent.Org
	Counts
}

// Dashboard is a place's figures with its breakdown.
type Dashboard struct {
	Total     DashRow
	Children  []DashRow // one level down the division tree, by the child's village
	Schools   []DashRow // by the school the children are enrolled in
	Cutoff    string
	TermStart time.Time
}

// dashKeys select the rows the grouped statements count and how they key
// them: by the child division the village lies in, by the school enrolled
// in, or both at once. A row outside the village range (or the schools) is
// keyed "" (or 0) for that breakdown, so one scan feeds both.
type dashKeys struct {
	where   func(*sql.Selector) *sql.Predicate
	village func(*sql.Selector) *sql.Predicate // nil: no breakdown by division
	school  func(*sql.Selector) *sql.Predicate // nil: no breakdown by school
	n       int                                // the child division's prefix length
}

// DashboardForDivision reports on the division code (check first that the
// viewer may see it). With schools, also by school enrolled in: the same
// statements, grouped by (child division, school) and summed up here.
func DashboardForDivision(ctx context.Context, c *ent.Client, code string, now time.Time, schools bool) (*Dashboard, error) {
	r := divcode.SubtreeOf(code)
	d := &Dashboard{Total: DashRow{Key: code}}
	inVillages := func(s *sql.Selector) *sql.Predicate {
		return sql.And(sql.GTE(s.C("village_code"), r.Lo), sql.LTE(s.C("village_code"), r.Hi))
	}
	k := dashKeys{where: inVillages, village: inVillages, n: coverage.ChildLen(code)}
	if schools {
		k.school = func(s *sql.Selector) *sql.Predicate {
			t := sql.Table(org.Table)
			sub := sql.Select(t.C(org.FieldID)).From(t).Where(sql.And(
				sql.GTE(t.C(org.FieldDivisionCode), r.Lo), sql.LTE(t.C(org.FieldDivisionCode), r.Hi)))
			return sql.In(s.C("school_id"), sub)
		}
		k.where = func(s *sql.Selector) *sql.Predicate { return sql.Or(inVillages(s), k.school(s)) }
	}
	rows, err := countRows(ctx, c, k, now, d)
	if err != nil {
		return nil, err
	}
	children, bySchool := map[string]*DashRow{}, map[int]*DashRow{}
	for _, x := range rows {
		if x.village != "" {
			if children[x.village] == nil {
				children[x.village] = &DashRow{Key: x.village + "000000000000"[:12-len(x.village)]}
			}
			children[x.village].add(x.Counts)
			d.Total.add(x.Counts)
		}
		if x.school != 0 {
			if bySchool[x.school] == nil {
				bySchool[x.school] = &DashRow{Key: strconv.Itoa(x.school)}
			}
			bySchool[x.school].add(x.Counts)
		}
	}
	for _, x := range children {
		d.Children = append(d.Children, *x)
	}
	sort.Slice(d.Children, func(i, j int) bool { return d.Children[i].Key < d.Children[j].Key })
	for _, x := range bySchool {
		d.Schools = append(d.Schools, *x)
	}
	sort.Slice(d.Schools, func(i, j int) bool { return atoi(d.Schools[i].Key) < atoi(d.Schools[j].Key) })
	return d, nameRows(ctx, c, d)
}

// DashboardForSchool reports on the children enrolled in one school.
func DashboardForSchool(ctx context.Context, c *ent.Client, schoolID int, now time.Time) (*Dashboard, error) {
	d := &Dashboard{Total: DashRow{Key: strconv.Itoa(schoolID)}}
	at := func(s *sql.Selector) *sql.Predicate { return sql.EQ(s.C("school_id"), schoolID) }
	rows, err := countRows(ctx, c, dashKeys{where: at}, now, d)
	if err != nil {
		return nil, err
	}
	for _, x := range rows {
		d.Total.add(x.Counts)
	}
	return d, nil
}

// keyedCounts are the figures of one (child division, school) group.
type keyedCounts struct {
	village string
	school  int
	Counts
}

// countRows runs the three grouped statements (children, cases, absence
// reports), each one scan, and merges their rows by key.
func countRows(ctx context.Context, c *ent.Client, k dashKeys, now time.Time, d *Dashboard) ([]*keyedCounts, error) {
	d.Cutoff = DefaultCutoff(now)
	cut, _ := time.Parse("2006-01-02", d.Cutoff)
	lo, hi := SchoolAge(cut)
	d.TermStart = term.Of(now).Start()
	termStart := d.TermStart.UTC()
	longAgo := now.AddDate(0, 0, -LongOpenDays).UTC()
	rows := map[[2]string]*keyedCounts{}
	row := func(v, s string) *keyedCounts {
		key := [2]string{v, s}
		if rows[key] == nil {
			rows[key] = &keyedCounts{village: v, school: atoi(s)}
		}
		return rows[key]
	}
	where := func(s *sql.Selector) { s.Where(k.where(s)) }
	var ss []struct {
		V        string `json:"dash_v"`
		S        string `json:"dash_s"`
		Total    int    `json:"total"`
		Studying int    `json:"studying"`
		Nowhere  int    `json:"nowhere"`
	}
	err := c.Student.Query().Where(student.BirthDateGT(lo), student.BirthDateLTE(hi), where).
		Modify(func(s *sql.Selector) {
			known := sql.Or(sql.NotNull(s.C(student.FieldSchoolID)), sql.NotNull(s.C(student.FieldOutsideDivisionID)),
				sql.NEQ(fmt.Sprintf("COALESCE(%s, '')", s.C(student.FieldOutsideSchoolName)), ""))
			studying := sql.And(known, sql.EQ(s.C(student.FieldEnrollmentStatus), student.EnrollmentStatusEnrolled))
			nowhere := sql.And(sql.Not(known), sql.NotIn(s.C(student.FieldEnrollmentStatus),
				student.EnrollmentStatusSuspended, student.EnrollmentStatusGraduated))
			selectCounts(s, k, map[string]*sql.Predicate{"studying": studying, "nowhere": nowhere})
		}).Scan(ctx, &ss)
	if err != nil {
		return nil, fmt.Errorf("dropout dashboard: children: %w", err)
	}
	for _, g := range ss {
		x := row(g.V, g.S)
		x.SchoolAge, x.Studying, x.Nowhere = g.Total, g.Studying, g.Nowhere
	}
	var cs []struct {
		V         string `json:"dash_v"`
		S         string `json:"dash_s"`
		Total     int    `json:"total"`
		Suspected int    `json:"suspected"`
		Dropouts  int    `json:"dropouts"`
		LongOpen  int    `json:"long_open"`
		Closed    int    `json:"closed"`
	}
	err = c.DropoutCase.Query().Where(where, dropoutcase.Or(dropoutcase.StatusEQ(dropoutcase.StatusOpen),
		dropoutcase.ClosedAtGTE(termStart))).
		Modify(func(s *sql.Selector) {
			open := sql.EQ(s.C(dropoutcase.FieldStatus), dropoutcase.StatusOpen)
			selectCounts(s, k, map[string]*sql.Predicate{
				"suspected": sql.And(open, sql.EQ(s.C(dropoutcase.FieldKind), dropoutcase.KindSuspected)),
				"dropouts":  sql.And(open, sql.EQ(s.C(dropoutcase.FieldKind), dropoutcase.KindDropout)),
				"long_open": sql.And(open, sql.LT(s.C(dropoutcase.FieldOpenedAt), longAgo)),
				"closed":    sql.And(sql.EQ(s.C(dropoutcase.FieldStatus), dropoutcase.StatusClosed), sql.GTE(s.C(dropoutcase.FieldClosedAt), termStart)),
			})
		}).Scan(ctx, &cs)
	if err != nil {
		return nil, fmt.Errorf("dropout dashboard: cases: %w", err)
	}
	for _, g := range cs {
		x := row(g.V, g.S)
		x.Suspected, x.Dropouts, x.LongOpen, x.ClosedThisTerm = g.Suspected, g.Dropouts, g.LongOpen, g.Closed
	}
	var rs []struct {
		V       string `json:"dash_v"`
		S       string `json:"dash_s"`
		Total   int    `json:"total"`
		Overdue int    `json:"overdue"`
	}
	err = c.AbsenceReport.Query().Where(where, absencereport.StatusEQ(absencereport.StatusOpen)).
		Modify(func(s *sql.Selector) {
			// A report's steps share its scope: the semi-join reveals nothing.
			t := sql.Table(absencestep.Table)
			late := sql.Select(t.C(absencestep.FieldID)).From(t).Where(sql.And(
				sql.ColumnsEQ(t.C(absencestep.FieldReportID), s.C(absencereport.FieldID)),
				sql.IsNull(t.C(absencestep.FieldDoneAt)), sql.LT(t.C(absencestep.FieldDueAt), now.UTC())))
			selectCounts(s, k, map[string]*sql.Predicate{"overdue": sql.Exists(late)})
		}).Scan(ctx, &rs)
	if err != nil {
		return nil, fmt.Errorf("dropout dashboard: absences: %w", err)
	}
	for _, g := range rs {
		x := row(g.V, g.S)
		x.AbsencesOpen, x.AbsencesOverdue = g.Total, g.Overdue
	}
	out := make([]*keyedCounts, 0, len(rows))
	for _, x := range rows {
		out = append(out, x)
	}
	return out, nil
}

// selectCounts selects the keys v (child division) and s (school), grouped
// by when asked for, count(*) as total and, for each named predicate, how
// many rows satisfy it.
func selectCounts(s *sql.Selector, k dashKeys, sums map[string]*sql.Predicate) {
	s.Select(sql.As(sql.Count("*"), "total"))
	var group []string
	if k.village != nil {
		in := k.village(s)
		s.AppendSelectExprAs(sql.ExprFunc(func(b *sql.Builder) {
			b.WriteString("CASE WHEN ").Join(in).WriteString(fmt.Sprintf(" THEN substr(%s, 1, %d) ELSE '' END", s.C("village_code"), k.n))
		}), "dash_v")
		group = append(group, "dash_v")
	} else {
		s.AppendSelectExprAs(sql.Expr("''"), "dash_v")
	}
	if k.school != nil {
		in := k.school(s)
		s.AppendSelectExprAs(sql.ExprFunc(func(b *sql.Builder) {
			b.WriteString("CASE WHEN ").Join(in).WriteString(fmt.Sprintf(" THEN %s ELSE 0 END", s.C("school_id")))
		}), "dash_s")
		group = append(group, "dash_s")
	} else {
		s.AppendSelectExprAs(sql.Expr("0"), "dash_s")
	}
	names := make([]string, 0, len(sums))
	for name := range sums {
		names = append(names, name)
	}
	sort.Strings(names) // a stable statement text for the statement cache
	for _, name := range names {
		p := sums[name]
		s.AppendSelectExprAs(sql.ExprFunc(func(b *sql.Builder) {
			b.WriteString("COALESCE(SUM(CASE WHEN ").Join(p).WriteString(" THEN 1 ELSE 0 END), 0)")
		}), name)
	}
	if len(group) > 0 {
		s.GroupBy(group...)
	}
}

// nameRows attaches the divisions and schools of the rows, in two statements.
func nameRows(ctx context.Context, c *ent.Client, d *Dashboard) error {
	codes := []string{d.Total.Key}
	for _, r := range d.Children {
		codes = append(codes, r.Key)
	}
	byCode, err := coverage.DivisionsByCode(ctx, c, codes)
	if err != nil {
		return err
	}
	if x := byCode[d.Total.Key]; x != nil {
		d.Total.Division, d.Total.Label = x, x.Name
	}
	for i := range d.Children {
		if x := byCode[d.Children[i].Key]; x != nil {
			d.Children[i].Division, d.Children[i].Label = x, x.Name
		}
	}
	keys := make([]string, 0, len(d.Schools))
	for _, r := range d.Schools {
		keys = append(keys, r.Key)
	}
	byID, err := coverage.OrgsByKey(ctx, c, keys)
	if err != nil {
		return err
	}
	for i := range d.Schools {
		if o := byID[d.Schools[i].Key]; o != nil {
			d.Schools[i].School, d.Schools[i].Label = o, o.Name
		}
	}
	return nil
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }
