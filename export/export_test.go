package export_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"sanbao/auth"
	"sanbao/authz"
	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/auditlog"
	"sanbao/ent/household"
	"sanbao/ent/person"
	"sanbao/ent/student"
	"sanbao/export"
	"sanbao/idcard"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

const (
	countyAid = "13900000001" // 资助中心专干, 涿州市: reads and reveals the county
	principal = "13900000002" // 校长, 松林店镇中心校
	teacher   = "13900000003" // 教师, 松林店镇中心校
)

type env struct {
	t  *testing.T
	db *store.DB
	w  *fixture.World
	a  *auth.Service
	h  http.Handler
}

func newEnv(t *testing.T, db *store.DB) *env {
	return &env{t: t, db: db, w: fixture.Build(t, db), a: auth.New(db.Client, authz.Default()), h: export.Handler(db.Client)}
}

func (e *env) viewer(phone string) *authz.Viewer {
	e.t.Helper()
	ctx := authz.System(context.Background())
	p := e.db.Person.Query().Where(person.Phone(phone)).OnlyX(ctx)
	v, err := e.a.PersonViewer(ctx, p.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	return v
}

// get requests path as phone; it answers the status and the body.
func (e *env) get(phone, path string) (int, []byte) {
	e.t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req = req.WithContext(authz.NewContext(req.Context(), e.viewer(phone)))
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.Bytes()
}

// xlsx requests an export that must succeed and opens it.
func (e *env) xlsx(phone, path string) *excelize.File {
	e.t.Helper()
	status, body := e.get(phone, path)
	if status != http.StatusOK {
		e.t.Fatalf("%s: %d %s", path, status, body)
	}
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { f.Close() })
	return f
}

// refused requests an export that must be refused with status; it answers
// the message.
func (e *env) refused(phone, path string, status int) string {
	e.t.Helper()
	got, body := e.get(phone, path)
	var out map[string]string
	json.Unmarshal(body, &out)
	if got != status || out["error"] == "" {
		e.t.Fatalf("%s: %d %s, want %d", path, got, body, status)
	}
	return out["error"]
}

func rows(t *testing.T, f *excelize.File) [][]string {
	t.Helper()
	rs, err := f.GetRows("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// checkLayout: title (unit, list, scope, date), header frozen below it.
func checkLayout(t *testing.T, f *excelize.File, title []string, header ...string) [][]string {
	t.Helper()
	rs := rows(t, f)
	if len(rs) < 2 {
		t.Fatalf("rows: %v", rs)
	}
	today := time.Now().In(time.FixedZone("CST", 8*3600)).Format("2006年1月2日")
	for _, s := range append(title, today) {
		if !strings.Contains(rs[0][0], s) {
			t.Errorf("title %q lacks %q", rs[0][0], s)
		}
	}
	for i, h := range header {
		if i >= len(rs[1]) || rs[1][i] != h {
			t.Errorf("header %v, want %v first", rs[1], header)
			break
		}
	}
	panes, err := f.GetPanes("Sheet1")
	if err != nil || !panes.Freeze || panes.YSplit != 2 {
		t.Errorf("panes: %+v %v", panes, err)
	}
	if l, err := f.GetPageLayout("Sheet1"); err != nil || *l.Orientation != "landscape" || *l.Size != 9 {
		t.Errorf("page layout: %v", err)
	}
	if w, _ := f.GetColWidth("Sheet1", "C"); w < 5 {
		t.Errorf("column C width %v", w)
	}
	return rs[2:]
}

func col(rs [][]string, i int) []string {
	var out []string
	for _, r := range rs {
		if i < len(r) {
			out = append(out, r[i])
		} else {
			out = append(out, "")
		}
	}
	return out
}

func TestExports(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		t.Run("village ledger", e.villageLedger)
		t.Run("teacher", e.teacherRows)
		t.Run("scope", e.scope)
		t.Run("params", e.params)
		t.Run("kinds", e.kinds)
		t.Run("reveal", e.reveal)
		t.Run("formula", e.formula)
	})
}

// villageLedger: every household of the county once per student (once if
// none), a known one with its village and student, masked ID numbers, and
// the audit row.
func (e *env) villageLedger(t *testing.T) {
	sys := authz.System(context.Background())
	c := e.db.Client
	county := divcode.SubtreeOf(fixture.Zhuozhou)
	hs := c.Household.Query().Where(household.VillageCodeGTE(county.Lo), household.VillageCodeLTE(county.Hi)).
		WithStudents().WithVillage().Order(household.ByVillageCode(), household.ByID()).AllX(sys)
	want := 0
	for _, h := range hs {
		want += max(1, len(h.Edges.Students))
	}
	f := e.xlsx(countyAid, "/exports/village-ledger.xlsx?division="+fixture.Zhuozhou)
	data := checkLayout(t, f, []string{"涿州市教育和体育局", "村台账", "范围：涿州市"}, "乡镇", "村", "户编号", "户主姓名", "户类别")
	if len(data) != want {
		t.Errorf("%d rows, want %d", len(data), want)
	}
	var known *ent.Household
	for _, h := range hs {
		if len(h.Edges.Students) > 0 {
			known = h
			break
		}
	}
	s := known.Edges.Students[0]
	i := slices.Index(col(data, 2), known.Number)
	if i < 0 {
		t.Fatalf("household %s not exported", known.Number)
	}
	r := data[i]
	if r[1] != known.Edges.Village.Name || r[3] != known.HeadName || r[12] != s.Name || r[14] != idcard.Mask(s.IDNumber) {
		t.Errorf("row %v: want %s %s %s %s", r, known.Edges.Village.Name, known.HeadName, s.Name, idcard.Mask(s.IDNumber))
	}
	l := c.AuditLog.Query().Where(auditlog.ActionEQ(auditlog.ActionExport)).Order(ent.Desc(auditlog.FieldID)).FirstX(sys)
	if l.Rows != want || l.Subject != "村台账（涿州市）" || l.VillageCode != fixture.Zhuozhou || l.ActorName != "李文静" {
		t.Errorf("audit row %+v", l)
	}
}

// teacherRows: a teacher exporting the county gets exactly the rows her
// scope reads (her families), not the county's.
func (e *env) teacherRows(t *testing.T) {
	v := e.viewer(teacher)
	ctx := authz.NewContext(context.Background(), v)
	county := divcode.SubtreeOf(fixture.Zhuozhou)
	hs := e.db.Household.Query().Where(household.VillageCodeGTE(county.Lo), household.VillageCodeLTE(county.Hi)).WithStudents().AllX(ctx)
	if len(hs) == 0 {
		t.Fatal("the teacher has no families")
	}
	want, numbers := 0, map[string]bool{}
	for _, h := range hs {
		want += max(1, len(h.Edges.Students))
		numbers[h.Number] = true
	}
	all := e.db.Household.Query().CountX(authz.System(ctx))
	// Without a place, her ledger is her county's: her families live anywhere in it.
	data := checkLayout(t, e.xlsx(teacher, "/exports/village-ledger.xlsx"), []string{"村台账", "范围：涿州市"})
	if len(data) != want || len(hs) >= all {
		t.Errorf("%d rows, want %d (of %d households)", len(data), want, all)
	}
	for _, n := range col(data, 2) {
		if !numbers[n] {
			t.Errorf("household %s is not hers", n)
		}
	}
	// Her school ledger is her school's students she may read.
	ss := e.db.Student.Query().Where(student.SchoolID(v.Positions[0].OrgID)).CountX(ctx)
	data = checkLayout(t, e.xlsx(teacher, "/exports/school-ledger.xlsx"), []string{"学籍台账", "松林店镇中心校"}, "学校", "学段")
	if len(data) != ss {
		t.Errorf("school ledger: %d rows, want %d", len(data), ss)
	}
	e.refused(teacher, "/exports/auditlog.xlsx", http.StatusForbidden)
}

// scope: a place outside the viewer's scope is refused in words.
func (e *env) scope(t *testing.T) {
	if msg := e.refused(countyAid, "/exports/village-ledger.xlsx?division="+fixture.Zhengding, 403); msg != "无权导出正定县的名单" {
		t.Errorf("message %q", msg)
	}
	zd := e.w.Org(t, "正定镇中学")
	e.refused(principal, "/exports/school-ledger.xlsx?school="+itoa(zd.ID), 403)
	e.refused(teacher, "/exports/gaps.xlsx?gap=households&division="+fixture.Zhengding, 403)
	e.refused(teacher, "/exports/coverage.xlsx?division="+fixture.Zhuozhou, 403)
	if status, _ := e.get(principal, "/exports/nothing.xlsx"); status != 404 {
		t.Errorf("unknown kind: %d", status)
	}
}

// params: bad parameters are refused with 400 naming them.
func (e *env) params(t *testing.T) {
	for path, want := range map[string]string{
		"/exports/village-ledger.xlsx?division=1306":                 "参数 division（区划）：应为 12 位区划代码",
		"/exports/village-ledger.xlsx?division=139999000000":         "参数 division（区划）：未找到区划 139999000000",
		"/exports/overdue.xlsx?month=2026-13":                        "参数 month（月份）：应为 YYYY-MM",
		"/exports/overdue.xlsx?month=2999-01":                        "参数 month（月份）：不能晚于本月",
		"/exports/gaps.xlsx?gap=people":                              "参数 gap（缺口）：应为 villages、households 或 students",
		"/exports/unsigned.xlsx?term=明年":                             "参数 term（学年学期）：应为学年或学期",
		"/exports/auditlog.xlsx?from=2026/1/1":                       "参数 from（起始日期）：应为 YYYY-MM-DD",
		"/exports/auditlog.xlsx?action=DELETE":                       "参数 action（操作）：应为",
		"/exports/village-ledger.xlsx?month=2026-01":                 "参数 month：村台账不接受此参数",
		"/exports/village-archive.xlsx?division=" + fixture.Zhuozhou: "参数 division（区划）：村档案按村或乡镇导出",
		"/exports/village-ledger.xlsx?reveal=yes":                    "参数 reveal（显示完整身份证号）：应为 1 或 0",
	} {
		if msg := e.refused(countyAid, path, 400); !strings.HasPrefix(msg, want) {
			t.Errorf("%s: %q, want %q", path, msg, want)
		}
	}
}

// kinds: every kind reads back with its title and header, scoped rows.
func (e *env) kinds(t *testing.T) {
	sys := authz.System(context.Background())
	c := e.db.Client
	school := e.w.Org(t, "松林店镇中心校")
	data := checkLayout(t, e.xlsx(countyAid, "/exports/school-ledger.xlsx?school="+itoa(school.ID)), []string{"学籍台账", "松林店镇中心校"}, "学校", "学段", "年级", "班级", "姓名")
	if n := c.Student.Query().Where(student.SchoolID(school.ID)).CountX(sys); len(data) != n {
		t.Errorf("school ledger %d rows, want %d", len(data), n)
	}
	data = checkLayout(t, e.xlsx(countyAid, "/exports/school-ledger.xlsx"), []string{"学籍台账", "涿州市"})
	// The 正定 student enrolled in a 涿州 school is in 涿州's school ledger.
	if !slices.Contains(col(data, 4), "跨县生") || slices.Contains(col(data, 4), "留县生") {
		t.Error("school ledger goes by school of enrollment")
	}
	data = checkLayout(t, e.xlsx(countyAid, "/exports/village-archive.xlsx?division="+fixture.Songlindian), []string{"村档案", "松林店镇"}, "乡镇", "村", "包村责任人")
	villages := map[string]bool{}
	for _, v := range col(data, 1) {
		villages[v] = true
	}
	if len(villages) < 2 || len(data) == 0 {
		t.Errorf("archive villages %v", villages)
	}
	for gap, head := range map[string]string{"villages": "区划代码", "households": "户编号", "students": "姓名"} {
		data = checkLayout(t, e.xlsx(countyAid, "/exports/gaps.xlsx?gap="+gap+"&division="+fixture.Zhuozhou), []string{"缺口名单", "未"})
		if !slices.Contains(rows(t, e.xlsx(countyAid, "/exports/gaps.xlsx?gap="+gap))[1], head) {
			t.Errorf("gap %s header", gap)
		}
		_ = data
	}
	ungu := c.Household.Query().Where(household.VillageCodeHasPrefix("130681"), household.StatusIn(household.StatusNotLifted, household.StatusLifted),
		household.GuarantorIDIsNil()).CountX(sys)
	if data = checkLayout(t, e.xlsx(countyAid, "/exports/gaps.xlsx?gap=households"), nil); len(data) != ungu {
		t.Errorf("household gaps %d, want %d", len(data), ungu)
	}
	data = checkLayout(t, e.xlsx(countyAid, "/exports/overdue.xlsx"), []string{"未联系家庭", "未联系"}, "乡镇", "村", "户编号", "户主姓名", "户类别", "联系电话", "最近联系", "包户责任人", "责任人电话")
	for _, r := range data {
		if len(r) > 6 && r[6] != "从未联系" && r[6] >= time.Now().Format("2006-01")+"-01" {
			t.Errorf("contacted this month: %v", r)
		}
	}
	checkLayout(t, e.xlsx(countyAid, "/exports/unsigned.xlsx"), []string{"未签责任书"}, "责任书", "应签人", "职务", "单位", "电话", "下发单位", "下发日期", "已等待天数")
	data = checkLayout(t, e.xlsx(countyAid, "/exports/coverage.xlsx?division="+fixture.Zhuozhou), []string{"三包覆盖情况"}, "区划", "村数", "已包村", "包村率（%）")
	last := data[len(data)-1]
	if last[0] != "合计" {
		t.Errorf("last row %v", last)
	}
	checkLayout(t, e.xlsx(principal, "/exports/coverage.xlsx"), []string{"三包覆盖情况", "松林店镇中心校"}, "班级")
	data = checkLayout(t, e.xlsx(countyAid, "/exports/auditlog.xlsx?action=EXPORT"), []string{"审计日志", "导出"}, "时间", "操作", "操作人")
	if len(data) == 0 || data[0][1] != "导出" {
		t.Errorf("audit log: %v", data)
	}
	// Filtered as on the audit screen: by the actor's name and the list's name.
	all := len(data)
	data = checkLayout(t, e.xlsx(countyAid, "/exports/auditlog.xlsx?action=EXPORT&person="+url.QueryEscape("李")+"&target="+url.QueryEscape("三包覆盖")), nil)
	if len(data) == 0 || len(data) >= all {
		t.Errorf("filtered audit log: %d of %d rows", len(data), all)
	}
	if rows := checkLayout(t, e.xlsx(countyAid, "/exports/auditlog.xlsx?person="+url.QueryEscape("无此人")), nil); len(rows) != 0 {
		t.Errorf("nobody's audit log: %v", rows)
	}
}

// reveal: full ID numbers only for who may reveal them over the place.
func (e *env) reveal(t *testing.T) {
	school := e.w.Org(t, "松林店镇中心校")
	s := e.db.Student.Query().Where(student.SchoolID(school.ID)).Order(student.ByID()).FirstX(authz.System(context.Background()))
	data := checkLayout(t, e.xlsx(countyAid, "/exports/school-ledger.xlsx?reveal=1&school="+itoa(school.ID)), nil)
	if !slices.Contains(col(data, 6), s.IDNumber) {
		t.Errorf("no full ID number %s", s.IDNumber)
	}
	l := e.db.AuditLog.Query().Order(ent.Desc(auditlog.FieldID)).FirstX(authz.System(context.Background()))
	if !strings.Contains(l.Subject, "含完整身份证号") || l.SchoolID != school.ID {
		t.Errorf("audit %+v", l)
	}
	e.refused(principal, "/exports/school-ledger.xlsx?reveal=1&division="+fixture.Zhuozhou, 403)
	e.refused(teacher, "/exports/school-ledger.xlsx?reveal=1", 403)
}

// formula: a name a spreadsheet would take for a formula comes back as text.
func (e *env) formula(t *testing.T) {
	sys := authz.System(context.Background())
	h := e.db.Household.Query().Where(household.VillageCodeHasPrefix("130681")).Order(household.ByID()).FirstX(sys)
	e.db.Household.UpdateOne(h).SetHeadName("=HYPERLINK(\"http://x\",\"y\")").ExecX(sys)
	f := e.xlsx(countyAid, "/exports/village-ledger.xlsx?division="+h.VillageCode)
	rs := rows(t, f)
	for i, r := range rs {
		if len(r) > 3 && r[2] == h.Number {
			cell, _ := excelize.CoordinatesToCellName(4, i+1)
			v, _ := f.GetCellValue("Sheet1", cell)
			formula, _ := f.GetCellFormula("Sheet1", cell)
			if v != "=HYPERLINK(\"http://x\",\"y\")" || formula != "" {
				t.Errorf("cell %s: %q formula %q", cell, v, formula)
			}
			return
		}
	}
	t.Fatalf("household %s not exported", h.Number)
}

func itoa(n int) string { return strconv.Itoa(n) }
