// Package idcard validates 18-digit PRC resident identity numbers (GB 11643-1999)
// and derives the birth date and gender they encode.
package idcard

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"sanbao/textnorm"
)

var weights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const checkChars = "10X98765432"

// Gender encoded by the 17th digit: odd is male, even is female.
type Gender string

const (
	Male   Gender = "MALE"
	Female Gender = "FEMALE"
)

// Info is what a valid number tells.
type Info struct {
	Number string // normalized: upper-case X
	Birth  time.Time
	Gender Gender
}

// Error explains why a number was rejected.
type Error struct{ Reason string }

func (e *Error) Error() string { return e.Reason }

func fail(format string, args ...any) (Info, error) {
	return Info{}, &Error{Reason: fmt.Sprintf(format, args...)}
}

// Normalize folds full-width digits and letters, drops invisible characters,
// trims spaces and upper-cases a trailing x.
func Normalize(s string) string { return strings.ToUpper(textnorm.Key(s)) }

// CheckChar computes the check character for the first 17 digits.
func CheckChar(first17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * weights[i]
	}
	return checkChars[sum%11]
}

// Parse validates s and returns what it encodes. now bounds the birth date.
func Parse(s string, now time.Time) (Info, error) {
	n := Normalize(s)
	// Count characters: a number typed with Chinese characters in it is
	// still "19 characters", not 21 bytes.
	switch l := utf8.RuneCountInString(n); {
	case l == 15:
		return fail("身份证号为15位旧号码，请使用18位号码")
	case l != 18:
		return fail("身份证号应为18位，实际为%d位", l)
	}
	for i, r := range []rune(n) {
		switch {
		case i < 17 && (r < '0' || r > '9'):
			return fail("身份证号第%d位应为数字", i+1)
		case i == 17 && (r < '0' || r > '9') && r != 'X':
			return fail("身份证号第18位应为数字或X")
		}
	}
	// n is 18 ASCII characters from here on.
	last := n[17]
	if n[0] == '0' {
		return fail("身份证号前6位不是有效的地区码")
	}
	birth, err := time.ParseInLocation("20060102", n[6:14], time.UTC)
	if err != nil || birth.Format("20060102") != n[6:14] {
		return fail("身份证号中的出生日期 %s 无效", n[6:14])
	}
	if birth.Year() < 1900 || birth.After(now) {
		return fail("身份证号中的出生日期 %s 超出合理范围", n[6:14])
	}
	// Never tell the right check character: that invites typing a valid
	// number that is someone else's.
	if CheckChar(n[:17]) != last {
		return fail("身份证号校验位错误，请逐位核对号码")
	}
	g := Female
	if (n[16]-'0')%2 == 1 {
		g = Male
	}
	return Info{Number: n, Birth: birth, Gender: g}, nil
}

// Validate reports whether s is a valid number (today as the bound).
func Validate(s string) error {
	_, err := Parse(s, time.Now())
	return err
}

// Mask hides the birth date and sequence, keeping the region code and the last
// four characters, e.g. 130681********123X.
func Mask(n string) string {
	if len(n) != 18 {
		return strings.Repeat("*", len(n))
	}
	return n[:6] + "********" + n[14:]
}

// Build makes a valid number from a 6-digit region, a birth date and a
// 3-digit sequence (odd for male). Used by demo and test data.
func Build(region string, birth time.Time, seq int) string {
	first17 := fmt.Sprintf("%s%s%03d", region, birth.Format("20060102"), seq%1000)
	return first17 + string(CheckChar(first17))
}

// Age is the age in whole years on day now of someone born on birth.
func Age(birth, now time.Time) int {
	a := now.Year() - birth.Year()
	if now.Month() < birth.Month() || now.Month() == birth.Month() && now.Day() < birth.Day() {
		a--
	}
	return a
}
