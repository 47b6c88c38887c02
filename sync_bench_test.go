package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"sort"
	"strconv"
	"testing"
	"time"

	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

// BenchmarkContactWrite is a teacher's logContact over HTTP on SQLite with
// synchronous=NORMAL and with FULL (the default): FULL syncs the WAL on every
// commit, so an acknowledged contact survives a power loss (issue 10, item
// 27). It reports p50/p95 besides ns/op.
//
//	go test -run - -bench ContactWrite -benchtime 400x .
func BenchmarkContactWrite(b *testing.B) {
	for _, sync := range []string{"NORMAL", "FULL"} {
		b.Run("synchronous="+sync, func(b *testing.B) {
			db, err := store.Open(context.Background(), storetest.URL(b, "sqlite")+"?_pragma=synchronous("+sync+")")
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			var mode string
			db.SQL.QueryRow("PRAGMA synchronous").Scan(&mode)
			if want := map[string]string{"NORMAL": "1", "FULL": "2"}[sync]; mode != want {
				b.Fatalf("synchronous = %s, want %s", mode, want)
			}
			f := fixture.BuildSmall(b, db)
			srv := httptest.NewServer(routes(db, config{log: slog.New(slog.DiscardHandler)}))
			defer srv.Close()
			admin := login(b, srv.URL, f.Admin.Phone)
			gql(b, srv.URL, admin, `mutation($p:ID!,$t:ID!){assign(input:{kind:HOUSEHOLD,personID:$p,targetID:$t}){id}}`,
				map[string]any{"p": strconv.Itoa(f.T1.ID), "t": strconv.Itoa(f.H1.ID)})
			teacher := login(b, srv.URL, f.T1.Phone)
			today := time.Now().In(time.FixedZone("CST", 8*3600)).Format("2006-01-02")
			took := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				gql(b, srv.URL, teacher, `mutation($in:LogContactInput!){logContact(input:$in){id}}`,
					map[string]any{"in": map[string]any{"uuid": uuid4(), "householdID": strconv.Itoa(f.H1.ID), "date": today,
						"mode": "PHONE", "learnedSituation": true}})
				took = append(took, time.Since(start))
			}
			b.StopTimer()
			sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(took[len(took)*95/100].Microseconds())/1000, "p95-ms")
		})
	}
}

func uuid4() string {
	var u [16]byte
	rand.Read(u[:])
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:])
}
