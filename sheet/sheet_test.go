package sheet

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"sanbao/fielderr"
)

var testCols = NewColumns(
	Column{Name: "户编号", Aliases: []string{"户号"}, Required: true, MaxLen: 32},
	Column{Name: "户主姓名", Required: true, MaxLen: 8},
	Column{Name: "身份证号", Aliases: []string{"身份证号码", "证件号码"}, Text: true},
	Column{Name: "家庭人口"},
	Column{Name: "联系电话"},
)

type got struct {
	rows []*Row
	errs []CellError
}

func read(t *testing.T, data []byte) (got, error) {
	t.Helper()
	var g got
	_, err := Read(data, testCols, 100, func(r *Row) error {
		g.rows = append(g.rows, r)
		g.errs = append(g.errs, r.Errors...)
		return nil
	})
	return g, err
}

func xlsxOf(t testing.TB, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadXLSXHeadersAsOfficesWriteThem(t *testing.T) {
	data := xlsxOf(t, [][]any{
		{"涿州市建档立卡户名单（2026年）"},
		{},
		{"序号", "联系电话（手机）", " 户　主 姓 名 ", "证件号码", "户号*", "备注"},
		{1, "138 0000 0000", "王五", "１３０６８１２０１４０６０１００１Ｘ", "N1", "随便写"},
		{},
		{2, "", "赵六\u200b", "", "N2", ""},
	})
	g, err := read(t, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.errs) != 0 || len(g.rows) != 2 {
		t.Fatalf("rows %d, errors %v", len(g.rows), g.errs)
	}
	r := g.rows[0]
	if !r.Has("身份证号") || r.Has("家庭人口") {
		t.Error("columns present wrong")
	}
	if r.Line != 4 || r.Get("户编号") != "N1" || r.Get("户主姓名") != "王五" || r.Get("身份证号") != "13068120140601001X" ||
		r.Get("联系电话") != "138 0000 0000" || r.Get("家庭人口") != "" {
		t.Errorf("row 1 = line %d %q", r.Line, r.cells)
	}
	if r := g.rows[1]; r.Line != 6 || r.Get("户主姓名") != "赵六" {
		t.Errorf("row 2 = line %d %q", r.Line, r.cells)
	}
}

func TestReadCSVEncodings(t *testing.T) {
	text := "户主姓名,户编号,多余的列\n张三,H1,x\n李四,\"H,2\",y\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	gb18030, _ := simplifiedchinese.GB18030.NewEncoder().String(strings.Replace(text, "李四", "李䶮", 1))
	for name, data := range map[string][]byte{
		"utf8":     []byte(text),
		"utf8-bom": append([]byte{0xef, 0xbb, 0xbf}, text...),
		"crlf":     []byte(strings.ReplaceAll(text, "\n", "\r\n")),
		"gbk":      []byte(gbk),
		"gb18030":  []byte(gb18030),
	} {
		t.Run(name, func(t *testing.T) {
			g, err := read(t, data)
			if err != nil {
				t.Fatal(err)
			}
			if len(g.rows) != 2 || len(g.errs) != 0 {
				t.Fatalf("rows %d errors %v", len(g.rows), g.errs)
			}
			want := "李四"
			if name == "gb18030" {
				want = "李䶮"
			}
			if g.rows[0].Get("户主姓名") != "张三" || g.rows[1].Get("户主姓名") != want || g.rows[1].Get("户编号") != "H,2" || g.rows[1].Line != 3 {
				t.Errorf("got %q %q", g.rows[0].cells, g.rows[1].cells)
			}
		})
	}
}

func TestReadListsEveryBadRow(t *testing.T) {
	long := strings.Repeat("长", 9)
	data := "户编号,户主姓名,家庭人口\n" +
		"H1,张三,3\n" +
		"H2,王\"五,3\n" + // a bare quote
		"H3,\"赵\"六,3\n" + // text after the closing quote
		"H4," + long + ",3\n" + // too long
		"H5,孙\x07七,3\n" + // a control character
		"H6,周八,3\n" +
		"H7,\"吴九,3\n" + // never closed: only this line is lost
		"H8,郑十,3\n"
	g, err := read(t, []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		line   int
		column string
		reason string
	}{
		{3, "户主姓名", "引号"},
		{4, "户主姓名", "引号后面还有内容"},
		{5, "户主姓名", "过长：最多8个字，此处有9个字"},
		{6, "户主姓名", "控制字符"},
		{8, "户主姓名", "引号没有配对"},
	}
	if len(g.errs) != len(want) {
		t.Fatalf("errors = %v", g.errs)
	}
	for i, w := range want {
		e := g.errs[i]
		if e.Line != w.line || e.Column != w.column || !strings.Contains(e.Reason, w.reason) {
			t.Errorf("error %d = %+v, want line %d %s %q", i, e, w.line, w.column, w.reason)
		}
		for _, english := range []string{"quote", "field", "line", "parse"} {
			if strings.Contains(strings.ToLower(e.Reason), english) {
				t.Errorf("English in %q", e.Reason)
			}
		}
	}
	var lines []int
	for _, r := range g.rows {
		lines = append(lines, r.Line)
	}
	if fmt.Sprint(lines) != "[2 3 4 5 6 7 8 9]" {
		t.Errorf("rows read = %v", lines)
	}
	if last := g.rows[len(g.rows)-1]; last.Get("户编号") != "H8" || !g.rows[6].Broken || g.rows[5].Broken {
		t.Errorf("after the unclosed quote: %q, broken %v", last.cells, g.rows[6].Broken)
	}
}

func TestReadFileErrors(t *testing.T) {
	for name, c := range map[string]struct {
		data string
		want string
	}{
		"missing":   {"户编号,电话\nH1,1\n", "缺少必需的列：户主姓名"},
		"no header": {"a,b\n1,2\n", "没有找到表头"},
		"twice":     {"户编号,户主姓名,身份证号,证件号码\n", "“身份证号”出现了两次（第C列和第D列）"},
		"xls":       {"\xd0\xcf\x11\xe0rest", "另存为” .xlsx"},
		"empty":     {"  \n", "文件是空的"},
		"too many":  {"户编号,户主姓名\n" + strings.Repeat("H,名\n", 101), "数据超过100行"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := read(t, []byte(c.data))
			fe, ok := fielderr.As(err)
			if !ok || fe.Field != "file" || !strings.Contains(fe.Reason, c.want) {
				t.Errorf("err = %v, want %q", err, c.want)
			}
		})
	}
}

func TestReadNumberLikeIDs(t *testing.T) {
	data := xlsxOf(t, [][]any{{"户编号", "户主姓名", "身份证号"}, {"H1", "张三", "1.30681201406011E+17"}})
	g, err := read(t, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.errs) != 1 || g.errs[0].Column != "身份证号" || !strings.Contains(g.errs[0].Reason, "文本格式") {
		t.Errorf("errors = %v", g.errs)
	}
}

func TestRowChecks(t *testing.T) {
	cols := NewColumns(Column{Name: "a"}, Column{Name: "b"}, Column{Name: "c"}, Column{Name: "d"})
	r := newRow(cols, 7, nil)
	r.set(0, "也许")
	r.set(1, "十")
	r.set(2, "是")
	if r.Flag("a") || r.Int("b", 1, 30) != 0 || !r.Flag("c") || r.Required("d") != "" {
		t.Error("checks passed bad cells")
	}
	r.Fail("a", "second reason")
	if len(r.Errors) != 3 || r.Errors[0] != (CellError{7, "a", "应填“是”或“否”"}) || r.Errors[2].Reason != "必填" {
		t.Errorf("errors = %v", r.Errors)
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		" \u3000Ｈ１２\u200b ": "H12",
		"\ufeff王五":          "王五",
		"住址，一号（东）":          "住址，一号（东）",
		"两行\n地址":            "两行 地址",
		"ok":                "ok",
	} {
		if got, ok := Clean(in); got != want || !ok {
			t.Errorf("Clean(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"a\x00b", "\u202eevil", "x\x1b"} {
		if _, ok := Clean(bad); ok {
			t.Errorf("Clean(%q) accepted", bad)
		}
	}
}

func TestWriterLayoutAndNeutralization(t *testing.T) {
	w, err := NewWriter(Options{
		Title:   Title("涿州市教育和体育局", "建档立卡户名单", "涿州市", time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)),
		Columns: []Col{{Name: "户编号", Text: true}, {Name: "户主姓名", Width: 12}, {Name: "备注", Note: "随便写"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	dangerous := []string{"=1+1", "+1", "-2", "@SUM(A1)", "\t=cmd|' /C calc'!A0", "\r=1", "＝1"}
	for _, d := range dangerous {
		if err := w.Row("H1", d, 3); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Row("H2", "正常", 4); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue(SheetName, "A1"); v != "涿州市教育和体育局　建档立卡户名单　范围：涿州市　日期：2026年11月24日" {
		t.Errorf("title = %q", v)
	}
	if m, _ := f.GetMergeCells(SheetName); len(m) != 1 || m[0].GetStartAxis() != "A1" || m[0].GetEndAxis() != "C1" {
		t.Errorf("title merge = %v", m)
	}
	if row, _ := f.GetRows(SheetName); strings.Join(row[1], ",") != "户编号,户主姓名,备注" {
		t.Errorf("header = %v", row[1])
	}
	panes, _ := f.GetPanes(SheetName)
	if !panes.Freeze || panes.YSplit != 2 || panes.TopLeftCell != "A3" {
		t.Errorf("panes = %+v", panes)
	}
	if wd, _ := f.GetColWidth(SheetName, "B"); wd != 12 {
		t.Errorf("width B = %v", wd)
	}
	if wd, _ := f.GetColWidth(SheetName, "A"); wd < 10 {
		t.Errorf("width A = %v", wd)
	}
	layout, _ := f.GetPageLayout(SheetName)
	if *layout.Size != 9 || *layout.Orientation != "landscape" || *layout.FitToWidth != 1 {
		t.Errorf("page = size %v %v fit %v", *layout.Size, *layout.Orientation, *layout.FitToWidth)
	}
	names := f.GetDefinedName()
	if len(names) != 1 || names[0].Name != "_xlnm.Print_Titles" || names[0].RefersTo != "Sheet1!$1:$2" {
		t.Errorf("print titles = %+v", names)
	}
	if c, _ := f.GetComments(SheetName); len(c) != 1 || c[0].Cell != "C2" || c[0].Text != "随便写" {
		t.Errorf("header notes = %+v", c)
	}
	for i, d := range dangerous {
		cell := fmt.Sprintf("B%d", i+3)
		v, _ := f.GetCellValue(SheetName, cell)
		formula, _ := f.GetCellFormula(SheetName, cell)
		typ, _ := f.GetCellType(SheetName, cell)
		style, _ := f.GetCellStyle(SheetName, cell)
		if v != d || formula != "" || typ == excelize.CellTypeNumber || !quoted(f, style) {
			t.Errorf("%s = %q formula %q type %v quoted %v", cell, v, formula, typ, quoted(f, style))
		}
	}
	if style, _ := f.GetCellStyle(SheetName, "B10"); quoted(f, style) {
		t.Error("plain text got the quote prefix")
	}
	if v, _ := f.GetCellValue(SheetName, "C10"); v != "4" {
		t.Errorf("number = %q", v)
	}
}

func quoted(f *excelize.File, style int) bool {
	xf := f.Styles.CellXfs.Xf[style]
	return xf.QuotePrefix != nil && *xf.QuotePrefix
}

func TestMarkedCopyReadsBack(t *testing.T) {
	w, err := NewWriter(Options{Widths: []float64{10, 10, 20}, Freeze: 1})
	if err != nil {
		t.Fatal(err)
	}
	w.Marked([]string{"户编号", "户主姓名", "错误原因"}, nil)
	w.Marked([]string{"H1", "=A1+2", "户主姓名：过长"}, map[int]string{1: "过长"})
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	f, _ := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	defer f.Close()
	style, _ := f.GetCellStyle(SheetName, "B2")
	fill := f.Styles.Fills.Fill[*f.Styles.CellXfs.Xf[style].FillID]
	if fill.PatternFill == nil || fill.PatternFill.FgColor == nil || fill.PatternFill.FgColor.RGB != "FFFFC7CE" || !quoted(f, style) {
		t.Errorf("bad cell style = %+v", fill.PatternFill)
	}
	if c, _ := f.GetComments(SheetName); len(c) != 1 || c[0].Cell != "B2" || c[0].Text != "过长" {
		t.Errorf("comments = %+v", c)
	}
	// The copy reads back as the original: the values are untouched.
	g, err := read(t, buf.Bytes())
	if err != nil || len(g.rows) != 1 || g.rows[0].Get("户主姓名") != "=A1+2" {
		t.Fatalf("read back: %v %v", err, g.rows[0].cells)
	}
}

func TestMarkErrors(t *testing.T) {
	data := []byte("户口名单\n户编号,户主姓名,,\nH1,张三,,旁注\nH2,,,\nH3,王\"五,x,y\n")
	var errs []CellError
	if _, err := Read(data, testCols, 10, func(r *Row) error {
		r.Required("户主姓名")
		errs = append(errs, r.Errors...)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := MarkErrors(data, testCols, errs, &buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(SheetName)
	want := [][]string{{"户口名单"}, {"户编号", "户主姓名", "", "", ReasonColumn}, {"H1", "张三", "", "旁注"},
		{"H2", "", "", "", "户主姓名：必填"}, {"H3", "王\"五", "x", "y", "户主姓名：含有引号的内容须整体用引号括起，内容中的引号写成两个引号"}}
	if fmt.Sprint(rows) != fmt.Sprint(want) {
		t.Errorf("copy =\n%q\nwant\n%q", rows, want)
	}
	if panes, _ := f.GetPanes(SheetName); panes.YSplit != 2 {
		t.Errorf("frozen rows = %d", panes.YSplit)
	}
	for cell, red := range map[string]bool{"B4": true, "B5": true, "A4": false, "B3": false} {
		style, _ := f.GetCellStyle(SheetName, cell)
		fill := f.Styles.Fills.Fill[*f.Styles.CellXfs.Xf[style].FillID].PatternFill
		if got := fill != nil && fill.FgColor != nil && fill.FgColor.RGB == "FFFFC7CE"; got != red {
			t.Errorf("%s red = %v", cell, got)
		}
	}
	if c, _ := f.GetComments(SheetName); len(c) != 2 || c[0].Cell != "B4" || c[0].Text != "必填" {
		t.Errorf("comments = %+v", c)
	}
}
