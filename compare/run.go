package compare

import (
	"context"
	"fmt"
	"strings"
	"time"

	"sanbao/authz"
	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/compareresult"
	"sanbao/ent/deptlist"
	"sanbao/ent/deptlistrow"
	"sanbao/ent/household"
	"sanbao/ent/org"
	"sanbao/ent/student"
	"sanbao/importjob"
)

// chunk is how many rows each side reads at a time: memory holds a chunk of
// each side, not the county. Each chunk is one keyset query in ID-number
// order; fewer, larger chunks mean fewer sorts where the database sorts the
// scope's rows rather than walk the ID index. flush is how many results are
// written per multi-row INSERT round.
const (
	chunk = 25_000 // the eager household load binds one parameter per student: SQLite takes 32,766
	flush = 5000
)

// Run compares list version listID with the county's students and stores
// the run with one result per person, through c (a transaction's client).
// The list is read through the viewer's scope (a list out of scope is not
// found); the run is created through ent, whose rule checks the county.
func Run(ctx context.Context, c *ent.Client, listID int, yearEnd bool) (*ent.CompareRun, error) {
	v := authz.FromContext(ctx)
	if v == nil || v.PersonID == 0 {
		return nil, authz.ErrDenied
	}
	start := time.Now()
	l, err := c.DeptList.Get(ctx, listID)
	if err != nil {
		return nil, err
	}
	run, err := c.CompareRun.Create().SetListID(l.ID).SetDivisionCode(l.DivisionCode).SetRunByID(v.PersonID).
		SetYearEnd(yearEnd).Save(ctx)
	if err != nil {
		return nil, err
	}
	m, err := newMerger(ctx, c, l, run.ID)
	if err != nil {
		return nil, err
	}
	if err := m.merge(ctx); err != nil {
		return nil, err
	}
	// The run's own totals, written as the system: runs are otherwise never
	// changed.
	return run.Update().SetCounts(m.counts).SetTotal(m.total).
		SetDurationMs(int(time.Since(start).Milliseconds())).Save(authz.System(ctx))
}

// sanbaoStudent is what the merge needs of a student and their household.
type sanbaoStudent struct {
	id                  int
	number, name, birth string
	village             string
	schoolID            *int
	outside             string
	enrollment          student.EnrollmentStatus
	disabled            bool
	hh                  *ent.Household
}

type merger struct {
	c       *ent.Client
	list    *ent.DeptList
	runID   int
	cutoff  time.Time
	county  divcode.Range
	schools map[int]string // the county's schools by ID
	results [][]any
	counts  map[string]int
	total   int
	// Unmatched people of either side, by name and birth date, held to the
	// end for the possible-typo pass.
	listOnly   map[string][]pending
	sanbaoOnly map[string][]pending
}

// pending is an unmatched person waiting for the typo pass: their result
// row, not yet written, and (for sanbao) whether they belong to the
// comparison at all.
type pending struct {
	row      []any
	number   string
	student  *int
	relevant bool
}

func newMerger(ctx context.Context, c *ent.Client, l *ent.DeptList, runID int) (*merger, error) {
	m := &merger{c: c, list: l, runID: runID, cutoff: Cutoff(l.UploadedAt), county: divcode.SubtreeOf(l.DivisionCode),
		schools: map[int]string{}, counts: map[string]int{}, listOnly: map[string][]pending{}, sanbaoOnly: map[string][]pending{}}
	os, err := c.Org.Query().Where(org.DivisionCodeGTE(m.county.Lo), org.DivisionCodeLTE(m.county.Hi)).
		Select(org.FieldID, org.FieldName).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, o := range os {
		m.schools[o.ID] = o.Name
	}
	return m, nil
}

// listStream reads the list's rows in ID-number order, a chunk at a time.
func (m *merger) listStream(ctx context.Context) func() (*ent.DeptListRow, error) {
	var buf []*ent.DeptListRow
	last, done := "", false
	return func() (*ent.DeptListRow, error) {
		if len(buf) == 0 && !done {
			var err error
			buf, err = m.c.DeptListRow.Query().Where(deptlistrow.ListID(m.list.ID), deptlistrow.IDNumberGT(last)).
				Order(deptlistrow.ByIDNumber()).Limit(chunk).All(ctx)
			if err != nil {
				return nil, err
			}
			done = len(buf) < chunk
			if len(buf) > 0 {
				last = buf[len(buf)-1].IDNumber
			}
		}
		if len(buf) == 0 {
			return nil, nil
		}
		r := buf[0]
		buf = buf[1:]
		return r, nil
	}
}

// studentStream reads the county's students (registered in its villages or
// enrolled in its schools) in ID-number order, within the viewer's scope.
func (m *merger) studentStream(ctx context.Context) func() (*sanbaoStudent, error) {
	ids := make([]int, 0, len(m.schools))
	for id := range m.schools {
		ids = append(ids, id)
	}
	where := student.Or(student.And(student.VillageCodeGTE(m.county.Lo), student.VillageCodeLTE(m.county.Hi)), student.SchoolIDIn(ids...))
	var buf []*ent.Student
	last, done := "", false
	return func() (*sanbaoStudent, error) {
		if len(buf) == 0 && !done {
			var err error
			buf, err = m.c.Student.Query().Where(where, student.IDNumberGT(last)).Order(student.ByIDNumber()).Limit(chunk).
				Select(student.FieldIDNumber, student.FieldName, student.FieldBirthDate, student.FieldVillageCode, student.FieldSchoolID,
					student.FieldOutsideSchoolName, student.FieldEnrollmentStatus, student.FieldDisabled, student.FieldHouseholdID).
				WithHousehold(func(q *ent.HouseholdQuery) {
					q.Select(household.FieldNumber, household.FieldStatus, household.FieldDibao, household.FieldTekun,
						household.FieldDisabled, household.FieldVillageCode, household.FieldUpdatedAt)
				}).All(ctx)
			if err != nil {
				return nil, err
			}
			done = len(buf) < chunk
			if len(buf) > 0 {
				last = buf[len(buf)-1].IDNumber
			}
		}
		if len(buf) == 0 {
			return nil, nil
		}
		s := buf[0]
		buf = buf[1:]
		hh := s.Edges.Household
		if hh == nil {
			hh = &ent.Household{} // out of the viewer's household scope: nothing known of it
		}
		return &sanbaoStudent{id: s.ID, number: s.IDNumber, name: s.Name, birth: s.BirthDate.Format(time.DateOnly),
			village: s.VillageCode, schoolID: s.SchoolID, outside: s.OutsideSchoolName, enrollment: s.EnrollmentStatus,
			disabled: s.Disabled, hh: hh}, nil
	}
}

// merge walks both sides in ID-number order.
func (m *merger) merge(ctx context.Context) error {
	nextRow, nextStudent := m.listStream(ctx), m.studentStream(ctx)
	r, err := nextRow()
	if err != nil {
		return err
	}
	s, err := nextStudent()
	if err != nil {
		return err
	}
	for r != nil || s != nil {
		switch {
		case s == nil || r != nil && r.IDNumber < s.number:
			m.onlyList(r)
			r, err = nextRow()
		case r == nil || s.number < r.IDNumber:
			m.onlySanbao(s)
			s, err = nextStudent()
		default:
			m.both(r, s)
			if r, err = nextRow(); err == nil {
				s, err = nextStudent()
			}
		}
		if err != nil {
			return err
		}
		if len(m.results) >= flush {
			if err := m.flush(ctx); err != nil {
				return err
			}
		}
	}
	m.typos()
	return m.flush(ctx)
}

func (m *merger) add(row []any) {
	m.results = append(m.results, row)
	m.counts[row[2].(string)]++
	m.total++
}

func (m *merger) flush(ctx context.Context) error {
	err := importjob.Insert(authz.System(ctx), m.c, compareresult.Table, resultCols, m.results, "")
	m.results = m.results[:0]
	return err
}

var resultCols = []string{"run_id", "division_code", "class", "id_number", "other_id_number", "list_name", "sanbao_name",
	"village_code", "list_row_id", "student_id", "school_id", "detail"}

func (m *merger) result(class Class, number, listName, sanbaoName, village string, rowID, studentID, schoolID *int, detail string) []any {
	return []any{m.runID, m.list.DivisionCode, string(class), number, "", listName, sanbaoName, village,
		ptr(rowID), ptr(studentID), ptr(schoolID), detail}
}

func ptr(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

func key(name, birth string) string { return name + "|" + birth }

// schoolAge says whether someone born on birth (YYYY-MM-DD) is of
// compulsory-education age on the cut-off date.
func (m *merger) schoolAge(birth string) bool {
	b, err := time.Parse(time.DateOnly, birth)
	if err != nil {
		return false
	}
	age := m.cutoff.Year() - b.Year()
	if m.cutoff.YearDay() < b.YearDay() {
		age--
	}
	return age >= schoolAgeMin && age <= schoolAgeMax
}

// onlyList: on the list, not among the county's students.
func (m *merger) onlyList(r *ent.DeptListRow) {
	class, detail := compareresult.ClassListOnly, "三包系统中没有此身份证号"
	if m.list.Department != deptlist.DepartmentEnrollment && m.schoolAge(r.BirthDate) {
		class, detail = compareresult.ClassNotInSchool, "义务教育适龄，三包系统中无此人，未知在何处就读"
	}
	id := r.ID
	row := m.result(class, r.IDNumber, r.Name, "", r.VillageCode, &id, nil, nil, detail)
	k := key(r.Name, r.BirthDate)
	m.listOnly[k] = append(m.listOnly[k], pending{row: row, number: r.IDNumber})
}

// onlySanbao: a county student the list does not have. Only those the list
// should have (its department's people) are a finding; the others wait for
// the typo pass and are otherwise no part of this comparison.
func (m *merger) onlySanbao(s *sanbaoStudent) {
	relevant, detail := false, ""
	switch m.list.Department {
	case deptlist.DepartmentPoverty:
		relevant = registered(s.hh.Status)
		detail = "三包系统为建档立卡户学生，扶贫名单中没有（可能已不是建档立卡户）"
	case deptlist.DepartmentDibao:
		relevant, detail = s.hh.Dibao, "三包系统标记为低保户，低保名单中没有"
	case deptlist.DepartmentTekun:
		relevant, detail = s.hh.Tekun, "三包系统标记为特困供养，特困名单中没有"
	case deptlist.DepartmentDisabled:
		relevant, detail = s.disabled, "三包系统标记为残疾，残联名单中没有"
	case deptlist.DepartmentEnrollment:
		_, own := m.schools[intOr(s.schoolID)]
		relevant = own && s.enrollment == student.EnrollmentStatusEnrolled
		detail = "三包系统为本县学校在读，学籍名册中没有（可能已转学或辍学）"
	}
	id := s.id
	row := m.result(compareresult.ClassSanbaoOnly, s.number, "", s.name, s.village, nil, &id, s.schoolID, detail)
	k := key(s.name, s.birth)
	m.sanbaoOnly[k] = append(m.sanbaoOnly[k], pending{row: row, number: s.number, student: &id, relevant: relevant})
}

func intOr(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

func registered(s household.Status) bool {
	return s == household.StatusNotLifted || s == household.StatusLifted
}

// typos pairs unmatched people of both sides with the same name and birth
// date (a mistyped ID number on one side), then writes the rest.
func (m *merger) typos() {
	for k, ls := range m.listOnly {
		ss := m.sanbaoOnly[k]
		for i := range ls {
			if i >= len(ss) {
				m.add(ls[i].row)
				continue
			}
			row := ls[i].row
			row[2] = string(compareresult.ClassPossibleTypo)
			row[4] = ss[i].number
			row[6] = ss[i].row[6]
			row[9] = *ss[i].student
			row[10] = ss[i].row[10]
			row[11] = "姓名和出生日期相同，身份证号不同，请核对哪一方录入有误"
			m.add(row)
		}
		if len(ss) > len(ls) {
			m.sanbaoOnly[k] = ss[len(ls):]
		} else {
			delete(m.sanbaoOnly, k)
		}
	}
	for _, ss := range m.sanbaoOnly {
		for _, p := range ss {
			if p.relevant {
				m.add(p.row)
			}
		}
	}
	m.listOnly, m.sanbaoOnly = nil, nil
}

// both: the same ID number on both sides.
func (m *merger) both(r *ent.DeptListRow, s *sanbaoStudent) {
	var diffs []string
	newer := "三包较新"
	if m.list.UploadedAt.After(s.hh.UpdatedAt) {
		newer = "名单较新"
	}
	differ := func(what, list, sanbao string) {
		diffs = append(diffs, fmt.Sprintf("%s：名单“%s”，三包“%s”（%s）", what, list, sanbao, newer))
	}
	notInSchool := false
	switch m.list.Department {
	case deptlist.DepartmentPoverty:
		switch {
		case !registered(s.hh.Status):
			differ("户类型", "建档立卡户", statusLabels[s.hh.Status])
		case strings.Contains(r.Status, "未脱贫") && s.hh.Status == household.StatusLifted,
			!strings.Contains(r.Status, "未") && strings.Contains(r.Status, "脱贫") && s.hh.Status == household.StatusNotLifted:
			differ("脱贫状态", r.Status, statusLabels[s.hh.Status])
		}
		if r.HouseholdNumber != "" && s.hh.Number != "" && r.HouseholdNumber != s.hh.Number {
			differ("户编号", r.HouseholdNumber, s.hh.Number)
		}
	case deptlist.DepartmentDibao:
		if !s.hh.Dibao {
			differ("低保", "是", "否")
		}
	case deptlist.DepartmentTekun:
		if !s.hh.Tekun {
			differ("特困供养", "是", "否")
		}
	case deptlist.DepartmentDisabled:
		if !s.disabled && !s.hh.Disabled {
			differ("残疾", "是", "否")
		}
	case deptlist.DepartmentEnrollment:
		if r.Enrollment != "" && r.Enrollment != enrollmentLabels[s.enrollment] {
			differ("在读状态", r.Enrollment, enrollmentLabels[s.enrollment])
		}
		if name := m.schoolName(s); r.SchoolName != "" && name != "" && r.SchoolName != name {
			differ("学校", r.SchoolName, name)
		}
	}
	if r.VillageCode != "" && r.VillageCode != s.village {
		differ("所在村", r.VillageCode, s.village)
	}
	if m.list.Department != deptlist.DepartmentEnrollment && m.schoolAge(r.BirthDate) &&
		(s.enrollment != student.EnrollmentStatusEnrolled || s.schoolID == nil && s.outside == "") {
		notInSchool = true
	}
	class := compareresult.ClassMatched
	switch {
	case notInSchool:
		class = compareresult.ClassNotInSchool
		diffs = append([]string{"义务教育适龄，三包系统中为" + enrollmentLabels[s.enrollment] + "、无在读学校"}, diffs...)
	case r.Name != s.name:
		class = compareresult.ClassNameMismatch
		diffs = append([]string{fmt.Sprintf("姓名：名单“%s”，三包“%s”", r.Name, s.name)}, diffs...)
	case len(diffs) > 0:
		class = compareresult.ClassStatusDiff
	}
	rowID, sid := r.ID, s.id
	m.add(m.result(class, r.IDNumber, r.Name, s.name, s.village, &rowID, &sid, s.schoolID, strings.Join(diffs, "；")))
}

func (m *merger) schoolName(s *sanbaoStudent) string {
	if s.schoolID != nil {
		return m.schools[*s.schoolID]
	}
	return s.outside
}

var statusLabels = map[household.Status]string{household.StatusNotLifted: "未脱贫", household.StatusLifted: "已脱贫",
	household.StatusMarginal: "边缘户", household.StatusHardship: "非建档立卡困难户"}

var enrollmentLabels = map[student.EnrollmentStatus]string{student.EnrollmentStatusEnrolled: "在读",
	student.EnrollmentStatusDropout: "辍学", student.EnrollmentStatusSuspectedDropout: "疑似辍学",
	student.EnrollmentStatusSuspended: "休学", student.EnrollmentStatusGraduated: "毕业",
	student.EnrollmentStatusNotEnrolled: "未入学"}
