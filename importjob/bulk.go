package importjob

import (
	"context"
	"strconv"
	"strings"

	"sanbao/ent"
)

// maxParams keeps a statement under SQLite's default limit of bound
// parameters (32,766; PostgreSQL allows 65,535).
const maxParams = 30_000

// Insert writes rows (each len(cols) values) into table with multi-row
// INSERT statements: one round trip per few hundred rows instead of one per
// row, which is what makes an import linear and fast. suffix, when set,
// ends each statement (an ON CONFLICT clause). The SQL is the same on
// SQLite and PostgreSQL ($n parameters, quoted names).
func Insert(ctx context.Context, c *ent.Client, table string, cols []string, rows [][]any, suffix string) error {
	if len(rows) == 0 {
		return nil
	}
	// SQLite looks each $n up by name, in time growing with the statement's
	// parameters; its ? is positional. PostgreSQL knows only $n.
	mark := func(n int) string { return "$" + strconv.Itoa(n) }
	if sqlite(ctx, c) {
		mark = func(int) string { return "?" }
	}
	per := max(1, min(1000, maxParams/len(cols)))
	var head strings.Builder
	head.WriteString("INSERT INTO " + quote(table) + " (")
	for i, col := range cols {
		if i > 0 {
			head.WriteString(", ")
		}
		head.WriteString(quote(col))
	}
	head.WriteString(") VALUES ")
	for _, chunk := range Chunks(rows, per) {
		var b strings.Builder
		b.WriteString(head.String())
		args := make([]any, 0, len(chunk)*len(cols))
		for i, r := range chunk {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			for j, v := range r {
				if j > 0 {
					b.WriteString(", ")
				}
				args = append(args, v)
				b.WriteString(mark(len(args)))
			}
			b.WriteByte(')')
		}
		if suffix != "" {
			b.WriteString(" " + suffix)
		}
		if _, err := c.ExecContext(ctx, b.String(), args...); err != nil {
			return err
		}
	}
	return nil
}

// UpdateByID is the Insert suffix that turns rows whose id exists into
// updates of cols.
func UpdateByID(cols ...string) string {
	sets := make([]string, len(cols))
	for i, col := range cols {
		sets[i] = quote(col) + " = excluded." + quote(col)
	}
	return "ON CONFLICT (id) DO UPDATE SET " + strings.Join(sets, ", ")
}

// sqlite tells the two databases apart: version() is PostgreSQL's, and
// SQLite answers "no such function" without disturbing a transaction.
func sqlite(ctx context.Context, c *ent.Client) bool {
	rows, err := c.QueryContext(ctx, "SELECT version()")
	if err != nil {
		return true
	}
	rows.Close()
	return false
}

func quote(name string) string { return `"` + name + `"` }

// Chunks splits xs into slices of at most n, for IN lists and batches.
func Chunks[T any](xs []T, n int) [][]T {
	var out [][]T
	for len(xs) > n {
		out = append(out, xs[:n])
		xs = xs[n:]
	}
	if len(xs) > 0 {
		out = append(out, xs)
	}
	return out
}
