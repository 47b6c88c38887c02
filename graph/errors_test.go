package graph_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"sanbao/fielderr"
	"sanbao/graph"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

// Client mistakes are BAD_USER_INPUT naming the argument, in Chinese, never
// INTERNAL; a missing node is NOT_FOUND in the same words as node().
func TestClientMistakesAreBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := fixture.Build(t, db)
		a := newAPI(t, db)
		s := a.login(aidCentre)
		some := id(w.Crossed.ID)
		page := s.ok(`{ students(first: 2, orderBy: {field: GRADE}) { edges { cursor } } }`, nil)
		byGrade := str(page, "students", "edges", 1, "cursor")
		for _, c := range []struct {
			name, query string
			vars        map[string]any
			field       string
		}{
			{"node of a word", `{ node(id: "abc") { id } }`, nil, "id"},
			{"node of an out-of-range ID", `{ node(id: "99999999999999999999999") { id } }`, nil, "id"},
			{"node of a malformed variable", `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": "12x"}, "id"},
			{"nodes with a word", `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": []string{some, "abc"}}, "ids"},
			{"first and last", `{ students(first: 5, last: 5) { totalCount } }`, nil, "students.last"},
			{"a bad time", `query($t: ID!) { responsibleOn(kind: STUDENT, targetID: $t, date: "yesterday") { id } }`, map[string]any{"t": some}, "date"},
			{"a bad time in an input", `mutation { createAPIToken(input: {name: "x", divisionID: "1", expiresAt: "soon"}) { token } }`, nil, "input.expiresAt"},
			{"a malformed cursor", `{ students(first: 5, after: "garbage") { totalCount edges { cursor } } }`, nil, "after"},
			{"a cursor of another order", `query($c: Cursor) { students(first: 5, after: $c, orderBy: {field: NAME}) { edges { cursor } } }`, map[string]any{"c": byGrade}, "after"},
			{"a malformed nested cursor", `{ households(first: 2) { edges { node { contacts(first: 2, after: "garbage") { totalCount edges { cursor } } } } } }`, nil, "after"},
			{"a malformed order direction", `query($o: StudentOrder) { students(orderBy: $o) { totalCount } }`, map[string]any{"o": map[string]any{"field": "NAME", "direction": "UP"}}, "o.direction"},
			{"a missing variable", `query($id: ID!) { node(id: $id) { id } }`, nil, "id"},
		} {
			r := s.do(c.query, c.vars)
			if len(r.Errors) == 0 {
				t.Errorf("%s: accepted", c.name)
				continue
			}
			e := r.Errors[0]
			if r.code() != "BAD_USER_INPUT" || e.Extensions["field"] != c.field || !strings.Contains(e.Message, "：") || hasLatinField(e.Message) {
				t.Errorf("%s: %+v", c.name, r.Errors)
			}
		}
		// nodes() answers a missing ID as node() does, keeping the others.
		missing := id(w.Crossed.ID + 1_000_000)
		r := s.do(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": []string{some, missing}})
		one := s.do(`query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": missing})
		list, _ := r.Data["nodes"].([]any)
		if len(list) != 2 || str(list[0], "id") != some || list[1] != nil || r.code() != "NOT_FOUND" ||
			len(one.Errors) != 1 || r.Errors[0].Message != one.Errors[0].Message || one.code() != "NOT_FOUND" {
			t.Errorf("nodes with a missing ID: %+v %+v; node: %+v", r.Data, r.Errors, one.Errors)
		}
	})
}

// hasLatinField reports an API name before the full-width colon.
func hasLatinField(msg string) bool {
	before, _, _ := strings.Cut(msg, "：")
	return strings.ContainsAny(before, "abcdefghijklmnopqrstuvwxyz")
}

// A refusal names the field as users know it ("责任人：…"); the API name is in
// extensions.field only.
func TestRefusalsUseFieldLabels(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		a := newAPI(t, db)
		r := a.loginPerson(f.Admin).do(assignQ, assignVars("VILLAGE", f.T1.ID, f.V4.ID))
		if r.code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "personID" ||
			!strings.HasPrefix(r.Errors[0].Message, "责任人：包村责任人应为") {
			t.Errorf("assign a village to another township's teacher: %+v", r.Errors)
		}
		r = a.loginPerson(f.Admin).do(`{ students(divisionCode: "1306") { totalCount } }`, nil)
		if r.code() != "BAD_USER_INPUT" || r.Errors[0].Message != "区划代码：应为 12 位数字" {
			t.Errorf("bad divisionCode: %+v", r.Errors)
		}
	})
}

// Every argument and input field a user fills in has a label, so a refusal
// never shows an API name; a field added later fails here until labelled.
func TestEveryInputHasALabel(t *testing.T) {
	s := graph.NewExecutableSchema(graph.Config{}).Schema()
	missing := map[string]string{}
	check := func(name, where string) {
		if fielderr.Label(name) == name && !strings.HasPrefix(name, "clear") {
			missing[name] = where
		}
	}
	defer func() {
		for name, where := range missing {
			t.Errorf("%s (%s) has no label: add it to fielderr.RegisterLabels in graph/errors.go or its own package", name, where)
		}
	}()
	for _, root := range []string{"Query", "Mutation"} {
		for _, f := range s.Types[root].Fields {
			for _, a := range f.Arguments {
				check(a.Name, fmt.Sprintf("%s.%s", root, f.Name))
			}
		}
	}
	for name, d := range s.Types {
		if d.Kind != ast.InputObject || strings.HasSuffix(name, "WhereInput") || strings.HasSuffix(name, "Order") {
			continue
		}
		for _, f := range d.Fields {
			check(f.Name, name)
		}
	}
}
