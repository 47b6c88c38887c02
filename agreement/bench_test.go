package agreement_test

import (
	"context"
	"fmt"
	"testing"

	"sanbao/agreement"
	"sanbao/auth"
	"sanbao/authz"
	"sanbao/demo"
	"sanbao/ent"
	"sanbao/ent/org"
	"sanbao/ent/position"
	"sanbao/store/storetest"
)

// BenchmarkIssueCounty issues a new term's agreements across the demo county,
// as its director and then each school's principal would: the bureau to its
// 154 units' schools, every school to its principal, deputies and contacts.
func BenchmarkIssueCounty(b *testing.B) {
	for _, dialect := range storetest.Dialects() {
		b.Run(dialect, func(b *testing.B) {
			db := storetest.Open(b, dialect)
			ctx := context.Background()
			if _, err := demo.SeedZhuozhou(ctx, db.Client); err != nil {
				b.Fatal(err)
			}
			sys := authz.System(ctx)
			as := auth.New(db.Client, authz.Default())
			as.BcryptCost = 4
			as2 := func(person int) context.Context {
				v, err := as.PersonViewer(ctx, person)
				if err != nil {
					b.Fatal(err)
				}
				return authz.NewContext(ctx, v)
			}
			bureau := db.Org.Query().Where(org.KindEQ(org.KindCountyBureau)).OnlyX(sys)
			director := db.Position.Query().Where(position.OrgID(bureau.ID), position.RoleEQ(position.RoleDirector)).FirstX(sys)
			schools := db.Org.Query().Where(org.ParentID(bureau.ID)).
				WithPositions(func(q *ent.PositionQuery) { q.Where(position.RoleEQ(position.RolePrincipal)) }).AllX(sys)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				term := fmt.Sprintf("%d—%d学年", 2030+i, 2031+i)
				created := 0
				res, err := agreement.Issue(as2(director.PersonID), db.Client, bureau.ID, term, nil)
				if err != nil {
					b.Fatal(err)
				}
				created += len(res.Created)
				for _, s := range schools {
					if len(s.Edges.Positions) == 0 {
						continue
					}
					res, err := agreement.Issue(as2(s.Edges.Positions[0].PersonID), db.Client, s.ID, term, nil)
					if err != nil {
						b.Fatal(err)
					}
					created += len(res.Created)
				}
				b.ReportMetric(float64(created), "agreements/op")
			}
		})
	}
}
