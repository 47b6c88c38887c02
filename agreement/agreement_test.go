package agreement

import (
	"reflect"
	"testing"
	"time"

	"sanbao/ent"
)

func TestKeepPunctuation(t *testing.T) {
	got := keepPunctuation([]string{"本责任书一式两份,甲乙双方各执一份", "。", "乙方", ":签字"})
	want := []string{"本责任书一式两份,甲乙双方各执一份。", "乙方:", "签字"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q", got)
	}
	got = keepPunctuation([]string{"甲乙双方各执一份", "。", "乙方", "：签字", "）。"})
	want = []string{"甲乙双方各执一份。", "乙方：", "签字）。"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("full-width: got %q", got)
	}
}

func TestRenderAndHash(t *testing.T) {
	tpl := &ent.AgreementTemplate{Title: "责任书", Duties: []string{"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸", "子"}, Closing: "完。"}
	title, text := Render(tpl, Parties{Issuer: "县局", Party: "某校", PartyRole: "校长", Signer: "张三"}, "2026—2027学年")
	if title != "责任书" {
		t.Fatal(title)
	}
	for _, want := range []string{"甲方：县局\n", "乙方：某校（校长：张三）", "期限：2026—2027学年", "一、甲\n", "十、癸\n", "十一、子\n", "完。"} {
		if !contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if Hash(text) == Hash(text+" ") || len(Hash(text)) != 64 {
		t.Fatal("hash does not tell texts apart")
	}
}

func TestCurrentTerm(t *testing.T) {
	for day, want := range map[string]string{"2026-11-24": "2026—2027学年", "2027-03-01": "2026—2027学年", "2027-09-01": "2027—2028学年"} {
		d, _ := time.Parse("2006-01-02", day)
		if got := CurrentTerm(d); got != want {
			t.Errorf("CurrentTerm(%s) = %s, want %s", day, got, want)
		}
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

func TestRenderKindergarten(t *testing.T) {
	tpl := &ent.AgreementTemplate{Title: "责任书（校长）", Duties: []string{"实行校长“一把手”负总责", "校长、副校长包村"}}
	title, text := Render(tpl, Parties{Issuer: "县局", Party: "城关幼儿园", PartyRole: "园长", Signer: "李四", Kindergarten: true}, "2026—2027学年")
	if title != "责任书（园长）" {
		t.Errorf("title %q", title)
	}
	if contains(text, "校长") || !contains(text, "园长、副园长包村") || !contains(text, "实行园长“一把手”") {
		t.Errorf("a kindergarten's head is 园长:\n%s", text)
	}
	if _, text := Render(tpl, Parties{Issuer: "县局", Party: "某校", PartyRole: "校长", Signer: "张三"}, "2026—2027学年"); !contains(text, "校长、副校长包村") {
		t.Errorf("a school keeps 校长:\n%s", text)
	}
}

func TestPDFTitleFollowsTheKind(t *testing.T) {
	one := &ent.Agreement{Title: "教育扶贫资助工作责任书（园长）"}
	if got := pdfTitle([]*ent.Agreement{one, {Title: one.Title}}); got != one.Title {
		t.Errorf("one kind: %q", got)
	}
	if got := pdfTitle([]*ent.Agreement{one, {Title: "教育扶贫帮扶责任书（帮扶责任人）"}}); got != "责任书档案" {
		t.Errorf("several kinds: %q", got)
	}
	if got := pdfTitle(nil); got != "责任书档案" {
		t.Errorf("none: %q", got)
	}
}
