package graph

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Page sizes of connections: a default when neither first nor last is given
// (entgql would apply no LIMIT at all) and a maximum.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
	// listFanout is the assumed length of plain list fields (a household's
	// students) when costing a query.
	listFanout = 10
)

// Limits rejects operations that are too deep, too costly or alias-flooded
// before anything runs. Cost multiplies each field by the page sizes of the
// connections above it, so `students(first:100){…household{students…}}`
// costs what it will really fetch.
type Limits struct {
	MaxDepth, MaxAliases, MaxCost int
}

var _ interface {
	graphql.OperationContextMutator
	graphql.HandlerExtension
} = Limits{}

func (Limits) ExtensionName() string                   { return "SanbaoLimits" }
func (Limits) Validate(graphql.ExecutableSchema) error { return nil }

func limitError(code, format string, args ...any) *gqlerror.Error {
	e := gqlerror.Errorf(format, args...)
	e.Extensions = map[string]any{"code": code}
	return e
}

func (l Limits) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	w := walker{vars: oc.Variables}
	cost := w.cost(oc.Operation.SelectionSet, 1, 1)
	switch {
	case w.badPage != "":
		e := limitError("BAD_USER_INPUT", "%s: 每页条数应在 0 到 %d 之间", w.badPage, MaxPageSize)
		e.Extensions["field"] = w.badPage
		return e
	case w.depth > l.MaxDepth:
		return limitError("DEPTH_LIMIT_EXCEEDED", "查询嵌套过深:深度 %d 超过上限 %d", w.depth, l.MaxDepth)
	case w.aliases > l.MaxAliases:
		return limitError("ALIAS_LIMIT_EXCEEDED", "查询别名过多:%d 个超过上限 %d 个", w.aliases, l.MaxAliases)
	case cost > l.MaxCost:
		return limitError("COMPLEXITY_LIMIT_EXCEEDED", "查询过于复杂:估算代价 %d 超过上限 %d,请减少每页条数或嵌套字段", cost, l.MaxCost)
	}
	return nil
}

type walker struct {
	vars    map[string]any
	badPage string
	depth   int
	aliases int
	seen    int
}

func (w *walker) cost(set ast.SelectionSet, mult, depth int) int {
	total := 0
	for _, sel := range set {
		// Guard against pathological fragment graphs: validation already
		// rejects cycles, this bounds the work regardless.
		if w.seen++; w.seen > 100000 {
			return 1 << 30
		}
		switch s := sel.(type) {
		case *ast.Field:
			if depth > w.depth {
				w.depth = depth
			}
			if s.Alias != "" && s.Alias != s.Name {
				w.aliases++
			}
			total += mult
			if len(s.SelectionSet) > 0 {
				total += w.cost(s.SelectionSet, mult*w.fanout(s), depth+1)
			}
		case *ast.InlineFragment:
			total += w.cost(s.SelectionSet, mult, depth)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				total += w.cost(s.Definition.SelectionSet, mult, depth)
			}
		}
		if total > 1<<30 {
			return total
		}
	}
	return total
}

// fanout is how many items a field may return.
func (w *walker) fanout(f *ast.Field) int {
	if f.Definition == nil {
		return 1
	}
	// A connection's edges and nodes were counted by its page size already.
	if (f.Name == "edges" || f.Name == "nodes") && f.ObjectDefinition != nil &&
		strings.HasSuffix(f.ObjectDefinition.Name, "Connection") {
		return 1
	}
	if f.Definition.Arguments.ForName("first") != nil {
		n := 0
		for _, a := range []string{"first", "last"} {
			if arg := f.Arguments.ForName(a); arg != nil {
				if v, err := arg.Value.Value(w.vars); err == nil {
					if i, ok := toInt(v); ok {
						if i < 0 || i > MaxPageSize {
							w.badPage = fmt.Sprintf("%s.%s", f.Name, a)
						}
						n = max(n, i)
					}
				}
			}
		}
		if n == 0 {
			n = DefaultPageSize
		}
		return min(n, MaxPageSize)
	}
	if f.Name == "nodes" {
		if arg := f.Arguments.ForName("ids"); arg != nil {
			if v, err := arg.Value.Value(w.vars); err == nil {
				if l, ok := v.([]any); ok {
					return max(len(l), 1)
				}
			}
		}
	}
	if f.Definition.Type.Elem != nil {
		return listFanout
	}
	return 1
}

func toInt(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int64:
		return int(n), true
	case float64:
		return int(n), true
	case interface{ Int64() (int64, error) }:
		i, err := n.Int64()
		return int(i), err == nil
	}
	return 0, false
}

// pageDefaults is the query cache: after a document is parsed and validated,
// it gives every connection field without first/last a `first:` of
// DefaultPageSize, before the document is shared. entgql's eager loading
// reads arguments from the document, so this bounds it as well.
type pageDefaults struct {
	graphql.Cache[*ast.QueryDocument]
}

func (c pageDefaults) Add(ctx context.Context, key string, doc *ast.QueryDocument) {
	for _, op := range doc.Operations {
		addDefaultFirst(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		addDefaultFirst(f.SelectionSet)
	}
	c.Cache.Add(ctx, key, doc)
}

func isConnection(f *ast.Field) bool {
	return f.Definition != nil && f.Definition.Arguments.ForName("first") != nil &&
		strings.HasSuffix(f.Definition.Type.Name(), "Connection")
}

func addDefaultFirst(set ast.SelectionSet) {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if isConnection(s) && s.Arguments.ForName("first") == nil && s.Arguments.ForName("last") == nil {
				s.Arguments = append(s.Arguments, &ast.Argument{
					Name:  "first",
					Value: &ast.Value{Kind: ast.IntValue, Raw: strconv.Itoa(DefaultPageSize)},
				})
			}
			addDefaultFirst(s.SelectionSet)
		case *ast.InlineFragment:
			addDefaultFirst(s.SelectionSet)
		}
	}
}
