// Package divcode works with 12-digit national statistical division codes
// (统计用区划代码). A division's subtree is a contiguous code range, so scope
// checks are index-friendly range predicates on both SQLite and PostgreSQL.
package divcode

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Level of a division, as stored.
type Level string

const (
	Province Level = "PROVINCE"
	City     Level = "CITY"
	County   Level = "COUNTY"
	Township Level = "TOWNSHIP"
	Village  Level = "VILLAGE"
)

// Levels from the top down.
var Levels = []Level{Province, City, County, Township, Village}

// prefixLen is how many leading digits identify a division at each level.
var prefixLen = map[Level]int{Province: 2, City: 4, County: 6, Township: 9, Village: 12}

// ParseLevel accepts the CSV's lower-case names and the stored upper-case ones.
func ParseLevel(s string) (Level, error) {
	l := Level(strings.ToUpper(strings.TrimSpace(s)))
	if _, ok := prefixLen[l]; !ok {
		return "", fmt.Errorf("未知的级别 %q（应为 province/city/county/township/village）", s)
	}
	return l, nil
}

// Rank orders levels: province 0 … village 4.
func (l Level) Rank() int {
	for i, x := range Levels {
		if x == l {
			return i
		}
	}
	return -1
}

// Validate checks that code is 12 digits and has zeros after its level's prefix.
func Validate(code string, level Level) error {
	if n := utf8.RuneCountInString(code); n != 12 {
		return fmt.Errorf("区划代码应为12位数字，实际为%d位", n)
	}
	for i, r := range []rune(code) {
		if r < '0' || r > '9' {
			return fmt.Errorf("区划代码第%d位不是数字", i+1)
		}
	}
	n, ok := prefixLen[level]
	if !ok {
		return fmt.Errorf("未知的级别 %q", level)
	}
	if strings.Trim(code[n:], "0") != "" {
		return fmt.Errorf("%s 级区划代码应只有前%d位非零", level, n)
	}
	if strings.Trim(code[:n], "0") == "" {
		return fmt.Errorf("区划代码不能全为0")
	}
	return nil
}

// WellFormed reports whether code is 12 ASCII digits. The functions below
// take any string, but only well-formed codes have a level and a subtree.
func WellFormed(code string) bool {
	if len(code) != 12 {
		return false
	}
	for i := 0; i < 12; i++ {
		if code[i] < '0' || code[i] > '9' {
			return false
		}
	}
	return true
}

// Prefix is the part of code that identifies a division at level.
func Prefix(code string, level Level) string {
	n := prefixLen[level]
	if n == 0 || len(code) < n {
		return code
	}
	return code[:n]
}

// Range is the closed interval of codes [Lo, Hi].
type Range struct{ Lo, Hi string }

// None is the range of a malformed code: it contains nothing, lies within
// nothing, and as a SQL predicate (Lo <= col <= Hi) matches no row, so a bad
// code fails closed instead of panicking or widening a scope.
var None = Range{Lo: "1", Hi: "0"}

// Empty reports whether r contains no code.
func (r Range) Empty() bool { return r.Lo > r.Hi }

// Subtree is the range of every code under (and including) code at level.
// For a city whose townships hang directly under it (东莞 4419), the township
// codes 441900xxx000 still fall inside the city's range. A malformed code or
// an unknown level gives None.
func Subtree(code string, level Level) Range {
	if !WellFormed(code) || prefixLen[level] == 0 {
		return None
	}
	p := Prefix(code, level)
	return Range{Lo: p + strings.Repeat("0", 12-len(p)), Hi: p + strings.Repeat("9", 12-len(p))}
}

// Contains reports whether code lies in r.
func (r Range) Contains(code string) bool { return code >= r.Lo && code <= r.Hi }

// Within reports whether r lies entirely inside o (an empty range lies
// within nothing).
func (r Range) Within(o Range) bool { return !r.Empty() && r.Lo >= o.Lo && r.Hi <= o.Hi }

// IsAncestor reports whether parent (at parentLevel) contains child.
func IsAncestor(parent string, parentLevel Level, child string) bool {
	return Subtree(parent, parentLevel).Contains(child)
}

// Merge drops empty ranges and ranges covered by others, so scope predicates
// stay short.
func Merge(rs []Range) []Range {
	var out []Range
	for i, r := range rs {
		covered := r.Empty()
		for j, o := range rs {
			if i != j && r.Within(o) && (r != o || j < i) {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, r)
		}
	}
	return out
}

// LevelOf infers the level of a well-formed code from its trailing zero
// groups (a city's townships, as in 东莞, still read as townships). A
// malformed code has no level: "" (Rank -1).
func LevelOf(code string) Level {
	if !WellFormed(code) {
		return ""
	}
	for i := len(Levels) - 1; i > 0; i-- {
		l := Levels[i-1]
		if strings.Trim(code[prefixLen[l]:], "0") != "" {
			return Levels[i]
		}
	}
	return Province
}

// SubtreeOf is Subtree at the level the code itself shows.
func SubtreeOf(code string) Range { return Subtree(code, LevelOf(code)) }
