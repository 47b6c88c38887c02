package graph

import (
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/validator"
)

// The cost walker prices a null or absent page size as ent fetches it: the
// default page.
func TestCostPricesNullAsTheDefault(t *testing.T) {
	cost := func(arg string, vars map[string]any) int {
		t.Helper()
		q := "{ orgs(first: 10) { edges { node { students" + arg + " { edges { node { name } } } } } } }"
		if strings.Contains(arg, "$n") {
			q = "query($n: Int) " + q
		}
		doc, errs := gqlparser.LoadQuery(schema, q)
		if errs != nil {
			t.Fatalf("%s: %v", q, errs)
		}
		op := doc.Operations[0]
		coerced, err := validator.VariableValues(schema, op, vars)
		if err != nil {
			t.Fatal(err)
		}
		w := walker{vars: coerced}
		n := w.cost(op.SelectionSet, 1, 1)
		if w.bad != nil {
			t.Fatalf("%s: refused: %v", q, w.bad)
		}
		return n
	}
	want := cost("(first: 20)", nil)
	for _, c := range []struct {
		arg  string
		vars map[string]any
	}{
		{"", nil}, {"(first: null)", nil}, {"(last: null)", nil}, {"(first: null, last: null)", nil},
		{"(first: $n)", nil}, {"(first: $n)", map[string]any{"n": nil}}, {"(last: $n)", map[string]any{"n": nil}},
		{"(last: 20)", nil}, {"(first: $n)", map[string]any{"n": 20}},
	} {
		if got := cost(c.arg, c.vars); got != want {
			t.Errorf("students%s %v: cost %d, want %d as for first: 20", c.arg, c.vars, got, want)
		}
	}
	if more := cost("(first: 50)", nil); more <= want {
		t.Errorf("first: 50 costs %d, no more than first: 20 (%d)", more, want)
	}
}
