package export

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"

	"entgo.io/ent/dialect/sql"

	"sanbao/agreement"
	"sanbao/authz"
	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/auditlog"
	"sanbao/ent/division"
	"sanbao/ent/household"
	"sanbao/ent/org"
	"sanbao/ent/predicate"
	"sanbao/ent/student"
)

// Error is a refused export: a bad parameter (400) or a scope outside the
// viewer's (403). Msg is Chinese and names the parameter.
type Error struct {
	Status int
	Param  string
	Msg    string
}

func (e *Error) Error() string { return e.Msg }

// paramLabels are the parameters as people read them.
var paramLabels = map[string]string{
	"division": "区划", "school": "学校", "reveal": "显示完整身份证号", "gap": "缺口", "month": "月份",
	"term": "学年学期", "person": "人员", "from": "起始日期", "to": "截止日期", "action": "操作",
	"cutoff": "年龄截止日期", "nowhere": "仅未在任何学校就读",
}

func badParam(param, format string, args ...any) *Error {
	return &Error{Status: 400, Param: param,
		Msg: fmt.Sprintf("参数 %s（%s）：%s", param, paramLabels[param], fmt.Sprintf(format, args...))}
}

func errDenied(msg string) *Error { return &Error{Status: 403, Msg: msg} }

// extraParams are the filters each kind takes besides the place.
var extraParams = map[string][]string{
	"gaps": {"gap"}, "overdue": {"month"}, "unsigned": {"term"},
	"auditlog":   {"person", "target", "from", "to", "action"},
	"school-age": {"cutoff", "nowhere"},
}

func checkParams(k *Kind, q url.Values) error {
	for name, vs := range q {
		ok := name == "division" || name == "school" || name == "reveal"
		for _, e := range extraParams[k.Name] {
			ok = ok || name == e
		}
		if !ok {
			return &Error{Status: 400, Param: name, Msg: fmt.Sprintf("参数 %s：%s不接受此参数", name, k.Label)}
		}
		if len(vs) > 1 {
			return badParam(name, "只能给一次")
		}
	}
	if q.Get("division") != "" && q.Get("school") != "" {
		return badParam("school", "区划和学校只能选一个")
	}
	return nil
}

// Place is where an export reaches: a division (any level) or a school.
type Place struct {
	Label    string
	Code     string // the division's code, or the school's division
	Division *ent.Division
	School   *ent.Org
}

// SchoolID is the school's ID, 0 for a division.
func (p *Place) SchoolID() int {
	if p.School != nil {
		return p.School.ID
	}
	return 0
}

// Range is the division's subtree (a school's: its division's).
func (p *Place) Range() divcode.Range { return divcode.SubtreeOf(p.Code) }

func inRange(col string, r divcode.Range) func(*sql.Selector) {
	return func(s *sql.Selector) { s.Where(sql.And(sql.GTE(s.C(col), r.Lo), sql.LTE(s.C(col), r.Hi))) }
}

// Households are the place's households: registered there, or (a school)
// with a child enrolled there. The coverage screen reads them so.
func (p *Place) Households() predicate.Household {
	if p.School != nil {
		return household.HasStudentsWith(student.SchoolID(p.School.ID))
	}
	return predicate.Household(inRange(household.FieldVillageCode, p.Range()))
}

// Students are the place's students by village of registration, or (a
// school) enrolled there.
func (p *Place) Students() predicate.Student {
	if p.School != nil {
		return student.SchoolID(p.School.ID)
	}
	return predicate.Student(inRange(student.FieldVillageCode, p.Range()))
}

// Agreements are those issued inside the place, or (a school) issued by or
// to it.
func (p *Place) Agreements() predicate.Agreement {
	if p.School != nil {
		return agreement.Place{SchoolID: p.School.ID}.Predicate()
	}
	r := p.Range()
	return agreement.Place{Range: &r}.Predicate()
}

// AuditLogs are entries about the place.
func (p *Place) AuditLogs() predicate.AuditLog {
	if p.School != nil {
		return auditlog.SchoolID(p.School.ID)
	}
	return predicate.AuditLog(inRange(auditlog.FieldVillageCode, p.Range()))
}

var codePattern = regexp.MustCompile(`^\d{12}$`)

// resolvePlace reads division= or school=, defaulting to the viewer's own
// unit, and refuses a place the viewer has nothing in.
func resolvePlace(ctx context.Context, c *ent.Client, v *authz.Viewer, k *Kind, q url.Values) (*Place, error) {
	code, schoolText := q.Get("division"), q.Get("school")
	if code == "" && schoolText == "" {
		if len(v.Positions) == 0 {
			return nil, badParam("division", "请指定要导出的区划代码")
		}
		p := v.Positions[0]
		hs := v.Scope(authz.ObjHousehold, authz.ActRead)
		switch {
		case p.OrgKind == org.KindSchool && k.school && (!k.households || hs != nil && slices.Contains(hs.SchoolIDs, p.OrgID)):
			schoolText = strconv.Itoa(p.OrgID)
		case p.OrgKind == org.KindSchool && k.households:
			code = divcode.Subtree(p.DivisionCode, divcode.County).Lo
		default:
			code = p.DivisionCode
		}
	}
	if schoolText != "" {
		if !k.school {
			return nil, badParam("school", "%s按区划导出，请用 division 参数", k.Label)
		}
		id, err := strconv.Atoi(schoolText)
		if err != nil || id <= 0 {
			return nil, badParam("school", "应为学校编号")
		}
		o, err := c.Org.Query().Where(org.ID(id)).Only(ctx)
		if err != nil {
			return nil, badParam("school", "未找到该学校")
		}
		if o.Kind != org.KindSchool {
			// A bureau stands for its division, as on the coverage screen.
			if !divisionInScope(v, o.DivisionCode) {
				return nil, errDenied("无权导出" + o.Name + "的名单")
			}
			d, err := c.Division.Query().Where(division.Code(o.DivisionCode)).Only(ctx)
			if err != nil {
				return nil, err
			}
			return &Place{Label: o.Name, Code: d.Code, Division: d}, nil
		}
		if !schoolInScope(v, o) {
			return nil, errDenied("无权导出" + o.Name + "的名单")
		}
		return &Place{Label: o.Name, Code: o.DivisionCode, School: o}, nil
	}
	if !codePattern.MatchString(code) {
		return nil, badParam("division", "应为 12 位区划代码")
	}
	d, err := c.Division.Query().Where(division.Code(code)).Only(ctx)
	if err != nil {
		return nil, badParam("division", "未找到区划 %s", code)
	}
	if !divisionInScope(v, code) {
		return nil, errDenied("无权导出" + d.Name + "的名单")
	}
	return &Place{Label: d.Name, Code: d.Code, Division: d}, nil
}

// divisionInScope: the viewer reads registries there, or holds a position
// inside it or above one inside it (a teacher exporting their own families
// names their township or county; privacy keeps the rows to theirs).
func divisionInScope(v *authz.Viewer, code string) bool {
	if v.Scope(authz.ObjHousehold, authz.ActRead).HasDivision(code) || v.Scope(authz.ObjStudent, authz.ActRead).HasDivision(code) {
		return true
	}
	r := divcode.SubtreeOf(code)
	for _, p := range v.Positions {
		if r.Contains(p.DivisionCode) || divcode.SubtreeOf(p.DivisionCode).Contains(code) {
			return true
		}
	}
	return false
}

func schoolInScope(v *authz.Viewer, o *ent.Org) bool {
	if v.Scope(authz.ObjStudent, authz.ActRead).HasSchool(o.ID, o.DivisionCode) ||
		v.Scope(authz.ObjHousehold, authz.ActRead).HasDivision(o.DivisionCode) {
		return true
	}
	for _, p := range v.Positions {
		if p.OrgID == o.ID {
			return true
		}
	}
	return false
}

// mayReveal reads reveal=1: full ID numbers, only for a viewer who may
// reveal them over the whole place (the export is audited as such).
func mayReveal(v *authz.Viewer, p *Place, q url.Values) (bool, error) {
	switch q.Get("reveal") {
	case "", "0", "false":
		return false, nil
	case "1", "true":
	default:
		return false, badParam("reveal", "应为 1 或 0")
	}
	sc := v.Scope(authz.ObjStudent, authz.ActRevealID)
	ok := p.School != nil && sc.HasSchool(p.School.ID, p.School.DivisionCode) || p.School == nil && sc.HasDivision(p.Code)
	if !ok {
		return false, errDenied("无权导出完整身份证号")
	}
	return true, nil
}
