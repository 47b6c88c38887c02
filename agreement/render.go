package agreement

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"sanbao/ent"
)

var numerals = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
	"十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十"}

func numeral(i int) string {
	if i < len(numerals) {
		return numerals[i]
	}
	return fmt.Sprint(i + 1)
}

// Parties are the two sides of an agreement as the text names them.
type Parties struct {
	Issuer, Representative string // 甲方 and its responsible person
	Party, PartyRole       string // 乙方 and what it is (学校 / 校长 / …)
	Signer                 string // who signs for 乙方
	// Kindergarten: the school in the agreement is a kindergarten, whose
	// head is 园长, not 校长.
	Kindergarten bool
}

// kinderHead says 园长 and 副园长 where a template says 校长 and 副校长.
var kinderHead = strings.NewReplacer("校长", "园长")

// Render writes the frozen text of an agreement.
func Render(t *ent.AgreementTemplate, p Parties, term string) (title, text string) {
	var b strings.Builder
	fmt.Fprintf(&b, "甲方：%s\n", p.Issuer)
	if p.Party != p.Signer {
		fmt.Fprintf(&b, "乙方：%s（%s：%s）\n", p.Party, p.PartyRole, p.Signer)
	} else {
		fmt.Fprintf(&b, "乙方：%s（%s）\n", p.Party, p.PartyRole)
	}
	fmt.Fprintf(&b, "期限：%s\n\n", term)
	b.WriteString("为落实教育扶贫资助工作责任，层层传导压力，层层抓好落实，确保真贫不落一人、真金不落一分、政策不落一项，甲乙双方签订本责任书。乙方承担以下职责：\n")
	for i, d := range t.Duties {
		fmt.Fprintf(&b, "%s、%s\n", numeral(i), d)
	}
	if t.Closing != "" {
		fmt.Fprintf(&b, "\n%s\n", t.Closing)
	}
	if p.Kindergarten {
		return kinderHead.Replace(t.Title), kinderHead.Replace(b.String())
	}
	return t.Title, b.String()
}

// Hash is the SHA-256 of an agreement's text, hex.
func Hash(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}
