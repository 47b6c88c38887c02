// Package agreement issues the responsibility agreements (责任书) signed layer
// by layer (层层签订): from templates of duties to frozen, hashed texts, one per
// subordinate unit or person and term; signing on the phone; completion
// counts; and printable PDF copies for the archive (档案).
package agreement

import (
	"context"
	"strings"
	"time"

	"sanbao/authz"
	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/agreement"
	"sanbao/ent/agreementtemplate"
	"sanbao/fielderr"
	"sanbao/term"
)

// Labels name the kinds as users do.
var Labels = map[agreement.Kind]string{
	agreement.KindBureauSchool:    "教育局与学校",
	agreement.KindSchoolPrincipal: "学校与校长",
	agreement.KindSchoolDeputy:    "学校与分管领导",
	agreement.KindSchoolContact:   "学校与帮扶责任人",
}

const closing = "本责任书自签订之日起生效，至上述期限届满止。本责任书一式两份，甲乙双方各执一份。"

// Defaults are the duties sanbao ships, drawn from the bureaus' own plans.
var Defaults = map[agreement.Kind]struct {
	Title  string
	Duties []string
}{
	agreement.KindBureauSchool: {"教育扶贫资助工作责任书", []string{
		"实行校长“一把手”负总责，统筹本校教育扶贫资助工作，每月召开会议研究部署，层层签订责任书。",
		"控辍保学：确保义务教育阶段无辍学学生；发现辍学、疑似辍学学生立即劝返，劝返无效的及时报乡镇政府和县教育局。",
		"精准资助：及时做好家庭经济困难学生认定，建档立卡学生资助全覆盖，应助尽助，不漏一人。",
		"政策宣传：落实“两课两信两回执”，学期初、学期末上好资助政策宣传课，发放“两信”并回收“两回执”。",
		"落实“三包”：校长、副校长包村，教师分包贫困学生，一生一责任人；每月对建档立卡学生户联系或走访一次，做到有措施、有记录、有成效。",
		"台账档案：建立以学籍为依据的学校台账和以户籍为依据的村台账，专室专柜、专人负责，及时更新。",
		"问题整改：对巡视、督查、审计发现的问题建立问题清单，限期整改，举一反三，不再重犯。",
		"双向比对：配合扶贫部门每季度比对，及时增补符合条件未申请的学生，避免漏助、误助。",
	}},
	agreement.KindSchoolPrincipal: {"教育扶贫资助工作责任书（校长）", []string{
		"对本校教育扶贫资助工作负总责，亲自部署、亲自督导。",
		"包村：负责所包村的村档案，掌握适龄儿童、建档立卡学生人数及就读学校、受助情况。",
		"落实控辍保学“七长”责任制，确保本校无辍学学生。",
		"组织“两课两信两回执”政策宣传和“大家访”活动。",
		"审核本校资助对象认定和资金发放，做到公开、公平、公正。",
		"与分管领导、帮扶责任人签订责任书，明确职责并督促落实。",
	}},
	agreement.KindSchoolDeputy: {"教育扶贫资助工作责任书（分管领导）", []string{
		"协助校长具体抓好本校教育扶贫资助工作，落实到班、到人。",
		"包村：负责所包村建档立卡户的联系和村台账。",
		"每月检查帮扶责任人联系、走访记录，督促按时联系，发现问题及时处理。",
		"组织资助对象认定、公示和资助资金发放，规范资助档案。",
		"及时上报辍学、疑似辍学学生及劝返情况。",
	}},
	agreement.KindSchoolContact: {"教育扶贫帮扶责任书（帮扶责任人）", []string{
		"一生一责任人：对所包学生、所包户负责，每月至少联系或走访一次，并如实记录。",
		"了解情况：掌握学生在校表现和家庭经济状况，发现疑似辍学立即报告学校。",
		"帮办申请：帮助符合条件的学生申请各项资助，确保应助尽助。",
		"宣传政策：向家长讲清各学段资助政策，做好“两信”送达和“两回执”回收。",
		"对留守儿童、残疾学生等重点学生给予特别关爱。",
		"严守纪律，不得虚报冒领、优亲厚友，保护学生个人信息。",
	}},
}

// EnsureDefaults stores sanbao's default templates that are missing.
func EnsureDefaults(ctx context.Context, c *ent.Client) error {
	sys := authz.System(ctx)
	for kind, d := range Defaults {
		ok, err := c.AgreementTemplate.Query().Where(agreementtemplate.KindEQ(agreementtemplate.Kind(kind)),
			agreementtemplate.OwnerCode("")).Exist(sys)
		if err != nil {
			return err
		}
		if !ok {
			err = c.AgreementTemplate.Create().SetKind(agreementtemplate.Kind(kind)).SetTitle(d.Title).
				SetDuties(d.Duties).SetClosing(closing).Exec(sys)
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// Effective is the template a county uses for kind: its own, else the default.
func Effective(ctx context.Context, c *ent.Client, county string, kind agreement.Kind) (*ent.AgreementTemplate, error) {
	ts, err := c.AgreementTemplate.Query().Where(agreementtemplate.KindEQ(agreementtemplate.Kind(kind)),
		agreementtemplate.OwnerCodeIn("", county)).All(ctx)
	if err != nil {
		return nil, err
	}
	var best *ent.AgreementTemplate
	for _, t := range ts {
		if best == nil || t.OwnerCode != "" {
			best = t
		}
	}
	if best == nil {
		return nil, &ent.NotFoundError{}
	}
	return best, nil
}

// SaveTemplate stores a county's own version of a kind's template: created on
// the first edit, then updated with its version counted up. Agreements already
// issued keep their frozen text.
func SaveTemplate(ctx context.Context, c *ent.Client, county string, kind agreement.Kind, title string, duties []string, closing string) (*ent.AgreementTemplate, error) {
	title = strings.TrimSpace(title)
	if title == "" || len([]rune(title)) > 100 {
		return nil, fielderr.New("title", "标题应为1到100个字")
	}
	if len(duties) == 0 || len(duties) > 20 {
		return nil, fielderr.New("duties", "职责应为1到20条")
	}
	clean := make([]string, len(duties))
	for i, d := range duties {
		clean[i] = strings.TrimSpace(d)
		if clean[i] == "" || len([]rune(clean[i])) > 300 {
			return nil, fielderr.New("duties", "第%d条职责应为1到300个字", i+1)
		}
	}
	if divcode.Validate(county, divcode.County) != nil {
		return nil, fielderr.New("divisionCode", "应为县级区划代码")
	}
	v := authz.FromContext(ctx)
	t, err := c.AgreementTemplate.Query().Where(agreementtemplate.KindEQ(agreementtemplate.Kind(kind)),
		agreementtemplate.OwnerCode(county)).Only(ctx)
	if ent.IsNotFound(err) {
		return c.AgreementTemplate.Create().SetKind(agreementtemplate.Kind(kind)).SetOwnerCode(county).
			SetTitle(title).SetDuties(clean).SetClosing(closing).SetUpdatedByID(v.PersonID).Save(ctx)
	}
	if err != nil {
		return nil, err
	}
	return c.AgreementTemplate.UpdateOneID(t.ID).SetTitle(title).SetDuties(clean).SetClosing(closing).
		SetVersion(t.Version + 1).SetUpdatedByID(v.PersonID).Save(ctx)
}

// CurrentTerm is the school year (学年) running on now, as stored.
func CurrentTerm(now time.Time) string { return term.YearOf(now).String() }
