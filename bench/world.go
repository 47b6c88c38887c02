package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"time"

	"sanbao/contactlog"
	"sanbao/demo"
	"sanbao/idcard"
)

// The world is built in memory first, with local IDs (1, 2, …) per table; the
// loader turns them into sanbao's global IDs (the table's range start read
// from PostgreSQL + local − 1). Everything derived from other rows — division
// codes on units, village codes on households and students, gender and birth
// date from ID numbers, the current responsible person, the last contact —
// is computed here exactly as sanbao's hooks would.

// scale sizes a generated world.
type scale struct {
	Name       string
	County     string // one county's code; "" builds every county of the file
	Households int
	Students   int
	Staff      staffSizes
}

// staffSizes are the teachers of each kind of school, as in demo.staff.
type staffSizes struct{ Central, Kinder, Junior, Village, CountyWide int }

var scales = map[string]scale{
	// The demo county's size and staffing (demo.SeedZhuozhou), on 涿州市.
	"county": {Name: "county", County: "130681000000", Households: 3000, Students: 5000,
		Staff: staffSizes{Central: 9, Kinder: 3, Junior: 8, Village: 3, CountyWide: 8}},
	// Every Hebei division, ≈18k schools, ≈150k staff.
	"province": {Name: "province", Households: 500_000, Students: 1_000_000,
		Staff: staffSizes{Central: 12, Kinder: 3, Junior: 12, Village: 4, CountyWide: 16}},
}

// Shares of the three guarantees, as in demo/guarantee.go, and history.
const (
	villageShare    = 92 // percent of villages with a guarantor
	householdShare  = 94 // of registered households
	studentShare    = 91 // of students needing a contact person
	reassignedShare = 5  // percent of assigned households / students whose first guarantor was replaced (调整)
	monthsOfVisits  = 6
	studentVisitPct = 35 // monthly chance a 包人 contact person logs a contact about their student
)

// The benchmark accounts: their phones are fixed, their password is demo.Password.
const (
	PhoneOverseer    = "13700000001"  // 分管领导 (DEPUTY) at 河北省教育厅: the whole province, read only
	PhoneCountyAdmin = "13700000002"  // 资助中心专干 (AID_OFFICER) at the bench county's bureau
	PhoneTeacher     = "13700000003"  // 教师 and 班主任 at the bench township's central school
	benchCounty      = "130681000000" // 涿州市
	benchTownship    = "130681100000" // 松林店镇
	teacherFamilies  = 15
	teacherStudents  = 5
)

type division struct {
	ID          int64
	Code, Name  string
	Level       string // PROVINCE … VILLAGE
	Parent      *division
	GuarantorID int64
	Children    []*division
}

type org struct {
	ID         int64
	Name       string
	Kind       string
	SchoolType string // "" for bureaus
	Central    bool
	Division   *division
	ParentID   int64
}

type person struct {
	ID          int64
	Name, Phone string
}

type position struct {
	ID, PersonID, OrgID int64
	Role                string
	Grade               int // 0: none
	ClassName           string
}

type household struct {
	ID            int64
	Number        string
	HeadName      string
	Village       *division
	Status        string
	Dibao         bool
	Tekun         bool
	Disabled      bool
	Size          int
	Phone         string
	Address       string
	GuarantorID   int64
	LastContactOn string
	Students      []int64 // local student IDs
}

type student struct {
	ID                int64
	Name, IDNumber    string
	Gender            string
	Birth             time.Time
	HouseholdID       int64
	VillageCode       string
	Stage             string
	Grade             int // 0: none
	ClassName         string
	SchoolID          int64
	OutsideSchoolName string
	OutsideDivisionID int64
	Status            string
	Boarding          bool
	Disabled          bool
	LeftBehind        bool
	Migrant           bool
	Ethnic            bool
	ContactPersonID   int64
	LastContactOn     string
}

type assignment struct {
	ID                                int64
	Kind                              string
	PersonID, AssignedByID            int64
	VillageID, HouseholdID, StudentID int64
	StartsAt                          time.Time
	EndsAt                            *time.Time
	EndReason                         string
}

type contact struct {
	HouseholdID, StudentID, PersonID int64 // StudentID 0: about the household
	Date                             string
	Mode                             uint8
	Aid                              int8 // -1: none
	Policy                           int8
}

// world is one generated database, before global IDs.
type world struct {
	Scale       scale
	Seed        uint64
	Today       time.Time // in China; contacts are dated up to it
	Start       time.Time // when the guarantees began
	SchoolYear  time.Time // 1 September of the current school year, for ages
	Divisions   []*division
	Orgs        []*org
	Persons     []*person
	Positions   []*position
	Households  []*household
	Students    []*student
	Assignments []*assignment
	Contacts    []contact

	r         *rand.Rand
	byCode    map[string]*division
	staff     map[int64]*staffAt // by org
	phones    int
	idNumbers map[uint64]bool
	now       time.Time // created_at / updated_at of generated rows

	// per county, township and village
	bureau     map[*division]*org
	director   map[*division]int64 // county -> its director, who arranged the guarantees
	central    map[*division]*org
	kinder     map[*division]*org
	junior     map[*division]*org
	village    map[*division]*org
	countyWide map[*division]map[string]*org
	teacher    int64 // the bench teacher
	// where the benchmark accounts work: 涿州市 and its 松林店镇 when loaded,
	// else the scale's county and its first township
	adminCounty, teacherTownship string
}

type staffAt struct {
	leaders  []int64 // principals, vice principals, heads of central schools, deputies
	teachers []int64
}

var errNoDivisions = errors.New("division file missing")

// readDivisions loads code,name,level,parent_code rows: the whole file for the
// province scale, or one county with its ancestors.
func readDivisions(path, county string) ([]*division, error) {
	f, err := os.Open(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, fmt.Errorf("%w: %s not found.\n"+
				"The province generator reads the real Hebei division codes from the shared data folder beside the\n"+
				"repository (../shared/data/divisions/hebei-2023.csv); it is not part of the repository. Pass --divisions FILE", errNoDivisions, path)
		}
		return nil, err
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.FieldsPerRecord = 4
	var all []*division
	byCode := map[string]*division{}
	parentOf := map[*division]string{}
	for line := 1; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if line == 1 && rec[0] == "code" {
			continue
		}
		d := &division{Code: rec[0], Name: rec[1], Level: strings.ToUpper(rec[2])}
		if byCode[d.Code] != nil {
			return nil, fmt.Errorf("%s:%d: duplicate code %s", path, line, d.Code)
		}
		byCode[d.Code] = d
		parentOf[d] = rec[3]
		all = append(all, d)
	}
	for _, d := range all {
		if p := parentOf[d]; p != "" {
			if d.Parent = byCode[p]; d.Parent == nil {
				return nil, fmt.Errorf("%s: %s has unknown parent %s", path, d.Code, p)
			}
		}
	}
	keep := all
	if county != "" {
		c := byCode[county]
		if c == nil || c.Level != "COUNTY" {
			return nil, fmt.Errorf("%s: no county %s", path, county)
		}
		keep = nil
		for _, d := range all {
			in := false
			for x := d; x != nil; x = x.Parent {
				if x == c {
					in = true
				}
			}
			for x := c.Parent; x != nil; x = x.Parent {
				if x == d {
					in = true
				}
			}
			if in {
				keep = append(keep, d)
			}
		}
	}
	// Parents before children, in code order within a level.
	rank := map[string]int{"PROVINCE": 0, "CITY": 1, "COUNTY": 2, "TOWNSHIP": 3, "VILLAGE": 4}
	sort.SliceStable(keep, func(i, j int) bool {
		a, b := keep[i], keep[j]
		if rank[a.Level] != rank[b.Level] {
			return rank[a.Level] < rank[b.Level]
		}
		return a.Code < b.Code
	})
	for i, d := range keep {
		d.ID = int64(i + 1)
		d.Children = nil
	}
	for _, d := range keep {
		if d.Parent != nil {
			d.Parent.Children = append(d.Parent.Children, d)
		}
	}
	return keep, nil
}

// generate builds the world for sc from the divisions, deterministically for
// a seed and a day.
func generate(sc scale, divs []*division, seed uint64, today time.Time, passwordHash string) (*world, error) {
	today = today.In(contactlog.China)
	w := &world{
		Scale: sc, Seed: seed, Today: today, Divisions: divs,
		r:         rand.New(rand.NewPCG(seed, 0x5a4b)),
		byCode:    map[string]*division{},
		staff:     map[int64]*staffAt{},
		idNumbers: map[uint64]bool{},
		bureau:    map[*division]*org{}, director: map[*division]int64{},
		central: map[*division]*org{}, kinder: map[*division]*org{}, junior: map[*division]*org{},
		village: map[*division]*org{}, countyWide: map[*division]map[string]*org{},
	}
	w.Start = time.Date(today.Year(), today.Month()-monthsOfVisits, 1, 0, 0, 0, 0, contactlog.China)
	w.now = w.Start
	sy := today.Year()
	if today.Month() < time.September {
		sy--
	}
	w.SchoolYear = time.Date(sy, time.September, 1, 0, 0, 0, 0, time.UTC)
	for _, d := range divs {
		w.byCode[d.Code] = d
	}
	w.adminCounty, w.teacherTownship = benchCounty, benchTownship
	if c := w.byCode[benchCounty]; c == nil && sc.County != "" && w.byCode[sc.County] != nil {
		w.adminCounty = sc.County
		if ts := w.byCode[sc.County].Children; len(ts) > 0 {
			w.teacherTownship = ts[0].Code
		}
	}
	if len(divs) == 0 || divs[0].Level != "PROVINCE" {
		return nil, errors.New("the division file has no province")
	}
	w.units(passwordHash)
	if err := w.families(); err != nil {
		return nil, err
	}
	w.guarantees()
	w.visits()
	return w, nil
}

func (w *world) counties() []*division {
	var out []*division
	for _, d := range w.Divisions {
		if d.Level == "COUNTY" {
			out = append(out, d)
		}
	}
	return out
}

func (w *world) addOrg(name, kind, schoolType string, div *division, parent *org, central bool) *org {
	o := &org{ID: int64(len(w.Orgs) + 1), Name: name, Kind: kind, SchoolType: schoolType, Central: central, Division: div}
	if parent != nil {
		o.ParentID = parent.ID
	}
	w.Orgs = append(w.Orgs, o)
	return o
}

func (w *world) phone() string {
	w.phones++
	return fmt.Sprintf("138%08d", w.phones)
}

// person adds a staff member with positions at o.
func (w *world) person(name, phone string, o *org, roles ...string) int64 {
	if name == "" {
		name = demo.FullName(w.r, w.r.IntN(2) == 0)
	}
	if phone == "" {
		phone = w.phone()
	}
	p := &person{ID: int64(len(w.Persons) + 1), Name: name, Phone: phone}
	w.Persons = append(w.Persons, p)
	for _, role := range roles {
		pos := &position{ID: int64(len(w.Positions) + 1), PersonID: p.ID, OrgID: o.ID, Role: role}
		if role == "HEAD_TEACHER" {
			pos.Grade = 1 + w.r.IntN(6)
			pos.ClassName = fmt.Sprintf("%d班", 1+w.r.IntN(3))
		}
		w.Positions = append(w.Positions, pos)
		if o.Kind == "SCHOOL" {
			s := w.staff[o.ID]
			if s == nil {
				s = &staffAt{}
				w.staff[o.ID] = s
			}
			switch role {
			case "PRINCIPAL", "VICE_PRINCIPAL", "CENTRAL_HEAD", "DEPUTY":
				s.leaders = append(s.leaders, p.ID)
			case "TEACHER":
				s.teachers = append(s.teachers, p.ID)
			}
		}
	}
	return p.ID
}

func (w *world) staffSchool(o *org, teachers int, aid bool) {
	w.person("", "", o, "PRINCIPAL")
	if teachers >= 6 {
		w.person("", "", o, "VICE_PRINCIPAL")
	}
	if aid {
		w.person("", "", o, "AID_OFFICER")
	}
	for i := 0; i < teachers; i++ {
		if i%3 == 0 {
			w.person("", "", o, "TEACHER", "HEAD_TEACHER")
		} else {
			w.person("", "", o, "TEACHER")
		}
	}
}

func shortName(village string) string {
	for _, suf := range []string{"村村民委员会", "村民委员会", "社区居民委员会", "居民委员会"} {
		if s, ok := strings.CutSuffix(village, suf); ok {
			return s
		}
	}
	return village
}

func isTown(t *division) bool {
	return strings.HasSuffix(t.Name, "镇") || strings.HasSuffix(t.Name, "乡")
}

// units creates the 教育厅, a bureau per city and county, the schools as the
// demo county has them, and their staff.
func (w *world) units(hash string) {
	prov := w.Divisions[0]
	dept := w.addOrg(prov.Name+"教育厅", "PROVINCE_DEPT", "", prov, nil, false)
	w.person("", "", dept, "DIRECTOR")
	w.person("", "", dept, "DEPUTY")
	w.person("", "", dept, "DEPUTY")
	w.person("", "", dept, "AID_OFFICER")
	w.person("", "", dept, "INSPECTOR")
	w.person("省级分管领导", PhoneOverseer, dept, "DEPUTY")
	cities := map[*division]*org{}
	for _, c := range prov.Children {
		if c.Level != "CITY" {
			continue
		}
		o := w.addOrg(c.Name+"教育局", "CITY_BUREAU", "", c, dept, false)
		cities[c] = o
		w.person("", "", o, "DIRECTOR")
		w.person("", "", o, "DEPUTY")
		w.person("", "", o, "DEPUTY")
		w.person("", "", o, "INSPECTOR")
	}
	sz := w.Scale.Staff
	for _, county := range w.counties() {
		townships := county.Children
		if len(townships) == 0 {
			continue
		}
		b := w.addOrg(county.Name+"教育和体育局", "COUNTY_BUREAU", "", county, cities[county.Parent], false)
		w.bureau[county] = b
		w.director[county] = w.person("", "", b, "DIRECTOR")
		w.person("", "", b, "DEPUTY")
		w.person("", "", b, "DEPUTY")
		if county.Code == w.adminCounty {
			w.person("县资助中心专干", PhoneCountyAdmin, b, "AID_OFFICER")
		}
		w.person("", "", b, "AID_OFFICER")
		w.person("", "", b, "AID_OFFICER")
		w.person("", "", b, "INSPECTOR")
		w.person("", "", b, "INSPECTOR")
		school := func(name, typ string, div *division, central bool) *org {
			return w.addOrg(name, "SCHOOL", typ, div, b, central)
		}
		for _, t := range townships {
			w.central[t] = school(t.Name+"中心校", "PRIMARY", t, true)
			w.kinder[t] = school(t.Name+"中心幼儿园", "KINDERGARTEN", t, false)
			if isTown(t) {
				w.junior[t] = school(t.Name+"中学", "JUNIOR", t, false)
			}
			for i, v := range t.Children {
				if strings.HasSuffix(v.Name, "村民委员会") && i%4 == 1 {
					w.village[v] = school(shortName(v.Name)+"小学", "PRIMARY", v, false)
				}
			}
		}
		at := func(i int) *division { return townships[i%len(townships)] }
		second := at(0)
		for _, t := range townships {
			if t.Name == "松林店镇" {
				second = t
			}
		}
		cw := map[string]*org{}
		cw["senior1"] = school(county.Name+"第一中学", "SENIOR", at(0), false)
		cw["senior2"] = school(county.Name+"第二中学", "SENIOR", second, false)
		cw["junior"] = school(county.Name+"实验中学", "JUNIOR", at(1), false)
		cw["vocational"] = school(county.Name+"职业技术教育中心", "VOCATIONAL", at(2), false)
		cw["special"] = school(county.Name+"特殊教育学校", "SPECIAL", at(0), false)
		w.countyWide[county] = cw

		for _, t := range townships {
			cs := w.central[t]
			w.person("", "", cs, "CENTRAL_HEAD")
			w.staffSchool(cs, sz.Central, true)
			w.person("", "", cs, "DEPUTY")
			if t.Code == w.teacherTownship {
				w.teacher = w.person("包户教师", PhoneTeacher, cs, "TEACHER")
				w.Positions = append(w.Positions, &position{ID: int64(len(w.Positions) + 1), PersonID: w.teacher,
					OrgID: cs.ID, Role: "HEAD_TEACHER", Grade: 4, ClassName: "2班"})
			}
			w.staffSchool(w.kinder[t], sz.Kinder, false)
			if j := w.junior[t]; j != nil {
				w.staffSchool(j, sz.Junior, true)
			}
			for _, v := range t.Children {
				if s := w.village[v]; s != nil {
					w.staffSchool(s, sz.Village, false)
				}
			}
		}
		for _, k := range []string{"senior1", "senior2", "junior", "vocational", "special"} {
			w.staffSchool(cw[k], sz.CountyWide, true)
		}
	}
}

func weighted[T any](r *rand.Rand, items []T, weights []int) T {
	t := 0
	for _, x := range weights {
		t += x
	}
	n := r.IntN(t)
	for i, x := range weights {
		if n < x {
			return items[i]
		}
		n -= x
	}
	return items[len(items)-1]
}

type stageAges struct {
	stage    string
	min, max int // age on 1 September
	grade0   int // grade = age - grade0 (0: no grade)
}

var stages = []stageAges{
	{"PRESCHOOL", 3, 5, 0},
	{"PRIMARY", 6, 11, 5},
	{"JUNIOR", 12, 14, 5},
	{"SENIOR", 15, 17, 14},
	{"VOCATIONAL", 15, 17, 14},
	{"HIGHER", 18, 21, 17},
}

var stageWeights = []int{12, 40, 20, 12, 6, 10}

// outsideSchools are where some students study outside the county, as in the
// demo; the division is used when it is loaded.
var outsideSchools = []struct {
	name, division string
	stages         []string
}{
	{"北京市房山区良乡第二小学", "110111000000", []string{"PRIMARY"}},
	{"北京市大兴区黄村中学", "110115000000", []string{"JUNIOR", "SENIOR"}},
	{"保定市竞秀区东风小学", "130602000000", []string{"PRIMARY"}},
	{"河北大学", "130602000000", []string{"HIGHER"}},
	{"石家庄铁道大学", "130104000000", []string{"HIGHER"}},
	{"北京石油化工学院", "110115000000", []string{"HIGHER"}},
	{"天津滨海职业学院", "120116000000", []string{"HIGHER", "VOCATIONAL"}},
}

func registered(status string) bool { return status == "NOT_LIFTED" || status == "LIFTED" }

// families places households in villages (weighted: a 村民委员会 counts 8, a
// 社区/居委会 1) and gives them students, as demo.families does.
func (w *world) families() error {
	type place struct{ t, v *division }
	var places []place
	var cum []int64
	var total int64
	for _, county := range w.counties() {
		if w.bureau[county] == nil {
			continue
		}
		for _, t := range county.Children {
			for _, v := range t.Children {
				wt := int64(1)
				if strings.HasSuffix(v.Name, "村民委员会") {
					wt = 8
				}
				total += wt
				places = append(places, place{t, v})
				cum = append(cum, total)
			}
		}
	}
	if len(places) == 0 {
		return errors.New("no villages to place households in")
	}
	seq := map[*division]int{}
	statuses := []string{"LIFTED", "NOT_LIFTED", "MARGINAL", "HARDSHIP"}
	kids := make([]int, w.Scale.Households)
	w.Households = make([]*household, w.Scale.Households)
	town := make([]*division, w.Scale.Households)
	// Registries are imported county by county, village by village: IDs
	// follow the villages, as they would in a real database.
	drawn := make([]int, w.Scale.Households)
	for i := range drawn {
		n := w.r.Int64N(total)
		drawn[i] = sort.Search(len(cum), func(j int) bool { return cum[j] > n })
	}
	sort.Ints(drawn)
	for i := range w.Households {
		p := places[drawn[i]]
		seq[p.v]++
		head := demo.FullName(w.r, w.r.IntN(10) < 8)
		st := weighted(w.r, statuses, []int{62, 4, 19, 15})
		county := p.t.Parent
		h := &household{
			ID: int64(i + 1), Number: fmt.Sprintf("%s%04d", p.v.Code, seq[p.v]), HeadName: head, Village: p.v, Status: st,
			Dibao: w.r.IntN(100) < 25, Tekun: w.r.IntN(100) < 3, Disabled: w.r.IntN(100) < 10,
			Size:    2 + w.r.IntN(5),
			Phone:   fmt.Sprintf("1%d%09d", 3+w.r.IntN(7), w.r.IntN(1_000_000_000)),
			Address: county.Name + p.t.Name + shortName(p.v.Name),
		}
		w.Households[i] = h
		town[i] = p.t
		kids[i] = 1
	}
	for extra := w.Scale.Students - len(kids); extra > 0 && len(kids)*4 > w.Scale.Students; {
		if i := w.r.IntN(len(kids)); kids[i] < 4 {
			kids[i]++
			extra--
		}
	}
	w.Students = make([]*student, 0, w.Scale.Students)
	for i, h := range w.Households {
		for k := 0; k < kids[i] && len(w.Students) < w.Scale.Students; k++ {
			s := w.student(town[i], h, weighted(w.r, stages, stageWeights))
			h.Students = append(h.Students, s.ID)
		}
	}
	return nil
}

func (w *world) student(t *division, h *household, sa stageAges) *student {
	r := w.r
	county := t.Parent
	male := r.IntN(2) == 0
	name := demo.FullName(r, male)
	if r.IntN(10) < 9 {
		name = string([]rune(h.HeadName)[0]) + demo.GivenName(r, male)
	}
	age := sa.min + r.IntN(sa.max-sa.min+1)
	birth := w.SchoolYear.AddDate(-age-1, 0, 1+r.IntN(365))
	region := county.Code[:6]
	var num string
	for {
		seq := r.IntN(500) * 2
		if male {
			seq++
		}
		key := uint64(county.ID)<<40 | uint64(birth.Unix()/86400+100000)<<12 | uint64(seq)
		if !w.idNumbers[key] {
			w.idNumbers[key] = true
			num = idcard.Build(region, birth, seq)
			break
		}
	}
	s := &student{ID: int64(len(w.Students) + 1), Name: name, IDNumber: num, Birth: birth,
		HouseholdID: h.ID, VillageCode: h.Village.Code, Stage: sa.stage, Status: "ENROLLED"}
	s.Gender = "FEMALE"
	if male {
		s.Gender = "MALE"
	}
	if sa.grade0 > 0 {
		s.Grade = age - sa.grade0
	} else if sa.stage != "PRESCHOOL" {
		s.Grade = 1 + r.IntN(3)
	}
	compulsory := sa.stage == "PRIMARY" || sa.stage == "JUNIOR"
	disabled := r.IntN(100) < 3
	if compulsory {
		s.Status = weighted(r, []string{"ENROLLED", "SUSPECTED_DROPOUT", "DROPOUT", "SUSPENDED"}, []int{980, 12, 3, 5})
	}
	cw := w.countyWide[county]
	var school *org
	switch sa.stage {
	case "PRESCHOOL":
		if r.IntN(100) < 6 {
			s.Status = "NOT_ENROLLED"
		} else {
			school = w.kinder[t]
		}
	case "PRIMARY":
		school = w.central[t]
		if v := w.village[h.Village]; v != nil {
			school = v
		}
	case "JUNIOR":
		school = cw["junior"]
		if j := w.junior[t]; j != nil && r.IntN(4) > 0 {
			school = j
		}
	case "SENIOR":
		school = cw["senior1"]
		if r.IntN(2) == 0 || t == cw["senior2"].Division {
			school = cw["senior2"]
		}
	case "VOCATIONAL":
		school = cw["vocational"]
	}
	if compulsory && disabled && r.IntN(4) == 0 {
		school = cw["special"]
	}
	if sa.stage == "HIGHER" || (sa.stage != "PRESCHOOL" && r.IntN(100) < 5) {
		var opts []int
		for i, o := range outsideSchools {
			for _, st := range o.stages {
				if st == sa.stage {
					opts = append(opts, i)
				}
			}
		}
		// The demo draws only among schools whose division it loaded; here the
		// list is fixed so that the draw does not depend on the division file.
		if len(opts) == 0 {
			s.OutsideSchoolName = "外地学校"
		} else {
			o := outsideSchools[opts[r.IntN(len(opts))]]
			s.OutsideSchoolName = o.name
			if d := w.byCode[o.division]; d != nil {
				s.OutsideDivisionID = d.ID
			}
		}
		school = nil
	}
	if school != nil {
		s.SchoolID = school.ID
		if sa.stage != "PRESCHOOL" {
			s.ClassName = fmt.Sprintf("%d班", 1+r.IntN(3))
		}
	}
	s.Boarding = (sa.stage == "JUNIOR" || sa.stage == "SENIOR" || sa.stage == "VOCATIONAL") && r.IntN(100) < 30
	s.Disabled = disabled
	s.LeftBehind = r.IntN(100) < 10
	s.Migrant = r.IntN(100) < 2
	s.Ethnic = r.IntN(100) < 2
	w.Students = append(w.Students, s)
	return s
}

// needsContact is coverage.NeedsContact: not graduated, and a dropout, a
// suspected dropout or of a registered household.
func (w *world) needsContact(s *student) bool {
	if s.Status == "GRADUATED" {
		return false
	}
	return s.Status == "DROPOUT" || s.Status == "SUSPECTED_DROPOUT" || registered(w.Households[s.HouseholdID-1].Status)
}

func (w *world) pick(ids []int64) int64 { return ids[w.r.IntN(len(ids))] }

// assign records a current assignment (and, for a share, the one it replaced)
// and names the person on the target, as the assignment hooks do.
func (w *world) assign(kind string, by int64, target int64, who int64, pool []int64, history bool) int64 {
	mk := func(p int64, start time.Time) *assignment {
		a := &assignment{ID: int64(len(w.Assignments) + 1), Kind: kind, PersonID: p, AssignedByID: by, StartsAt: start.UTC()}
		switch kind {
		case "VILLAGE":
			a.VillageID = target
		case "HOUSEHOLD":
			a.HouseholdID = target
		default:
			a.StudentID = target
		}
		w.Assignments = append(w.Assignments, a)
		return a
	}
	if history && len(pool) > 1 && w.r.IntN(100) < reassignedShare {
		prev := w.pick(pool)
		if prev != who {
			days := int(w.Today.Sub(w.Start).Hours()/24) - 60
			switchAt := w.Start.AddDate(0, 0, 30+w.r.IntN(max(days, 1)))
			old := mk(prev, w.Start)
			end := switchAt.UTC()
			old.EndsAt, old.EndReason = &end, "调整"
			mk(who, switchAt)
			return who
		}
	}
	mk(who, w.Start)
	return who
}

// guarantees assigns villages, households and students as demo.guarantees
// does, within every county.
func (w *world) guarantees() {
	for _, county := range w.counties() {
		if w.bureau[county] == nil {
			continue
		}
		by := w.director[county]
		// 包村: the central school's leaders guarantee the township's villages.
		for _, t := range county.Children {
			leaders := w.staff[w.central[t].ID].leaders
			for _, v := range t.Children {
				if w.r.IntN(100) < villageShare {
					v.GuarantorID = w.assign("VILLAGE", by, v.ID, w.pick(leaders), nil, false)
				}
			}
		}
	}
	// 包户: teachers of the township's central and junior schools.
	teachersIn := map[*division][]int64{}
	for t, cs := range w.central {
		teachersIn[t] = append(teachersIn[t], w.staff[cs.ID].teachers...)
		if j := w.junior[t]; j != nil {
			teachersIn[t] = append(teachersIn[t], w.staff[j.ID].teachers...)
		}
	}
	mine := 0
	for _, h := range w.Households {
		if !registered(h.Status) || w.r.IntN(100) >= householdShare {
			continue
		}
		t := h.Village.Parent
		pool := teachersIn[t]
		who := w.pick(pool)
		if w.teacher != 0 && t.Code == w.teacherTownship && mine < teacherFamilies && w.r.IntN(3) == 0 {
			who = w.teacher
			mine++
			h.GuarantorID = w.assign("HOUSEHOLD", w.director[t.Parent], h.ID, who, nil, false)
			continue
		}
		h.GuarantorID = w.assign("HOUSEHOLD", w.director[t.Parent], h.ID, who, pool, true)
	}
	// 包人: a teacher or leader of the school of enrollment, or of the
	// township's central school for those studying elsewhere.
	theirs := 0
	for _, s := range w.Students {
		if !w.needsContact(s) || w.r.IntN(100) >= studentShare {
			continue
		}
		h := w.Households[s.HouseholdID-1]
		t := h.Village.Parent
		school := w.central[t].ID
		if s.SchoolID != 0 {
			school = s.SchoolID
		}
		st := w.staff[school]
		if st == nil || len(st.teachers)+len(st.leaders) == 0 {
			continue
		}
		pool := make([]int64, 0, len(st.teachers)+len(st.leaders))
		for _, p := range append(append([]int64{}, st.teachers...), st.leaders...) {
			if p != w.teacher {
				pool = append(pool, p)
			}
		}
		if w.teacher != 0 && t.Code == w.teacherTownship && s.SchoolID == w.central[t].ID && theirs < teacherStudents {
			theirs++
			s.ContactPersonID = w.assign("STUDENT", w.director[t.Parent], s.ID, w.teacher, nil, false)
			continue
		}
		s.ContactPersonID = w.assign("STUDENT", w.director[t.Parent], s.ID, w.pick(pool), pool, true)
	}
}

var modes = []string{"HOME_VISIT", "PHONE", "WECHAT", "SCHOOL_MEETING"}

// responsibleOn is who held the assignment on a date (the replaced person
// before the switch).
func responsibleOn(as []*assignment, day time.Time) int64 {
	for _, a := range as {
		if !day.Before(a.StartsAt) && (a.EndsAt == nil || day.Before(*a.EndsAt)) {
			return a.PersonID
		}
	}
	return 0
}

// visits logs the monthly contacts of the last months by whoever was
// responsible on the day; this month's round is about half done. Then the
// last-contact dates are what the contact hook would have left.
func (w *world) visits() {
	byHousehold := map[int64][]*assignment{}
	byStudent := map[int64][]*assignment{}
	for _, a := range w.Assignments {
		switch {
		case a.HouseholdID != 0:
			byHousehold[a.HouseholdID] = append(byHousehold[a.HouseholdID], a)
		case a.StudentID != 0:
			byStudent[a.StudentID] = append(byStudent[a.StudentID], a)
		}
	}
	month := func(m int) (time.Time, int) {
		first := time.Date(w.Today.Year(), w.Today.Month()-time.Month(m), 1, 0, 0, 0, 0, contactlog.China)
		if m == 0 {
			return first, w.Today.Day()
		}
		return first, 28
	}
	log := func(hid, sid int64, as []*assignment, chance, current int) {
		for m := monthsOfVisits - 1; m >= 0; m-- {
			first, days := month(m)
			c := chance
			if m == 0 {
				c = current
			}
			if w.r.IntN(100) >= c {
				continue
			}
			day := first.AddDate(0, 0, w.r.IntN(days))
			who := responsibleOn(as, day.Add(12*time.Hour))
			if who == 0 {
				continue
			}
			x := contact{HouseholdID: hid, StudentID: sid, PersonID: who, Date: day.Format("2006-01-02"),
				Mode: uint8(weighted(w.r, []int{0, 1, 2, 3}, []int{50, 35, 10, 5})), Aid: -1}
			if w.r.IntN(3) == 0 {
				x.Aid = int8(w.r.IntN(len(contactlog.AidKinds)))
			}
			x.Policy = int8(w.r.IntN(len(contactlog.Policies)))
			w.Contacts = append(w.Contacts, x)
		}
	}
	for _, h := range w.Households {
		if as := byHousehold[h.ID]; len(as) > 0 {
			log(h.ID, 0, as, 88, 50)
		}
	}
	for _, s := range w.Students {
		if as := byStudent[s.ID]; len(as) > 0 {
			log(s.HouseholdID, s.ID, as, studentVisitPct, studentVisitPct/2)
		}
	}
	// The contact hook moves the household's date, and the dates of all its
	// students (or of the one student the contact is about).
	for _, c := range w.Contacts {
		h := w.Households[c.HouseholdID-1]
		if c.Date > h.LastContactOn {
			h.LastContactOn = c.Date
		}
		if c.StudentID != 0 {
			if s := w.Students[c.StudentID-1]; c.Date > s.LastContactOn {
				s.LastContactOn = c.Date
			}
			continue
		}
		for _, sid := range h.Students {
			if s := w.Students[sid-1]; c.Date > s.LastContactOn {
				s.LastContactOn = c.Date
			}
		}
	}
}

// uuid is a version-4 style UUID, unique per contact (the index is its last
// 12 hex digits) and random-looking from the seed.
func (w *world) uuid(i int) string {
	x := splitmix(w.Seed ^ uint64(i)*0x9e3779b97f4a7c15)
	y := splitmix(x)
	return fmt.Sprintf("%08x-%04x-4%03x-%04x-%012x", x>>32, (x>>16)&0xffff, x&0xfff, 0x8000|(y>>48)&0x3fff, uint64(i)&0xffffffffffff)
}

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// rows counts everything generated.
func (w *world) rows() int {
	return len(w.Divisions) + len(w.Orgs) + len(w.Persons) + len(w.Positions) + len(w.Households) +
		len(w.Students) + len(w.Assignments) + len(w.Contacts)
}
