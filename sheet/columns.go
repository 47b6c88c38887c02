// Package sheet reads and writes the spreadsheets county offices live in:
// .xlsx (streamed, row by row) and .csv in UTF-8 or GBK/GB18030, with
// headers as offices type them; and .xlsx lists with a title row, Chinese
// headers, frozen panes and A4 landscape printing, with formula-like cells
// neutralized.
package sheet

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"sanbao/textnorm"
)

// Column is one column sanbao reads, named as in its template.
type Column struct {
	Name     string   // the template's header, e.g. 身份证号
	Aliases  []string // other headers offices give it, e.g. 身份证号码, 证件号码
	Required bool     // the file must have this column (its cells may still be optional)
	MaxLen   int      // most characters in a cell; 0 means DefaultMaxLen
	Note     string   // what goes in it, shown on the template's header
	Text     bool     // long digit strings (ID numbers, codes): the template keeps them as text
	Width    float64  // template column width in characters; 0 fits the header
}

// DefaultMaxLen bounds a cell of a column that sets no limit.
const DefaultMaxLen = 200

func (c Column) maxLen() int {
	if c.MaxLen > 0 {
		return c.MaxLen
	}
	return DefaultMaxLen
}

// Columns is the set of columns of one kind of file.
type Columns struct {
	list  []Column
	index map[string]int // canonical name -> position in list
	match map[string]int // normalized header or alias -> position in list
}

// NewColumns indexes cols by their names and aliases.
func NewColumns(cols ...Column) *Columns {
	cs := &Columns{list: cols, index: map[string]int{}, match: map[string]int{}}
	for i, c := range cols {
		cs.index[c.Name] = i
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			key := headerKey(n)
			if j, dup := cs.match[key]; dup && j != i {
				panic(fmt.Sprintf("sheet: header %q names two columns", n))
			}
			cs.match[key] = i
		}
	}
	return cs
}

// List returns the columns in template order.
func (cs *Columns) List() []Column { return cs.list }

// lookup finds the column a header cell names, or -1.
func (cs *Columns) lookup(header string) int {
	key := headerKey(header)
	if key == "" {
		return -1
	}
	if i, ok := cs.match[key]; ok {
		return i
	}
	// 家庭人口(人), 联系电话(手机): a note in brackets after the name.
	if open := strings.LastIndexByte(key, '('); open > 0 && strings.HasSuffix(key, ")") {
		if i, ok := cs.match[key[:open]]; ok {
			return i
		}
	}
	return -1
}

// headerKey is how headers are compared: width-folded (NFKC: full-width
// letters, digits and brackets become ASCII), without any space, zero-width
// character or the * that marks a required column, ASCII case-folded.
func headerKey(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) || textnorm.Invisible(r) || r == '*' {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Clean is a cell as sanbao stores it (textnorm.Line): line breaks and tabs
// inside (Alt+Enter in Excel) become spaces first. ok is false when the cell
// holds a control character or a direction override.
func Clean(s string) (clean string, ok bool) {
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
	out, err := textnorm.Line(s)
	return out, err == nil
}
