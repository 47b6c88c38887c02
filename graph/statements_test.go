package graph_test

import (
	"testing"

	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

const coverageQ = `query($c:String!){coverage(divisionCode:$c){total{villages{gaps} households{gaps} students{gaps} overdue}
	children{label division{name} villages{gaps} households{gaps} students{gaps} overdue} schools{label school{name} students{gaps}}
	villageGaps(first:20){totalCount edges{node{name}}} householdGaps(first:20){totalCount edges{node{number guarantor{name}}}}
	studentGaps(first:20){totalCount edges{node{name school{name}}}} overdueHouseholds(first:20){totalCount edges{node{number}}}}}`

// statements counts the SQL statements one request makes.
func statements(t *testing.T, db *store.DB, build func(*store.DB) string, query string, vars func(string) map[string]any) int64 {
	counting, n := store.Counting(db)
	phone := build(db)
	s := newAPI(t, counting).login(phone)
	s.ok(query, vars(phone)) // warm the viewer cache
	n.Reset()
	s.ok(query, vars(phone))
	return n.N()
}

// The coverage roll-up makes the same number of statements for 4 villages as
// for 450: it groups in SQL, never loops over villages.
func TestCoverageStatementsDoNotGrowWithVillages(t *testing.T) {
	for _, dialect := range storetest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			vars := func(string) map[string]any { return map[string]any{"c": "130681000000"} }
			small := statements(t, storetest.Open(t, dialect), func(db *store.DB) string {
				return fixture.BuildSmall(t, db).Admin.Phone
			}, coverageQ, vars)
			large := statements(t, storetest.Open(t, dialect), func(db *store.DB) string {
				fixture.Build(t, db)
				return "13900000001"
			}, coverageQ, vars)
			t.Logf("coverage request: %d statements with 4 villages, %d with 453", small, large)
			if small != large || small > 20 {
				t.Errorf("statements: %d with 4 villages, %d with 453", small, large)
			}
		})
	}
}

// List pages make the same number of statements for 5 rows as for 50: nested
// edges are eager-loaded per level (entgql field collection), never per row.
func TestListStatementsDoNotGrowWithPageSize(t *testing.T) {
	for _, dialect := range storetest.Dialects() {
		t.Run(dialect, func(t *testing.T) {
			db := storetest.Open(t, dialect)
			fixture.Build(t, db)
			counting, n := store.Counting(db)
			a := newAPI(t, counting)
			for _, c := range []struct {
				phone, query string
			}{
				{"13900000001", `query($n:Int){students(first:$n){totalCount edges{node{id name idNumber age school{name} household{headName guarantor{name} village{name}} contactPerson{name}}}}}`},
				{"13900000001", `query($n:Int){households(first:$n){totalCount edges{node{number village{name parent{name}} guarantor{name} students{name school{name}}}}}}`},
				{"13900000003", `query($n:Int){myFamilies(first:$n){edges{node{number lastContactOn village{name} students{name contactPerson{name}} contacts(first:3){edges{node{date mode}}}}}}}`},
				{"13900000001", `query($n:Int){people(first:$n){edges{node{name positions{role org{name}}}}}}`},
				{"13900000001", `query($n:Int){agreements(first:$n){edges{node{title state partyPerson{name} issuerOrg{name}}}}}`},
			} {
				s := a.login(c.phone)
				s.ok(c.query, map[string]any{"n": 1})
				count := func(size int) int64 {
					n.Reset()
					d := s.ok(c.query, map[string]any{"n": size})
					_ = d
					return n.N()
				}
				small, large := count(5), count(50)
				if small != large {
					t.Errorf("%.60s…: %d statements for 5 rows, %d for 50", c.query, small, large)
				}
			}
		})
	}
}
