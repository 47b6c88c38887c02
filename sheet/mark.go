package sheet

import (
	"io"
	"sort"
	"strings"

	"sanbao/fielderr"
)

// ReasonColumn is the column a marked copy adds.
const ReasonColumn = "错误原因"

// MarkErrors writes to out an .xlsx copy of the worksheet that Read would
// read (title rows, header and data as they were, on the same row numbers)
// with each wrong cell filled red and commented, and every reason of a row
// in a 错误原因 column. The person fixes the copy and uploads it again: the
// added column is ignored then. Rows are streamed as when reading.
func MarkErrors(data []byte, cols *Columns, errs []CellError, out io.Writer) error {
	sheetName, h, err := locate(data, cols)
	if err != nil {
		return err
	}
	byLine := map[int][]CellError{}
	for _, e := range errs {
		byLine[e.Line] = append(byLine[e.Line], e)
	}
	// The file's column of each name a reason may carry.
	colOf := map[string]int{}
	for j, cell := range h.Cells {
		if name := strings.TrimSpace(cell); name != "" {
			colOf[name] = j
		}
		colOf["第"+ColumnName(j)+"列"] = j
	}
	for i, j := range h.At {
		if j >= 0 {
			colOf[cols.list[i].Name] = j
		}
	}
	width := len(h.Cells)
	widths := make([]float64, width+1)
	for i := range widths {
		widths[i] = 14
	}
	widths[width] = 40
	srcs, closeAll, err := open(data)
	if err != nil {
		return err
	}
	defer closeAll()
	var src source
	for _, s := range srcs {
		if s.sheet == sheetName {
			src = s
		}
	}
	w, err := NewWriter(Options{Widths: widths, Freeze: h.Line})
	if err != nil {
		return err
	}
	for line := 1; ; line++ {
		cells, _, _, ok, err := src.next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		// The reason goes right of the header; cells beyond it stay, after it.
		row := make([]string, width+1, max(width+1, len(cells)+1))
		copy(row, cells)
		if len(cells) > width {
			row = append(row, cells[width:]...)
		}
		es := byLine[line]
		sort.SliceStable(es, func(a, b int) bool { return colOf[es[a].Column] < colOf[es[b].Column] })
		marks := map[int]string{}
		var reasons []string
		for _, e := range es {
			if j, ok := colOf[e.Column]; ok && j < width {
				marks[j] = e.Reason
			}
			reasons = append(reasons, e.Column+"："+e.Reason)
		}
		row[width] = strings.Join(reasons, "；")
		if line == h.Line {
			row[width] = ReasonColumn
		}
		if err := w.Marked(row, marks); err != nil {
			return err
		}
	}
	_, err = w.WriteTo(out)
	return err
}

// locate finds the worksheet and header Read would use.
func locate(data []byte, cols *Columns) (string, *Header, error) {
	srcs, closeAll, err := open(data)
	if err != nil {
		return "", nil, err
	}
	defer closeAll()
	for _, s := range srcs {
		h, _, err := findHeader(s, cols)
		if err != nil || h != nil {
			return s.sheet, h, err
		}
	}
	return "", nil, fielderr.New("file", "文件中找不到表头")
}
