// Package term is the school calendar sanbao's work hangs on: a school year
// (学年, from September) and its two semesters (学期). Agreements, contacts,
// aid lists, dropout reports and inspections name a term; a term is a known
// value chosen from a list, never free text, so "2026-2027学年",
// "2026至2027学年" and "2026—2027学年" are one term and "明年" is none.
package term

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"sanbao/fielderr"
)

// China keeps one calendar for the whole country.
var China = time.FixedZone("CST", 8*3600)

// Term is a school year (Semester 0) or one of its semesters (1 or 2). Year is
// the calendar year in which the school year starts.
type Term struct {
	Year     int
	Semester int
}

// Semester boundaries: the first semester runs from 1 September to the end of
// January, the second from 1 February to the end of August. Schools' exact
// dates vary by a few weeks; the boundaries only have to place every day in
// exactly one semester.
const (
	firstMonth  = time.September
	secondMonth = time.February
)

// YearOf is the school year running on day (China time).
func YearOf(day time.Time) Term {
	d := day.In(China)
	y := d.Year()
	if d.Month() < firstMonth {
		y--
	}
	return Term{Year: y}
}

// Of is the semester running on day (China time).
func Of(day time.Time) Term {
	t := YearOf(day)
	if m := day.In(China).Month(); m >= secondMonth && m < firstMonth {
		t.Semester = 2
	} else {
		t.Semester = 1
	}
	return t
}

// SchoolYear is the school year a semester belongs to (itself for a year).
func (t Term) SchoolYear() Term { return Term{Year: t.Year} }

// IsYear reports whether t is a whole school year.
func (t Term) IsYear() bool { return t.Semester == 0 }

var semesterNames = [...]string{"", "第一学期", "第二学期"}

// String is the canonical label, stored and shown: 2026—2027学年 or
// 2026—2027学年第一学期.
func (t Term) String() string {
	return fmt.Sprintf("%d—%d学年%s", t.Year, t.Year+1, semesterNames[t.Semester])
}

// Start is the first day of t, at midnight China time.
func (t Term) Start() time.Time {
	if t.Semester == 2 {
		return time.Date(t.Year+1, secondMonth, 1, 0, 0, 0, 0, China)
	}
	return time.Date(t.Year, firstMonth, 1, 0, 0, 0, 0, China)
}

// End is the first moment after t.
func (t Term) End() time.Time {
	if t.Semester == 1 {
		return time.Date(t.Year+1, secondMonth, 1, 0, 0, 0, 0, China)
	}
	return time.Date(t.Year+1, firstMonth, 1, 0, 0, 0, 0, China)
}

// Contains reports whether day falls within t.
func (t Term) Contains(day time.Time) bool {
	return !day.Before(t.Start()) && day.Before(t.End())
}

// Next is the term after t of the same kind.
func (t Term) Next() Term {
	switch t.Semester {
	case 0:
		return Term{Year: t.Year + 1}
	case 1:
		return Term{Year: t.Year, Semester: 2}
	}
	return Term{Year: t.Year + 1, Semester: 1}
}

// Prev is the term before t of the same kind.
func (t Term) Prev() Term {
	switch t.Semester {
	case 0:
		return Term{Year: t.Year - 1}
	case 2:
		return Term{Year: t.Year, Semester: 1}
	}
	return Term{Year: t.Year - 1, Semester: 2}
}

// Before reports whether t starts before u.
func (t Term) Before(u Term) bool { return t.Start().Before(u.Start()) }

// termPattern reads the forms people type: 2026—2027学年, 2026-2027学年,
// 2026至2027学年, 2026～2027, 2026-2027学年第一学期, 2026-2027-1, 2026-2027学年上学期.
var termPattern = regexp.MustCompile(`^(\d{4})\s*(?:—|–|-|－|~|～|至|到)\s*(\d{4})\s*(?:学年度|学年)?\s*(?:(第一学期|第二学期|上学期|下学期|第1学期|第2学期|-1|-2|－1|－2))?$`)

// Parse reads a term in its canonical form or a common variant, and returns
// a field error naming field otherwise.
func Parse(field, s string) (Term, error) {
	m := termPattern.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return Term{}, fielderr.New(field, "学期应为“2026—2027学年”或“2026—2027学年第一学期”这样的学年或学期")
	}
	y, _ := strconv.Atoi(m[1])
	y2, _ := strconv.Atoi(m[2])
	if y2 != y+1 || y < 2000 || y > 2100 {
		return Term{}, fielderr.New(field, "学年应为相邻的两年，如“%d—%d学年”", y, y+1)
	}
	t := Term{Year: y}
	switch m[3] {
	case "第一学期", "上学期", "第1学期", "-1", "－1":
		t.Semester = 1
	case "第二学期", "下学期", "第2学期", "-2", "－2":
		t.Semester = 2
	}
	return t, nil
}

// Canonical is s in its canonical form, or an error if s is not a term.
func Canonical(field, s string) (string, error) {
	t, err := Parse(field, s)
	if err != nil {
		return "", err
	}
	return t.String(), nil
}

// Validate accepts only the canonical form: what is stored is always chosen,
// never typed. It suits an ent field validator.
func Validate(s string) error {
	t, err := Parse("term", s)
	if err != nil {
		return err
	}
	if t.String() != s {
		return fielderr.New("term", "学期应写作“%s”", t)
	}
	return nil
}

// Choices are the terms one may work on now: the previous, current and next
// school year, each followed by its two semesters, newest first.
func Choices(now time.Time) []Term {
	cur := YearOf(now)
	var out []Term
	for _, y := range []Term{cur.Next(), cur, cur.Prev()} {
		out = append(out, y, Term{Year: y.Year, Semester: 1}, Term{Year: y.Year, Semester: 2})
	}
	return out
}

// Choose parses s and checks that it is one of Choices(now): work is planned
// for the current or next term and corrected for the previous one, never for a
// term years away.
func Choose(field, s string, now time.Time) (Term, error) {
	t, err := Parse(field, s)
	if err != nil {
		return Term{}, err
	}
	for _, c := range Choices(now) {
		if c == t {
			return t, nil
		}
	}
	cur := YearOf(now)
	return Term{}, fielderr.New(field, "只能选择%s至%s之间的学年或学期", cur.Prev(), cur.Next())
}
