package remind_test

import (
	"context"
	"testing"
	"time"

	"sanbao/auth"
	"sanbao/authz"
	"sanbao/demo"
	"sanbao/ent/person"
	"sanbao/remind"
	"sanbao/store/storetest"
)

// BenchmarkReminders computes, on the demo county, what each home screen
// asks for: the teacher's own families, and who is behind as the county's
// aid centre and as a central school's principal see it.
func BenchmarkReminders(b *testing.B) {
	for _, dialect := range storetest.Dialects() {
		b.Run(dialect, func(b *testing.B) {
			db := storetest.Open(b, dialect)
			ctx := context.Background()
			if _, err := demo.SeedZhuozhou(ctx, db.Client); err != nil {
				b.Fatal(err)
			}
			as := func(phone string) (context.Context, int) {
				p := db.Person.Query().Where(person.Phone(phone)).OnlyX(authz.System(ctx))
				v, err := auth.New(db.Client, authz.Default()).PersonViewer(authz.System(ctx), p.ID)
				if err != nil {
					b.Fatal(err)
				}
				return authz.NewContext(ctx, v), p.ID
			}
			now := time.Now()
			teacher, me := as("13900000003")
			b.Run("teacher", func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					if _, err := remind.ForPerson(teacher, db.Client, me, now); err != nil {
						b.Fatal(err)
					}
					if _, err := remind.Waiting(teacher, db.Client, me); err != nil {
						b.Fatal(err)
					}
				}
			})
			for _, who := range []struct{ name, phone string }{{"county", "13900000001"}, {"principal", "13900000002"}} {
				ctx, _ := as(who.phone)
				b.Run("behind/"+who.name, func(b *testing.B) {
					for i := 0; i < b.N; i++ {
						rows, err := remind.Behind(ctx, db.Client, nil, now)
						if err != nil || len(rows) == 0 {
							b.Fatal(len(rows), err)
						}
						b.ReportMetric(float64(len(rows)), "people")
						if _, err := remind.Waiting(ctx, db.Client, 0); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}
