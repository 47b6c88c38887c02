package importjob_test

import (
	"crypto/rand"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"sanbao/contactlog"
	ij "sanbao/importjob"
	"sanbao/store"
	"sanbao/store/storetest"
)

// BenchmarkUpload measures imports through the upload, as the web app does
// them: POST the file, poll the job until it is done. Each run imports new
// households (rows/s counts from the POST to the job's end).
//
//	go test -run - -bench Upload -benchtime 1x ./importjob
func BenchmarkUpload(b *testing.B) {
	for _, dialect := range storetest.Dialects() {
		b.Run(storetest.Name(dialect), func(b *testing.B) {
			e := newEnv(b, storetest.Open(b, dialect), ij.Options{})
			tok := e.login(admin)
			run := 0
			for _, rows := range []int{1000, 20_000} {
				for _, format := range []string{"xlsx", "csv"} {
					b.Run(fmt.Sprintf("rows=%d/%s", rows, format), func(b *testing.B) {
						var took time.Duration
						for b.Loop() {
							run++
							data := households(fmt.Sprintf("B%d-", run), rows, e.villages)
							file := csvOf(data)
							if format == "xlsx" {
								file = xlsxOf(b, data)
							}
							start := time.Now()
							job := e.waitFast(tok, e.submit(tok, "households", "bench."+format, file))
							took += time.Since(start)
							if job != "DONE" {
								b.Fatalf("job ended %s", job)
							}
						}
						b.ReportMetric(float64(rows*b.N)/took.Seconds(), "rows/s")
					})
				}
			}
		})
	}
}

// waitFast polls a job's state every 10 ms until it ends.
func (e *env) waitFast(token, id string) string {
	for {
		d := e.ok(token, `query($id:ID!){importJob(id:$id){state}}`, map[string]any{"id": id})
		if s := d["importJob"].(map[string]any)["state"].(string); s == "DONE" || s == "FAILED" {
			return s
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// BenchmarkContactDuringImport measures a teacher's logContact through the
// API, four phones at once, first on a quiet server and then while a
// 20,000-row import runs: latency percentiles and how many failed.
//
//	go test -run - -bench ContactDuringImport -benchtime 1x ./importjob
func BenchmarkContactDuringImport(b *testing.B) {
	for _, dialect := range storetest.Dialects() {
		b.Run(storetest.Name(dialect), func(b *testing.B) {
			for b.Loop() {
				contactDuringImport(b, storetest.Open(b, dialect))
			}
		})
	}
}

func contactDuringImport(b *testing.B, db *store.DB) {
	e := newEnv(b, db, ij.Options{})
	tok, t := e.login(admin), e.login(teacher)
	fam := e.ok(t, `{myFamilies(first: 20){edges{node{id}}}}`, nil)["myFamilies"].(map[string]any)["edges"].([]any)
	if len(fam) == 0 {
		b.Fatal("the teacher has no families")
	}
	logOnce := func(i int) (time.Duration, bool) {
		id := fam[i%len(fam)].(map[string]any)["node"].(map[string]any)["id"]
		start := time.Now()
		_, errs := e.gql(t, `mutation($in:LogContactInput!){logContact(input:$in){id}}`, map[string]any{"in": map[string]any{
			"uuid": uuid(), "householdID": id, "date": contactlog.Today(time.Now()), "mode": "PHONE", "learnedSituation": true}})
		return time.Since(start), len(errs) == 0
	}
	measure := func(label string, until func() bool) {
		var mu sync.Mutex
		var lat []time.Duration
		var failed atomic.Int64
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; !until(); i += 4 {
					d, ok := logOnce(i)
					if !ok {
						failed.Add(1)
					}
					mu.Lock()
					lat = append(lat, d)
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		slices.Sort(lat)
		pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))]) / 1e6 }
		b.ReportMetric(pct(0.5), label+"-p50-ms")
		b.ReportMetric(pct(0.95), label+"-p95-ms")
		b.ReportMetric(float64(lat[len(lat)-1])/1e6, label+"-max-ms")
		b.ReportMetric(float64(failed.Load()), label+"-failed")
		b.ReportMetric(float64(len(lat)), label+"-writes")
	}
	quietUntil := time.Now().Add(3 * time.Second)
	measure("quiet", func() bool { return time.Now().After(quietUntil) })

	data := xlsxOf(b, households("D", 20_000, e.villages))
	var done atomic.Bool
	start := time.Now()
	id := e.submit(tok, "households", "两万.xlsx", data)
	go func() {
		if s := e.waitFast(tok, id); s != "DONE" {
			b.Errorf("import ended %s", s)
		}
		done.Store(true)
	}()
	measure("import", done.Load)
	b.ReportMetric(20_000/time.Since(start).Seconds(), "import-rows/s")
}

func uuid() string {
	var u [16]byte
	rand.Read(u[:])
	u[6], u[8] = u[6]&0x0f|0x40, u[8]&0x3f|0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:])
}
