package sheet

import (
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"
)

// peakHeap samples the live heap while fn runs and returns its peak in MB.
func peakHeap(fn func()) float64 {
	runtime.GC()
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		defer close(done)
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	fn()
	close(stop)
	<-done
	return float64(peak.Load()) / (1 << 20)
}

// BenchmarkWriteRows streams a ledger-like list (12 columns) to an .xlsx;
// the peak heap must not grow with the rows (compare -benchtime=1x runs of
// the sub-benchmarks: 10k, 100k and 1M rows).
func BenchmarkWriteRows(b *testing.B) {
	cols := []Col{{Name: "序号"}, {Name: "姓名"}, {Name: "身份证号", Text: true}, {Name: "户编号"}, {Name: "村"},
		{Name: "学段"}, {Name: "年级"}, {Name: "班级"}, {Name: "学籍学校"}, {Name: "在读状态"}, {Name: "帮扶联系人"}, {Name: "联系电话"}}
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var peak float64
			for b.Loop() {
				f, err := os.CreateTemp(b.TempDir(), "*.xlsx")
				if err != nil {
					b.Fatal(err)
				}
				peak = max(peak, peakHeap(func() {
					w, err := NewWriter(Options{Title: Title("涿州市教育和体育局", "学籍台账", "涿州市", time.Now()), Columns: cols})
					if err != nil {
						b.Fatal(err)
					}
					for i := range n {
						if err := w.Row(i+1, "张三丰", "13068120140601001X", fmt.Sprintf("H%07d", i), "松林店村", "小学", 4, "2班",
							"松林店镇中心校", "在读", "-李老师", "13800000000"); err != nil {
							b.Fatal(err)
						}
					}
					if _, err := w.WriteTo(f); err != nil {
						b.Fatal(err)
					}
				}))
				st, _ := f.Stat()
				b.ReportMetric(float64(st.Size())/(1<<20), "file-MB")
				f.Close()
			}
			b.ReportMetric(peak, "peak-heap-MB")
		})
	}
}

// BenchmarkReadRows reads a 20,000-row .xlsx and the same rows as CSV.
func BenchmarkReadRows(b *testing.B) {
	rows := [][]any{{"户编号", "户主姓名", "身份证号", "家庭人口", "联系电话"}}
	for i := range 20_000 {
		rows = append(rows, []any{fmt.Sprintf("H%07d", i), "王五", "13068120140601001X", 4, "13800000000"})
	}
	xlsx := xlsxOf(b, rows)
	csv := []byte{}
	for _, r := range rows {
		csv = fmt.Appendf(csv, "%v,%v,%v,%v,%v\n", r...)
	}
	for name, data := range map[string][]byte{"xlsx": xlsx, "csv": csv} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var peak float64
			for b.Loop() {
				peak = max(peak, peakHeap(func() {
					n := 0
					if _, err := Read(data, testCols, 20_000, func(r *Row) error { n++; return nil }); err != nil || n != 20_000 {
						b.Fatal(err, n)
					}
				}))
			}
			b.ReportMetric(peak, "peak-heap-MB")
			b.ReportMetric(float64(20_000*b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
