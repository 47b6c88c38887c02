package term

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	d, err := time.ParseInLocation("2006-01-02 15:04", s, China)
	if err != nil {
		panic(err)
	}
	return d
}

func TestOfPlacesEveryDayInOneSemester(t *testing.T) {
	cases := []struct {
		day  string
		want string
	}{
		{"2026-09-01 00:00", "2026—2027学年第一学期"},
		{"2026-08-31 23:59", "2025—2026学年第二学期"},
		{"2027-01-31 23:59", "2026—2027学年第一学期"},
		{"2027-02-01 00:00", "2026—2027学年第二学期"},
		{"2026-11-29 12:00", "2026—2027学年第一学期"},
	}
	for _, c := range cases {
		got := Of(day(c.day))
		if got.String() != c.want {
			t.Errorf("Of(%s) = %s, want %s", c.day, got, c.want)
		}
		if !got.Contains(day(c.day)) || !got.SchoolYear().Contains(day(c.day)) {
			t.Errorf("%s does not contain %s", got, c.day)
		}
	}
	// Midnight UTC on 1 September is already 08:00 in China.
	if got := YearOf(time.Date(2026, 8, 31, 16, 0, 0, 0, time.UTC)); got.Year != 2026 {
		t.Errorf("YearOf at China midnight = %d", got.Year)
	}
	// Consecutive semesters tile the year with no gap and no overlap.
	for s := (Term{Year: 2025, Semester: 1}); s.Year < 2028; s = s.Next() {
		if !s.End().Equal(s.Next().Start()) {
			t.Fatalf("%s ends %v, %s starts %v", s, s.End(), s.Next(), s.Next().Start())
		}
		if s.Next().Prev() != s {
			t.Fatalf("Prev(Next(%s)) = %s", s, s.Next().Prev())
		}
	}
}

func TestParseFoldsVariantsIntoOneTerm(t *testing.T) {
	same := []string{"2026—2027学年", "2026-2027学年", "2026至2027学年", " 2026～2027 ", "2026－2027学年度", "2026-2027"}
	for _, s := range same {
		got, err := Canonical("term", s)
		if err != nil || got != "2026—2027学年" {
			t.Errorf("Canonical(%q) = %q, %v", s, got, err)
		}
	}
	sem := map[string]string{
		"2026-2027学年第一学期": "2026—2027学年第一学期",
		"2026-2027学年上学期":  "2026—2027学年第一学期",
		"2026-2027-2":     "2026—2027学年第二学期",
		"2026—2027学年下学期":  "2026—2027学年第二学期",
	}
	for in, want := range sem {
		if got, err := Canonical("term", in); err != nil || got != want {
			t.Errorf("Canonical(%q) = %q, %v", in, got, err)
		}
	}
	for _, bad := range []string{"明年", "", "2026-2028学年", "2026学年", "1900-1901学年", "2026-2027学年第三学期"} {
		if _, err := Parse("term", bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}

func TestValidateAcceptsOnlyCanonical(t *testing.T) {
	if err := Validate("2026—2027学年第二学期"); err != nil {
		t.Error(err)
	}
	if err := Validate("2026-2027学年"); err == nil {
		t.Error("a variant was stored as typed")
	}
}

func TestChooseKeepsWorkNearNow(t *testing.T) {
	now := day("2026-11-29 10:00")
	if len(Choices(now)) != 9 || Choices(now)[0].String() != "2027—2028学年" {
		t.Fatalf("choices = %v", Choices(now))
	}
	for _, ok := range []string{"2026-2027学年", "2027-2028学年第一学期", "2025—2026学年第二学期"} {
		if _, err := Choose("term", ok, now); err != nil {
			t.Errorf("Choose(%q): %v", ok, err)
		}
	}
	for _, far := range []string{"2030-2031学年", "2020-2021学年"} {
		if _, err := Choose("term", far, now); err == nil {
			t.Errorf("Choose(%q) accepted a term years away", far)
		}
	}
}
