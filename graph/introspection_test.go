package graph_test

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"sanbao/auth"
	"sanbao/authz"
	"sanbao/graph"
	"sanbao/internal/fixture"
	"sanbao/store/storetest"
)

// testdata/introspection-*.graphql are graphql-js 16's getIntrospectionQuery()
// as GraphiQL, graphql-inspector and relay-compiler send it: with default
// options, with every option of 16.x, and with oneOf. Made once with
//
//	node -e 'process.stdout.write(require("graphql").getIntrospectionQuery({descriptions: true,
//	  specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true,
//	  inputValueDeprecation: true, oneOf: true}))'
func introspectionQueries(t *testing.T) map[string]string {
	files, _ := filepath.Glob("testdata/introspection-*.graphql")
	if len(files) != 3 {
		t.Fatalf("introspection queries: %v", files)
	}
	out := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = string(b)
	}
	return out
}

func production(t *testing.T, a *api) *api {
	srv := httptest.NewServer(graph.Handler(a.db.Client, a.auth, graph.Options{Production: true}))
	t.Cleanup(srv.Close)
	return &api{t: t, srv: srv, auth: a.auth, db: a.db}
}

// Standard tooling reads the schema: graphql-js's introspection query passes
// the depth and cost limits for a signed-in user, in and outside production;
// in production an anonymous caller gets no schema.
func TestIntrospection(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	fixture.Build(t, db)
	dev := newAPI(t, db)
	prod := production(t, dev)
	for name, q := range introspectionQueries(t) {
		for _, s := range []*session{dev.login(aidCentre), prod.login(aidCentre), dev.anon()} {
			d := s.ok(q, nil)
			types, _ := get(d, "__schema", "types").([]any)
			if len(types) < 50 || !strings.Contains(str(d, "__schema", "queryType", "name"), "Query") {
				t.Errorf("%s: %d types", name, len(types))
			}
		}
		if r := prod.anon().do(q, nil); r.code() != "UNAUTHENTICATED" || r.Data["__schema"] != nil {
			t.Errorf("%s anonymous in production: %+v", name, r.Errors)
		}
	}
	if r := prod.anon().do(`{ __type(name: "Student") { fields { name } } }`, nil); r.code() != "UNAUTHENTICATED" || r.Data["__type"] != nil {
		t.Errorf("__type anonymous in production: %+v", r.Errors)
	}
	if r := prod.anon().do(`{ __typename }`, nil); len(r.Errors) > 0 {
		t.Errorf("__typename anonymous in production: %+v", r.Errors)
	}
	// Introspection is bounded apart from depth and cost: deeper than any
	// tool asks, or alias-flooded, it is refused.
	deep := `{ __type(name: "Student") { ` + strings.Repeat("ofType { ", 25) + "name" + strings.Repeat(" }", 25) + " } }"
	if r := dev.login(aidCentre).do(deep, nil); r.code() != "COMPLEXITY_LIMIT_EXCEEDED" || !strings.Contains(r.Errors[0].Message, "：") {
		t.Errorf("25-deep ofType: %+v", r.Errors)
	}
	var flood strings.Builder
	flood.WriteString("{")
	for i := 0; i < 40; i++ {
		flood.WriteString(" s" + string(rune('a'+i%26)) + string(rune('a'+i/26)) + ": __schema { types { name } }")
	}
	flood.WriteString(" }")
	if r := dev.login(aidCentre).do(flood.String(), nil); r.code() != "ALIAS_LIMIT_EXCEEDED" {
		t.Errorf("40 aliased __schema: %+v", r.Errors)
	}
	full := introspectionQueries(t)["introspection-default.graphql"]
	three := strings.Replace(full, "__schema {", "a: __schema { types { ...FullType } } b: __schema { types { ...FullType } } c: __schema {", 1)
	if r := dev.login(aidCentre).do(three, nil); r.code() != "COMPLEXITY_LIMIT_EXCEEDED" {
		t.Errorf("three full introspections at once: %+v", r.Errors)
	}
}

// In production no validation error spells out the schema: no "Did you
// mean" for a misspelt field, argument, input field, enum value or type.
func TestNoSuggestionsInProduction(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	a := auth.New(db.Client, authz.Default())
	a.BcryptCost = bcrypt.MinCost
	dev := &api{t: t, auth: a, db: db}
	dev.srv = httptest.NewServer(graph.Handler(db.Client, a, graph.Options{}))
	t.Cleanup(dev.srv.Close)
	prod := production(t, dev)
	for _, q := range []string{
		`{ viewer { nmae } }`,                                                 // output field
		`{ students(frist: 5) { totalCount } }`,                               // argument
		`{ students(where: {nmae: "王"}) { totalCount } }`,                     // input field
		`{ students(orderBy: {field: NAEM}) { totalCount } }`,                 // enum value
		`query($w: StudentWhereInptu) { students(where: $w) { totalCount } }`, // type
	} {
		if r := dev.anon().do(q, nil); !strings.Contains(q, "Inptu") && (len(r.Errors) == 0 || !strings.Contains(r.Errors[0].Message, "Did you mean")) {
			t.Errorf("outside production %s should suggest: %+v", q, r.Errors)
		}
		r := prod.anon().do(q, nil)
		if len(r.Errors) == 0 {
			t.Errorf("%s was accepted", q)
		}
		for _, e := range r.Errors {
			if strings.Contains(e.Message, "Did you mean") || strings.Contains(e.Message, "name") && !strings.Contains(q, "name") {
				t.Errorf("production %s suggests: %s", q, e.Message)
			}
		}
	}
}
