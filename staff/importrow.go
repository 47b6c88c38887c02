package staff

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/width"

	"sanbao/auth"
	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/person"
	"sanbao/ent/position"
	"sanbao/fielderr"
)

// A staff spreadsheet (人员名单) has one row per person, or per position: the
// same phone on several rows adds positions. The import-job runner reads the
// file; this file checks and stores its rows.

// Columns are the headers, in the users' words.
var Columns = []string{"姓名", "手机号", "单位", "职务", "班级"}

// headers maps the names offices give a column to one of Columns.
var headers = map[string]string{
	"姓名": "姓名", "名字": "姓名", "教师姓名": "姓名", "人员姓名": "姓名",
	"手机号": "手机号", "手机": "手机号", "手机号码": "手机号", "联系电话": "手机号", "电话": "手机号", "联系方式": "手机号",
	"单位": "单位", "学校": "单位", "单位名称": "单位", "学校名称": "单位", "所在单位": "单位", "工作单位": "单位", "所在学校": "单位",
	"职务": "职务", "岗位": "职务", "职位": "职务", "任职": "职务",
	"班级": "班级", "任教班级": "班级", "所带班级": "班级", "班主任班级": "班级",
}

// fold drops spaces and full-width forms, as offices type them.
func fold(s string) string {
	return strings.Join(strings.Fields(width.Narrow.String(s)), "")
}

// Header returns the column a header cell names, or "" for a column that is
// not one of Columns (ignored).
func Header(cell string) string {
	return headers[strings.TrimPrefix(fold(cell), "\ufeff")]
}

// roleNames are 职务 as offices write them.
var roleNames = map[string]position.Role{
	"局长": position.RoleDirector, "副局长": position.RoleDeputy, "分管局长": position.RoleDeputy, "分管领导": position.RoleDeputy,
	"分管校长": position.RoleDeputy, "分管副校长": position.RoleDeputy,
	"资助中心专干": position.RoleAidOfficer, "资助专干": position.RoleAidOfficer, "资助干事": position.RoleAidOfficer,
	"资助专管员": position.RoleAidOfficer, "资助工作人员": position.RoleAidOfficer,
	"校长": position.RolePrincipal, "园长": position.RolePrincipal, "副校长": position.RoleVicePrincipal, "副园长": position.RoleVicePrincipal,
	"中心校负责人": position.RoleCentralHead, "中心校长": position.RoleCentralHead,
	"班主任": position.RoleHeadTeacher, "教师": position.RoleTeacher, "老师": position.RoleTeacher,
	"任课教师": position.RoleTeacher, "专任教师": position.RoleTeacher, "督导": position.RoleInspector, "督学": position.RoleInspector,
	"责任督学": position.RoleInspector,
}

// (width.Narrow turns 、 into ､.)
var roleSep = regexp.MustCompile(`[、､,;/|\s]+`)

// RowError is a wrong cell of a row: its column and the reason.
type RowError struct{ Column, Reason string }

// Row is a checked staff row.
type Row struct {
	Name, Phone string
	Positions   []NewPosition
	// ExistingID is the person already signing in with Phone (0 for a new
	// person); the row adds the positions they do not hold yet.
	ExistingID int
}

// Checker checks the rows of one file for the viewer in ctx: the units they
// may give positions at are looked up once, and a phone seen on an earlier
// row must carry the same name.
type Checker struct {
	units map[string][]Unit
	seen  map[string]string
}

// NewChecker prepares checking rows for the viewer in ctx.
func NewChecker(ctx context.Context, c *ent.Client) (*Checker, error) {
	us, err := Units(ctx, c)
	if err != nil {
		return nil, err
	}
	k := &Checker{units: map[string][]Unit{}, seen: map[string]string{}}
	for _, u := range us {
		n := fold(u.Org.Name)
		k.units[n] = append(k.units[n], u)
	}
	return k, nil
}

// CheckRow checks one row on its own (for a file, use a Checker).
func CheckRow(ctx context.Context, c *ent.Client, cols map[string]string) (Row, []RowError) {
	k, err := NewChecker(ctx, c)
	if err != nil {
		return Row{}, []RowError{{"单位", err.Error()}}
	}
	return k.CheckRow(ctx, c, cols)
}

// CheckRow checks a row given as header → cell (headers as offices write
// them), without storing anything.
func (k *Checker) CheckRow(ctx context.Context, c *ent.Client, cols map[string]string) (Row, []RowError) {
	get := map[string]string{}
	for h, v := range cols {
		if col := Header(h); col != "" {
			get[col] = strings.TrimSpace(v)
		}
	}
	var row Row
	var errs []RowError
	fail := func(col string, err error) {
		if fe, ok := fielderr.As(err); ok {
			errs = append(errs, RowError{col, fe.Reason}) // the API's field name means nothing in a sheet
		} else {
			errs = append(errs, RowError{col, err.Error()})
		}
	}
	var err error
	if row.Name, err = NormalizeName(get["姓名"]); err != nil {
		fail("姓名", err)
	}
	if row.Phone, err = NormalizePhone(get["手机号"]); err != nil {
		fail("手机号", err)
	}
	unit, uerr := k.unit(get["单位"])
	if uerr != "" {
		errs = append(errs, RowError{"单位", uerr})
	}
	roles, rerr := parseRoles(get["职务"])
	if rerr != "" {
		errs = append(errs, RowError{"职务", rerr})
	}
	for _, r := range roles {
		if unit == nil {
			break
		}
		np := NewPosition{OrgID: unit.Org.ID, Role: r}
		if !containsRole(unit.Roles, r) {
			reason := "无权在" + unit.Org.Name + "设置“" + authz.PositionLabel(r, unit.Org) + "”"
			if fe, ok := fielderr.As(authz.FromContext(ctx).MayGive(r, unit.Org)); ok {
				reason = fe.Reason
			}
			errs = append(errs, RowError{"职务", reason})
			continue
		}
		if r == position.RoleHeadTeacher {
			g, class, msg := parseClass(get["班级"])
			if msg != "" {
				errs = append(errs, RowError{"班级", msg})
				continue
			}
			np.Grade, np.ClassName = &g, class
		}
		row.Positions = append(row.Positions, np)
	}
	if row.Phone != "" && row.Name != "" {
		if prev, ok := k.seen[row.Phone]; ok && prev != row.Name {
			errs = append(errs, RowError{"手机号", "与上文“" + prev + "”的手机号相同"})
		}
		k.seen[row.Phone] = row.Name
		id, msg, err := existing(ctx, c, row.Phone, row.Name)
		switch {
		case err != nil:
			errs = append(errs, RowError{"手机号", err.Error()})
		case msg != "":
			errs = append(errs, RowError{"手机号", msg})
		}
		row.ExistingID = id
	}
	return row, errs
}

// existing finds who signs in with phone: nobody, the same person (named
// name, in the viewer's sight), or someone else.
func existing(ctx context.Context, c *ent.Client, phone, name string) (int, string, error) {
	p, err := c.Person.Query().Where(person.Phone(phone)).Only(authz.System(ctx))
	if ent.IsNotFound(err) {
		return 0, "", nil
	}
	if err != nil {
		return 0, "", err
	}
	visible, err := c.Person.Query().Where(person.ID(p.ID)).Exist(ctx)
	switch {
	case err != nil:
		return 0, "", err
	case !visible:
		return 0, "该手机号已被使用", nil
	case !p.Active:
		return 0, "该手机号属于已离职的" + p.Name + "，不能再次导入", nil
	case p.Name != name:
		return 0, "该手机号已登记为" + p.Name, nil
	}
	return p.ID, "", nil
}

func (k *Checker) unit(cell string) (*Unit, string) {
	n := fold(cell)
	if n == "" {
		return nil, "请填写单位"
	}
	if us := k.units[n]; len(us) == 1 {
		return &us[0], ""
	} else if len(us) > 1 {
		return nil, "有多个单位名为“" + cell + "”，请填写全称"
	}
	// A shortened name that matches one unit only.
	var found []Unit
	for name, us := range k.units {
		if strings.Contains(name, n) {
			found = append(found, us...)
		}
	}
	if len(found) == 1 {
		return &found[0], ""
	}
	return nil, "未找到“" + cell + "”，或您无权在该单位添加人员"
}

func containsRole(rs []position.Role, r position.Role) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// parseRoles reads a 职务 cell: one or several, e.g. 教师、班主任.
func parseRoles(cell string) ([]position.Role, string) {
	var out []position.Role
	for _, part := range roleSep.Split(width.Narrow.String(cell), -1) {
		part = strings.Join(strings.Fields(part), "")
		if part == "" {
			continue
		}
		r, ok := roleNames[part]
		if !ok {
			return nil, "不认识的职务“" + part + "”，应为 校长、副校长、分管领导、资助专干、班主任、教师 等"
		}
		if !containsRole(out, r) {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil, "请填写职务"
	}
	return out, ""
}

var (
	classPattern = regexp.MustCompile(`^(初|高)?([0-9]+|[一二三四五六七八九十]+)(年级)?\(?([0-9]+)\)?班$`)
	numerals     = map[string]int{"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
		"十": 10, "十一": 11, "十二": 12}
)

// parseClass reads a head teacher's class: 四年级2班, 4年级(2)班, 初一3班, 高二1班.
func parseClass(cell string) (int, string, string) {
	m := classPattern.FindStringSubmatch(fold(cell))
	const how = "班主任的班级应写成 四年级2班、初一3班 这样"
	if m == nil {
		if strings.TrimSpace(cell) == "" {
			return 0, "", "班主任请填写班级"
		}
		return 0, "", how
	}
	n, ok := numerals[m[2]]
	if !ok {
		n, _ = strconv.Atoi(m[2])
	}
	g := n
	switch m[1] {
	case "初":
		g = n + 6
	case "高":
		g = n + 9
	}
	if n < 1 || g > 12 || m[1] != "" && n > 3 {
		return 0, "", how
	}
	return g, m[4] + "班", ""
}

// Account is a person an import created, with the one-time password to hand
// over (shown once).
type Account struct {
	Person          *ent.Person
	OneTimePassword string
}

// StoreRows stores checked rows in the transaction of c, as the viewer in
// ctx: new people with a one-time password each, and the positions they do
// not hold yet. Rows sharing a phone are one person.
func StoreRows(ctx context.Context, c *ent.Client, a *auth.Service, rows []Row) ([]Account, error) {
	var out []Account
	ids := map[string]int{}
	now := time.Now()
	for _, r := range rows {
		id := r.ExistingID
		if id == 0 {
			id = ids[r.Phone]
		}
		if id == 0 {
			otp, hash, err := a.HashOneTimePassword()
			if err != nil {
				return nil, err
			}
			p, err := c.Person.Create().SetName(r.Name).SetPhone(r.Phone).SetPasswordHash(hash).
				SetMustChangePassword(true).Save(ctx)
			if err != nil {
				return nil, conflictOnPhone(err, r.Phone)
			}
			id = p.ID
			out = append(out, Account{p, otp})
		}
		ids[r.Phone] = id
		for _, np := range r.Positions {
			held, err := c.Position.Query().Where(position.PersonID(id), position.OrgID(np.OrgID),
				position.RoleEQ(np.Role), authz.ActivePosition()).Exist(authz.System(ctx))
			if err != nil {
				return nil, err
			}
			if held {
				continue
			}
			if _, err := give(ctx, c, id, np, now); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}
