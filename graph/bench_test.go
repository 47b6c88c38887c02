package graph_test

import (
	"context"
	"testing"

	"sanbao/demo"
	"sanbao/store/storetest"
)

// BenchmarkStudentsPage is a county admin's students(first: 50) page with
// household, village and school, through HTTP, on the seeded demo county.
func BenchmarkStudentsPage(b *testing.B) {
	for _, dialect := range storetest.Dialects() {
		b.Run(dialect, func(b *testing.B) {
			s := seededCountyAdmin(b, dialect)
			q := `query($after:Cursor){students(first:50, after:$after, where:{stage:PRIMARY}){totalCount pageInfo{endCursor hasNextPage}
				edges{node{id name idNumber stage grade enrollmentStatus school{name} household{headName village{name}}}}}}`
			b.ReportAllocs()
			b.ResetTimer()
			var after any
			for i := 0; i < b.N; i++ {
				d := s.ok(q, map[string]any{"after": after})
				if len(ids(d["students"])) == 0 {
					b.Fatal("empty page")
				}
				after = get(d, "students", "pageInfo", "endCursor")
				if get(d, "students", "pageInfo", "hasNextPage") != true {
					after = nil
				}
			}
		})
	}
}

// BenchmarkCoverage is the county admin's coverage roll-up of the whole demo
// county (17 townships, 453 villages, 54 schools) with its four gap lists.
func BenchmarkCoverage(b *testing.B) {
	for _, dialect := range storetest.Dialects() {
		b.Run(dialect, func(b *testing.B) {
			s := seededCountyAdmin(b, dialect)
			vars := map[string]any{"c": "130681000000"}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if d := s.ok(coverageQ, vars); num(d, "coverage", "total", "villages", "gaps") == 0 {
					b.Fatal("no gaps in the demo county")
				}
			}
		})
	}
}

// seededCountyAdmin signs the demo county's aid centre in on a freshly seeded
// database of the dialect.
func seededCountyAdmin(b *testing.B, dialect string) *session {
	db := storetest.Open(b, dialect)
	if _, err := demo.SeedZhuozhou(context.Background(), db.Client); err != nil {
		b.Fatal(err)
	}
	return newAPI(b, db).login("13900000001")
}
