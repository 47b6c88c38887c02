package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/url"
	"os"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"sanbao/authz"
	"sanbao/export"
	"sanbao/store"
	"sanbao/store/storetest"
)

// BenchmarkExportProvinceLedger measures the peak heap of a village-ledger
// export (村台账) over a generated world on PostgreSQL: a township's ledger
// and the whole county's (and the county's school ledger, 学籍台账), SANBAO_EXPORT_STUDENTS students (default 200,000)
// in half as many households. The heap is sampled every millisecond while the
// rows are read and the file is written; flat peaks across a 10× difference
// in rows are what streaming means.
//
//	go test ./bench/ -run '^$' -bench ExportProvinceLedger -benchtime 1x
func BenchmarkExportProvinceLedger(b *testing.B) {
	if !contains(storetest.Dialects(), "postgres") {
		b.Skip("PostgreSQL off")
	}
	students := 200_000
	if s := os.Getenv("SANBAO_EXPORT_STUDENTS"); s != "" {
		students, _ = strconv.Atoi(s)
	}
	ctx := context.Background()
	u := storetest.URL(b, "postgres")
	db, err := store.Open(ctx, u)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	divs, err := readDivisions("../internal/fixture/testdata/zhengding-2023.csv", small.County)
	if err != nil {
		b.Fatal(err)
	}
	sc := small
	sc.Name, sc.Households, sc.Students = "export", students/2, students
	t0 := time.Now()
	w, err := generate(sc, divs, 11, time.Now().In(time.FixedZone("CST", 8*3600)), "x")
	if err != nil {
		b.Fatal(err)
	}
	raw, err := sql.Open("postgres", u)
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	if _, err := load(ctx, raw, w, "x", loadOptions{DropIndexes: true, Jobs: 2}, func(string, ...any) {}); err != nil {
		b.Fatal(err)
	}
	b.Logf("world: %d households, %d students, generated and loaded in %v", len(w.Households), len(w.Students), time.Since(t0).Round(time.Second))
	w = nil
	v := viewerFor(b, db, PhoneCountyAdmin)
	vctx := authz.NewContext(ctx, v)
	var township string
	if err := raw.QueryRow(`SELECT code FROM divisions WHERE level = 'TOWNSHIP' ORDER BY code LIMIT 1`).Scan(&township); err != nil {
		b.Fatal(err)
	}
	for _, place := range []struct{ kind, name, code string }{
		{"village-ledger", "township", township}, {"village-ledger", "county", small.County}, {"school-ledger", "county", small.County}, {"school-age", "county", small.County},
	} {
		k, _ := export.Lookup(place.kind)
		b.Run(place.kind+"/"+place.name, func(b *testing.B) {
			for range b.N {
				runtime.GC()
				var base runtime.MemStats
				runtime.ReadMemStats(&base)
				var peak atomic.Uint64
				stop := make(chan struct{})
				done := make(chan struct{})
				go func() {
					defer close(done)
					var m runtime.MemStats
					for {
						runtime.ReadMemStats(&m)
						if m.HeapInuse > peak.Load() {
							peak.Store(m.HeapInuse)
						}
						select {
						case <-stop:
							return
						case <-time.After(time.Millisecond):
						}
					}
				}()
				start := time.Now()
				f, err := export.Run(vctx, db.Client, k, url.Values{"division": {place.code}}, time.Now())
				if err != nil {
					b.Fatal(err)
				}
				n, err := f.WriteTo(io.Discard)
				if err != nil {
					b.Fatal(err)
				}
				took := time.Since(start)
				close(stop)
				<-done
				mib := func(x uint64) float64 { return float64(x) / (1 << 20) }
				b.ReportMetric(float64(f.Rows), "rows")
				b.ReportMetric(mib(peak.Load()), "peak-heap-MiB")
				b.ReportMetric(mib(peak.Load()-min(peak.Load(), base.HeapInuse)), "peak-over-base-MiB")
				b.ReportMetric(float64(f.Rows)/took.Seconds(), "rows/s")
				fmt.Fprintf(os.Stderr, "%s %s: %d rows, %.1f MB file, %v, peak heap in use %.1f MiB (%.1f MiB before)\n",
					place.kind, place.name, f.Rows, float64(n)/1e6, took.Round(time.Millisecond), mib(peak.Load()), mib(base.HeapInuse))
			}
		})
	}
}
