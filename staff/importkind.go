package staff

import (
	"context"
	"errors"
	"sort"
	"sync/atomic"

	"sanbao/auth"
	"sanbao/authz"
	"sanbao/ent"
	"sanbao/importjob"
	"sanbao/sheet"
)

// The staff spreadsheet (人员名单) as an import kind: uploaded like the
// registries (POST /imports/staff), checked row by row with a Checker and
// stored in one transaction by StoreRows.

func init() { importjob.Register(staffKind{}) }

// service hashes new people's first passwords and forgets cached viewers of
// people given positions: the process's auth service, set by the server.
var service atomic.Pointer[auth.Service]

// UseAuth gives staff imports the server's auth service.
func UseAuth(a *auth.Service) { service.Store(a) }

// columns are the template's columns, with every header offices give them.
var columns = func() *sheet.Columns {
	aliases := map[string][]string{}
	for h, col := range headers {
		if h != col {
			aliases[col] = append(aliases[col], h)
		}
	}
	notes := map[string]string{
		"手机号": "登录用的手机号；同一手机号写在几行表示一人兼几个职务",
		"单位":  "学校或教育局的全称（或不会与别的单位混淆的简称）",
		"职务":  "校长、园长、副校长、分管领导、资助专干、班主任、教师、督导；一人多职用顿号隔开",
		"班级":  "班主任填写，如 四年级2班、初一3班",
	}
	var cols []sheet.Column
	for _, name := range Columns {
		as := aliases[name]
		sort.Strings(as)
		cols = append(cols, sheet.Column{Name: name, Aliases: as, Required: name != "班级", MaxLen: 64,
			Text: name == "手机号", Width: map[string]float64{"单位": 28, "职务": 16, "手机号": 14}[name], Note: notes[name]})
	}
	return sheet.NewColumns(cols...)
}()

type staffKind struct{}

func (staffKind) Name() string            { return "staff" }
func (staffKind) Label() string           { return "人员名单" }
func (staffKind) Columns() *sheet.Columns { return columns }
func (staffKind) Allowed(v *authz.Viewer) bool {
	return v != nil && v.Can(authz.ObjPerson, authz.ActWrite)
}

func (staffKind) Check(ctx context.Context, c *ent.Client, rows []*sheet.Row, progress func(int)) (importjob.Batch, error) {
	chk, err := NewChecker(ctx, c)
	if err != nil {
		return nil, err
	}
	b := &staffBatch{}
	for i, r := range rows {
		if i%100 == 0 {
			progress(i)
		}
		cells := map[string]string{}
		for _, col := range Columns {
			cells[col] = r.Get(col)
		}
		row, errs := chk.CheckRow(ctx, c, cells)
		for _, e := range errs {
			r.Fail(e.Column, "%s", e.Reason)
		}
		if r.OK() {
			b.rows = append(b.rows, row)
		}
	}
	return b, nil
}

type staffBatch struct{ rows []Row }

// Store adds the people and positions. New people get a one-time password
// that is not shown here: an admin hands each one out with 重置密码 on the
// person's page, so no list of passwords ever leaves the server.
func (b *staffBatch) Store(ctx context.Context, c *ent.Client) (importjob.Counts, error) {
	a := service.Load()
	if a == nil {
		return importjob.Counts{}, errors.New("staff import: no auth service")
	}
	accts, err := StoreRows(ctx, c, a, b.rows)
	if err != nil {
		return importjob.Counts{}, err
	}
	known := map[int]bool{}
	for _, r := range b.rows {
		if r.ExistingID != 0 {
			known[r.ExistingID] = true
		}
	}
	return importjob.Counts{Created: len(accts), Updated: len(known)}, nil
}
