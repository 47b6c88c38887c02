package agreement

import (
	"fmt"
	"io"
	"time"

	"sanbao/ent"
)

// Archive is a bound file of signed agreements (责任书档案) as an inspection
// asks for it: a cover saying what it holds, a table of contents, and every
// page numbered in the whole file.
type Archive struct {
	Scope string // the unit or division and the term, e.g. 涿州市 2026—2027学年
	Made  time.Time
}

const archiveTitle = "责任书档案"

// contentsPerPage is how many entries one page of contents holds.
const contentsPerPage = 32 // (pageH - 2*margin - 60) / lead, rounded down

// WriteArchive writes as (with IssuerOrg loaded) as one file: cover,
// contents, then each agreement from a new page. The agreements are set
// twice: first to learn on which page each starts, then for good.
func WriteArchive(w io.Writer, as []*ent.Agreement, ar Archive) error {
	scratch, err := newDoc("")
	if err != nil {
		return err
	}
	starts, err := scratch.agreements(as)
	if err != nil {
		return err
	}
	front := 1 + max(1, (len(as)+contentsPerPage-1)/contentsPerPage)
	d, err := newDoc(archiveTitle + "（" + ar.Scope + "）")
	if err != nil {
		return err
	}
	d.total = front + scratch.global
	if err := d.cover(ar, len(as)); err != nil {
		return err
	}
	if err := d.contents(as, starts, front); err != nil {
		return err
	}
	if _, err := d.agreements(as); err != nil {
		return err
	}
	_, err = d.pdf.WriteTo(w)
	return err
}

func (d *doc) cover(ar Archive, n int) error {
	d.page()
	d.y = pageH / 3
	if err := d.centered(archiveTitle, 28); err != nil {
		return err
	}
	d.y += lead
	for _, l := range []string{ar.Scope, fmt.Sprintf("已签署责任书 %d 份，共 %d 页", n, d.total),
		"导出日期：" + ar.Made.In(china).Format("2006年1月2日")} {
		if err := d.centered(l, 14); err != nil {
			return err
		}
	}
	return nil
}

// contents lists each agreement with the page it starts on, counted in the
// whole file (front pages included).
func (d *doc) contents(as []*ent.Agreement, starts []int, front int) error {
	for i := 0; i == 0 || i < len(as); i += contentsPerPage {
		d.page()
		heading := "目录"
		if i > 0 {
			heading = "目录（续）"
		}
		if err := d.centered(heading, 16); err != nil {
			return err
		}
		if len(as) == 0 {
			return d.line("没有符合条件的已签署责任书。", bodySize)
		}
		for j := i; j < min(i+contentsPerPage, len(as)); j++ {
			if err := d.entry(fmt.Sprintf("%d. %s（%s）", j+1, as[j].Title, as[j].PartyName), front+starts[j]); err != nil {
				return err
			}
		}
	}
	return nil
}

// entry is one line of contents: the text, cut to fit, and the page number
// flush right.
func (d *doc) entry(text string, page int) error {
	d.pdf.SetFont("cjk", "", bodySize)
	num := fmt.Sprint(page)
	nw, err := d.pdf.MeasureTextWidth(num)
	if err != nil {
		return err
	}
	parts, err := d.pdf.SplitText(text, pageW-2*margin-nw-24)
	if err != nil {
		return err
	}
	if len(parts) > 1 {
		r := []rune(parts[0])
		parts[0] = string(r[:len(r)-1]) + "…"
	}
	d.pdf.SetXY(margin, d.y)
	if err := d.pdf.Cell(nil, parts[0]); err != nil {
		return err
	}
	d.pdf.SetXY(pageW-margin-nw, d.y)
	d.y += lead
	return d.pdf.Cell(nil, num)
}
