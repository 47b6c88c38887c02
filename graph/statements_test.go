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
	counting, n := storetest.Counting(db)
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
