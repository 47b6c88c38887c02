package agreement

import (
	_ "embed"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/signintech/gopdf"

	"sanbao/ent"
)

// The agreements are set in AR PL SungtiL GB, a Song-style Chinese font
// shipped with sanbao (fonts/NOTICE), so copies print the same anywhere.
//
//go:embed fonts/gbsn00lp.ttf
var cjkFont []byte

const (
	pageW, pageH   = 595.28, 841.89 // A4 in points
	margin         = 64.0
	bodySize, lead = 12.0, 20.0
	sealRoom       = 110.0 // a 42-mm official seal, with a margin
)

type doc struct {
	pdf *gopdf.GoPdf
	y   float64
	a   *ent.Agreement
	n   int // page within the agreement
	// In an archive: the page within the whole file, and the file's pages.
	global, total int
}

func newDoc(title string) (*doc, error) {
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4})
	pdf.SetInfo(gopdf.PdfInfo{Title: title, Creator: "sanbao 三包联系"})
	if err := pdf.AddTTFFontData("cjk", cjkFont); err != nil {
		return nil, fmt.Errorf("font: %w", err)
	}
	return &doc{pdf: pdf}, nil
}

// WritePDF writes the agreements (with IssuerOrg loaded) to w, each starting
// on a new A4 page, with both parties' signatures where signed.
func WritePDF(w io.Writer, as []*ent.Agreement) error {
	d, err := newDoc(pdfTitle(as))
	if err != nil {
		return err
	}
	if _, err := d.agreements(as); err != nil {
		return err
	}
	_, err = d.pdf.WriteTo(w)
	return err
}

// agreements sets each agreement from a new page and returns the page of
// the file each starts on.
func (d *doc) agreements(as []*ent.Agreement) ([]int, error) {
	var starts []int
	for _, a := range as {
		d.a = a
		starts = append(starts, d.global+1)
		if err := d.agreement(); err != nil {
			return nil, err
		}
	}
	if len(as) == 0 {
		d.page()
		d.line("没有符合条件的已签署责任书。", bodySize)
	}
	return starts, nil
}

func (d *doc) page() {
	d.pdf.AddPage()
	d.n++
	d.global++
	d.y = margin
	var foot string
	switch {
	case d.a != nil && d.total > 0:
		foot = fmt.Sprintf("文本校验码 SHA-256 %s    本份第 %d 页    全册第 %d / %d 页", d.a.ContentHash, d.n, d.global, d.total)
	case d.a != nil:
		foot = fmt.Sprintf("文本校验码 SHA-256 %s    第 %d 页", d.a.ContentHash, d.n)
	case d.total > 0:
		foot = fmt.Sprintf("全册第 %d / %d 页", d.global, d.total)
	default:
		return
	}
	d.pdf.SetFont("cjk", "", 8)
	d.pdf.SetXY(margin, pageH-40)
	d.pdf.Cell(nil, foot)
}

func (d *doc) need(h float64) {
	if d.y+h > pageH-margin {
		d.page()
	}
}

// line writes text wrapped to the page width.
func (d *doc) line(text string, size float64) error {
	d.pdf.SetFont("cjk", "", size)
	if text == "" {
		d.y += lead / 2
		return nil
	}
	parts, err := d.pdf.SplitText(text, pageW-2*margin)
	if err != nil {
		return err
	}
	parts = keepPunctuation(parts)
	for _, p := range parts {
		d.need(lead)
		d.pdf.SetXY(margin, d.y)
		if err := d.pdf.Cell(nil, p); err != nil {
			return err
		}
		d.y += size * 1.6
	}
	return nil
}

func (d *doc) centered(text string, size float64) error {
	d.pdf.SetFont("cjk", "", size)
	w, err := d.pdf.MeasureTextWidth(text)
	if err != nil {
		return err
	}
	d.need(size * 2)
	d.pdf.SetXY((pageW-w)/2, d.y)
	d.y += size * 2.2
	return d.pdf.Cell(nil, text)
}

func (d *doc) agreement() error {
	a := d.a
	d.n = 0
	d.page()
	if err := d.centered(a.Title, 18); err != nil {
		return err
	}
	for _, l := range strings.Split(strings.TrimRight(a.Text, "\n"), "\n") {
		if err := d.line(l, bodySize); err != nil {
			return err
		}
	}
	d.y += lead
	d.need(sealRoom + 8*lead) // both parties' block stays on one page
	issuer := ""
	if o := a.Edges.IssuerOrg; o != nil {
		issuer = o.Name
	}
	d.line(fmt.Sprintf("甲方（盖章）：%s", issuer), bodySize)
	d.y += sealRoom // the issuer's seal goes here, clear of any text
	d.line(fmt.Sprintf("负责人（签字）：______________    %s", a.IssuerRepresentative), bodySize)
	d.line(fmt.Sprintf("下发日期：%s", a.IssuedAt.In(china).Format("2006年1月2日")), bodySize)
	d.y += lead / 2
	d.line("乙方（签字）：", bodySize)
	if a.SignedAt == nil {
		d.line("（尚未签署）", bodySize)
		return nil
	}
	if len(a.Signature) > 0 {
		img, err := gopdf.ImageHolderByBytes(a.Signature)
		if err != nil {
			return err
		}
		if err := d.pdf.ImageByHolder(img, margin+80, d.y-lead-4, &gopdf.Rect{W: 150, H: 60}); err != nil {
			return err
		}
		d.y += 44
	}
	return d.line(fmt.Sprintf("签署人：%s        签署日期：%s", a.SignedName, a.SignedAt.In(china).Format("2006年1月2日")), bodySize)
}

// pdfTitle names the file by what is in it: one kind's title (as its
// agreements read, 园长 included), else 责任书档案.
func pdfTitle(as []*ent.Agreement) string {
	if len(as) == 0 {
		return "责任书档案"
	}
	for _, a := range as[1:] {
		if a.Title != as[0].Title {
			return "责任书档案"
		}
	}
	return as[0].Title
}

// keepPunctuation moves closing punctuation that wrapped to the start of a
// line back to the end of the line before, as Chinese typesetting requires.
func keepPunctuation(lines []string) []string {
	for i := 1; i < len(lines); i++ {
		for {
			r, size := utf8.DecodeRuneInString(lines[i])
			if size == 0 || !strings.ContainsRune("。，、；：！？）,;:!?)》」』”’", r) {
				break
			}
			lines[i-1] += lines[i][:size]
			lines[i] = lines[i][size:]
		}
	}
	out := lines[:0]
	for _, l := range lines {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}
