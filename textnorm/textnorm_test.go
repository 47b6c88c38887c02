package textnorm

import (
	"errors"
	"strings"
	"testing"
)

func TestLine(t *testing.T) {
	for _, c := range []struct {
		in, want string
		err      error
	}{
		{in: "张三", want: "张三"},
		{in: "  张三 ", want: "张三"},
		{in: "\u3000张三\u3000", want: "张三"},
		{in: "H1\u200B", want: "H1"},
		{in: "\uFEFFH1", want: "H1"},
		{in: "张\u200D三", want: "张三"},
		{in: "张\u00AD三\u200E", want: "张三"},
		{in: "１３０６８１２０１２０３１５００１９", want: "130681201203150019"},
		{in: "１３０６８１２０１２０３１５００２ｘ", want: "13068120120315002x"},
		{in: "ＡＢＣ－ａｂｃ", want: "ABC－abc"},
		{in: "松林店镇，张沉村（东）", want: "松林店镇，张沉村（东）"},
		{in: "\t张三\n", want: "张三"},
		{in: "张\t三", err: ErrControl},
		{in: "张\n三", err: ErrControl},
		{in: "张\x00三", err: ErrControl},
		{in: "张\u0085三", err: ErrControl},
		{in: "张\u2028三", err: ErrControl},
		{in: "张\uFFF9三", err: ErrControl},
		{in: "abc\u202Egpj.exe", err: ErrDirection},
		{in: "\u2067张三\u2069", err: ErrDirection},
		{in: "张\xff三", err: ErrEncoding},
		{in: " ", want: ""},
		{in: "\u200B", want: ""},
	} {
		got, err := Line(c.in)
		if !errors.Is(err, c.err) || err == nil && got != c.want {
			t.Errorf("Line(%q) = %q, %v; want %q, %v", c.in, got, err, c.want, c.err)
		}
	}
}

func TestText(t *testing.T) {
	for _, c := range []struct {
		in, want string
		err      error
	}{
		{in: "第一行\r\n第二行\r\n", want: "第一行\n第二行"},
		{in: "家访，\t了解情况：良好（稳定）", want: "家访，\t了解情况：良好（稳定）"},
		{in: "电话１３９", want: "电话139"},
		{in: "a\x07b", err: ErrControl},
		{in: "a\u202Db", err: ErrDirection},
	} {
		got, err := Text(c.in)
		if !errors.Is(err, c.err) || err == nil && got != c.want {
			t.Errorf("Text(%q) = %q, %v; want %q, %v", c.in, got, err, c.want, c.err)
		}
	}
}

func TestKeyAndLen(t *testing.T) {
	if k := Key("Ｈ１\u200B"); k != "H1" {
		t.Errorf("Key = %q", k)
	}
	if k := Key("H\x001"); k != "H\x001" {
		t.Errorf("Key of a refused string = %q, want it unchanged", k)
	}
	if n := Len(strings.Repeat("张", 64)); n != 64 {
		t.Errorf("Len = %d", n)
	}
}

func BenchmarkLine(b *testing.B) {
	for _, s := range []string{"130681201203150019", "松林店镇张沉村第三村民小组", "１３０６８１２０１２０３１５００１９"} {
		b.Run(s, func(b *testing.B) {
			for b.Loop() {
				Line(s)
			}
		})
	}
}
