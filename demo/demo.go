// Package demo builds a realistic county deterministically: its bureau, its
// schools (a central school in every township), staff, registered households
// and students with valid ID numbers, some of them studying outside the county.
// `go run .` seeds 涿州市 with it on an empty database; tests build smaller
// counties with the same code.
package demo

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"golang.org/x/crypto/bcrypt"

	"sanbao/aid"
	"sanbao/auth"
	"sanbao/authz"
	"sanbao/contactlog"
	"sanbao/coverage"
	"sanbao/divimport"
	"sanbao/ent"
	"sanbao/ent/division"
	"sanbao/ent/household"
	"sanbao/ent/org"
	"sanbao/ent/person"
	"sanbao/ent/position"
	"sanbao/ent/student"
	"sanbao/idcard"
)

//go:embed data/*.csv
var data embed.FS

// Password of every demo account.
const Password = "sanbao-demo"

// Zhuozhou is 涿州市, the demo county.
const Zhuozhou = "130681000000"

// Account is a demo login listed in README.
type Account struct {
	Phone, Name, Role, Org string
}

// Accounts are the demo logins, all with Password.
var Accounts = []Account{
	{"13900000001", "李文静", "资助中心专干", "涿州市教育和体育局（学生资助管理中心）"},
	{"13900000002", "王建国", "校长", "松林店镇中心校"},
	{"13900000003", "张丽", "教师、班主任", "松林店镇中心校"},
	{"13900000004", "赵志刚", "分管领导", "保定市教育局"},
	{"13900000005", "孙秀英", "督导", "涿州市教育和体育局"},
}

// Config sizes one county.
type Config struct {
	County       string // 12-digit code; its divisions must already be imported
	Seed         uint64
	Households   int
	Students     int
	PhonePrefix  string // 4 digits; staff phones are prefix + 7 digits
	DemoAccounts bool   // add the Accounts (Zhuozhou)
	PasswordHash []byte // shared by every staff account; nil hashes Password
}

// Summary is what was built.
type Summary struct {
	Orgs, People, Households, Students int
}

// ImportDivisions loads the shipped codes of 涿州市 and a few places outside
// it where its students study.
func ImportDivisions(ctx context.Context, c *ent.Client) error {
	for _, f := range []string{"data/zhuozhou-2023.csv", "data/outside-2023.csv"} {
		b, err := data.ReadFile(f)
		if err != nil {
			return err
		}
		if _, err := divimport.Import(ctx, c, bytes.NewReader(b)); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
	}
	return nil
}

// SeedZhuozhou imports the divisions and builds the demo county.
func SeedZhuozhou(ctx context.Context, c *ent.Client) (Summary, error) {
	if err := ImportDivisions(ctx, c); err != nil {
		return Summary{}, err
	}
	sum, err := Build(ctx, c, Config{
		County: Zhuozhou, Seed: 20190303, Households: 3000, Students: 5000,
		PhonePrefix: "1380", DemoAccounts: true,
	})
	if err != nil {
		return sum, err
	}
	// The province's catalog (its divisions are loaded only now) and seed
	// 003's county top-ups as the demo county's own.
	if err := aid.EnsureDefaults(ctx, c); err != nil {
		return sum, err
	}
	return sum, aid.EnsureCountyTopUps(ctx, c, Zhuozhou)
}

type builder struct {
	ctx  context.Context
	c    *ent.Client
	cfg  Config
	r    *rand.Rand
	hash string
	now  time.Time

	county     *ent.Division
	townships  []*ent.Division
	villages   map[int][]*ent.Division // by township id
	bureau     *ent.Org
	city       *ent.Org
	province   *ent.Org
	central    map[int]*ent.Org // township id -> central school
	kinder     map[int]*ent.Org
	junior     map[int]*ent.Org
	village    map[int]*ent.Org // village id -> village school
	countyWide map[string]*ent.Org
	outside    map[string]*ent.Division
	phones     int
	sum        Summary
	ids        map[string]bool
	adminID    int       // the county director, who arranged the guarantees
	start      time.Time // when the guarantees began
	today      time.Time // in China; visits are logged up to it
	auth       *auth.Service
	signatures []string // drawn once, reused by every signer
}

// Build creates one county's units, staff, households and students in a
// single transaction.
func Build(ctx context.Context, c *ent.Client, cfg Config) (Summary, error) {
	ctx = coverage.Deferred(authz.System(ctx))
	hash := cfg.PasswordHash
	if hash == nil {
		var err error
		if hash, err = bcrypt.GenerateFromPassword([]byte(Password), bcrypt.DefaultCost); err != nil {
			return Summary{}, err
		}
	}
	tx, err := c.Tx(ctx)
	if err != nil {
		return Summary{}, err
	}
	b := &builder{
		ctx: ctx, c: tx.Client(), cfg: cfg, r: rand.New(rand.NewPCG(cfg.Seed, 0x5a4b)),
		hash: string(hash), now: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC),
		villages: map[int][]*ent.Division{}, central: map[int]*ent.Org{}, kinder: map[int]*ent.Org{},
		junior: map[int]*ent.Org{}, village: map[int]*ent.Org{}, countyWide: map[string]*ent.Org{},
		outside: map[string]*ent.Division{}, ids: map[string]bool{},
	}
	b.today = time.Now().In(contactlog.China)
	b.start = time.Date(b.today.Year(), b.today.Month()-8, 1, 0, 0, 0, 0, contactlog.China)
	steps := []func() error{b.loadDivisions, b.bureaus, b.schools, b.staff, b.families, b.guarantees, b.agreements, b.year,
		func() error { return coverage.Rebuild(ctx, b.c) }}
	for _, step := range steps {
		if err := step(); err != nil {
			tx.Rollback()
			return Summary{}, err
		}
	}
	return b.sum, tx.Commit()
}

func (b *builder) loadDivisions() error {
	var err error
	b.county, err = b.c.Division.Query().Where(division.Code(b.cfg.County)).Only(b.ctx)
	if err != nil {
		return fmt.Errorf("county %s: import its divisions first: %w", b.cfg.County, err)
	}
	b.townships = b.c.Division.Query().Where(division.ParentID(b.county.ID)).Order(division.ByCode()).AllX(b.ctx)
	for _, t := range b.townships {
		b.villages[t.ID] = b.c.Division.Query().Where(division.ParentID(t.ID)).Order(division.ByCode()).AllX(b.ctx)
	}
	for _, d := range b.c.Division.Query().Where(division.LevelEQ(division.LevelCounty), division.Not(division.CodeHasPrefix(b.cfg.County[:4]))).AllX(b.ctx) {
		b.outside[d.Code] = d
	}
	return nil
}

// getOrg finds a unit by name and kind, creating it if missing, so that two
// counties of one city share the city bureau.
func (b *builder) getOrg(name string, kind org.Kind, div *ent.Division, parent *ent.Org) *ent.Org {
	if o, err := b.c.Org.Query().Where(org.Name(name), org.KindEQ(kind)).Only(b.ctx); err == nil {
		return o
	}
	q := b.c.Org.Create().SetName(name).SetKind(kind).SetDivisionID(div.ID)
	if parent != nil {
		q.SetParentID(parent.ID)
	}
	b.sum.Orgs++
	return q.SaveX(b.ctx)
}

func (b *builder) bureaus() error {
	city := b.c.Division.GetX(b.ctx, b.county.ParentID)
	prov := b.c.Division.GetX(b.ctx, city.ParentID)
	b.province = b.getOrg(prov.Name+"教育厅", org.KindProvinceDept, prov, nil)
	b.city = b.getOrg(city.Name+"教育局", org.KindCityBureau, city, b.province)
	b.bureau = b.getOrg(b.county.Name+"教育和体育局", org.KindCountyBureau, b.county, b.city)
	return nil
}

func shortName(village string) string {
	for _, suf := range []string{"村村民委员会", "村民委员会", "社区居民委员会", "居民委员会"} {
		if s, ok := strings.CutSuffix(village, suf); ok {
			return s
		}
	}
	return village
}

func isTown(t *ent.Division) bool {
	return strings.HasSuffix(t.Name, "镇") || strings.HasSuffix(t.Name, "乡")
}

func (b *builder) school(name string, typ org.SchoolType, div *ent.Division, central bool) *ent.Org {
	b.sum.Orgs++
	return b.c.Org.Create().SetName(name).SetKind(org.KindSchool).SetSchoolType(typ).
		SetIsCentral(central).SetDivisionID(div.ID).SetParentID(b.bureau.ID).SaveX(b.ctx)
}

func (b *builder) schools() error {
	cn := b.county.Name
	for _, t := range b.townships {
		b.central[t.ID] = b.school(t.Name+"中心校", org.SchoolTypePrimary, t, true)
		b.kinder[t.ID] = b.school(t.Name+"中心幼儿园", org.SchoolTypeKindergarten, t, false)
		if isTown(t) {
			b.junior[t.ID] = b.school(t.Name+"中学", org.SchoolTypeJunior, t, false)
		}
		for i, v := range b.villages[t.ID] {
			if strings.HasSuffix(v.Name, "村民委员会") && i%4 == 1 {
				b.village[v.ID] = b.school(shortName(v.Name)+"小学", org.SchoolTypePrimary, v, false)
			}
		}
	}
	// County-wide schools sit in the first townships (the city streets) and,
	// for the demo county, 涿州市第二中学 in 松林店镇.
	at := func(i int) *ent.Division { return b.townships[i%len(b.townships)] }
	second := at(0)
	for _, t := range b.townships {
		if t.Name == "松林店镇" {
			second = t
		}
	}
	b.countyWide["senior1"] = b.school(cn+"第一中学", org.SchoolTypeSenior, at(0), false)
	b.countyWide["senior2"] = b.school(cn+"第二中学", org.SchoolTypeSenior, second, false)
	b.countyWide["junior"] = b.school(cn+"实验中学", org.SchoolTypeJunior, at(1), false)
	b.countyWide["vocational"] = b.school(cn+"职业技术教育中心", org.SchoolTypeVocational, at(2), false)
	b.countyWide["special"] = b.school(cn+"特殊教育学校", org.SchoolTypeSpecial, at(0), false)
	return nil
}

func (b *builder) phone() string {
	b.phones++
	return fmt.Sprintf("%s%07d", b.cfg.PhonePrefix, b.phones)
}

// person creates one staff member with positions at o.
func (b *builder) person(name, phone string, o *ent.Org, roles ...position.Role) *ent.Person {
	if name == "" {
		name = fullName(b.r, b.r.IntN(2) == 0)
	}
	if phone == "" {
		phone = b.phone()
	}
	p := b.c.Person.Create().SetName(name).SetPhone(phone).SetPasswordHash(b.hash).SaveX(b.ctx)
	b.sum.People++
	for _, role := range roles {
		q := b.c.Position.Create().SetPersonID(p.ID).SetOrgID(o.ID).SetRole(role)
		if role == position.RoleHeadTeacher {
			q.SetGrade(1 + b.r.IntN(6)).SetClassName(fmt.Sprintf("%d班", 1+b.r.IntN(3)))
		}
		q.SaveX(b.ctx)
	}
	return p
}

func (b *builder) staffSchool(o *ent.Org, teachers int, aid bool) {
	b.person("", "", o, position.RolePrincipal)
	if teachers >= 6 {
		b.person("", "", o, position.RoleVicePrincipal)
	}
	if aid {
		b.person("", "", o, position.RoleAidOfficer)
	}
	for i := 0; i < teachers; i++ {
		if i%3 == 0 {
			b.person("", "", o, position.RoleTeacher, position.RoleHeadTeacher)
		} else {
			b.person("", "", o, position.RoleTeacher)
		}
	}
}

func (b *builder) staff() error {
	acct := map[string]Account{}
	if b.cfg.DemoAccounts {
		for _, a := range Accounts {
			acct[a.Phone] = a
		}
	}
	demo := func(phone string, o *ent.Org, roles ...position.Role) {
		if a, ok := acct[phone]; ok {
			b.person(a.Name, a.Phone, o, roles...)
		}
	}
	// County bureau: director, deputies in charge, the aid centre, inspectors.
	b.adminID = b.person("", "", b.bureau, position.RoleDirector).ID
	b.person("", "", b.bureau, position.RoleDeputy)
	b.person("", "", b.bureau, position.RoleDeputy)
	demo("13900000001", b.bureau, position.RoleAidOfficer)
	b.person("", "", b.bureau, position.RoleAidOfficer)
	b.person("", "", b.bureau, position.RoleAidOfficer)
	demo("13900000005", b.bureau, position.RoleInspector)
	b.person("", "", b.bureau, position.RoleInspector)
	demo("13900000004", b.city, position.RoleDeputy)

	for _, t := range b.townships {
		cs := b.central[t.ID]
		if t.Name == "松林店镇" && b.cfg.DemoAccounts {
			demo("13900000002", cs, position.RolePrincipal)
			b.person("", "", cs, position.RoleVicePrincipal)
			b.person("", "", cs, position.RoleDeputy)
			b.person("", "", cs, position.RoleAidOfficer)
			// The demo teacher is also head teacher (班主任) of 四年级2班.
			p := b.person(acct["13900000003"].Name, "13900000003", cs, position.RoleTeacher)
			b.c.Position.Create().SetPersonID(p.ID).SetOrgID(cs.ID).SetRole(position.RoleHeadTeacher).
				SetGrade(4).SetClassName("2班").SaveX(b.ctx)
			for i := 0; i < 9; i++ {
				b.person("", "", cs, position.RoleTeacher)
			}
		} else {
			b.person("", "", cs, position.RoleCentralHead)
			b.staffSchool(cs, 9, true)
			b.person("", "", cs, position.RoleDeputy)
		}
		b.staffSchool(b.kinder[t.ID], 3, false)
		if j := b.junior[t.ID]; j != nil {
			b.staffSchool(j, 8, true)
		}
		for _, v := range b.villages[t.ID] {
			if s := b.village[v.ID]; s != nil {
				b.staffSchool(s, 3, false)
			}
		}
	}
	for _, k := range []string{"senior1", "senior2", "junior", "vocational", "special"} {
		b.staffSchool(b.countyWide[k], 8, true)
	}
	return nil
}

// Schools outside the county where some students study (县外 / 省外就读).
var outsideSchools = []struct {
	name, division string
	stages         []student.Stage
}{
	{"北京市房山区良乡第二小学", "110111000000", []student.Stage{student.StagePrimary}},
	{"北京市大兴区黄村中学", "110115000000", []student.Stage{student.StageJunior, student.StageSenior}},
	{"保定市竞秀区东风小学", "130602000000", []student.Stage{student.StagePrimary}},
	{"河北大学", "130602000000", []student.Stage{student.StageHigher}},
	{"石家庄铁道大学", "130104000000", []student.Stage{student.StageHigher}},
	{"北京石油化工学院", "110115000000", []student.Stage{student.StageHigher}},
	{"天津滨海职业学院", "120116000000", []student.Stage{student.StageHigher, student.StageVocational}},
}

func (b *builder) pickOutside(stage student.Stage) (string, *ent.Division) {
	var opts []int
	for i, s := range outsideSchools {
		for _, st := range s.stages {
			if st == stage && b.outside[s.division] != nil {
				opts = append(opts, i)
			}
		}
	}
	if len(opts) == 0 {
		return "外地学校", nil
	}
	s := outsideSchools[opts[b.r.IntN(len(opts))]]
	return s.name, b.outside[s.division]
}

func weighted[T any](r *rand.Rand, items []T, weights []int) T {
	t := 0
	for _, w := range weights {
		t += w
	}
	n := r.IntN(t)
	for i, w := range weights {
		if n < w {
			return items[i]
		}
		n -= w
	}
	return items[len(items)-1]
}

type stageAges struct {
	stage    student.Stage
	min, max int // age on 1 September
	grade0   int // grade = age - grade0 (0: no grade)
}

var stages = []stageAges{
	{student.StagePreschool, 3, 5, 0},
	{student.StagePrimary, 6, 11, 5},
	{student.StageJunior, 12, 14, 5},
	{student.StageSenior, 15, 17, 14},
	{student.StageVocational, 15, 17, 14},
	{student.StageHigher, 18, 21, 17},
}

func (b *builder) families() error {
	type place struct {
		t *ent.Division
		v *ent.Division
	}
	var places []place
	var weights []int
	for _, t := range b.townships {
		for _, v := range b.villages[t.ID] {
			places = append(places, place{t, v})
			w := 1
			if strings.HasSuffix(v.Name, "村民委员会") {
				w = 8
			}
			weights = append(weights, w)
		}
	}
	if len(places) == 0 {
		return fmt.Errorf("county %s has no villages", b.cfg.County)
	}
	seqInVillage := map[int]int{}
	statuses := []household.Status{household.StatusLifted, household.StatusNotLifted, household.StatusMarginal, household.StatusHardship}
	type fam struct {
		h     *ent.HouseholdCreate
		p     place
		head  string
		kids  int
		id    int
		phone string
	}
	fams := make([]*fam, b.cfg.Households)
	for i := range fams {
		p := weighted(b.r, places, weights)
		seqInVillage[p.v.ID]++
		head := fullName(b.r, b.r.IntN(10) < 8)
		st := weighted(b.r, statuses, []int{62, 4, 19, 15})
		f := &fam{p: p, head: head, kids: 1}
		f.h = b.c.Household.Create().
			SetNumber(fmt.Sprintf("%s%04d", p.v.Code, seqInVillage[p.v.ID])).
			SetHeadName(head).SetVillageID(p.v.ID).SetStatus(st).
			SetDibao(b.r.IntN(100) < 25).SetTekun(b.r.IntN(100) < 3).SetDisabled(b.r.IntN(100) < 10).
			SetSize(2 + b.r.IntN(5)).
			SetPhone(fmt.Sprintf("1%d%09d", 3+b.r.IntN(7), b.r.IntN(1_000_000_000))).
			SetAddress(b.county.Name + p.t.Name + shortName(p.v.Name))
		fams[i] = f
	}
	for extra := b.cfg.Students - len(fams); extra > 0 && len(fams)*4 > b.cfg.Students; {
		if f := fams[b.r.IntN(len(fams))]; f.kids < 4 {
			f.kids++
			extra--
		}
	}
	for start := 0; start < len(fams); start += 500 {
		end := min(start+500, len(fams))
		bulk := make([]*ent.HouseholdCreate, 0, end-start)
		for _, f := range fams[start:end] {
			bulk = append(bulk, f.h)
		}
		hs := b.c.Household.CreateBulk(bulk...).SaveX(b.ctx)
		for i, h := range hs {
			fams[start+i].id = h.ID
		}
	}
	b.sum.Households = len(fams)

	var batch []*ent.StudentCreate
	flush := func() {
		if len(batch) > 0 {
			b.c.Student.CreateBulk(batch...).ExecX(b.ctx)
			b.sum.Students += len(batch)
			batch = batch[:0]
		}
	}
	stageWeights := []int{12, 40, 20, 12, 6, 10}
	for _, f := range fams {
		for k := 0; k < f.kids && b.sum.Students+len(batch) < b.cfg.Students; k++ {
			batch = append(batch, b.student(f.p.t, f.p.v, f.id, f.head, weighted(b.r, stages, stageWeights)))
			if len(batch) == 500 {
				flush()
			}
		}
	}
	flush()
	return nil
}

func (b *builder) student(t, v *ent.Division, householdID int, head string, sa stageAges) *ent.StudentCreate {
	male := b.r.IntN(2) == 0
	name := fullName(b.r, male)
	if b.r.IntN(10) < 9 {
		name = []string{string([]rune(head)[0])}[0] + givenName(b.r, male)
	}
	age := sa.min + b.r.IntN(sa.max-sa.min+1)
	birth := b.now.AddDate(-age-1, 0, 1+b.r.IntN(365))
	var num string
	for {
		seq := b.r.IntN(500) * 2
		if male {
			seq++
		}
		num = idcard.Build(b.county.Code[:6], birth, seq)
		if !b.ids[num] {
			b.ids[num] = true
			break
		}
	}
	q := b.c.Student.Create().SetName(name).SetIDNumber(num).SetHouseholdID(householdID).SetStage(sa.stage)
	if sa.grade0 > 0 {
		q.SetGrade(age - sa.grade0)
	} else if sa.stage != student.StagePreschool {
		q.SetGrade(1 + b.r.IntN(3))
	}
	compulsory := sa.stage == student.StagePrimary || sa.stage == student.StageJunior
	disabled := b.r.IntN(100) < 3
	status := student.EnrollmentStatusEnrolled
	if compulsory {
		status = weighted(b.r,
			[]student.EnrollmentStatus{student.EnrollmentStatusEnrolled, student.EnrollmentStatusSuspectedDropout, student.EnrollmentStatusDropout, student.EnrollmentStatusSuspended},
			[]int{980, 12, 3, 5})
	}
	var school *ent.Org
	switch sa.stage {
	case student.StagePreschool:
		if b.r.IntN(100) < 6 {
			status = student.EnrollmentStatusNotEnrolled
		} else {
			school = b.kinder[t.ID]
		}
	case student.StagePrimary:
		school = b.central[t.ID]
		if s := b.village[v.ID]; s != nil {
			school = s
		}
	case student.StageJunior:
		school = b.countyWide["junior"]
		if s := b.junior[t.ID]; s != nil && b.r.IntN(4) > 0 {
			school = s
		}
	case student.StageSenior:
		school = b.countyWide["senior1"]
		if b.r.IntN(2) == 0 || t.ID == b.countyWide["senior2"].DivisionID {
			school = b.countyWide["senior2"]
		}
	case student.StageVocational:
		school = b.countyWide["vocational"]
	}
	if compulsory && disabled && b.r.IntN(4) == 0 {
		school = b.countyWide["special"]
	}
	if sa.stage == student.StageHigher || (sa.stage != student.StagePreschool && b.r.IntN(100) < 5) {
		name, div := b.pickOutside(sa.stage)
		q.SetOutsideSchoolName(name)
		if div != nil {
			q.SetOutsideDivisionID(div.ID)
		}
		school = nil
	}
	if school != nil {
		q.SetSchoolID(school.ID)
		if sa.stage != student.StagePreschool {
			q.SetClassName(fmt.Sprintf("%d班", 1+b.r.IntN(3)))
		}
	}
	boarding := (sa.stage == student.StageJunior || sa.stage == student.StageSenior || sa.stage == student.StageVocational) && b.r.IntN(100) < 30
	return q.SetEnrollmentStatus(status).SetBoarding(boarding).SetDisabled(disabled).
		SetLeftBehind(b.r.IntN(100) < 10).SetMigrant(b.r.IntN(100) < 2).SetEthnicMinority(b.r.IntN(100) < 2)
}

// SortedAccounts is Accounts by phone, for printing.
func SortedAccounts() []Account {
	out := append([]Account(nil), Accounts...)
	sort.Slice(out, func(i, j int) bool { return out[i].Phone < out[j].Phone })
	return out
}

var personPhone = person.Phone
