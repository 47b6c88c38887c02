// Package aid is student aid (学生资助): the policy catalog — a province's
// policies by stage and each county's top-ups, versioned by term — and what
// each student is entitled to under it (应助尽助). The conditions and their
// evaluation are data and pure code in aid/rule.
package aid

import (
	"context"
	"fmt"

	"sanbao/aid/rule"
	"sanbao/authz"
	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/aidpolicy"
	"sanbao/ent/division"
)

// Def is one shipped policy version.
type Def struct {
	Code, Name                        string
	Category, Kind, Per, Payer, Basis string
	Amount                            int
	From, Until                       string
	Conditions                        []rule.Condition
	Description                       string
}

func is(kind string, values ...string) rule.Condition {
	return rule.Condition{Kind: kind, Values: values}
}
func not(kind string) rule.Condition { return rule.Condition{Kind: kind, Not: true} }
func anyOf(cs ...rule.Condition) rule.Condition {
	return rule.Condition{Kind: rule.Any, Any: cs}
}

// hardship is 家庭经济困难 as the national policies list it: registered-card,
// 低保, 特困供养, disabled students, orphans, or identified by the school.
var hardship = anyOf(is(rule.Registered), is(rule.Dibao), is(rule.Tekun), is(rule.Disabled), is(rule.Orphan),
	is(rule.Hardship, rule.LevelSpecial, rule.LevelRather, rule.LevelSome))

const (
	since2017 = "2017—2018学年第一学期"
	since2019 = "2019—2020学年第一学期"
	since2021 = "2021—2022学年第一学期"
	until2024 = "2023—2024学年第二学期"
	since2024 = "2024—2025学年第一学期"
)

// ProvinceDefaults are the national policies a province's catalog carries by
// stage (seed 002, DOMAIN.md: preschool 1, compulsory 2, senior secondary 3,
// higher education 6, registered-card 2), at the national standard amounts;
// a province edits its own from a term on.
var ProvinceDefaults = []Def{
	{Code: "preschool-aid", Name: "学前教育幼儿资助", Category: "PRESCHOOL", Kind: "GRANT", Per: "YEAR", Payer: "SHARED", Basis: "SCHOOL",
		Amount: 1000, From: since2019, Conditions: []rule.Condition{hardship},
		Description: "普惠性幼儿园家庭经济困难幼儿、孤儿和残疾儿童；标准由省确定"},
	{Code: "compulsory-free", Name: "两免（免学杂费、免费教科书）", Category: "COMPULSORY", Kind: "WAIVER", Per: "YEAR", Payer: "SHARED", Basis: "SCHOOL",
		From: since2017, Description: "城乡义务教育学生免除学杂费，免费提供教科书"},
	{Code: "boarding-primary", Name: "一补（小学寄宿生生活补助）", Category: "COMPULSORY", Kind: "GRANT", Per: "YEAR", Payer: "SHARED", Basis: "SCHOOL",
		Amount: 1000, From: since2019, Conditions: []rule.Condition{is(rule.Stages, "PRIMARY"), is(rule.Boarding), hardship},
		Description: "家庭经济困难寄宿生生活补助，小学每生每年1000元"},
	{Code: "boarding-junior", Name: "一补（初中寄宿生生活补助）", Category: "COMPULSORY", Kind: "GRANT", Per: "YEAR", Payer: "SHARED", Basis: "SCHOOL",
		Amount: 1250, From: since2019, Conditions: []rule.Condition{is(rule.Stages, "JUNIOR"), is(rule.Boarding), hardship},
		Description: "家庭经济困难寄宿生生活补助，初中每生每年1250元"},
	{Code: "senior-grant", Name: "普通高中国家助学金", Category: "SENIOR", Kind: "GRANT", Per: "YEAR", Payer: "SHARED", Basis: "SCHOOL",
		Amount: 2000, From: since2019, Conditions: []rule.Condition{hardship}, Description: "平均每生每年2000元"},
	{Code: "senior-fee", Name: "普通高中免学杂费", Category: "SENIOR", Kind: "WAIVER", Per: "YEAR", Payer: "SHARED", Basis: "SCHOOL",
		From: since2017, Conditions: []rule.Condition{anyOf(is(rule.Registered), is(rule.Dibao), is(rule.Tekun), is(rule.Disabled), is(rule.Orphan))},
		Description: "建档立卡、低保、特困供养、残疾、孤儿等家庭经济困难学生"},
	{Code: "vocational-grant", Name: "中职国家助学金", Category: "VOCATIONAL", Kind: "GRANT", Per: "YEAR", Payer: "SHARED", Basis: "SCHOOL",
		Amount: 2000, From: since2019, Conditions: []rule.Condition{is(rule.MaxGrade, "2"), hardship}, Description: "一、二年级家庭经济困难学生"},
	{Code: "vocational-fee", Name: "中职免学费", Category: "VOCATIONAL", Kind: "WAIVER", Per: "YEAR", Payer: "SHARED", Basis: "SCHOOL",
		From: since2017, Conditions: []rule.Condition{anyOf(is(rule.Registered), is(rule.Dibao), is(rule.Tekun), is(rule.AgriMajor),
			is(rule.Hardship, rule.LevelSpecial, rule.LevelRather, rule.LevelSome))},
		Description: "农村学生、涉农专业学生和家庭经济困难学生"},
	{Code: "yulu-vocational", Name: "雨露计划（中职学生补助）", Category: "VOCATIONAL", Kind: "GRANT", Per: "YEAR", Payer: "PROVINCE", Basis: "HOME",
		Amount: 3000, From: since2019, Conditions: []rule.Condition{is(rule.Registered)}, Description: "建档立卡家庭子女接受中职教育，由户籍地扶贫部门发放"},
	{Code: "higher-grant", Name: "高校国家助学金（本专科）", Category: "HIGHER", Kind: "GRANT", Per: "YEAR", Payer: "SHARED", Basis: "SCHOOL",
		Amount: 3300, From: since2019, Until: until2024, Conditions: []rule.Condition{hardship}, Description: "平均每生每年3300元"},
	{Code: "higher-grant", Name: "高校国家助学金（本专科）", Category: "HIGHER", Kind: "GRANT", Per: "YEAR", Payer: "SHARED", Basis: "SCHOOL",
		Amount: 3700, From: since2024, Conditions: []rule.Condition{hardship}, Description: "自2024年秋季学期起平均每生每年3700元"},
	{Code: "higher-loan", Name: "生源地信用助学贷款", Category: "HIGHER", Kind: "LOAN", Per: "YEAR", Payer: "CENTRAL", Basis: "HOME",
		Amount: 12000, From: since2021, Until: until2024, Conditions: []rule.Condition{hardship}, Description: "本专科生每年最高12000元，在校期间财政贴息"},
	{Code: "higher-loan", Name: "生源地信用助学贷款", Category: "HIGHER", Kind: "LOAN", Per: "YEAR", Payer: "CENTRAL", Basis: "HOME",
		Amount: 20000, From: since2024, Conditions: []rule.Condition{hardship}, Description: "本专科生每年最高20000元，在校期间财政贴息"},
	{Code: "freshman-in", Name: "新生入学资助（省内院校）", Category: "HIGHER", Kind: "GRANT", Per: "ONCE", Payer: "CENTRAL", Basis: "HOME",
		Amount: 500, From: since2017, Conditions: []rule.Condition{is(rule.Freshman), not(rule.OutOfProvince), hardship},
		Description: "录取到省内院校的家庭经济困难新生每人500元，用于入学交通和短期生活"},
	{Code: "freshman-out", Name: "新生入学资助（省外院校）", Category: "HIGHER", Kind: "GRANT", Per: "ONCE", Payer: "CENTRAL", Basis: "HOME",
		Amount: 1000, From: since2017, Conditions: []rule.Condition{is(rule.Freshman), is(rule.OutOfProvince), hardship},
		Description: "录取到省外院校的家庭经济困难新生每人1000元"},
}

// CountyTopUps are one county's own top-ups for registered-card students not
// covered by the national policies (seed 003), paid by the county where the
// household is registered.
var CountyTopUps = []Def{
	{Code: "county-preschool-living", Name: "学前幼儿生活补助（县级）", Category: "PRESCHOOL", Kind: "GRANT", Per: "YEAR", Payer: "COUNTY", Basis: "HOME",
		Amount: 400, From: "2018—2019学年第一学期", Conditions: []rule.Condition{is(rule.NotLifted)}, Description: "未脱贫建档立卡幼儿每生每年400元"},
	{Code: "county-preschool-care", Name: "学前保教费补助（县级）", Category: "PRESCHOOL", Kind: "GRANT", Per: "YEAR", Payer: "COUNTY", Basis: "HOME",
		Amount: 600, From: "2018—2019学年第一学期", Conditions: []rule.Condition{is(rule.NotLifted)}, Description: "未脱贫建档立卡幼儿每生每年600元"},
	{Code: "county-dayschool-primary", Name: "非寄宿生生活补助（小学，县级）", Category: "COMPULSORY", Kind: "GRANT", Per: "YEAR", Payer: "COUNTY", Basis: "HOME",
		Amount: 1000, From: "2018—2019学年第一学期", Conditions: []rule.Condition{is(rule.Stages, "PRIMARY"), not(rule.Boarding), is(rule.Registered)},
		Description: "建档立卡家庭小学非寄宿生每生每年1000元"},
	{Code: "county-dayschool-junior", Name: "非寄宿生生活补助（初中，县级）", Category: "COMPULSORY", Kind: "GRANT", Per: "YEAR", Payer: "COUNTY", Basis: "HOME",
		Amount: 1250, From: "2018—2019学年第一学期", Conditions: []rule.Condition{is(rule.Stages, "JUNIOR"), not(rule.Boarding), is(rule.Registered)},
		Description: "建档立卡家庭初中非寄宿生每生每年1250元"},
	{Code: "county-freshman-in", Name: "大学新生资助（省内院校，县级）", Category: "HIGHER", Kind: "GRANT", Per: "ONCE", Payer: "COUNTY", Basis: "HOME",
		Amount: 500, From: "2018—2019学年第一学期", Conditions: []rule.Condition{is(rule.Freshman), not(rule.OutOfProvince), is(rule.NotLifted)},
		Description: "未脱贫建档立卡家庭考入省内院校的新生每人500元"},
	{Code: "county-freshman-out", Name: "大学新生资助（省外院校，县级）", Category: "HIGHER", Kind: "GRANT", Per: "ONCE", Payer: "COUNTY", Basis: "HOME",
		Amount: 1000, From: "2018—2019学年第一学期", Conditions: []rule.Condition{is(rule.Freshman), is(rule.OutOfProvince), is(rule.NotLifted)},
		Description: "未脱贫建档立卡家庭考入省外院校的新生每人1000元"},
	{Code: "county-college-living", Name: "大学生生活费补助（县级）", Category: "HIGHER", Kind: "GRANT", Per: "YEAR", Payer: "COUNTY", Basis: "HOME",
		Amount: 2000, From: "2018—2019学年第一学期", Conditions: []rule.Condition{is(rule.NotLifted)},
		Description: "未脱贫建档立卡家庭本专科新生及在校生每生每年2000元"},
}

// EnsureDefaults stores the default catalog for every province whose
// divisions are loaded, leaving versions already stored (and any edits)
// alone. It runs at migration and after the demo's division import.
func EnsureDefaults(ctx context.Context, c *ent.Client) error {
	sys := authz.System(ctx)
	codes, err := c.Division.Query().Where(division.LevelEQ(division.LevelProvince)).
		Select(division.FieldCode).Strings(sys)
	if err != nil {
		return err
	}
	for _, code := range codes {
		if err := ensure(sys, c, code, ProvinceDefaults); err != nil {
			return err
		}
	}
	return nil
}

// EnsureCountyTopUps stores seed 003's top-ups as county's own.
func EnsureCountyTopUps(ctx context.Context, c *ent.Client, county string) error {
	if err := divcode.Validate(county, divcode.County); err != nil {
		return err
	}
	return ensure(authz.System(ctx), c, county, CountyTopUps)
}

// ensure adds the versions of defs the owner does not have yet. Only a
// missing version is added: an owner that ended or changed a policy keeps
// its own rows.
func ensure(sys context.Context, c *ent.Client, owner string, defs []Def) error {
	have, err := c.AidPolicy.Query().Where(aidpolicy.OwnerCode(owner)).All(sys)
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, p := range have {
		known[p.Code] = true
	}
	seen := map[string]int{}
	for _, d := range defs {
		seen[d.Code]++
		if known[d.Code] {
			continue
		}
		err := c.AidPolicy.Create().SetCode(d.Code).SetOwnerCode(owner).SetName(d.Name).
			SetCategory(aidpolicy.Category(d.Category)).SetKind(aidpolicy.Kind(d.Kind)).SetAmount(d.Amount).
			SetPer(aidpolicy.Per(d.Per)).SetPayer(aidpolicy.Payer(d.Payer)).SetBasis(aidpolicy.Basis(d.Basis)).
			SetConditions(d.Conditions).SetFromTerm(d.From).SetUntilTerm(d.Until).SetDescription(d.Description).
			SetVersion(seen[d.Code]).Exec(sys)
		if err != nil {
			return fmt.Errorf("aid policy %s of %s: %w", d.Code, owner, err)
		}
	}
	return nil
}
