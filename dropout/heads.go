package dropout

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"time"

	"sanbao/authz"
	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/division"
	"sanbao/ent/divisioncontact"
	"sanbao/ent/org"
	"sanbao/ent/position"
	"sanbao/ent/student"
	"sanbao/fielderr"
)

// 七长: for every case, the seven people answerable for the child's return.
// The county head, the education bureau's head, the township head and the
// village head are named contacts of their divisions (DivisionContact); the
// principal and the head teacher are positions; the guardian is the
// household's head.

// Head roles, in the order a case shows them.
const (
	HeadCounty        = "COUNTY_HEAD"
	HeadEducation     = "EDUCATION_HEAD"
	HeadTownship      = "TOWNSHIP_HEAD"
	HeadVillage       = "VILLAGE_HEAD"
	HeadPrincipal     = "PRINCIPAL"
	HeadHeadTeacher   = "HEAD_TEACHER"
	HeadGuardian      = "GUARDIAN"
	telPatternMessage = "电话号码应为数字（座机可带区号和“-”）"
)

// HeadLabels are the seven as the seed names them.
var HeadLabels = map[string]string{
	HeadCounty: "县长", HeadEducation: "教育局长", HeadTownship: "乡镇长", HeadVillage: "村主任",
	HeadPrincipal: "校长", HeadHeadTeacher: "班主任", HeadGuardian: "家长/监护人",
}

var headOrder = []string{HeadCounty, HeadEducation, HeadTownship, HeadVillage, HeadPrincipal, HeadHeadTeacher, HeadGuardian}

// Head is one of a case's seven heads; Name is empty when sanbao knows no
// one (the screen shows 未登记).
type Head struct {
	Role  string
	Label string
	Name  string
	Title string
	Phone string
}

// contactLevel is the level of division each contact role belongs to.
var contactLevel = map[divisioncontact.Role]divcode.Level{
	divisioncontact.RoleCountyHead: divcode.County, divisioncontact.RoleEducationHead: divcode.County,
	divisioncontact.RoleTownshipHead: divcode.Township, divisioncontact.RoleVillageHead: divcode.Village,
}

var telPattern = regexp.MustCompile(`^[0-9][0-9-]{4,19}$`)

// ContactInput names the head of a division in a role.
type ContactInput struct {
	DivisionCode string
	Role         divisioncontact.Role
	Name         string
	Title        string
	Phone        string
}

// SetContact names (or renames) the head of a division in a role, in the
// viewer's name; setting the same again changes nothing but the time.
func SetContact(ctx context.Context, c *ent.Client, in ContactInput, now time.Time) (*ent.DivisionContact, error) {
	v := authz.FromContext(ctx)
	if v == nil || v.PersonID == 0 {
		return nil, authz.ErrDenied
	}
	in.Name, in.Title, in.Phone = strings.TrimSpace(in.Name), strings.TrimSpace(in.Title), strings.TrimSpace(in.Phone)
	if err := checkContactPlace(ctx, c, in.DivisionCode, in.Role); err != nil {
		return nil, err
	}
	if in.Name == "" {
		return nil, fielderr.New("name", "请填写姓名")
	}
	if in.Phone != "" && !telPattern.MatchString(in.Phone) {
		return nil, fielderr.New("phone", telPatternMessage)
	}
	// One row per division and role: concurrent sets update it, never two.
	id, err := c.DivisionContact.Create().SetDivisionCode(in.DivisionCode).SetRole(in.Role).SetName(in.Name).
		SetTitle(in.Title).SetPhone(in.Phone).SetUpdatedAt(now).SetUpdatedByID(v.PersonID).
		OnConflictColumns(divisioncontact.FieldDivisionCode, divisioncontact.FieldRole).UpdateNewValues().ID(ctx)
	if err != nil {
		return nil, err
	}
	return c.DivisionContact.Get(ctx, id)
}

// ClearContact removes the head of a division in a role; false if none was
// named.
func ClearContact(ctx context.Context, c *ent.Client, code string, role divisioncontact.Role) (bool, error) {
	v := authz.FromContext(ctx)
	if v == nil || v.PersonID == 0 || !v.Can(authz.ObjHeads, authz.ActWrite) {
		return false, authz.ErrDenied
	}
	if err := checkContactPlace(ctx, c, code, role); err != nil {
		return false, err
	}
	n, err := c.DivisionContact.Delete().Where(divisioncontact.DivisionCode(code), divisioncontact.RoleEQ(role)).Exec(ctx)
	if err != nil || n > 0 {
		return n > 0, err
	}
	// Nothing deleted: none named, or one outside the viewer's county.
	exists, err := c.DivisionContact.Query().Where(divisioncontact.DivisionCode(code), divisioncontact.RoleEQ(role)).Exist(authz.System(ctx))
	if err != nil {
		return false, err
	}
	if exists {
		return false, authz.ErrDenied
	}
	return false, nil
}

// checkContactPlace: the division exists and is of the role's level.
func checkContactPlace(ctx context.Context, c *ent.Client, code string, role divisioncontact.Role) error {
	lv, ok := contactLevel[role]
	if !ok {
		return fielderr.New("role", "未知的职务")
	}
	d, err := c.Division.Query().Where(division.Code(code)).Only(authz.System(ctx))
	if err != nil {
		return fielderr.New("divisionCode", "未找到区划 %s", code)
	}
	if divcode.LevelOf(d.Code) != lv {
		return fielderr.New("role", "%s应登记在%s级区划，%s不是", contactLabel(role), levelLabel[lv], d.Name)
	}
	return nil
}

var levelLabel = map[divcode.Level]string{divcode.County: "县", divcode.Township: "乡镇", divcode.Village: "村"}

func contactLabel(r divisioncontact.Role) string { return HeadLabels[string(r)] }

// SevenHeads names the seven heads of a case the viewer sees. They are read
// as the system: the case is the viewer's, and its heads come with it (five
// statements, whatever the case: six).
func SevenHeads(ctx context.Context, c *ent.Client, k *ent.DropoutCase) ([]*Head, error) {
	sys := authz.System(ctx)
	byRole := map[string]Head{}
	s, err := c.Student.Query().Where(student.ID(k.StudentID)).WithHousehold().Only(sys)
	if err != nil {
		return nil, err
	}
	if h := s.Edges.Household; h != nil {
		byRole[HeadGuardian] = Head{Name: h.HeadName, Title: "户主", Phone: h.Phone}
	}
	village := k.VillageCode
	township := divcode.Subtree(village, divcode.Township).Lo
	county := divcode.Subtree(village, divcode.County).Lo
	cs, err := c.DivisionContact.Query().Where(divisioncontact.Or(
		divisioncontact.And(divisioncontact.DivisionCode(county), divisioncontact.RoleIn(divisioncontact.RoleCountyHead, divisioncontact.RoleEducationHead)),
		divisioncontact.And(divisioncontact.DivisionCode(township), divisioncontact.RoleEQ(divisioncontact.RoleTownshipHead)),
		divisioncontact.And(divisioncontact.DivisionCode(village), divisioncontact.RoleEQ(divisioncontact.RoleVillageHead)),
	)).All(sys)
	if err != nil {
		return nil, err
	}
	for _, x := range cs {
		byRole[string(x.Role)] = Head{Name: x.Name, Title: x.Title, Phone: x.Phone}
	}
	// The school's principal; a child studying nowhere answers to the
	// central school of the village's township.
	school := org.ID(0)
	if k.SchoolID != nil {
		school = org.ID(*k.SchoolID)
	} else {
		school = org.And(org.KindEQ(org.KindSchool), org.IsCentral(true), org.DivisionCode(township))
	}
	roles := []position.Role{position.RolePrincipal}
	if k.SchoolID != nil && s.Grade != nil && s.ClassName != "" {
		roles = append(roles, position.RoleHeadTeacher)
	}
	ps, err := c.Position.Query().Where(position.HasOrgWith(school), position.RoleIn(roles...), position.EndedAtIsNil()).
		WithPerson().WithOrg().Order(position.ByID()).All(sys)
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		if p.Edges.Person == nil {
			continue
		}
		role := HeadPrincipal
		if p.Role == position.RoleHeadTeacher {
			if p.Grade == nil || *p.Grade != *s.Grade || p.ClassName != s.ClassName {
				continue
			}
			role = HeadHeadTeacher
		}
		if _, ok := byRole[role]; !ok {
			title := HeadLabels[role]
			if p.Edges.Org != nil {
				title = p.Edges.Org.Name + title
			}
			byRole[role] = Head{Name: p.Edges.Person.Name, Title: title, Phone: p.Edges.Person.Phone}
		}
	}
	out := make([]*Head, 0, len(headOrder))
	for _, r := range headOrder {
		h := byRole[r]
		h.Role, h.Label = r, HeadLabels[r]
		out = append(out, &h)
	}
	return out, nil
}

// maxContacts bounds the editing list: a county has a few hundred villages.
const maxContacts = 2000

// Contacts are the named heads of the division and of its children the
// viewer may read, by division and role.
func Contacts(ctx context.Context, c *ent.Client, code string) ([]*ent.DivisionContact, error) {
	lv := divcode.LevelOf(code)
	if len(code) != 12 || !telDigits.MatchString(code) {
		return nil, fielderr.New("divisionCode", "应为 12 位区划代码")
	}
	r := divcode.SubtreeOf(code)
	// The division itself and its children: codes in its subtree at most one
	// level down.
	var levels []divcode.Level
	for i, l := range divcode.Levels {
		if l == lv && i+1 < len(divcode.Levels) {
			levels = []divcode.Level{l, divcode.Levels[i+1]}
		}
	}
	if levels == nil {
		levels = []divcode.Level{lv}
	}
	cs, err := c.DivisionContact.Query().Where(divisioncontact.DivisionCodeGTE(r.Lo), divisioncontact.DivisionCodeLTE(r.Hi)).
		Order(divisioncontact.ByDivisionCode(), divisioncontact.ByRole()).Limit(maxContacts * 4).All(ctx)
	if err != nil {
		return nil, err
	}
	out := cs[:0]
	for _, x := range cs {
		if slices.Contains(levels, divcode.LevelOf(x.DivisionCode)) && len(out) < maxContacts {
			out = append(out, x)
		}
	}
	return out, nil
}

var telDigits = regexp.MustCompile(`^[0-9]+$`)
