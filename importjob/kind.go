// Package importjob runs spreadsheet imports as background jobs: a file is
// uploaded (POST /imports/{kind}), every row is checked first, and only a
// file without a single wrong cell is stored, in one short transaction.
// Progress, the wrong cells and a marked copy of the file are readable
// afterwards. What a kind of file means (households, students, staff) is a
// Kind, registered by the package that owns those rows.
package importjob

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"

	"sanbao/authz"
	"sanbao/ent"
	"sanbao/sheet"
)

// MaxRows bounds one file; MaxBytes its size.
const (
	MaxRows  = 50_000
	MaxBytes = 20 << 20
)

// Kind is one sort of spreadsheet sanbao imports.
type Kind interface {
	// Name is the kind in URLs and the API: households.
	Name() string
	// Label says what the rows are, in the users' words: 建档立卡户.
	Label() string
	// Columns are the template's columns, with the other headers offices use.
	Columns() *sheet.Columns
	// Allowed says whether the viewer may import this kind at all; which
	// rows they may store, Check decides.
	Allowed(v *authz.Viewer) bool
	// Check checks every row (rows that could not be read whole are not
	// passed), looking things up in bulk, never row by row, with ctx's
	// viewer and their scope. Wrong cells go into each row's Errors;
	// progress is called now and then with the rows checked so far. The
	// Batch is stored only if no row has an error.
	Check(ctx context.Context, c *ent.Client, rows []*sheet.Row, progress func(int)) (Batch, error)
}

// Batch is a checked file, ready to store.
type Batch interface {
	// Store writes every row through c, a transaction's client, with bulk
	// statements: on SQLite the write lock is held until it returns.
	Store(ctx context.Context, c *ent.Client) (Counts, error)
}

// Counts is what a store did.
type Counts struct{ Created, Updated int }

// ErrChanged means rows changed between the check and the store (another
// import or an edit of the same rows): nothing was stored; uploading again
// checks afresh.
var ErrChanged = errors.New("导入期间数据有变化，未保存任何数据，请重新上传")

var (
	kindsMu sync.RWMutex
	kinds   = map[string]Kind{}
)

// Register makes a kind importable; the package that owns the rows calls it
// from init.
func Register(k Kind) {
	kindsMu.Lock()
	defer kindsMu.Unlock()
	if _, dup := kinds[k.Name()]; dup {
		panic("importjob: kind registered twice: " + k.Name())
	}
	kinds[k.Name()] = k
}

// Lookup returns the kind named name.
func Lookup(name string) (Kind, bool) {
	kindsMu.RLock()
	defer kindsMu.RUnlock()
	k, ok := kinds[name]
	return k, ok
}

// Kinds lists the registered kinds the viewer may import, by name.
func Kinds(v *authz.Viewer) []Kind {
	kindsMu.RLock()
	defer kindsMu.RUnlock()
	var out []Kind
	for _, k := range kinds {
		if v != nil && k.Allowed(v) {
			out = append(out, k)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out
}

// Result is a whole file checked and, when nothing was wrong, stored.
type Result struct {
	Counts Counts
	Errors []sheet.CellError // every wrong cell, by line; nothing was stored if any
}

// Run reads, checks and (when every row is right) stores a file in one go,
// through c (a transaction's client). It is the synchronous path, for small
// files sent inside a GraphQL mutation; the runner does the same in steps.
func Run(ctx context.Context, c *ent.Client, k Kind, data []byte, maxRows int) (*Result, error) {
	rows, errs, err := Read(k, data, maxRows)
	if err != nil {
		return nil, err
	}
	batch, err := k.Check(ctx, c, rows, func(int) {})
	if err != nil {
		return nil, err
	}
	res := &Result{Errors: Collect(errs, rows)}
	if len(res.Errors) > 0 {
		return res, nil
	}
	res.Counts, err = batch.Store(ctx, c)
	return res, err
}

// Read reads a file's rows for k: the rows that could be read whole, and
// the problems of those that could not.
func Read(k Kind, data []byte, maxRows int) ([]*sheet.Row, []sheet.CellError, error) {
	var rows []*sheet.Row
	var broken []sheet.CellError
	_, err := sheet.Read(data, k.Columns(), maxRows, func(r *sheet.Row) error {
		if r.Broken {
			broken = append(broken, r.Errors...)
		} else {
			rows = append(rows, r)
		}
		return nil
	})
	return rows, broken, err
}

// Collect gathers the wrong cells of broken and checked rows, by line.
func Collect(broken []sheet.CellError, rows []*sheet.Row) []sheet.CellError {
	out := append([]sheet.CellError(nil), broken...)
	for _, r := range rows {
		out = append(out, r.Errors...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Line < out[j].Line })
	return out
}

func countLines(errs []sheet.CellError) int {
	seen := map[int]bool{}
	for _, e := range errs {
		seen[e.Line] = true
	}
	return len(seen)
}

// Summary says in a sentence how a file with errors went.
func Summary(errs []sheet.CellError) string {
	return fmt.Sprintf("%d行中有%d处错误，未导入任何数据：请改正后重新上传", countLines(errs), len(errs))
}
