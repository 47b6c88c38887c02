package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"sanbao/fielderr"
)

// headerRows is how far down a sheet the header may sit (below a title row
// or two, as offices print them).
const headerRows = 10

// Header is where the columns were found.
type Header struct {
	Sheet string   // worksheet name; "" for CSV
	Line  int      // the header's row
	Cells []string // the header row as written
	// At is the file's column (0-based) of each of the Columns, -1 if absent.
	At []int
}

// Format is the kind of file, told from its first bytes.
type Format int

// The formats sanbao reads.
const (
	CSV Format = iota
	XLSX
)

// Detect tells an .xlsx (a zip) from CSV text, and refuses the binary
// formats of Excel 97-2003 and WPS, which must be saved as .xlsx first.
func Detect(data []byte) (Format, error) {
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return XLSX, nil
	case bytes.HasPrefix(data, []byte{0xd0, 0xcf, 0x11, 0xe0}):
		return 0, fielderr.New("file", "不支持 .xls/.et 旧格式：请在 Excel 或 WPS 中“另存为” .xlsx 后上传")
	case len(bytes.TrimSpace(data)) == 0:
		return 0, fielderr.New("file", "文件是空的")
	}
	return CSV, nil
}

// source yields the raw rows of one worksheet or CSV file.
type source struct {
	sheet string
	next  func() (cells []string, problem string, problemCol int, ok bool, err error)
}

// Read reads a spreadsheet (.xlsx or .csv, told from its bytes), finds the
// header row among the first rows of the first worksheet that has every
// required column, and calls fn with each non-empty row below it, in order.
// Rows are streamed: memory does not grow with the file's rows beyond what fn
// keeps. More than maxRows data rows is an error. Problems of the file as a
// whole (unreadable, a missing column) are *fielderr.Error on "file"; problems
// of a cell are in the Row.
func Read(data []byte, cols *Columns, maxRows int, fn func(*Row) error) (*Header, error) {
	srcs, closeAll, err := open(data)
	if err != nil {
		return nil, err
	}
	defer closeAll()
	var best *Header
	bestMissing := []string(nil)
	for _, src := range srcs {
		h, missing, err := findHeader(src, cols)
		if err != nil {
			return nil, err
		}
		if h == nil {
			if best == nil || len(missing) < len(bestMissing) {
				best, bestMissing = &Header{Sheet: src.sheet}, missing
			}
			continue
		}
		return h, readRows(src, h, cols, maxRows, fn)
	}
	if best == nil || len(bestMissing) == len(requiredNames(cols)) {
		return nil, fielderr.New("file", "没有找到表头：前%d行中没有“%s”等列，请使用导入模板", headerRows, strings.Join(requiredNames(cols), "”“"))
	}
	return nil, fielderr.New("file", "缺少必需的列：%s", strings.Join(bestMissing, "、"))
}

func requiredNames(cols *Columns) []string {
	var out []string
	for _, c := range cols.list {
		if c.Required {
			out = append(out, c.Name)
		}
	}
	return out
}

// findHeader scans the first rows of src for one naming every required
// column (the rows above it are titles); else it returns the fewest
// columns any of those rows missed.
func findHeader(src source, cols *Columns) (*Header, []string, error) {
	var fewest []string
	for line := 1; line <= headerRows; line++ {
		cells, _, _, ok, err := src.next()
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			break
		}
		at, missing, dup := matchHeader(cells, cols)
		if dup != "" {
			return nil, nil, fielderr.New("file", "%s", dup)
		}
		if len(missing) == 0 {
			return &Header{Sheet: src.sheet, Line: line, Cells: cells, At: at}, nil, nil
		}
		if fewest == nil || len(missing) < len(fewest) {
			fewest = missing
		}
	}
	if fewest == nil {
		fewest = requiredNames(cols)
	}
	return nil, fewest, nil
}

// matchHeader maps header cells to columns.
func matchHeader(cells []string, cols *Columns) (at []int, missing []string, dup string) {
	at = make([]int, len(cols.list))
	for i := range at {
		at[i] = -1
	}
	for j, h := range cells {
		i := cols.lookup(h)
		if i < 0 {
			continue
		}
		if at[i] >= 0 {
			return nil, nil, fmt.Sprintf("表头中“%s”出现了两次（第%s列和第%s列）", cols.list[i].Name, ColumnName(at[i]), ColumnName(j))
		}
		at[i] = j
	}
	for i, c := range cols.list {
		if c.Required && at[i] < 0 {
			missing = append(missing, c.Name)
		}
	}
	return at, missing, ""
}

// ColumnName is a 0-based column index as spreadsheets letter it (A, B, … AA).
func ColumnName(i int) string {
	s, _ := excelize.ColumnNumberToName(i + 1)
	return s
}

func readRows(src source, h *Header, cols *Columns, maxRows int, fn func(*Row) error) error {
	n := 0
	present := make([]bool, len(h.At))
	for i, j := range h.At {
		present[i] = j >= 0
	}
	for line := h.Line + 1; ; line++ {
		cells, problem, pcol, ok, err := src.next()
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		r := newRow(cols, line, present)
		empty := true
		for i, j := range h.At {
			if j >= 0 && j < len(cells) {
				if strings.TrimSpace(cells[j]) != "" {
					empty = false
				}
				r.set(i, cells[j])
			}
		}
		if problem != "" {
			r.Broken = true
			r.Errors = append(r.Errors, CellError{Line: line, Column: headerOf(h, cols, pcol), Reason: problem})
		} else if empty {
			continue // blank rows below the data, as spreadsheets keep them
		}
		if n++; n > maxRows {
			return fielderr.New("file", "数据超过%d行：请分成几个文件上传", maxRows)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
}

// headerOf names the file's column j: by its header, else by its letter.
func headerOf(h *Header, cols *Columns, j int) string {
	for i, at := range h.At {
		if at == j {
			return cols.list[i].Name
		}
	}
	if j < len(h.Cells) && strings.TrimSpace(h.Cells[j]) != "" {
		return strings.TrimSpace(h.Cells[j])
	}
	return "第" + ColumnName(j) + "列"
}

// open returns the worksheets of an .xlsx, or the one table of a CSV, and
// what closes them.
func open(data []byte) ([]source, func(), error) {
	format, err := Detect(data)
	if err != nil {
		return nil, nil, err
	}
	if format == CSV {
		text, err := decodeText(data)
		if err != nil {
			return nil, nil, fielderr.New("file", "无法识别文件的文字编码：请另存为 CSV UTF-8 或 .xlsx")
		}
		p := newCSVParser(text)
		return []source{{next: func() ([]string, string, int, bool, error) {
			rec, ok := p.next()
			return rec.fields, rec.problem, rec.problemCol, ok, nil
		}}}, func() {}, nil
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 512 << 20})
	if err != nil {
		return nil, nil, fielderr.New("file", "无法打开该 .xlsx 文件（可能已损坏或设置了密码）")
	}
	var out []source
	var iters []*excelize.Rows
	closeAll := func() {
		for _, it := range iters {
			it.Close()
		}
		f.Close()
	}
	for _, name := range f.GetSheetList() {
		rows, err := f.Rows(name)
		if err != nil {
			continue // a chart sheet, not a worksheet
		}
		iters = append(iters, rows)
		out = append(out, source{sheet: name, next: func() ([]string, string, int, bool, error) {
			if !rows.Next() {
				if err := rows.Error(); err != nil {
					return nil, "", 0, false, xlsxError(err)
				}
				return nil, "", 0, false, nil
			}
			cells, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				return nil, "", 0, false, xlsxError(err)
			}
			return cells, "", 0, true, nil
		}})
	}
	if len(out) == 0 {
		closeAll()
		return nil, nil, fielderr.New("file", "该 .xlsx 文件中没有工作表")
	}
	return out, closeAll, nil
}

func xlsxError(err error) error {
	if errors.Is(err, excelize.ErrMaxRows) {
		return fielderr.New("file", "工作表行数超出 Excel 的上限")
	}
	return fielderr.New("file", "无法读取该 .xlsx 文件（可能已损坏）")
}
