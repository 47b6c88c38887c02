package sheet

import (
	"archive/zip"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// SheetName is the worksheet sanbao writes.
const SheetName = "Sheet1"

// MaxNotes bounds the comments one file gets: each is a drawing of its own,
// and thousands make a file slow to open. Cells past it are still filled red.
const MaxNotes = 1000

// Col is one column written.
type Col struct {
	Name  string
	Width float64 // in characters; 0 fits the header
	Text  bool    // cells typed into it later stay text (ID numbers, codes)
	Note  string  // a comment on the header cell (templates)
}

// Options lay out a worksheet.
type Options struct {
	// Title is the first row, merged across the columns: unit, scope, date.
	// Empty for none.
	Title string
	// Columns are the header row, written below the title and frozen.
	// Empty writes no header: the caller writes every row (copies of a file).
	Columns []Col
	// Widths and Freeze lay out a sheet without Columns: column widths and
	// the rows to keep on screen and on every printed page.
	Widths []float64
	Freeze int
}

// Writer streams one worksheet of an .xlsx: rows go to a temporary file as
// they are written, so memory stays flat however many there are. Text that
// a spreadsheet would take for a formula (=, +, -, @ first) is written as
// text, marked so Excel and WPS show it as typed and never evaluate it.
type Writer struct {
	f     *excelize.File
	sw    *excelize.StreamWriter
	line  int
	ncols int
	notes []excelize.Comment
	style struct{ plain, neutral, bad, badNeutral, text int }
}

// NewWriter starts a worksheet laid out by o: A4 landscape, fit to the page
// width, the title and header repeated on every printed page.
func NewWriter(o Options) (*Writer, error) {
	f := excelize.NewFile()
	w := &Writer{f: f}
	if err := w.layout(o); err != nil {
		f.Close()
		return nil, err
	}
	return w, nil
}

func (w *Writer) layout(o Options) error {
	f := w.f
	if err := w.styles(); err != nil {
		return err
	}
	widths := o.Widths
	if len(o.Columns) > 0 {
		widths = make([]float64, len(o.Columns))
		for i, c := range o.Columns {
			widths[i] = c.Width
			if widths[i] == 0 {
				widths[i] = max(8, float64(displayWidth(c.Name))+4)
			}
		}
	}
	w.ncols = max(len(widths), 1)
	freeze := o.Freeze
	if len(o.Columns) > 0 {
		freeze = 1
		if o.Title != "" {
			freeze = 2
		}
	}
	a4, landscape, one, zero, fit := 9, "landscape", 1, 0, true
	if err := f.SetPageLayout(SheetName, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	if err := f.SetSheetProps(SheetName, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	margin := 0.4
	if err := f.SetPageMargins(SheetName, &excelize.PageLayoutMarginsOptions{Left: &margin, Right: &margin, Top: &margin, Bottom: &margin}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(SheetName, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页，共 &N 页"}); err != nil {
		return err
	}
	if freeze > 0 {
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: SheetName,
			RefersTo: fmt.Sprintf("%s!$1:$%d", SheetName, freeze)}); err != nil {
			return err
		}
	}
	sw, err := f.NewStreamWriter(SheetName)
	if err != nil {
		return err
	}
	w.sw = sw
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	for i, c := range o.Columns {
		if c.Text {
			if err := sw.SetColStyle(i+1, i+1, w.style.text); err != nil {
				return err
			}
		}
	}
	if freeze > 0 {
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: freeze, TopLeftCell: fmt.Sprintf("A%d", freeze+1), ActivePane: "bottomLeft"}); err != nil {
			return err
		}
	}
	if o.Title != "" {
		if err := w.title(o.Title); err != nil {
			return err
		}
	}
	if len(o.Columns) > 0 {
		return w.header(o.Columns)
	}
	return nil
}

func (w *Writer) styles() error {
	f := w.f
	var err error
	mk := func(s *excelize.Style) int {
		id, e := f.NewStyle(s)
		if e != nil && err == nil {
			err = e
		}
		return id
	}
	red := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}
	w.style.plain = 0
	w.style.text = mk(&excelize.Style{NumFmt: 49})
	// The quote prefix is what Excel stores for a cell typed with a leading
	// apostrophe: shown as typed, kept as text when edited. Each is a style
	// of its own (a distinct alignment keeps excelize from merging them).
	w.style.neutral = mk(&excelize.Style{NumFmt: 49, Alignment: &excelize.Alignment{Vertical: "top"}})
	w.style.bad = mk(&excelize.Style{Fill: red})
	w.style.badNeutral = mk(&excelize.Style{Fill: red, NumFmt: 49, Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		return err
	}
	yes := true
	for _, id := range []int{w.style.neutral, w.style.badNeutral} {
		f.Styles.CellXfs.Xf[id].QuotePrefix = &yes
	}
	return nil
}

func (w *Writer) title(text string) error {
	st, err := w.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14},
		Alignment: &excelize.Alignment{Vertical: "center"}})
	if err != nil {
		return err
	}
	w.line++
	cell, _ := excelize.CoordinatesToCellName(1, w.line)
	if err := w.sw.SetRow(cell, []any{excelize.Cell{StyleID: st, Value: text}}, excelize.RowOpts{Height: 28}); err != nil {
		return err
	}
	if w.ncols > 1 {
		end, _ := excelize.CoordinatesToCellName(w.ncols, w.line)
		return w.sw.MergeCell(cell, end)
	}
	return nil
}

func (w *Writer) header(cols []Col) error {
	st, err := w.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7EEF7"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border:    []excelize.Border{{Type: "bottom", Color: "7F8FA6", Style: 1}}})
	if err != nil {
		return err
	}
	row := make([]any, len(cols))
	for i, c := range cols {
		row[i] = excelize.Cell{StyleID: st, Value: c.Name}
	}
	w.line++
	cell, _ := excelize.CoordinatesToCellName(1, w.line)
	if err := w.sw.SetRow(cell, row, excelize.RowOpts{Height: 22}); err != nil {
		return err
	}
	for i, c := range cols {
		if c.Note != "" {
			w.note(i, c.Note)
		}
	}
	return nil
}

// Row writes the next row. Strings that look like formulas are neutralized;
// numbers, booleans and times are written as such.
func (w *Writer) Row(values ...any) error {
	row := make([]any, len(values))
	for i, v := range values {
		row[i] = v
		if s, ok := v.(string); ok && Formulaic(s) {
			row[i] = excelize.Cell{StyleID: w.style.neutral, Value: s}
		}
	}
	return w.put(row)
}

// Marked writes the next row as text, filling the cells named in reasons
// (by 0-based column) red with the reason as a comment.
func (w *Writer) Marked(values []string, reasons map[int]string) error {
	row := make([]any, len(values))
	w.line++
	for i, s := range values {
		style := w.style.plain
		if Formulaic(s) {
			style = w.style.neutral
		}
		if reason, bad := reasons[i]; bad {
			style = w.style.bad
			if Formulaic(s) {
				style = w.style.badNeutral
			}
			w.note(i, reason)
		}
		row[i] = excelize.Cell{StyleID: style, Value: s}
	}
	return w.set(row)
}

func (w *Writer) put(row []any) error {
	w.line++
	return w.set(row)
}

func (w *Writer) set(row []any) error {
	cell, _ := excelize.CoordinatesToCellName(1, w.line)
	return w.sw.SetRow(cell, row)
}

// note attaches a comment to the current row's column col.
func (w *Writer) note(col int, text string) {
	if len(w.notes) >= MaxNotes {
		return
	}
	cell, _ := excelize.CoordinatesToCellName(col+1, w.line)
	w.notes = append(w.notes, excelize.Comment{Cell: cell, Author: "三包联系", Text: text})
}

// WriteTo finishes the file and writes it to out.
func (w *Writer) WriteTo(out io.Writer) (int64, error) {
	defer w.f.Close()
	if err := w.sw.Flush(); err != nil {
		return 0, err
	}
	for _, c := range w.notes {
		if err := w.f.AddComment(SheetName, c); err != nil {
			return 0, err
		}
	}
	// excelize's own WriteTo builds the whole zip in memory first; its zip
	// writer hook lets the archive go straight to out instead. (Its zip64
	// header patch, skipped so, matters only past 4 GB.)
	cw := &counter{w: out}
	w.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(cw) })
	_, err := w.f.WriteToBuffer()
	return cw.n, err
}

type counter struct {
	w io.Writer
	n int64
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Formulaic says a spreadsheet would take s for a formula (or DDE): it
// begins with =, +, -, @ (full-width too), or with a tab or carriage return.
func Formulaic(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case '=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠':
		return true
	}
	return false
}

// Title is a title row: the unit, what the list is, its scope and date.
func Title(unit, name, scope string, date time.Time) string {
	parts := []string{}
	for _, p := range []string{unit, name} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if scope != "" {
		parts = append(parts, "范围："+scope)
	}
	parts = append(parts, "日期："+date.Format("2006年1月2日"))
	return strings.Join(parts, "　")
}

// displayWidth counts a CJK character as two columns, as spreadsheets do.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if r > 0x2e80 || unicode.Is(unicode.Han, r) {
			n += 2
		} else {
			n++
		}
	}
	return n
}
