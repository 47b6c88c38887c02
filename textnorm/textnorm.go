// Package textnorm makes typed text safe to store and compare: what looks the
// same is stored the same. Keys and names arrive from phones, spreadsheets and
// copy-paste with invisible characters (zero-width spaces, a byte-order mark),
// full-width digits and letters from Chinese input methods, and occasionally
// control or text-direction characters that make one string display as
// another. Every ent write passes its text through here (ent/schema's global
// hook), so every writer — API, import, seed — stores the same form.
package textnorm

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Reasons text is refused, in the users' words.
var (
	ErrControl   = errors.New("含有不可见的控制字符,请删除后重新输入")
	ErrDirection = errors.New("含有改变文字方向的控制字符,请删除后重新输入")
	ErrEncoding  = errors.New("含有无法识别的字符(编码错误)")
)

// Invisible are format characters that change nothing a reader sees: they
// are removed. They are the zero-width space, non-joiner and joiner, the word
// joiner, the byte-order mark, the soft hyphen, the Mongolian vowel separator
// and the left-to-right, right-to-left and Arabic letter marks. (A joiner only
// matters inside emoji sequences, which no name or key of sanbao holds.)
func Invisible(r rune) bool {
	switch r {
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u180E', '\u200E', '\u200F', '\u061C':
		return true
	}
	return false
}

// direction are the embeddings, overrides and isolates that reorder how text
// displays (the "Trojan Source" characters): refused, never silently kept.
func direction(r rune) bool {
	return r >= '\u202A' && r <= '\u202E' || r >= '\u2066' && r <= '\u2069'
}

// fold maps full-width digits and Latin letters (what a Chinese input method
// types in full-width mode) to ASCII. Full-width punctuation is Chinese
// typography (，：（）) and stays.
func fold(r rune) rune {
	switch {
	case r >= '０' && r <= '９':
		return r - '０' + '0'
	case r >= 'Ａ' && r <= 'Ｚ':
		return r - 'Ａ' + 'A'
	case r >= 'ａ' && r <= 'ｚ':
		return r - 'ａ' + 'a'
	}
	return r
}

// Line normalizes one line of text (a name, a number, a code): invisible
// characters removed, full-width digits and letters folded to ASCII, spaces
// trimmed. Control characters (a tab or line break inside, too) and
// direction overrides are refused.
func Line(s string) (string, error) { return norm(s, false) }

// Text normalizes multi-line text (notes): as Line, but line breaks and tabs
// are kept and CRLF becomes LF.
func Text(s string) (string, error) { return norm(s, true) }

// Key is Line without the error, for looking up what was stored through
// Line: a key with a forbidden character can match nothing stored, and
// comes back with that character still in it.
func Key(s string) string {
	out, err := Line(s)
	if err != nil {
		return s
	}
	return out
}

func norm(s string, multiline bool) (string, error) {
	if clean(s) {
		return strings.TrimSpace(s), nil
	}
	if !utf8.ValidString(s) {
		return "", ErrEncoding
	}
	if multiline {
		s = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
	}
	// Spacing and invisible characters at either end are not content.
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || Invisible(r) })
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case Invisible(r):
			continue
		case direction(r):
			return "", ErrDirection
		case multiline && (r == '\n' || r == '\t'):
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Cf, r):
			// Any other format character (interlinear annotations, tags,
			// invisible operators) is as deceptive as a control character.
			return "", ErrControl
		}
		b.WriteRune(fold(r))
	}
	return strings.TrimSpace(b.String()), nil
}

// clean reports whether s has nothing to fold, strip or refuse (the usual
// case, kept fast).
func clean(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7F || r >= 0x80 && (r < 0xA0 || special(r)) {
			return false
		}
	}
	return true
}

// special is a non-ASCII rune that norm may change or refuse.
func special(r rune) bool {
	return Invisible(r) || direction(r) || fold(r) != r || r == '\u2028' || r == '\u2029' ||
		r == utf8.RuneError || unicode.Is(unicode.Cf, r)
}

// Len counts characters, not bytes: a 64-character Chinese name is 192 bytes.
func Len(s string) int { return utf8.RuneCountInString(s) }
