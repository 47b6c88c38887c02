package divcode

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestShortName(t *testing.T) {
	for full, want := range map[string]string{
		// Names from the 2023 division table (shared/data/divisions).
		"张沉村民委员会":      "张沉村",
		"松林店村村民委员会":    "松林店村",
		"北周庄村村民民委员会":   "北周庄村",
		"杨甘固村委员会":      "杨甘固村",
		"正义社区居民委员会":    "正义社区",
		"贾庄居民委员会":      "贾庄居委会",
		"南关街街道委员会":     "南关街街道",
		"双塔街道办事处":      "双塔街道",
		"庆北办事处":        "庆北办事处",
		"松林店经济开发区虚拟社区": "松林店经济开发区虚拟社区",
		"涿州市人民政府":      "涿州市",
		"松林店镇":         "松林店镇",
		" 东茨村民委员会 ":    "东茨村",
		"村民委员会":        "村民委员会",
	} {
		if got := ShortName(full); got != want {
			t.Errorf("ShortName(%q) = %q, want %q", full, got, want)
		}
	}
}

// Every village of the real Zhuozhou table gets a short name that is still a
// place: shorter, ends in 村, 社区 or 居委会, and no two villages of one
// township share one.
func TestShortNamesOfZhuozhou(t *testing.T) {
	// shared/ lies beside the repository (CI) or at /work/shared (sessions).
	var f *os.File
	var err error
	for _, p := range []string{"../../shared/data/divisions/zhuozhou-2023.csv", "/work/shared/data/divisions/zhuozhou-2023.csv"} {
		if f, err = os.Open(p); err == nil {
			break
		}
	}
	if err != nil {
		t.Skip("the division table is not on this machine:", err)
	}
	defer f.Close()
	seen := map[string]string{}
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		rec := strings.Split(sc.Text(), ",")
		if len(rec) < 4 || rec[2] != "village" || strings.HasSuffix(rec[1], "虚拟社区") {
			continue
		}
		n++
		s := ShortName(rec[1])
		if utf8.RuneCountInString(s) >= utf8.RuneCountInString(rec[1]) && strings.Contains(rec[1], "委员会") {
			t.Errorf("%s: %s is not shorter", rec[1], s)
		}
		if !strings.HasSuffix(s, "村") && !strings.HasSuffix(s, "社区") && !strings.HasSuffix(s, "居委会") {
			t.Errorf("%s: %s does not say what it is", rec[1], s)
		}
		key := rec[3] + "/" + s
		if other, ok := seen[key]; ok {
			t.Errorf("%s and %s both become %s", other, rec[1], s)
		}
		seen[key] = rec[1]
	}
	if n < 300 {
		t.Fatalf("only %d villages read", n)
	}
}
