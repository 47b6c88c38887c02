package graph

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"sanbao/ent"
	"sanbao/fielderr"
)

// Page sizes of connections: ent gives DefaultPageSize to a connection asked
// for neither first nor last (absent or null alike) and refuses more than
// MaxPageSize; the cost below prices pages the same way.
const (
	DefaultPageSize = ent.DefaultPageSize
	MaxPageSize     = ent.MaxPageSize
	// listFanout is the assumed length of plain list fields (a household's
	// students) when costing a query.
	listFanout = 10
)

// Bounds of input values, variables and literals alike.
const (
	// MaxInputDepth is the nesting of objects and lists in one argument
	// (a where filter of and/or/not is rarely 5 deep).
	MaxInputDepth = 12
	// MaxInputList is the length of any list (assignMany's 500 targets).
	MaxInputList = 500
	// MaxInputString is the length in characters of any string but longInputs.
	MaxInputString = 2000
	// maxInputValues bounds all variables of a request together.
	maxInputValues = 20000
)

// longInputs may be as long as the request body allows; their own packages
// check them. Keys are schema coordinates ("SignAgreementInput.signature") or
// names valid anywhere ("csv": every CSV file argument or input field).
var longInputs = map[string]bool{
	"csv":                          true,
	"SignAgreementInput.signature": true,
}

func isLongInput(coord string) bool {
	return longInputs[coord] || longInputs[coord[strings.LastIndexByte(coord, '.')+1:]]
}

// Introspection (__schema, __type) is not counted in depth and cost, so that
// standard tools read the schema; it is bounded by these instead, over the
// whole operation (graphql-js's getIntrospectionQuery() selects 239 fields,
// 15 deep; gqlparser's MaxIntrospectionDepth rule bounds the list nesting).
const (
	maxIntrospectionDepth  = 20
	maxIntrospectionFields = 500
)

// Limits rejects operations that are too deep, too costly, alias-flooded or
// carry oversized input before anything runs. Cost multiplies each field by
// the page sizes of the connections above it, so
// `students(first:100){…household{students…}}` costs what it will really fetch.
type Limits struct {
	MaxDepth, MaxAliases, MaxCost int
}

var _ interface {
	graphql.OperationParameterMutator
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

// badInput presents a refused input value; the presenter uses it too.
func badInput(fe *fielderr.Error) *gqlerror.Error {
	return &gqlerror.Error{Message: fe.Error(), Extensions: map[string]any{"code": "BAD_USER_INPUT", "field": fe.Field}}
}

// MutateOperationParameters bounds the variables as decoded from JSON, before
// the query is parsed and they are coerced: a 5,000-deep filter never reaches
// the coercion (which took seconds and a gigabyte).
func (Limits) MutateOperationParameters(_ context.Context, p *graphql.RawParams) *gqlerror.Error {
	n := 0
	for name, v := range p.Variables {
		if err := rawShape(v, name, 0, &n); err != nil {
			return badInput(err)
		}
	}
	return nil
}

func rawShape(v any, path string, depth int, n *int) *fielderr.Error {
	if *n++; *n > maxInputValues {
		return &fielderr.Error{Field: path, Reason: fmt.Sprintf("输入的值过多：一次最多 %d 个", maxInputValues)}
	}
	switch x := v.(type) {
	case map[string]any:
		if depth >= MaxInputDepth {
			return tooDeep(path)
		}
		for k, e := range x {
			if err := rawShape(e, path+"."+k, depth+1, n); err != nil {
				return err
			}
		}
	case []any:
		if depth >= MaxInputDepth {
			return tooDeep(path)
		}
		if len(x) > MaxInputList {
			return tooLong(path)
		}
		for _, e := range x {
			if err := rawShape(e, path, depth+1, n); err != nil {
				return err
			}
		}
	}
	return nil
}

func tooDeep(path string) *fielderr.Error {
	return &fielderr.Error{Field: path, Reason: fmt.Sprintf("嵌套过深：最多 %d 层", MaxInputDepth)}
}

func tooLong(path string) *fielderr.Error {
	return &fielderr.Error{Field: path, Reason: fmt.Sprintf("一次最多 %d 项", MaxInputList)}
}

func (l Limits) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	w := walker{vars: oc.Variables}
	cost := w.cost(oc.Operation.SelectionSet, 1, 1)
	switch {
	case w.bad != nil:
		return badInput(w.bad)
	case w.depth > l.MaxDepth:
		return limitError("DEPTH_LIMIT_EXCEEDED", "查询嵌套过深：深度 %d 超过上限 %d", w.depth, l.MaxDepth)
	case w.aliases > l.MaxAliases:
		return limitError("ALIAS_LIMIT_EXCEEDED", "查询别名过多：%d 个超过上限 %d 个", w.aliases, l.MaxAliases)
	case w.intro > maxIntrospectionFields || w.introDepth > maxIntrospectionDepth:
		return limitError("COMPLEXITY_LIMIT_EXCEEDED", "结构查询过大：%d 个字段、深度 %d，上限为 %d 个、深度 %d",
			w.intro, w.introDepth, maxIntrospectionFields, maxIntrospectionDepth)
	case cost > l.MaxCost:
		return limitError("COMPLEXITY_LIMIT_EXCEEDED", "查询过于复杂：估算代价 %d 超过上限 %d，请减少每页条数或嵌套字段", cost, l.MaxCost)
	}
	return nil
}

type walker struct {
	vars    map[string]any
	bad     *fielderr.Error // the first refused argument
	depth   int
	aliases int
	seen    int
	// Introspection fields and depth, counted apart.
	intro, introDepth int
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
			if s.Alias != "" && s.Alias != s.Name {
				w.aliases++
			}
			if s.Name == "__schema" || s.Name == "__type" {
				w.arguments(s)
				w.introspection(s.SelectionSet, 1)
				total++
				continue
			}
			if depth > w.depth {
				w.depth = depth
			}
			w.arguments(s)
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

// introspection counts the fields of an introspection subtree.
func (w *walker) introspection(set ast.SelectionSet, depth int) {
	w.introDepth = max(w.introDepth, depth)
	for _, sel := range set {
		if w.intro++; w.intro > maxIntrospectionFields {
			return
		}
		switch s := sel.(type) {
		case *ast.Field:
			w.introspection(s.SelectionSet, depth+1)
		case *ast.InlineFragment:
			w.introspection(s.SelectionSet, depth)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				w.introspection(s.Definition.SelectionSet, depth)
			}
		}
	}
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
		n := w.pageSize(f)
		if n == 0 {
			n = DefaultPageSize // absent, null, or 0: priced as ent fetches
		}
		return min(n, MaxPageSize)
	}
	if f.Name == "nodes" {
		if l, ok := w.argValue(f, "ids").([]any); ok {
			return max(len(l), 1)
		}
	}
	if f.Definition.Type.Elem != nil {
		return listFanout
	}
	return 1
}

// pageSize checks first and last as ent will, and returns the larger.
func (w *walker) pageSize(f *ast.Field) int {
	n, given := 0, 0
	for _, a := range []string{"first", "last"} {
		i, ok := toInt(w.argValue(f, a))
		if !ok {
			continue
		}
		if given++; given == 2 {
			w.refuse(f.Name+".last", "不能同时指定 first 和 last")
		}
		if i < 0 || i > MaxPageSize {
			w.refuse(f.Name+"."+a, fmt.Sprintf("应在 0 到 %d 之间", MaxPageSize))
		}
		n = max(n, i)
	}
	return n
}

func (w *walker) argValue(f *ast.Field, name string) any {
	if arg := f.Arguments.ForName(name); arg != nil {
		if v, err := arg.Value.Value(w.vars); err == nil {
			return v
		}
	}
	return nil
}

func (w *walker) refuse(field, reason string) {
	if w.bad == nil {
		w.bad = &fielderr.Error{Field: field, Reason: reason}
	}
}

// arguments bounds the depth, list lengths and string lengths of a field's
// arguments, literals and coerced variables alike.
func (w *walker) arguments(f *ast.Field) {
	if f.Definition == nil || f.ObjectDefinition == nil || w.bad != nil {
		return
	}
	for _, arg := range f.Arguments {
		def := f.Definition.Arguments.ForName(arg.Name)
		if def == nil {
			continue
		}
		v, err := arg.Value.Value(w.vars)
		if err != nil {
			continue
		}
		coord := f.ObjectDefinition.Name + "." + f.Name + "." + arg.Name
		if fe := checkInput(v, def.Type, coord, f.Name+"."+arg.Name, 0); fe != nil {
			w.bad = fe
			return
		}
	}
}

// checkInput walks an input value along its type: coord names the schema
// element ("CreateStudentInput.name") and path the value ("createStudent.input.name").
func checkInput(v any, t *ast.Type, coord, path string, depth int) *fielderr.Error {
	switch x := v.(type) {
	case string:
		if !isLongInput(coord) && utf8.RuneCountInString(x) > MaxInputString {
			return &fielderr.Error{Field: path, Reason: fmt.Sprintf("过长：最多 %d 个字", MaxInputString)}
		}
	case []any:
		if depth >= MaxInputDepth {
			return tooDeep(path)
		}
		if len(x) > MaxInputList {
			return tooLong(path)
		}
		elem := t
		if t.Elem != nil {
			elem = t.Elem
		}
		for _, e := range x {
			if fe := checkInput(e, elem, coord, path, depth+1); fe != nil {
				return fe
			}
		}
	case map[string]any:
		if depth >= MaxInputDepth {
			return tooDeep(path)
		}
		def := schema.Types[t.Name()]
		for k, e := range x {
			ft, c := t, coord
			if def != nil {
				if f := def.Fields.ForName(k); f != nil {
					ft, c = f.Type, def.Name+"."+k
				}
			}
			if fe := checkInput(e, ft, c, path+"."+k, depth+1); fe != nil {
				return fe
			}
		}
	}
	return nil
}

// schema is the API's schema, for the types of arguments and input fields.
var schema = NewExecutableSchema(Config{}).Schema()

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
