package export

import (
	"context"
	"slices"

	"sanbao/ent"
	"sanbao/ent/division"
	"sanbao/ent/household"
	"sanbao/ent/org"
	"sanbao/ent/person"
	"sanbao/ent/student"
	"sanbao/idcard"
)

// maxCached bounds the name caches: a province has tens of thousands of
// villages, and an export must not grow with them.
const maxCached = 5000

// names looks up the names of divisions and units a batch refers to,
// keeping the recent ones.
type names struct {
	c    *ent.Client
	divs map[string]string
	orgs map[int]string
}

func newNames(c *ent.Client) *names {
	return &names{c: c, divs: map[string]string{}, orgs: map[int]string{}}
}

// loadDivisions fetches the names of codes not known yet.
func (n *names) loadDivisions(ctx context.Context, codes ...string) error {
	var missing []string
	for _, c := range codes {
		if _, ok := n.divs[c]; !ok && !slices.Contains(missing, c) {
			missing = append(missing, c)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	if len(n.divs)+len(missing) > maxCached {
		clear(n.divs)
	}
	ds, err := n.c.Division.Query().Where(division.CodeIn(missing...)).Select(division.FieldCode, division.FieldName).All(ctx)
	if err != nil {
		return err
	}
	for _, c := range missing {
		n.divs[c] = ""
	}
	for _, d := range ds {
		n.divs[d.Code] = d.Name
	}
	return nil
}

func (n *names) division(code string) string { return n.divs[code] }

// township is the code of the township a village code belongs to.
func township(code string) string { return code[:9] + "000" }

// loadOrgs fetches the names of units not known yet.
func (n *names) loadOrgs(ctx context.Context, ids ...int) error {
	var missing []int
	for _, id := range ids {
		if _, ok := n.orgs[id]; !ok && id != 0 && !slices.Contains(missing, id) {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	if len(n.orgs)+len(missing) > maxCached {
		clear(n.orgs)
	}
	os, err := n.c.Org.Query().Where(org.IDIn(missing...)).Select(org.FieldID, org.FieldName).All(ctx)
	if err != nil {
		return err
	}
	for _, o := range os {
		n.orgs[o.ID] = o.Name
	}
	return nil
}

func (n *names) org(id *int) string {
	if id == nil {
		return ""
	}
	return n.orgs[*id]
}

// people are the persons of ids the viewer may read; those they may not are
// left out, and read as 已落实 without a name.
func people(ctx context.Context, c *ent.Client, ids []int) (map[int]*ent.Person, error) {
	out := map[int]*ent.Person{}
	var want []int
	for _, id := range ids {
		if id != 0 && !slices.Contains(want, id) {
			want = append(want, id)
		}
	}
	if len(want) == 0 {
		return out, nil
	}
	ps, err := c.Person.Query().Where(person.IDIn(want...)).Select(person.FieldID, person.FieldName, person.FieldPhone).All(ctx)
	for _, p := range ps {
		out[p.ID] = p
	}
	return out, err
}

// who is the responsible person of id as a list shows them: 未落实 when
// there is none, 已落实 when the viewer may not see who.
func who(ps map[int]*ent.Person, id *int) (name, phone string) {
	if id == nil {
		return "未落实", ""
	}
	if p := ps[*id]; p != nil {
		return p.Name, p.Phone
	}
	return "已落实", ""
}

func ptrs(ids ...*int) []int {
	out := make([]int, 0, len(ids))
	for _, id := range ids {
		if id != nil {
			out = append(out, *id)
		}
	}
	return out
}

// idNumber is a student's ID number as the export shows it.
func (j *job) idNumber(s *ent.Student) string {
	if j.reveal {
		return s.IDNumber
	}
	return idcard.Mask(s.IDNumber)
}

// The users' words for stored values.
var (
	statusLabel = map[household.Status]string{household.StatusNotLifted: "未脱贫", household.StatusLifted: "已脱贫",
		household.StatusMarginal: "边缘户", household.StatusHardship: "非建档立卡困难户"}
	stageLabel = map[student.Stage]string{student.StagePreschool: "学前", student.StagePrimary: "小学", student.StageJunior: "初中",
		student.StageSenior: "高中", student.StageVocational: "中职", student.StageHigher: "高校"}
	enrollmentLabel = map[student.EnrollmentStatus]string{student.EnrollmentStatusEnrolled: "在读", student.EnrollmentStatusDropout: "辍学",
		student.EnrollmentStatusSuspectedDropout: "疑似辍学", student.EnrollmentStatusSuspended: "休学",
		student.EnrollmentStatusGraduated: "毕业", student.EnrollmentStatusNotEnrolled: "未入学"}
	genderLabel = map[student.Gender]string{student.GenderMale: "男", student.GenderFemale: "女"}
)

func yes(b bool) string {
	if b {
		return "是"
	}
	return ""
}

func grade(g *int) any {
	if g == nil {
		return ""
	}
	return *g
}

// school is where a student studies: the school in sanbao or the one
// named outside.
func (j *job) school(s *ent.Student) string {
	if s.SchoolID != nil {
		return j.names.org(s.SchoolID)
	}
	return s.OutsideSchoolName
}

func never(s string) string {
	if s == "" {
		return "从未联系"
	}
	return s
}
