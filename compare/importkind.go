package compare

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"sanbao/authz"
	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/deptlist"
	"sanbao/ent/deptlistrow"
	"sanbao/ent/division"
	"sanbao/idcard"
	"sanbao/importjob"
	"sanbao/sheet"
)

// Each department's list is an import kind (POST /imports/list_poverty …):
// read with the sheet package (xlsx, CSV in UTF-8 or GBK, headers by their
// aliases), every row checked, and stored only when no cell is wrong, as one
// list version with all its rows, in the runner's transaction.

func init() {
	for _, d := range Departments {
		importjob.Register(listKind{dept: d})
	}
}

// KindName is the import kind of a department's list.
func KindName(d Department) string { return "list_" + strings.ToLower(string(d)) }

// column names, as in the templates.
const (
	colName      = "姓名"
	colID        = "身份证号"
	colStudentNo = "学籍号"
	colHousehold = "户编号"
	colHead      = "户主姓名"
	colRelation  = "与户主关系"
	colVillage   = "所在村"
	colStatus    = "脱贫状态"
	colCategory  = "类别"
	colMonitored = "监测对象"
	colSchool    = "学校"
	colStage     = "学段"
	colGrade     = "年级"
	colClass     = "班级"
	colEnrolled  = "在读状态"
)

// allColumns are every column any list has; each department requires some.
var allColumns = []sheet.Column{
	{Name: colName, Aliases: []string{"成员姓名", "学生姓名", "人员姓名"}, MaxLen: 64},
	{Name: colID, Aliases: []string{"身份证号码", "证件号码", "公民身份号码", "成员身份证号", "身份证件号"}, MaxLen: 24, Text: true, Width: 20,
		Note: "18位身份证号；15位旧号码自动转换为18位"},
	{Name: colStudentNo, Aliases: []string{"全国学籍号", "学籍号码"}, MaxLen: 24, Text: true, Width: 20,
		Note: "无身份证号时，以 G 加身份证号的学籍号代替"},
	{Name: colHousehold, Aliases: []string{"户号", "户编码", "扶贫户编号"}, MaxLen: 32, Text: true, Width: 16},
	{Name: colHead, Aliases: []string{"户主", "户主名称"}, MaxLen: 64},
	{Name: colRelation, Aliases: []string{"与户主的关系", "关系"}, MaxLen: 16},
	{Name: colVillage, Aliases: []string{"村", "村名", "行政村", "所在村名称", "村级区划代码", "村代码", "区划代码"}, MaxLen: 64, Text: true, Width: 16,
		Note: "本县的村名或12位村级区划代码"},
	{Name: colStatus, Aliases: []string{"脱贫年度", "脱贫状态/年度", "状态", "户类型"}, MaxLen: 32},
	{Name: colCategory, Aliases: []string{"低保类别", "特困类别", "供养方式", "残疾类别", "残疾等级"}, MaxLen: 32},
	{Name: colMonitored, Aliases: []string{"是否监测对象", "监测户"}, MaxLen: 4, Note: "是 或 否"},
	{Name: colSchool, Aliases: []string{"学校名称", "就读学校"}, MaxLen: 100, Width: 24},
	{Name: colStage, Aliases: []string{"学段名称"}, MaxLen: 8},
	{Name: colGrade, Aliases: []string{"年级名称"}, MaxLen: 8},
	{Name: colClass, Aliases: []string{"班级名称"}, MaxLen: 32},
	{Name: colEnrolled, Aliases: []string{"学籍状态", "就读状态"}, MaxLen: 8},
}

// required are the columns each department's file must have.
var required = map[Department][]string{
	deptlist.DepartmentPoverty:    {colName, colID, colVillage},
	deptlist.DepartmentDibao:      {colName, colID},
	deptlist.DepartmentTekun:      {colName, colID},
	deptlist.DepartmentDisabled:   {colName, colID},
	deptlist.DepartmentEnrollment: {colName, colSchool},
}

var kindColumns = func() map[Department]*sheet.Columns {
	out := map[Department]*sheet.Columns{}
	for _, d := range Departments {
		cols := make([]sheet.Column, len(allColumns))
		copy(cols, allColumns)
		for i := range cols {
			for _, r := range required[d] {
				if cols[i].Name == r {
					cols[i].Required = true
				}
			}
		}
		out[d] = sheet.NewColumns(cols...)
	}
	return out
}()

type listKind struct{ dept Department }

func (k listKind) Name() string            { return KindName(k.dept) }
func (k listKind) Label() string           { return DepartmentLabels[k.dept] }
func (k listKind) Columns() *sheet.Columns { return kindColumns[k.dept] }
func (listKind) Allowed(v *authz.Viewer) bool {
	_, ok := authz.CompareCounty(v)
	return ok
}

// villages resolves a county's villages by code and by name.
type villages struct {
	county string
	codes  map[string]bool
	names  map[string][]string // name -> codes (a name may repeat in a county)
}

func loadVillages(ctx context.Context, c *ent.Client, county string) (*villages, error) {
	r := divcode.SubtreeOf(county)
	ds, err := c.Division.Query().Where(division.LevelEQ(division.LevelVillage), division.CodeGTE(r.Lo), division.CodeLTE(r.Hi)).
		Select(division.FieldCode, division.FieldName).All(authz.System(ctx))
	if err != nil {
		return nil, err
	}
	vs := &villages{county: county, codes: map[string]bool{}, names: map[string][]string{}}
	for _, d := range ds {
		vs.codes[d.Code] = true
		vs.names[d.Name] = append(vs.names[d.Name], d.Code)
	}
	return vs, nil
}

// resolve is the code of the village written as s, or why there is none.
func (vs *villages) resolve(s string) (string, string) {
	if len(s) == 12 && strings.Trim(s, "0123456789") == "" {
		if vs.codes[s] {
			return s, ""
		}
		return "", fmt.Sprintf("本县没有区划代码为 %s 的村", s)
	}
	switch codes := vs.names[s]; len(codes) {
	case 0:
		return "", fmt.Sprintf("本县没有名为“%s”的村", s)
	case 1:
		return codes[0], ""
	default:
		return "", fmt.Sprintf("本县有%d个村名为“%s”，请填写12位村级区划代码", len(codes), s)
	}
}

// listRow is one checked row, as stored.
type listRow struct {
	line                              int
	id, name, birth, village          string
	household, head, relation, status string
	monitored                         bool
	school, stage, class, enrollment  string
	grade                             int
}

type listBatch struct {
	dept     Department
	county   string
	by       int
	fileName string
	rows     []listRow
}

// Check reads every row; duplicates are reported against the first line
// holding the number.
func (k listKind) Check(ctx context.Context, c *ent.Client, rows []*sheet.Row, progress func(int)) (importjob.Batch, error) {
	v := authz.FromContext(ctx)
	county, ok := authz.CompareCounty(v)
	if !ok {
		return nil, authz.ErrDenied
	}
	vs, err := loadVillages(ctx, c, county)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	b := &listBatch{dept: k.dept, county: county, by: v.PersonID, rows: make([]listRow, 0, len(rows))}
	seen := make(map[string]int, len(rows))
	for i, r := range rows {
		if i%1000 == 999 {
			progress(i + 1)
		}
		lr := listRow{line: r.Line, name: r.Required(colName), household: r.Get(colHousehold), head: r.Get(colHead),
			relation: r.Get(colRelation), monitored: r.Flag(colMonitored), school: r.Get(colSchool), stage: r.Get(colStage),
			class: r.Get(colClass), enrollment: r.Get(colEnrolled)}
		lr.status = r.Get(colStatus)
		if lr.status == "" {
			lr.status = r.Get(colCategory)
		}
		idCol, raw := colID, r.Get(colID)
		if raw == "" && k.dept == deptlist.DepartmentEnrollment {
			// 学籍号 is G (or L) followed by the ID number.
			idCol, raw = colStudentNo, r.Get(colStudentNo)
			if n := idcard.Normalize(raw); len(n) == 19 && (n[0] == 'G' || n[0] == 'L') {
				raw = n[1:]
			}
		}
		switch info, err := idcard.Parse(idcard.Upgrade(raw), now); {
		case raw == "":
			r.Fail(idCol, "必填")
		case err != nil:
			r.Fail(idCol, "%s", err)
		default:
			lr.id, lr.birth = info.Number, info.Birth.Format(time.DateOnly)
			if first, dup := seen[lr.id]; dup {
				r.Fail(idCol, "与第%d行的身份证号重复", first)
			} else {
				seen[lr.id] = r.Line
			}
		}
		if s := r.Get(colVillage); s != "" {
			code, why := vs.resolve(s)
			if why != "" {
				r.Fail(colVillage, "%s", why)
			}
			lr.village = code
		} else if k.dept == deptlist.DepartmentPoverty && !r.Bad(colVillage) {
			r.Fail(colVillage, "必填")
		}
		lr.grade = grade(r)
		if r.OK() {
			b.rows = append(b.rows, lr)
		}
	}
	return b, nil
}

// grade reads 年级 as 3, 三年级, 初二 or 高一 (1 to 12); 0 when empty.
func grade(r *sheet.Row) int {
	s := strings.TrimSuffix(r.Get(colGrade), "年级")
	if s == "" {
		return 0
	}
	offset := 0
	if rest, ok := strings.CutPrefix(s, "初"); ok {
		offset, s = 6, rest
	} else if rest, ok := strings.CutPrefix(s, "高"); ok {
		offset, s = 9, rest
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		n = chineseNumbers[s]
	}
	if n < 1 || n+offset > 12 {
		r.Fail(colGrade, "应为1到12年级，如“三年级”“初二”“高一”")
		return 0
	}
	return n + offset
}

var chineseNumbers = map[string]int{"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
	"十": 10, "十一": 11, "十二": 12}

var rowCols = []string{"list_id", "division_code", "line", "id_number", "name", "birth_date", "village_code",
	"household_number", "head_name", "relation", "status", "monitored", "school_name", "stage", "grade", "class_name", "enrollment"}

// Store creates the list version through ent (its privacy rule checks the
// county) and its rows with multi-row statements.
func (b *listBatch) Store(ctx context.Context, c *ent.Client) (importjob.Counts, error) {
	l, err := c.DeptList.Create().SetDepartment(b.dept).SetPeriod(Period(time.Now())).SetDivisionCode(b.county).
		SetUploadedByID(b.by).SetFileName(b.fileName).SetRowCount(len(b.rows)).Save(ctx)
	if err != nil {
		return importjob.Counts{}, err
	}
	vals := make([][]any, len(b.rows))
	for i, r := range b.rows {
		vals[i] = []any{l.ID, b.county, r.line, r.id, r.name, r.birth, r.village, r.household, r.head, r.relation,
			r.status, r.monitored, r.school, r.stage, r.grade, r.class, r.enrollment}
	}
	if err := importjob.Insert(authz.System(ctx), c, deptlistrow.Table, rowCols, vals, ""); err != nil {
		return importjob.Counts{}, err
	}
	return importjob.Counts{Created: len(b.rows)}, nil
}
