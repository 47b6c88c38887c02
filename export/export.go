// Package export writes the lists a county works from as .xlsx files: the
// school and village ledgers, the village archive, the gap lists, overdue
// families, unsigned agreements, the coverage table and the audit log. Every
// list is read under the viewer's scope (ent privacy), in batches, and
// streamed through sheet.Writer, so a province-wide export holds one batch in
// memory, never the whole list. Every export writes one audit row.
package export

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"time"

	"sanbao/audit"
	"sanbao/authz"
	"sanbao/ent"
	"sanbao/sheet"
	"sanbao/term"
)

// Batch is how many rows one query reads.
const Batch = 500

// Kind is one list to export.
type Kind struct {
	Name  string // in the URL: /exports/{Name}.xlsx
	Label string // in the title and the file name
	// run reads the list and writes it; it calls j.start first.
	run func(j *job) error
	// school says the list may be scoped to a school (school=<id>).
	school bool
	// households says the list is of households: a teacher's default place
	// is then her county (her families live anywhere in it), not her school.
	households bool
}

var kinds = map[string]*Kind{}

func register(k *Kind) *Kind { kinds[k.Name] = k; return k }

// Lookup finds a kind by its URL name.
func Lookup(name string) (*Kind, bool) { k, ok := kinds[name]; return k, ok }

// File is a finished export, ready to write out.
type File struct {
	Name string // file name for the download
	Rows int
	w    *sheet.Writer
}

// WriteTo writes the .xlsx.
func (f *File) WriteTo(out io.Writer) (int64, error) { return f.w.WriteTo(out) }

// job is one export being written.
type job struct {
	ctx    context.Context
	c      *ent.Client
	v      *authz.Viewer
	q      url.Values
	now    time.Time
	kind   *Kind
	place  *Place
	reveal bool   // full ID numbers (reveal=1, allowed over the whole place)
	extra  string // what else narrows the list (a month, a term, a gap)
	w      *sheet.Writer
	rows   int
	names  *names
}

// Run exports kind for the viewer of ctx with the request's parameters. The
// rows are in a temporary file when it returns; the audit row is written.
func Run(ctx context.Context, c *ent.Client, k *Kind, q url.Values, now time.Time) (*File, error) {
	v := authz.FromContext(ctx)
	if v == nil {
		return nil, errDenied("请先登录")
	}
	if err := checkParams(k, q); err != nil {
		return nil, err
	}
	p, err := resolvePlace(ctx, c, v, k, q)
	if err != nil {
		return nil, err
	}
	j := &job{ctx: ctx, c: c, v: v, q: q, now: now.In(term.China), kind: k, place: p, names: newNames(c)}
	if j.reveal, err = mayReveal(v, p, q); err != nil {
		return nil, err
	}
	if err := k.run(j); err != nil {
		if j.w != nil {
			j.w.WriteTo(io.Discard) // removes its temporary file
		}
		return nil, err
	}
	subject := k.Label + "（" + p.Label
	if j.extra != "" {
		subject += "，" + j.extra
	}
	if j.reveal {
		subject += "，含完整身份证号"
	}
	subject += "）"
	if err := audit.RecordExport(ctx, c, subject, p.Code, p.SchoolID(), j.rows); err != nil {
		j.w.WriteTo(io.Discard)
		return nil, err
	}
	name := fmt.Sprintf("%s_%s_%s.xlsx", k.Label, p.Label, j.now.Format("20060102"))
	return &File{Name: name, Rows: j.rows, w: j.w}, nil
}

// start opens the worksheet with the title row and the columns.
func (j *job) start(cols ...sheet.Col) error {
	scope := j.place.Label
	if j.extra != "" {
		scope += "，" + j.extra
	}
	w, err := sheet.NewWriter(sheet.Options{Title: sheet.Title(viewerUnit(j.v), j.kind.Label, scope, j.now), Columns: cols})
	j.w = w
	return err
}

// row writes one data row.
func (j *job) row(values ...any) error {
	if err := j.ctx.Err(); err != nil {
		return err
	}
	j.rows++
	return j.w.Row(values...)
}

// viewerUnit is the unit the viewer exports for: their first position's.
func viewerUnit(v *authz.Viewer) string {
	if len(v.Positions) > 0 {
		return v.Positions[0].OrgName
	}
	return v.Name
}

type sheetCol = sheet.Col

// col is a column of width w characters (0: fit the header).
func col(name string, w float64) sheet.Col { return sheet.Col{Name: name, Width: w} }

// text is a column kept as text (codes, numbers with leading zeros).
func text(name string, w float64) sheet.Col { return sheet.Col{Name: name, Width: w, Text: true} }
