// Package coverage counts the gaps of the three guarantees for a division or a
// school, rolled up one level down the tree: villages without a guarantor
// (包村), registered households without one (包户), students needing a contact
// person without one (包人), and registered households not contacted this
// calendar month. Each figure is one grouped query whatever the number of
// villages, and every query runs under the viewer's scope.
package coverage

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"

	"sanbao/authz"
	"sanbao/contactlog"
	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/division"
	"sanbao/ent/household"
	"sanbao/ent/org"
	"sanbao/ent/predicate"
	"sanbao/ent/student"
)

// Count is a total and how many of it are covered.
type Count struct{ Total, Covered int }

// Gaps is what is not covered.
func (c Count) Gaps() int { return c.Total - c.Covered }

func (c *Count) add(o Count) { c.Total += o.Total; c.Covered += o.Covered }

// Row is the coverage of one division or school.
type Row struct {
	Key        string        // division code, or school ID, or "grade/class"
	Label      string        // the division's or school's name, or 三年级2班
	Division   *ent.Division // for division rows
	School     *ent.Org      // for school rows
	Villages   Count
	Households Count
	Students   Count
	// Contacted are registered households contacted this calendar month;
	// the rest (Households.Total - Contacted) are overdue.
	Contacted int
}

// Overdue is registered households not contacted this month.
func (r Row) Overdue() int { return r.Households.Total - r.Contacted }

func (r *Row) add(o Row) {
	r.Villages.add(o.Villages)
	r.Households.add(o.Households)
	r.Students.add(o.Students)
	r.Contacted += o.Contacted
}

// Report is the coverage of one place with its breakdown.
type Report struct {
	Total    Row
	Children []Row // one level down the division tree, or per class of a school
	Schools  []Row // students needing a contact, by the school they attend
}

// Registered households (建档立卡: 未脱贫 and 已脱贫) are those that must have a guarantor.
func Registered() predicate.Household {
	return household.StatusIn(household.StatusNotLifted, household.StatusLifted)
}

// NeedsContact: every registered-card student, every dropout (辍学) and every
// suspected dropout (疑似辍学) must have a contact person, unless graduated.
func NeedsContact() predicate.Student {
	return student.And(
		student.EnrollmentStatusNEQ(student.EnrollmentStatusGraduated),
		student.Or(
			student.EnrollmentStatusIn(student.EnrollmentStatusDropout, student.EnrollmentStatusSuspectedDropout),
			student.HasHouseholdWith(Registered()),
		))
}

// InRange keeps codes of col inside r.
func InRange(col string, r divcode.Range) func(*sql.Selector) {
	return func(s *sql.Selector) { s.Where(sql.And(sql.GTE(s.C(col), r.Lo), sql.LTE(s.C(col), r.Hi))) }
}

// ChildLen is the prefix length that names the children of a division.
func ChildLen(code string) int {
	switch divcode.LevelOf(code) {
	case divcode.Province:
		return 4
	case divcode.City:
		return 6
	case divcode.County:
		return 9
	}
	return 12
}

type grouped struct {
	K        string `json:"k"`
	Total    int    `json:"total"`
	Covered  int    `json:"covered"`
	Achieved int    `json:"achieved"`
}

// group selects key, count(*), count(coveredCol) and optionally a sum, grouped
// by key; with no key, one row over everything.
func group(key, coveredCol, achieved string) func(*sql.Selector) {
	return func(s *sql.Selector) {
		cols := []string{sql.As(sql.Count("*"), "total"), sql.As(sql.Count(s.C(coveredCol)), "covered")}
		if achieved != "" {
			cols = append(cols, sql.As(achieved, "achieved"))
		}
		if key == "" {
			s.Select(cols...)
			return
		}
		s.Select(append([]string{sql.As(key, "k")}, cols...)...).GroupBy(key)
	}
}

func prefixOf(s *sql.Selector, col string, n int) string {
	return fmt.Sprintf("substr(%s, 1, %d)", s.C(col), n)
}

// ForDivision reports on the division code (whose households the caller may
// see; check that first: village guarantors are counted from public divisions).
// The per-school breakdown (Report.Schools) is computed only when schools is
// set.
func ForDivision(ctx context.Context, c *ent.Client, code string, now time.Time, schools bool) (*Report, error) {
	r := divcode.SubtreeOf(code)
	n := ChildLen(code)
	rows := map[string]*Row{}
	row := func(k string) *Row {
		if rows[k] == nil {
			rows[k] = &Row{Key: k + "000000000000"[:12-len(k)]}
		}
		return rows[k]
	}
	var vs, hs, ss []grouped
	err := c.Division.Query().Where(division.LevelEQ(division.LevelVillage), InRange(division.FieldCode, r)).
		Modify(func(s *sql.Selector) {
			group(prefixOf(s, division.FieldCode, n), division.FieldGuarantorID, "")(s)
		}).Scan(ctx, &vs)
	if err != nil {
		return nil, err
	}
	month := contactlog.MonthStart(now)
	if seesAll(ctx, code) {
		hs, ss, err = fromCounts(ctx, c, r, n, month)
	} else {
		hs, ss, err = scoped(ctx, c, r, n, month)
	}
	if err != nil {
		return nil, err
	}
	for _, g := range vs {
		row(g.K).Villages = Count{g.Total, g.Covered}
	}
	for _, g := range hs {
		x := row(g.K)
		x.Households = Count{g.Total, g.Covered}
		x.Contacted = g.Achieved
	}
	for _, g := range ss {
		row(g.K).Students = Count{g.Total, g.Covered}
	}
	rep := &Report{}
	for _, x := range rows {
		rep.Total.add(*x)
		rep.Children = append(rep.Children, *x)
	}
	rep.Total.Key = code
	sort.Slice(rep.Children, func(i, j int) bool { return rep.Children[i].Key < rep.Children[j].Key })
	if !schools {
		return rep, name(ctx, c, rep)
	}
	var bySchool []grouped
	err = c.Student.Query().Where(NeedsContact(), student.SchoolIDNotNil(),
		student.HasSchoolWith(func(s *sql.Selector) { InRange("division_code", r)(s) })).
		Modify(func(s *sql.Selector) {
			group(s.C(student.FieldSchoolID), student.FieldContactPersonID, "")(s)
		}).Scan(ctx, &bySchool)
	if err != nil {
		return nil, err
	}
	for _, g := range bySchool {
		rep.Schools = append(rep.Schools, Row{Key: g.K, Students: Count{g.Total, g.Covered}})
	}
	sort.Slice(rep.Schools, func(i, j int) bool { return atoi(rep.Schools[i].Key) < atoi(rep.Schools[j].Key) })
	return rep, name(ctx, c, rep)
}

// seesAll reports whether the viewer reads every household and every
// student registered under code. Their scoped counts are then the counts of
// the whole division, which the village counts (maintain.go) hold.
func seesAll(ctx context.Context, code string) bool {
	v := authz.FromContext(ctx)
	return v != nil && v.Scope(authz.ObjHousehold, authz.ActRead).HasDivision(code) &&
		v.Scope(authz.ObjStudent, authz.ActRead).HasDivision(code)
}

// fromCounts sums the village counts one level down, and counts the
// registered households contacted this month (an index-only scan).
func fromCounts(ctx context.Context, c *ent.Client, r divcode.Range, n int, month string) (hs, ss []grouped, err error) {
	rows, err := c.QueryContext(ctx, `SELECT substr(village_code, 1, $1), SUM(households), SUM(guaranteed), SUM(students), SUM(with_contact)
		FROM coverage_villages WHERE village_code >= $2 AND village_code <= $3 GROUP BY substr(village_code, 1, $1)`, n, r.Lo, r.Hi)
	if err != nil {
		return nil, nil, err
	}
	byKey := map[string]int{}
	for rows.Next() {
		var k string
		var h, g, st, sc int
		if err := rows.Scan(&k, &h, &g, &st, &sc); err != nil {
			rows.Close()
			return nil, nil, err
		}
		if h > 0 {
			byKey[k] = len(hs)
			hs = append(hs, grouped{K: k, Total: h, Covered: g})
		}
		if st > 0 {
			ss = append(ss, grouped{K: k, Total: st, Covered: sc})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	var contacted []grouped
	err = c.Household.Query().Where(Registered(), InRange(household.FieldVillageCode, r), household.LastContactOnGTE(month)).
		Modify(func(s *sql.Selector) {
			k := prefixOf(s, household.FieldVillageCode, n)
			s.Select(sql.As(k, "k"), sql.As(sql.Count("*"), "achieved")).GroupBy(k)
		}).Scan(authz.System(ctx), &contacted)
	if err != nil {
		return nil, nil, err
	}
	for _, g := range contacted {
		if i, ok := byKey[g.K]; ok {
			hs[i].Achieved = g.Achieved
		}
	}
	return hs, ss, nil
}

// scoped counts households and students under the viewer's scope.
func scoped(ctx context.Context, c *ent.Client, r divcode.Range, n int, month string) (hs, ss []grouped, err error) {
	err = c.Household.Query().Where(Registered(), InRange(household.FieldVillageCode, r)).
		Modify(func(s *sql.Selector) {
			contacted := fmt.Sprintf("SUM(CASE WHEN %s >= '%s' THEN 1 ELSE 0 END)", s.C(household.FieldLastContactOn), month)
			group(prefixOf(s, household.FieldVillageCode, n), household.FieldGuarantorID, contacted)(s)
		}).Scan(ctx, &hs)
	if err != nil {
		return nil, nil, err
	}
	err = c.Student.Query().Where(NeedsContact(), InRange(student.FieldVillageCode, r)).
		Modify(func(s *sql.Selector) {
			group(prefixOf(s, student.FieldVillageCode, n), student.FieldContactPersonID, "")(s)
		}).Scan(ctx, &ss)
	return hs, ss, err
}

// name attaches the divisions and schools of the rows, in two queries.
func name(ctx context.Context, c *ent.Client, rep *Report) error {
	codes := make([]string, 0, len(rep.Children))
	for _, r := range rep.Children {
		codes = append(codes, r.Key)
	}
	byCode, err := DivisionsByCode(ctx, c, codes)
	if err != nil {
		return err
	}
	for i := range rep.Children {
		if d := byCode[rep.Children[i].Key]; d != nil {
			rep.Children[i].Division, rep.Children[i].Label = d, d.Name
		}
	}
	keys := make([]string, 0, len(rep.Schools))
	for _, r := range rep.Schools {
		keys = append(keys, r.Key)
	}
	byID, err := OrgsByKey(ctx, c, keys)
	if err != nil {
		return err
	}
	for i := range rep.Schools {
		if o := byID[rep.Schools[i].Key]; o != nil {
			rep.Schools[i].School, rep.Schools[i].Label = o, o.Name
		}
	}
	return nil
}

// DivisionsByCode loads the divisions of codes in one statement.
func DivisionsByCode(ctx context.Context, c *ent.Client, codes []string) (map[string]*ent.Division, error) {
	ds, err := c.Division.Query().Where(division.CodeIn(codes...)).All(ctx)
	if err != nil {
		return nil, err
	}
	m := make(map[string]*ent.Division, len(ds))
	for _, d := range ds {
		m[d.Code] = d
	}
	return m, nil
}

// OrgsByKey loads the units whose IDs are keys (rows' keys: decimal IDs), in
// one statement (none for no keys), by key.
func OrgsByKey(ctx context.Context, c *ent.Client, keys []string) (map[string]*ent.Org, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	ids := make([]int, 0, len(keys))
	for _, k := range keys {
		ids = append(ids, atoi(k))
	}
	os, err := c.Org.Query().Where(org.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, err
	}
	m := make(map[string]*ent.Org, len(os))
	for _, o := range os {
		m[strconv.Itoa(o.ID)] = o
	}
	return m, nil
}

// ForSchool reports on the students of one school needing a contact, and the
// registered households they belong to, by class.
func ForSchool(ctx context.Context, c *ent.Client, schoolID int, now time.Time) (*Report, error) {
	var ss []grouped
	err := c.Student.Query().Where(NeedsContact(), student.SchoolID(schoolID)).
		Modify(func(s *sql.Selector) {
			key := fmt.Sprintf("%s || '/' || COALESCE(%s, '')", castText(s, student.FieldGrade), s.C(student.FieldClassName))
			group(key, student.FieldContactPersonID, "")(s)
		}).Scan(ctx, &ss)
	if err != nil {
		return nil, err
	}
	rep := &Report{Total: Row{Key: strconv.Itoa(schoolID)}}
	for _, g := range ss {
		x := Row{Key: g.K, Label: classLabel(g.K), Students: Count{g.Total, g.Covered}}
		rep.Total.add(x)
		rep.Children = append(rep.Children, x)
	}
	sort.Slice(rep.Children, func(i, j int) bool { return rep.Children[i].Key < rep.Children[j].Key })
	var hs []grouped
	month := contactlog.MonthStart(now)
	err = c.Household.Query().Where(Registered(), household.HasStudentsWith(student.SchoolID(schoolID))).
		Modify(func(s *sql.Selector) {
			contacted := fmt.Sprintf("SUM(CASE WHEN %s >= '%s' THEN 1 ELSE 0 END)", s.C(household.FieldLastContactOn), month)
			group("", household.FieldGuarantorID, contacted)(s)
		}).Scan(ctx, &hs)
	if err != nil {
		return nil, err
	}
	for _, g := range hs {
		rep.Total.Households = Count{g.Total, g.Covered}
		rep.Total.Contacted = g.Achieved
	}
	return rep, nil
}

// classLabel turns "3/2班" into 3年级2班.
func classLabel(k string) string {
	grade, class, _ := strings.Cut(k, "/")
	switch {
	case grade == "" && class == "":
		return "未分班"
	case grade == "":
		return class
	}
	return grade + "年级" + class
}

func castText(s *sql.Selector, col string) string {
	return fmt.Sprintf("COALESCE(CAST(%s AS TEXT), '')", s.C(col))
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }
