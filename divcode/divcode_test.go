package divcode

import (
	"reflect"
	"testing"
)

func TestValidate(t *testing.T) {
	ok := []struct {
		code  string
		level Level
	}{
		{"130000000000", Province}, {"130600000000", City}, {"130681000000", County},
		{"130681100000", Township}, {"130681100201", Village}, {"441900003000", Township},
	}
	for _, c := range ok {
		if err := Validate(c.code, c.level); err != nil {
			t.Errorf("Validate(%s, %s) = %v", c.code, c.level, err)
		}
	}
	bad := []struct {
		code  string
		level Level
	}{
		{"13068110020", Village}, {"1306811002011", Village}, {"13068110020A", Village},
		{"130681100201", Township}, {"130681000000", Province}, {"000000000000", Province},
	}
	for _, c := range bad {
		if err := Validate(c.code, c.level); err == nil {
			t.Errorf("Validate(%s, %s) accepted", c.code, c.level)
		}
	}
}

func TestSubtree(t *testing.T) {
	county := Subtree("130681000000", County)
	if county != (Range{"130681000000", "130681999999"}) {
		t.Fatalf("county range = %v", county)
	}
	if !county.Contains("130681100201") || county.Contains("130682100201") {
		t.Fatal("county range membership wrong")
	}
	// 东莞: townships directly under a city.
	dg := Subtree("441900000000", City)
	if !dg.Contains("441900003000") || !dg.Contains("441900003001") {
		t.Fatal("city without counties does not contain its townships")
	}
	tw := Subtree("130681100000", Township)
	if tw.Hi != "130681100999" || !tw.Within(county) || county.Within(tw) {
		t.Fatalf("township range = %v", tw)
	}
	if Subtree("130681100201", Village) != (Range{"130681100201", "130681100201"}) {
		t.Fatal("village range is not the village itself")
	}
}

func TestMerge(t *testing.T) {
	rs := []Range{Subtree("130681100000", Township), Subtree("130681000000", County), Subtree("130681000000", County), Subtree("130684000000", County)}
	got := Merge(rs)
	want := []Range{Subtree("130681000000", County), Subtree("130684000000", County)}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Merge = %v, want %v", got, want)
	}
}

func TestParseLevel(t *testing.T) {
	if l, err := ParseLevel("village"); err != nil || l != Village {
		t.Fatal(l, err)
	}
	if _, err := ParseLevel("hamlet"); err == nil {
		t.Fatal("accepted hamlet")
	}
}

func TestLevelOf(t *testing.T) {
	cases := map[string]Level{
		"130000000000": Province, "130600000000": City, "441900000000": City,
		"130681000000": County, "130681100000": Township, "441900003000": Township,
		"130681100201": Village, "441900003001": Village,
	}
	for code, want := range cases {
		if got := LevelOf(code); got != want {
			t.Errorf("LevelOf(%s) = %s, want %s", code, got, want)
		}
	}
	if SubtreeOf("130681100000") != Subtree("130681100000", Township) {
		t.Fatal("SubtreeOf differs from Subtree at the inferred level")
	}
}

// Every function takes any string without panicking; a malformed code has no
// level and its subtree holds nothing (it must never widen a scope).
func FuzzMalformed(f *testing.F) {
	for _, s := range []string{"", "1", "13068", "13068110020", "1306811002011", "13068110020A", "１３０６８１００００００",
		"130681000000\x00", "-30681000000", "１30681000000", "999999999999999999999", "000000000000", "13 681000000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) {
		lvl := LevelOf(code)
		r := SubtreeOf(code)
		_ = Validate(code, lvl)
		_ = Prefix(code, Village)
		_ = IsAncestor(code, County, "130681100201")
		_ = Merge([]Range{r, Subtree("130681000000", County)})
		for _, l := range append(Levels, "", "HAMLET") {
			_ = Subtree(code, l)
			_ = Validate(code, l)
		}
		if !WellFormed(code) {
			if lvl != "" || lvl.Rank() != -1 {
				t.Fatalf("LevelOf(%q) = %q", code, lvl)
			}
			if !r.Empty() || r.Contains(code) || r.Contains("130681100201") || r.Within(Subtree("130000000000", Province)) {
				t.Fatalf("SubtreeOf(%q) = %v is not empty", code, r)
			}
			if Validate(code, lvl) == nil {
				t.Fatalf("Validate accepted %q", code)
			}
		} else if !r.Contains(code) || lvl.Rank() < 0 {
			t.Fatalf("%q: level %q, subtree %v", code, lvl, r)
		}
	})
}

func TestMergeDropsEmpty(t *testing.T) {
	got := Merge([]Range{SubtreeOf("13068"), SubtreeOf("130681000000"), None})
	if !reflect.DeepEqual(got, []Range{SubtreeOf("130681000000")}) {
		t.Fatalf("Merge = %v", got)
	}
}
