// Package divimport loads administrative division codes from CSV
// (code,name,level,parent_code), idempotently and all-or-nothing.
package divimport

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"sanbao/authz"
	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/division"
)

// Result counts what an import did.
type Result struct {
	Rows, Inserted, Updated, Unchanged int
}

// RowError is a rejected line of the file.
type RowError struct {
	Line   int
	Field  string
	Reason string
}

func (e RowError) Error() string { return fmt.Sprintf("第%d行 %s: %s", e.Line, e.Field, e.Reason) }

// Errors are all the rejected lines; when there are any, nothing was stored.
type Errors []RowError

func (es Errors) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d 行有错误，未导入任何数据", len(es))
	for i, e := range es {
		if i == 20 {
			fmt.Fprintf(&b, "\n  …另有 %d 行", len(es)-20)
			break
		}
		b.WriteString("\n  " + e.Error())
	}
	return b.String()
}

type row struct {
	line               int
	code, name, parent string
	level              divcode.Level
}

const batch = 500

// Import reads r and upserts every division by code in one transaction.
func Import(ctx context.Context, client *ent.Client, r io.Reader) (Result, error) {
	ctx = authz.System(ctx)
	rows, errs := parse(r)
	existing, err := loadExisting(ctx, client)
	if err != nil {
		return Result{}, err
	}
	errs = append(errs, checkParents(rows, existing)...)
	if len(errs) > 0 {
		sort.Slice(errs, func(i, j int) bool { return errs[i].Line < errs[j].Line })
		return Result{}, errs
	}
	// Parents before children.
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].level.Rank() < rows[j].level.Rank() })
	res := Result{Rows: len(rows)}
	tx, err := client.Tx(ctx)
	if err != nil {
		return Result{}, err
	}
	if err := upsert(ctx, tx.Client(), rows, existing, &res); err != nil {
		tx.Rollback()
		return Result{}, err
	}
	return res, tx.Commit()
}

type known struct {
	id           int
	name, parent string
	level        divcode.Level
}

func loadExisting(ctx context.Context, c *ent.Client) (map[string]known, error) {
	var ds []struct {
		ID       int    `json:"id"`
		Code     string `json:"code"`
		Name     string `json:"name"`
		Level    string `json:"level"`
		ParentID *int   `json:"parent_id"`
	}
	err := c.Division.Query().
		Select(division.FieldID, division.FieldCode, division.FieldName, division.FieldLevel, division.FieldParentID).
		Scan(ctx, &ds)
	if err != nil {
		return nil, err
	}
	codeOf := make(map[int]string, len(ds))
	for _, d := range ds {
		codeOf[d.ID] = d.Code
	}
	m := make(map[string]known, len(ds))
	for _, d := range ds {
		k := known{id: d.ID, name: d.Name, level: divcode.Level(d.Level)}
		if d.ParentID != nil {
			k.parent = codeOf[*d.ParentID]
		}
		m[d.Code] = k
	}
	return m, nil
}

func parse(r io.Reader) ([]row, Errors) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	var rows []row
	var errs Errors
	seen := map[string]int{}
	for line := 1; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			errs = append(errs, RowError{line, "csv", err.Error()})
			break
		}
		if line == 1 {
			if strings.Join(rec, ",") != "code,name,level,parent_code" {
				errs = append(errs, RowError{line, "表头", "应为 code,name,level,parent_code"})
				break
			}
			continue
		}
		if len(rec) != 4 {
			errs = append(errs, RowError{line, "csv", fmt.Sprintf("应为4列，实际为%d列", len(rec))})
			continue
		}
		rw := row{line: line, code: strings.TrimSpace(rec[0]), name: strings.TrimSpace(rec[1]), parent: strings.TrimSpace(rec[3])}
		lvl, err := divcode.ParseLevel(rec[2])
		if err != nil {
			errs = append(errs, RowError{line, "level", err.Error()})
			continue
		}
		rw.level = lvl
		if err := divcode.Validate(rw.code, lvl); err != nil {
			errs = append(errs, RowError{line, "code", err.Error()})
			continue
		}
		if rw.name == "" {
			errs = append(errs, RowError{line, "name", "名称不能为空"})
			continue
		}
		if first, dup := seen[rw.code]; dup {
			errs = append(errs, RowError{line, "code", fmt.Sprintf("区划代码 %s 与第%d行重复", rw.code, first)})
			continue
		}
		seen[rw.code] = line
		rows = append(rows, rw)
	}
	return rows, errs
}

func checkParents(rows []row, existing map[string]known) Errors {
	inFile := make(map[string]divcode.Level, len(rows))
	for _, r := range rows {
		inFile[r.code] = r.level
	}
	var errs Errors
	for _, r := range rows {
		if r.parent == "" {
			if r.level != divcode.Province {
				errs = append(errs, RowError{r.line, "parent_code", "只有省级区划可以没有上级"})
			}
			continue
		}
		pl, ok := inFile[r.parent]
		if !ok {
			k, found := existing[r.parent]
			if !found {
				errs = append(errs, RowError{r.line, "parent_code", fmt.Sprintf("上级区划 %s 不存在", r.parent)})
				continue
			}
			pl = k.level
		}
		if pl.Rank() >= r.level.Rank() {
			errs = append(errs, RowError{r.line, "parent_code", fmt.Sprintf("上级区划 %s 的级别不高于本级", r.parent)})
			continue
		}
		if !divcode.IsAncestor(r.parent, pl, r.code) {
			errs = append(errs, RowError{r.line, "parent_code", fmt.Sprintf("区划代码 %s 不在上级 %s 之下", r.code, r.parent)})
		}
	}
	return errs
}

func upsert(ctx context.Context, c *ent.Client, rows []row, existing map[string]known, res *Result) error {
	ids := make(map[string]int, len(existing)+len(rows))
	for code, k := range existing {
		ids[code] = k.id
	}
	var pending []row
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		bulk := make([]*ent.DivisionCreate, len(pending))
		for i, r := range pending {
			b := c.Division.Create().SetCode(r.code).SetName(r.name).SetLevel(division.Level(r.level))
			if r.parent != "" {
				b.SetParentID(ids[r.parent])
			}
			bulk[i] = b
		}
		created, err := c.Division.CreateBulk(bulk...).Save(ctx)
		if err != nil {
			return err
		}
		for i, d := range created {
			ids[pending[i].code] = d.ID
		}
		res.Inserted += len(created)
		pending = pending[:0]
		return nil
	}
	level := divcode.Level("")
	for _, r := range rows {
		if r.level != level {
			// Children need their parents' IDs.
			if err := flush(); err != nil {
				return err
			}
			level = r.level
		}
		k, ok := existing[r.code]
		if !ok {
			pending = append(pending, r)
			if len(pending) == batch {
				if err := flush(); err != nil {
					return err
				}
			}
			continue
		}
		if k.name == r.name && k.level == r.level && k.parent == r.parent {
			res.Unchanged++
			continue
		}
		u := c.Division.UpdateOneID(k.id).SetName(r.name).SetLevel(division.Level(r.level))
		if r.parent != "" {
			u.SetParentID(ids[r.parent])
		} else {
			u.ClearParent()
		}
		if err := u.Exec(ctx); err != nil {
			return fmt.Errorf("第%d行：%w", r.line, err)
		}
		res.Updated++
	}
	return flush()
}
