package divcode

import "strings"

// ShortName is a division's name as people say it, for lists, cards and
// navigation where space is short: 张沉村 for 张沉村民委员会, 正义社区 for
// 正义社区居民委员会, 双塔街道 for 双塔街道办事处, 涿州市 for 涿州市人民政府. Detail
// pages keep the full, official name.
func ShortName(name string) string {
	n := strings.TrimSpace(name)
	if s, ok := strings.CutSuffix(n, "村民民委员会"); ok { // a typo in the table: 北周庄村村民民委员会
		n = s + "村民委员会"
	}
	cut := func(suffix string) (string, bool) {
		if s, ok := strings.CutSuffix(n, suffix); ok && s != "" {
			return s, true
		}
		return n, false
	}
	if s, ok := cut("村民委员会"); ok { // 张沉村民委员会, 松林店村村民委员会
		return withSuffix(s, "村")
	}
	if s, ok := cut("村委会"); ok {
		return withSuffix(s, "村")
	}
	for _, suffix := range []string{"居民委员会", "居委会"} {
		if s, ok := cut(suffix); ok {
			if strings.HasSuffix(s, "社区") {
				return s // 正义社区居民委员会
			}
			return s + "居委会" // 贾庄居民委员会: a 居委会 that is not called 社区
		}
	}
	if s, ok := cut("委员会"); ok && (strings.HasSuffix(s, "村") || strings.HasSuffix(s, "社区") || strings.HasSuffix(s, "街道")) {
		return s // 杨甘固村委员会, 南关街街道委员会
	}
	if s, ok := cut("街道办事处"); ok {
		return s + "街道"
	}
	if s, ok := cut("人民政府"); ok {
		return s
	}
	return n
}

func withSuffix(s, suffix string) string {
	if strings.HasSuffix(s, suffix) {
		return s
	}
	return s + suffix
}
