package idcard

import (
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

func TestParse(t *testing.T) {
	// 11010519491231002X is the example number printed in GB 11643-1999.
	cases := []struct {
		in      string
		ok      bool
		reason  string
		gender  Gender
		birth   string
		display string
	}{
		{in: "11010519491231002X", ok: true, gender: Female, birth: "1949-12-31"},
		{in: "11010519491231002x", ok: true, gender: Female, birth: "1949-12-31", display: "11010519491231002X"},
		{in: " 130681201203150019 ", ok: true, gender: Male, birth: "2012-03-15", display: "130681201203150019"},
		{in: "110105194912310021", reason: "校验位错误"},
		{in: "130681201203150018", reason: "校验位错误"},
		{in: "１３０６８１２０１２０３１５００１９", ok: true, gender: Male, birth: "2012-03-15", display: "130681201203150019"},
		{in: "\ufeff13068120120315001９\u200b", ok: true, gender: Male, birth: "2012-03-15", display: "130681201203150019"},
		{in: "１３０６８１２０１２０３１５００１８", reason: "校验位错误"},
		{in: "１３０６８１２０１２０３１５００１", reason: "应为18位，实际为17位"},
		{in: "13068120120315001九", reason: "第18位应为数字或X"},
		{in: "1306812012031500一9", reason: "第17位应为数字"},
		{in: "110105491231002", reason: "15位旧号码"},
		{in: "1101051949123100", reason: "应为18位，实际为16位"},
		{in: "1101051949123100211", reason: "应为18位，实际为19位"},
		{in: "", reason: "应为18位，实际为0位"},
		{in: "1306812012A3150017", reason: "第11位应为数字"},
		{in: "13068120120315001Y", reason: "第18位应为数字或X"},
		{in: "130681201302300010", reason: "出生日期 20130230 无效"},
		{in: "130681201313010010", reason: "出生日期 20131301 无效"},
		{in: "130681203001010010", reason: "超出合理范围"},
		{in: "030681201203150017", reason: "地区码"},
	}
	for _, c := range cases {
		info, err := Parse(c.in, now)
		if c.ok {
			if err != nil {
				t.Errorf("Parse(%q) = %v, want ok", c.in, err)
				continue
			}
			if info.Gender != c.gender || info.Birth.Format("2006-01-02") != c.birth {
				t.Errorf("Parse(%q) = %v %v, want %v %v", c.in, info.Gender, info.Birth, c.gender, c.birth)
			}
			want := c.display
			if want == "" {
				want = c.in
			}
			if info.Number != want {
				t.Errorf("Parse(%q).Number = %q, want %q", c.in, info.Number, want)
			}
			continue
		}
		if err == nil {
			t.Errorf("Parse(%q) accepted an invalid number", c.in)
			continue
		}
		if !strings.Contains(err.Error(), c.reason) {
			t.Errorf("Parse(%q) error %q does not say %q", c.in, err, c.reason)
		}
		// A refusal never tells the right check character.
		if strings.Contains(err.Error(), "校验位") && strings.ContainsAny(err.Error(), "0123456789X") {
			t.Errorf("Parse(%q) error %q gives away a check character", c.in, err)
		}
	}
}

func TestBuildRoundTrip(t *testing.T) {
	birth := time.Date(2015, 9, 1, 0, 0, 0, 0, time.UTC)
	for seq := 0; seq < 1000; seq += 37 {
		n := Build("130681", birth, seq)
		info, err := Parse(n, now)
		if err != nil {
			t.Fatalf("Build(%d) = %s invalid: %v", seq, n, err)
		}
		want := Female
		if seq%2 == 1 {
			want = Male
		}
		if info.Gender != want || !info.Birth.Equal(birth) {
			t.Fatalf("Build(%d) = %s decoded as %v %v", seq, n, info.Gender, info.Birth)
		}
	}
}

func TestMask(t *testing.T) {
	if got := Mask("13068120120315001X"); got != "130681********001X" {
		t.Fatalf("Mask = %s", got)
	}
	if got := Mask("123"); got != "***" {
		t.Fatalf("Mask short = %s", got)
	}
}

func FuzzParse(f *testing.F) {
	f.Add("11010519491231002X")
	f.Add("130681201302300010")
	f.Fuzz(func(t *testing.T, s string) {
		info, err := Parse(s, now)
		if err != nil {
			return
		}
		if len(info.Number) != 18 || CheckChar(info.Number[:17]) != info.Number[17] {
			t.Fatalf("accepted %q as %q", s, info.Number)
		}
	})
}

func TestAge(t *testing.T) {
	birth := time.Date(2015, 9, 1, 0, 0, 0, 0, time.UTC)
	cases := map[string]int{"2026-08-31": 10, "2026-09-01": 11, "2026-12-31": 11, "2015-09-01": 0}
	for day, want := range cases {
		now, _ := time.Parse("2006-01-02", day)
		if got := Age(birth, now); got != want {
			t.Errorf("Age on %s = %d, want %d", day, got, want)
		}
	}
}

func TestUpgrade(t *testing.T) {
	// 130681 800504 123 → 130681 19800504 123 + check.
	got := Upgrade("130681800504123")
	if len(got) != 18 || got[:17] != "13068119800504123" {
		t.Fatalf("Upgrade = %q", got)
	}
	if err := Validate(got); err != nil {
		t.Fatalf("upgraded number invalid: %v", err)
	}
	if Upgrade("13068180050412X") != "13068180050412X" {
		t.Fatal("a 15-character number with a letter must be left to Parse")
	}
	if Upgrade(" 130681１９８００５０４123x") != "13068119800504123X" {
		t.Fatal("18-digit numbers are normalized only")
	}
}
