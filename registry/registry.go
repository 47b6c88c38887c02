// Package registry imports the county's registries from CSV, as the bureaus
// keep them in spreadsheets: households (户) by their poverty-office number and
// students (学生) by their ID number. An import checks every row first and
// stores nothing if any row is wrong, naming each wrong row's line and column;
// otherwise it creates new rows and updates known ones, under the importer's
// scope like any other write.
package registry

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/division"
	"sanbao/ent/household"
	"sanbao/ent/org"
	"sanbao/ent/student"
	"sanbao/fielderr"
	"sanbao/idcard"
)

// MaxRows bounds one import.
const MaxRows = 20000

// RowError is a wrong cell.
type RowError struct {
	Line   int
	Column string
	Reason string
}

// Result is what an import did, or why it did nothing.
type Result struct {
	Created, Updated int
	Errors           []RowError
}

// HouseholdColumns and StudentColumns are the headers, in the users' words.
var (
	HouseholdColumns = []string{"户编号", "户主姓名", "村级区划代码", "状态", "低保", "特困供养", "残疾", "家庭人口", "联系电话", "住址"}
	StudentColumns   = []string{"姓名", "身份证号", "户编号", "学段", "年级", "班级", "学籍学校", "县外就读学校", "在读状态", "寄宿", "残疾", "留守儿童", "随迁子女", "少数民族"}
)

var (
	statuses = map[string]household.Status{"未脱贫": household.StatusNotLifted, "已脱贫": household.StatusLifted,
		"边缘户": household.StatusMarginal, "非建档立卡困难户": household.StatusHardship}
	stages = map[string]student.Stage{"学前": student.StagePreschool, "小学": student.StagePrimary, "初中": student.StageJunior,
		"高中": student.StageSenior, "中职": student.StageVocational, "高校": student.StageHigher}
	enrollment = map[string]student.EnrollmentStatus{"在读": student.EnrollmentStatusEnrolled, "辍学": student.EnrollmentStatusDropout,
		"疑似辍学": student.EnrollmentStatusSuspectedDropout, "休学": student.EnrollmentStatusSuspended,
		"毕业": student.EnrollmentStatusGraduated, "未入学": student.EnrollmentStatusNotEnrolled}
)

// row is one record with its header, reporting errors against its line.
type row struct {
	line int
	cols map[string]string
	errs *[]RowError
}

func (r row) get(c string) string { return strings.TrimSpace(r.cols[c]) }

func (r row) fail(col, format string, args ...any) {
	*r.errs = append(*r.errs, RowError{Line: r.line, Column: col, Reason: fmt.Sprintf(format, args...)})
}

func (r row) required(c string) string {
	v := r.get(c)
	if v == "" {
		r.fail(c, "必填")
	}
	return v
}

func (r row) flag(c string) bool {
	switch r.get(c) {
	case "", "否", "0", "N", "n":
		return false
	case "是", "1", "Y", "y":
		return true
	}
	r.fail(c, "应为 是 或 否")
	return false
}

func (r row) oneOf(c string, options []string) string {
	v := r.get(c)
	for _, o := range options {
		if v == o {
			return v
		}
	}
	r.fail(c, "应为 %s 之一", strings.Join(options, "、"))
	return ""
}

// read parses a CSV with the given header (a leading BOM is ignored).
func read(in io.Reader, header []string) ([]row, []RowError, error) {
	cr := csv.NewReader(in)
	cr.FieldsPerRecord = -1
	var errs []RowError
	head, err := cr.Read()
	if err != nil {
		return nil, nil, fielderr.New("csv", "无法读取表头:%v", err)
	}
	if len(head) > 0 {
		head[0] = strings.TrimPrefix(head[0], "\ufeff")
	}
	for i := range head {
		head[i] = strings.TrimSpace(head[i])
	}
	if strings.Join(head, ",") != strings.Join(header, ",") {
		return nil, nil, fielderr.New("csv", "表头应为:%s", strings.Join(header, ","))
	}
	var rows []row
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			errs = append(errs, RowError{Line: line, Column: "csv", Reason: err.Error()})
			break
		}
		if len(rec) != len(header) {
			errs = append(errs, RowError{Line: line, Column: "csv", Reason: fmt.Sprintf("应为%d列,实际为%d列", len(header), len(rec))})
			continue
		}
		if len(rows) == MaxRows {
			return nil, nil, fielderr.New("csv", "一次最多导入 %d 行", MaxRows)
		}
		cols := make(map[string]string, len(header))
		for i, h := range header {
			cols[h] = rec[i]
		}
		rows = append(rows, row{line: line, cols: cols})
	}
	return rows, errs, nil
}

// ImportHouseholds upserts households by 户编号 into villages the importer may
// write to.
func ImportHouseholds(ctx context.Context, c *ent.Client, in io.Reader) (*Result, error) {
	v := authz.FromContext(ctx)
	if v == nil || !v.Can(authz.ObjHousehold, authz.ActWrite) {
		return nil, authz.ErrDenied
	}
	rows, errs, err := read(in, HouseholdColumns)
	if err != nil {
		return nil, err
	}
	res := &Result{Errors: errs}
	write := v.Scope(authz.ObjHousehold, authz.ActWrite)
	villages, err := lookupVillages(ctx, c, rows)
	if err != nil {
		return nil, err
	}
	type hh struct {
		r    row
		num  string
		vill int
	}
	var ok []hh
	seen := map[string]int{}
	statusNames := []string{"未脱贫", "已脱贫", "边缘户", "非建档立卡困难户"}
	for _, r := range rows {
		r.errs = &res.Errors
		before := len(res.Errors)
		num := r.required("户编号")
		if first, dup := seen[num]; dup && num != "" {
			r.fail("户编号", "与第%d行重复", first)
		}
		seen[num] = r.line
		r.required("户主姓名")
		code := r.required("村级区划代码")
		d := villages[code]
		switch {
		case code == "":
		case d == nil:
			r.fail("村级区划代码", "未找到村级区划 %s", code)
		case !write.HasVillage(code):
			r.fail("村级区划代码", "%s 不在您的管理范围内", d.Name)
		}
		r.oneOf("状态", statusNames)
		for _, f := range []string{"低保", "特困供养", "残疾"} {
			r.flag(f)
		}
		if s := r.get("家庭人口"); s != "" {
			if n, err := strconv.Atoi(s); err != nil || n < 1 || n > 30 {
				r.fail("家庭人口", "应为1到30的整数")
			}
		}
		if len(res.Errors) == before {
			ok = append(ok, hh{r: r, num: num, vill: d.ID})
		}
	}
	if len(res.Errors) > 0 {
		return res, nil
	}
	for _, h := range ok {
		m, save, err := upsert(ctx, res,
			func() (*ent.Household, error) { return c.Household.Query().Where(household.Number(h.num)).Only(ctx) },
			func() (*ent.HouseholdMutation, func(context.Context) error) {
				q := c.Household.Create().SetNumber(h.num)
				return q.Mutation(), q.Exec
			},
			func(e *ent.Household) (*ent.HouseholdMutation, func(context.Context) error) {
				q := e.Update()
				return q.Mutation(), q.Exec
			})
		if err == nil {
			r := h.r
			m.SetHeadName(r.get("户主姓名"))
			m.SetVillageID(h.vill)
			m.SetStatus(statuses[r.get("状态")])
			m.SetDibao(r.flag("低保"))
			m.SetTekun(r.flag("特困供养"))
			m.SetDisabled(r.flag("残疾"))
			m.SetPhone(r.get("联系电话"))
			m.SetAddress(r.get("住址"))
			if size, _ := strconv.Atoi(r.get("家庭人口")); size > 0 {
				m.SetSize(size)
			}
			err = save(ctx)
		}
		if err != nil {
			return nil, lineError(h.r.line, err)
		}
	}
	return res, nil
}

func lookupVillages(ctx context.Context, c *ent.Client, rows []row) (map[string]*ent.Division, error) {
	codes := make([]string, 0, len(rows))
	for _, r := range rows {
		codes = append(codes, r.get("村级区划代码"))
	}
	ds, err := c.Division.Query().Where(division.CodeIn(codes...), division.LevelEQ(division.LevelVillage)).All(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*ent.Division, len(ds))
	for _, d := range ds {
		out[d.Code] = d
	}
	return out, nil
}

// lineError names the line a write failed on (a number taken in another
// county, a row outside the importer's scope).
func lineError(line int, err error) error {
	reason := "无法保存"
	var fe *fielderr.Error
	switch {
	case errors.As(err, &fe):
		reason = fe.Error()
	case errors.Is(err, authz.ErrDenied):
		reason = "不在您的管理范围内"
	case ent.IsConstraintError(err):
		reason = "与已有记录冲突(户编号或身份证号已被其他县登记)"
	case ent.IsNotFound(err):
		reason = "不在您的管理范围内"
	}
	return fielderr.New("csv", "第%d行:%s", line, reason)
}

// ImportStudents upserts students by 身份证号, each into a household already
// in sanbao (by 户编号) that the importer may write to.
func ImportStudents(ctx context.Context, c *ent.Client, in io.Reader) (*Result, error) {
	v := authz.FromContext(ctx)
	if v == nil || !v.Can(authz.ObjStudent, authz.ActWrite) {
		return nil, authz.ErrDenied
	}
	rows, errs, err := read(in, StudentColumns)
	if err != nil {
		return nil, err
	}
	res := &Result{Errors: errs}
	nums := make([]string, 0, len(rows))
	names := []string{}
	for _, r := range rows {
		nums = append(nums, r.get("户编号"))
		if s := r.get("学籍学校"); s != "" {
			names = append(names, s)
		}
	}
	hs, err := c.Household.Query().Where(household.NumberIn(nums...)).All(ctx)
	if err != nil {
		return nil, err
	}
	byNum := map[string]*ent.Household{}
	for _, h := range hs {
		byNum[h.Number] = h
	}
	schools, err := c.Org.Query().Where(org.NameIn(names...), org.KindEQ(org.KindSchool)).All(ctx)
	if err != nil {
		return nil, err
	}
	byName := map[string][]*ent.Org{}
	for _, o := range schools {
		byName[o.Name] = append(byName[o.Name], o)
	}
	type st struct {
		r      row
		id     string
		hh     int
		school *int
	}
	var ok []st
	seen := map[string]int{}
	now := time.Now()
	for _, r := range rows {
		r.errs = &res.Errors
		before := len(res.Errors)
		r.required("姓名")
		info, err := idcard.Parse(r.get("身份证号"), now)
		if err != nil {
			r.fail("身份证号", "%s", err)
		} else if first, dup := seen[info.Number]; dup {
			r.fail("身份证号", "与第%d行重复", first)
		} else {
			seen[info.Number] = r.line
		}
		h := byNum[r.get("户编号")]
		if h == nil {
			r.fail("户编号", "未找到户编号 %s(请先导入户)", r.get("户编号"))
		}
		r.oneOf("学段", []string{"学前", "小学", "初中", "高中", "中职", "高校"})
		if g := r.get("年级"); g != "" {
			if n, err := strconv.Atoi(g); err != nil || n < 1 || n > 12 {
				r.fail("年级", "应为1到12的整数")
			}
		}
		var school *int
		switch name, outside := r.get("学籍学校"), r.get("县外就读学校"); {
		case name != "" && outside != "":
			r.fail("县外就读学校", "学籍学校已在系统中时不填县外学校")
		case name != "" && len(byName[name]) == 0:
			r.fail("学籍学校", "未找到学校 %s", name)
		case name != "" && len(byName[name]) > 1:
			r.fail("学籍学校", "有多所学校名为 %s", name)
		case name != "":
			school = &byName[name][0].ID
		}
		if r.get("在读状态") != "" {
			r.oneOf("在读状态", []string{"在读", "辍学", "疑似辍学", "休学", "毕业", "未入学"})
		}
		for _, f := range []string{"寄宿", "残疾", "留守儿童", "随迁子女", "少数民族"} {
			r.flag(f)
		}
		if len(res.Errors) == before {
			ok = append(ok, st{r: r, id: info.Number, hh: h.ID, school: school})
		}
	}
	if len(res.Errors) > 0 {
		return res, nil
	}
	for _, st := range ok {
		m, save, err := upsert(ctx, res,
			func() (*ent.Student, error) { return c.Student.Query().Where(student.IDNumber(st.id)).Only(ctx) },
			func() (*ent.StudentMutation, func(context.Context) error) {
				q := c.Student.Create().SetIDNumber(st.id)
				return q.Mutation(), q.Exec
			},
			func(e *ent.Student) (*ent.StudentMutation, func(context.Context) error) {
				q := e.Update()
				return q.Mutation(), q.Exec
			})
		if err == nil {
			r := st.r
			status := student.EnrollmentStatusEnrolled
			if e := r.get("在读状态"); e != "" {
				status = enrollment[e]
			}
			m.SetName(r.get("姓名"))
			m.SetHouseholdID(st.hh)
			m.SetStage(stages[r.get("学段")])
			m.SetClassName(r.get("班级"))
			m.SetEnrollmentStatus(status)
			m.SetOutsideSchoolName(r.get("县外就读学校"))
			m.SetBoarding(r.flag("寄宿"))
			m.SetDisabled(r.flag("残疾"))
			m.SetLeftBehind(r.flag("留守儿童"))
			m.SetMigrant(r.flag("随迁子女"))
			m.SetEthnicMinority(r.flag("少数民族"))
			if st.school != nil {
				m.SetSchoolID(*st.school)
			} else {
				m.ClearSchool()
			}
			if grade, _ := strconv.Atoi(r.get("年级")); grade > 0 {
				m.SetGrade(grade)
			}
			err = save(ctx)
		}
		if err != nil {
			return nil, lineError(st.r.line, err)
		}
	}
	return res, nil
}

// upsert finds a row by its natural key and returns the mutation that will
// update it, or create it when the importer sees none, counting which.
func upsert[E any, M any](ctx context.Context, res *Result, find func() (E, error),
	create func() (M, func(context.Context) error), update func(E) (M, func(context.Context) error)) (M, func(context.Context) error, error) {
	e, err := find()
	switch {
	case ent.IsNotFound(err):
		res.Created++
		m, save := create()
		return m, save, nil
	case err != nil:
		var zero M
		return zero, nil, err
	}
	res.Updated++
	m, save := update(e)
	return m, save, nil
}
