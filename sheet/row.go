package sheet

import (
	"fmt"
	"strconv"
	"strings"

	"sanbao/textnorm"
)

// CellError is one wrong cell: its row as the spreadsheet program numbers it,
// the column's header and the reason, in Chinese.
type CellError struct {
	Line   int    `json:"line"`
	Column string `json:"column"`
	Reason string `json:"reason"`
}

// Row is one data row, its cells in the order of the Columns it was read
// with, and the problems found in it so far.
type Row struct {
	Line   int
	Errors []CellError
	// Broken rows could not be read whole (a quoting error): their cells
	// are not to be trusted and the row is not checked further.
	Broken bool

	cols    *Columns
	cells   []string
	bad     []bool
	present []bool // shared by the rows of one file
}

func newRow(cols *Columns, line int, present []bool) *Row {
	n := len(cols.list)
	return &Row{Line: line, cols: cols, cells: make([]string, n), bad: make([]bool, n), present: present}
}

func (r *Row) pos(col string) int {
	i, ok := r.cols.index[col]
	if !ok {
		panic("sheet: no column " + col)
	}
	return i
}

// Get is the cleaned value of the named column ("" when absent or already
// found wrong).
func (r *Row) Get(col string) string { return r.cells[r.pos(col)] }

// Has says the file has the column: an optional column left out means
// "leave it as it is", not "empty".
func (r *Row) Has(col string) bool { return r.present == nil || r.present[r.pos(col)] }

// Bad says a problem was already reported for the column.
func (r *Row) Bad(col string) bool { return r.bad[r.pos(col)] }

// OK says nothing is wrong with the row so far.
func (r *Row) OK() bool { return len(r.Errors) == 0 }

// Fail reports the column's cell as wrong. Only the first problem of a cell
// is kept: one reason per cell is what a person can act on.
func (r *Row) Fail(col, format string, args ...any) {
	i := r.pos(col)
	if r.bad[i] {
		return
	}
	r.bad[i] = true
	r.Errors = append(r.Errors, CellError{Line: r.Line, Column: col, Reason: fmt.Sprintf(format, args...)})
}

// Required is the cell's value, reported as missing when empty.
func (r *Row) Required(col string) string {
	v := r.Get(col)
	if v == "" && !r.Bad(col) {
		r.Fail(col, "必填")
	}
	return v
}

// Flag reads 是/否 (also 1/0, Y/N, √); empty is 否.
func (r *Row) Flag(col string) bool {
	switch strings.ToUpper(r.Get(col)) {
	case "", "否", "0", "N", "NO", "×", "无":
		return false
	case "是", "1", "Y", "YES", "√", "有":
		return true
	}
	r.Fail(col, "应填“是”或“否”")
	return false
}

// OneOf is the cell's value if it is one of options (empty passes unless
// required is set).
func (r *Row) OneOf(col string, required bool, options ...string) string {
	v := r.Get(col)
	if v == "" && !required {
		return ""
	}
	for _, o := range options {
		if v == o {
			return v
		}
	}
	r.Fail(col, "应为%s之一", strings.Join(options, "、"))
	return ""
}

// Int reads an optional whole number in [lo, hi]; 0 when empty or wrong.
func (r *Row) Int(col string, lo, hi int) int {
	s := r.Get(col)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimSuffix(s, ".0"))
	if err != nil || n < lo || n > hi {
		r.Fail(col, "应为%d到%d的整数", lo, hi)
		return 0
	}
	return n
}

// set stores one raw cell, cleaning it and checking its length.
func (r *Row) set(i int, raw string) {
	c := r.cols.list[i]
	v, ok := Clean(raw)
	switch {
	case !ok:
		r.Fail(c.Name, "含有不可见的控制字符，请删除后重新输入")
		return
	case textnorm.Len(v) > c.maxLen():
		r.Fail(c.Name, "过长：最多%d个字，此处有%d个字", c.maxLen(), textnorm.Len(v))
		return
	case c.Text && numberLike(v):
		r.Fail(c.Name, "被 Excel 存成了数字（%s），后几位已丢失：请把该列设为文本格式后重新填写", v)
		return
	}
	r.cells[i] = v
}

// numberLike is how Excel shows a long number it rounded: 1.30681E+17.
func numberLike(s string) bool {
	m, e, ok := strings.Cut(strings.ToUpper(s), "E+")
	if !ok {
		return false
	}
	_, err1 := strconv.ParseFloat(m, 64)
	_, err2 := strconv.Atoi(e)
	return err1 == nil && err2 == nil
}
