package idcard

import "unicode/utf8"

// Upgrade turns a 15-digit number of the first generation (issued before
// 1999: region, YYMMDD born in the 1900s, sequence, no check character)
// into its 18-digit form; any other input comes back normalized and
// unchanged, for Parse to judge.
func Upgrade(s string) string {
	n := Normalize(s)
	if utf8.RuneCountInString(n) != 15 {
		return n
	}
	for i := 0; i < 15; i++ {
		if n[i] < '0' || n[i] > '9' {
			return n
		}
	}
	first17 := n[:6] + "19" + n[6:]
	return first17 + string(CheckChar(first17))
}
