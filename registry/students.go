package registry

import (
	"context"
	"time"

	"sanbao/authz"
	"sanbao/coverage"
	"sanbao/ent"
	"sanbao/ent/household"
	"sanbao/ent/org"
	"sanbao/ent/student"
	"sanbao/idcard"
	"sanbao/importjob"
	"sanbao/sheet"
	"sanbao/stage"
)

// Students imports students (学生) by 身份证号, each into a household already
// in sanbao (by 户编号). County bureaus create and update; a school's
// leaders update the enrollment (学段, 年级, 班级, 在读状态, 寄宿) of their
// own students.
var Students importjob.Kind = students{}

var studentColumns = sheet.NewColumns(
	sheet.Column{Name: "姓名", Aliases: []string{"学生姓名"}, Required: true, MaxLen: 64},
	sheet.Column{Name: "身份证号", Aliases: []string{"身份证号码", "证件号码", "学生身份证号", "公民身份号码"}, Required: true, MaxLen: 18, Text: true, Width: 22,
		Note: "18位；请把本列设为文本格式，以免 Excel 把它变成科学计数法"},
	sheet.Column{Name: "户编号", Aliases: []string{"户号", "家庭户编号"}, Required: true, MaxLen: 32, Text: true, Width: 16, Note: "须先导入户信息"},
	sheet.Column{Name: "学段", Required: true, MaxLen: 4, Note: "学前、小学、初中、高中、中职、高校"},
	sheet.Column{Name: "年级", MaxLen: 4, Note: "1到12"},
	sheet.Column{Name: "班级", MaxLen: 32},
	sheet.Column{Name: "学籍学校", Aliases: []string{"就读学校", "学校", "学校名称"}, MaxLen: 100, Width: 24, Note: "系统中的学校全称；县外就读的留空"},
	sheet.Column{Name: "县外就读学校", Aliases: []string{"县外学校", "外县就读学校"}, MaxLen: 100, Width: 24},
	sheet.Column{Name: "在读状态", Aliases: []string{"就读状态", "学籍状态"}, MaxLen: 6, Note: "在读、辍学、疑似辍学、休学、毕业、未入学；新学生留空为在读"},
	sheet.Column{Name: "寄宿", Aliases: []string{"是否寄宿"}, MaxLen: 4, Note: "是 或 否"},
	sheet.Column{Name: "残疾", Aliases: []string{"是否残疾"}, MaxLen: 4, Note: "是 或 否"},
	sheet.Column{Name: "留守儿童", Aliases: []string{"是否留守儿童"}, MaxLen: 4, Note: "是 或 否"},
	sheet.Column{Name: "随迁子女", Aliases: []string{"是否随迁子女"}, MaxLen: 4, Note: "是 或 否"},
	sheet.Column{Name: "少数民族", Aliases: []string{"是否少数民族"}, MaxLen: 4, Note: "是 或 否"},
)

var studentFlags = []string{"寄宿", "残疾", "留守儿童", "随迁子女", "少数民族"}

type students struct{}

func (students) Name() string            { return "students" }
func (students) Label() string           { return "学生信息" }
func (students) Columns() *sheet.Columns { return studentColumns }
func (students) Allowed(v *authz.Viewer) bool {
	return v != nil && (v.Can(authz.ObjStudent, authz.ActWrite) || v.Can(authz.ObjStudent, authz.ActWriteEnrollment))
}

// studentRow is one checked row.
type studentRow struct {
	info        idcard.Info
	name        string
	householdID int
	villageCode string
	stage       student.Stage
	grade       int // 0: keep
	className   string
	schoolID    *int
	outside     string
	status      student.EnrollmentStatus // "": keep (在读 when new)
	flags       map[string]bool
}

type studentBatch struct {
	rows  []studentRow
	known map[string]int // ID numbers in sanbao at check time
	has   map[string]bool
}

// lookups are what the rows refer to, found in bulk.
type studentLookups struct {
	households map[string]*ent.Household // by number, within the importer's read scope
	schools    map[string][]*ent.Org     // by name
	existing   map[string]*ent.Student   // by ID number, anywhere
	writable   map[int]bool              // existing students the importer may change
}

func (students) Check(ctx context.Context, c *ent.Client, rows []*sheet.Row, progress func(int)) (importjob.Batch, error) {
	v := authz.FromContext(ctx)
	full := v.Scope(authz.ObjStudent, authz.ActWrite)
	now := time.Now()
	infos := make([]idcard.Info, len(rows))
	parseErr := make([]error, len(rows))
	var numbers []string
	for i, r := range rows {
		infos[i], parseErr[i] = idcard.Parse(r.Get("身份证号"), now)
		numbers = append(numbers, infos[i].Number)
	}
	l, err := lookupStudents(ctx, c, v, rows, numbers)
	if err != nil {
		return nil, err
	}
	b := &studentBatch{known: map[string]int{}, has: map[string]bool{}}
	for n, s := range l.existing {
		b.known[n] = s.ID
	}
	if len(rows) > 0 {
		for _, col := range append([]string{"年级", "班级", "学籍学校", "县外就读学校", "在读状态"}, studentFlags...) {
			b.has[col] = rows[0].Has(col)
		}
	}
	seen := map[string]int{}
	for i, r := range rows {
		progressEvery(progress, i)
		s := studentRow{info: infos[i], name: r.Required("姓名"), className: r.Get("班级"), outside: r.Get("县外就读学校"),
			flags: map[string]bool{}}
		switch {
		case r.Bad("身份证号"):
		case r.Get("身份证号") == "":
			r.Required("身份证号")
		case parseErr[i] != nil:
			r.Fail("身份证号", "%s", parseErr[i])
		case seen[s.info.Number] > 0:
			r.Fail("身份证号", "与第%d行重复", seen[s.info.Number])
		default:
			seen[s.info.Number] = r.Line
		}
		num := r.Required("户编号")
		h := l.households[num]
		if h == nil && num != "" {
			r.Fail("户编号", "未找到户编号 %s（请先导入户信息）", num)
		}
		s.stage = stages[r.OneOf("学段", true, stageNames...)]
		s.grade = r.Int("年级", 1, 12)
		switch name := r.Get("学籍学校"); {
		case name != "" && s.outside != "":
			r.Fail("县外就读学校", "填了学籍学校时不填县外就读学校")
		case name != "" && len(l.schools[name]) == 0:
			r.Fail("学籍学校", "未找到学校“%s”（请填系统中的学校全称）", name)
		case name != "" && len(l.schools[name]) > 1:
			r.Fail("学籍学校", "有多所学校名为“%s”", name)
		case name != "":
			s.schoolID = &l.schools[name][0].ID
		}
		if st := r.OneOf("在读状态", false, enrollmentNames...); st != "" {
			s.status = enrollment[st]
		}
		for _, f := range studentFlags {
			s.flags[f] = r.Flag(f)
		}
		// The same plausibility rule as every other writer (the Student hook,
		// which bulk writes do not pass through).
		if parseErr[i] == nil && s.stage != "" {
			st := s.status
			if cur := l.existing[s.info.Number]; st == "" && cur != nil {
				st = cur.EnrollmentStatus
			}
			if err := stage.CheckAge(s.stage, st, s.info.Birth, now); err != nil {
				r.Fail("学段", "%s", err)
			}
		}
		if !r.OK() {
			continue
		}
		s.householdID, s.villageCode = h.ID, h.VillageCode
		cur := l.existing[s.info.Number]
		switch {
		case cur != nil && !l.writable[cur.ID]:
			r.Fail("身份证号", "该学生已在您管理范围以外登记")
		case full == nil:
			enrollmentOnly(r, cur, s, b.has, l)
		case cur == nil || cur.HouseholdID != s.householdID || !samePtr(cur.SchoolID, s.schoolID) && b.has["学籍学校"]:
			// A new or moved student must land inside the scope: by the
			// household's village or by the school.
			school := s.schoolID
			if !b.has["学籍学校"] && cur != nil {
				school = cur.SchoolID
			}
			if !full.HasVillage(s.villageCode) && !inSchool(full, school, l) {
				r.Fail("户编号", "该户（%s）和学籍学校都不在您的管理范围内", num)
			}
		}
		if r.OK() {
			b.rows = append(b.rows, s)
		}
	}
	return b, nil
}

func lookupStudents(ctx context.Context, c *ent.Client, v *authz.Viewer, rows []*sheet.Row, numbers []string) (*studentLookups, error) {
	sys := authz.System(ctx)
	l := &studentLookups{households: map[string]*ent.Household{}, schools: map[string][]*ent.Org{},
		existing: map[string]*ent.Student{}, writable: map[int]bool{}}
	var hnums, names []string
	for _, r := range rows {
		hnums = append(hnums, r.Get("户编号"))
		if s := r.Get("学籍学校"); s != "" {
			names = append(names, s)
		}
	}
	// Households as the importer sees them: one outside their read scope is
	// "not found", as everywhere.
	hs, err := inChunks(hnums, func(ns []string) ([]*ent.Household, error) {
		return c.Household.Query().Where(household.NumberIn(ns...)).
			Select(household.FieldID, household.FieldNumber, household.FieldVillageCode).All(ctx)
	})
	if err != nil {
		return nil, err
	}
	for _, h := range hs {
		l.households[h.Number] = h
	}
	orgs, err := inChunks(names, func(ns []string) ([]*ent.Org, error) {
		return c.Org.Query().Where(org.NameIn(ns...), org.KindEQ(org.KindSchool)).All(sys)
	})
	if err != nil {
		return nil, err
	}
	for _, o := range orgs {
		l.schools[o.Name] = append(l.schools[o.Name], o)
	}
	// ID numbers are unique across sanbao: look everywhere.
	ss, err := inChunks(numbers, func(ns []string) ([]*ent.Student, error) {
		return c.Student.Query().Where(student.IDNumberIn(ns...)).All(sys)
	})
	if err != nil {
		return nil, err
	}
	ids := make([]int, len(ss))
	for i, s := range ss {
		l.existing[s.IDNumber], ids[i] = s, s.ID
	}
	sc := v.Scope(authz.ObjStudent, authz.ActWrite)
	if sc == nil {
		sc = v.Scope(authz.ObjStudent, authz.ActWriteEnrollment)
	}
	writable, err := inChunks(ids, func(is []int) ([]int, error) {
		return c.Student.Query().Where(student.IDIn(is...), authz.StudentPredicate(v, sc)).IDs(sys)
	})
	if err != nil {
		return nil, err
	}
	for _, id := range writable {
		l.writable[id] = true
	}
	return l, nil
}

func inSchool(sc *authz.Scope, school *int, l *studentLookups) bool {
	if school == nil {
		return false
	}
	for _, os := range l.schools {
		for _, o := range os {
			if o.ID == *school {
				return sc.HasSchool(o.ID, o.DivisionCode)
			}
		}
	}
	return false
}

func samePtr(a, b *int) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }

// enrollmentOnly checks a school leader's row: an existing student of theirs
// whose other particulars are as stored.
func enrollmentOnly(r *sheet.Row, cur *ent.Student, s studentRow, has map[string]bool, l *studentLookups) {
	if cur == nil {
		r.Fail("身份证号", "学校只能更新本校已有学生的学籍信息，新增学生请由县资助中心导入")
		return
	}
	const why = "学校只能修改学段、年级、班级、在读状态、寄宿"
	if s.name != cur.Name {
		r.Fail("姓名", "%s，不能修改姓名", why)
	}
	if s.householdID != cur.HouseholdID {
		r.Fail("户编号", "%s，不能修改所属户", why)
	}
	if has["学籍学校"] && !samePtr(s.schoolID, cur.SchoolID) || has["县外就读学校"] && s.outside != cur.OutsideSchoolName {
		r.Fail("学籍学校", "%s，不能修改学校", why)
	}
	stored := map[string]bool{"残疾": cur.Disabled, "留守儿童": cur.LeftBehind, "随迁子女": cur.Migrant, "少数民族": cur.EthnicMinority}
	for f, v := range stored {
		if has[f] && s.flags[f] != v {
			r.Fail(f, "%s，不能修改此项", why)
		}
	}
}

var studentCols = []string{"name", "id_number", "gender", "birth_date", "village_code", "stage", "grade", "class_name",
	"outside_school_name", "enrollment_status", "boarding", "disabled", "left_behind", "migrant", "ethnic_minority",
	"last_contact_on", "household_id", "school_id", "outside_division_id", "contact_person_id", "created_at", "updated_at"}

func (b *studentBatch) Store(ctx context.Context, c *ent.Client) (importjob.Counts, error) {
	sys := coverage.Deferred(authz.System(ctx))
	numbers := make([]string, len(b.rows))
	hids := make([]int, len(b.rows))
	for i, s := range b.rows {
		numbers[i], hids[i] = s.info.Number, s.householdID
	}
	current, err := inChunks(numbers, func(ns []string) ([]*ent.Student, error) {
		return c.Student.Query().Where(student.IDNumberIn(ns...)).All(sys)
	})
	if err != nil {
		return importjob.Counts{}, err
	}
	byNumber := map[string]*ent.Student{}
	for _, s := range current {
		if b.known[s.IDNumber] != s.ID {
			return importjob.Counts{}, changed("学生", 1)
		}
		byNumber[s.IDNumber] = s
	}
	if len(current) != len(b.known) {
		return importjob.Counts{}, changed("学生", len(b.known)-len(current))
	}
	// The households' villages as they are now.
	hs, err := inChunks(hids, func(is []int) ([]*ent.Household, error) {
		return c.Household.Query().Where(household.IDIn(is...)).Select(household.FieldID, household.FieldVillageCode).All(sys)
	})
	if err != nil {
		return importjob.Counts{}, err
	}
	village := map[int]string{}
	for _, h := range hs {
		village[h.ID] = h.VillageCode
	}
	now := time.Now()
	var inserts, updates [][]any
	var touched []string
	statusChanges := map[student.EnrollmentStatus][]int{}
	for _, s := range b.rows {
		code, ok := village[s.householdID]
		if !ok {
			return importjob.Counts{}, changed("户", 1)
		}
		cur := byNumber[s.info.Number]
		if cur == nil {
			status := s.status
			if status == "" {
				status = student.EnrollmentStatusEnrolled
			}
			cur = &ent.Student{IDNumber: s.info.Number, Gender: student.Gender(s.info.Gender), BirthDate: s.info.Birth,
				EnrollmentStatus: status, CreatedAt: now}
		} else {
			if s.status != "" && s.status != cur.EnrollmentStatus {
				// Through ent, so that graduating ends the student's assignment.
				statusChanges[s.status] = append(statusChanges[s.status], cur.ID)
			}
			if s.status != "" && s.status != cur.EnrollmentStatus || code != cur.VillageCode {
				touched = append(touched, cur.VillageCode, code)
			}
		}
		m := merge(cur, s, b.has, code)
		row := []any{m.Name, m.IDNumber, string(m.Gender), m.BirthDate, m.VillageCode, string(m.Stage), m.Grade, m.ClassName,
			m.OutsideSchoolName, string(m.EnrollmentStatus), m.Boarding, m.Disabled, m.LeftBehind, m.Migrant, m.EthnicMinority,
			m.LastContactOn, m.HouseholdID, m.SchoolID, m.OutsideDivisionID, m.ContactPersonID, m.CreatedAt, now}
		switch {
		case cur.ID == 0:
			inserts = append(inserts, row)
			touched = append(touched, code)
		case !sameStudent(&m, cur):
			updates = append(updates, append([]any{cur.ID}, row...))
		}
	}
	if err := importjob.Insert(sys, c, student.Table, studentCols, inserts, ""); err != nil {
		return importjob.Counts{}, err
	}
	if err := importjob.Insert(sys, c, student.Table, append([]string{"id"}, studentCols...), updates,
		importjob.UpdateByID("name", "village_code", "stage", "grade", "class_name", "outside_school_name", "boarding", "disabled",
			"left_behind", "migrant", "ethnic_minority", "household_id", "school_id", "outside_division_id", "updated_at")); err != nil {
		return importjob.Counts{}, err
	}
	for status, ids := range statusChanges {
		for _, chunk := range importjob.Chunks(ids, 1000) {
			if err := c.Student.Update().Where(student.IDIn(chunk...)).SetEnrollmentStatus(status).Exec(sys); err != nil {
				return importjob.Counts{}, err
			}
		}
	}
	if err := coverage.Recount(sys, c, touched); err != nil {
		return importjob.Counts{}, err
	}
	return importjob.Counts{Created: len(inserts), Updated: len(b.rows) - len(inserts)}, nil
}

// sameStudent says the upsert would change nothing of a stored student.
func sameStudent(m, cur *ent.Student) bool {
	return m.Name == cur.Name && m.VillageCode == cur.VillageCode && m.Stage == cur.Stage && samePtr(m.Grade, cur.Grade) &&
		m.ClassName == cur.ClassName && m.OutsideSchoolName == cur.OutsideSchoolName && m.Boarding == cur.Boarding &&
		m.Disabled == cur.Disabled && m.LeftBehind == cur.LeftBehind && m.Migrant == cur.Migrant && m.EthnicMinority == cur.EthnicMinority &&
		m.HouseholdID == cur.HouseholdID && samePtr(m.SchoolID, cur.SchoolID) && samePtr(m.OutsideDivisionID, cur.OutsideDivisionID)
}

// merge lays the file's row over a stored (or new) student, keeping what
// the file leaves out. As the student hooks do for single writes, the
// village follows the household, and a school in sanbao and one outside
// the county exclude each other.
func merge(cur *ent.Student, s studentRow, has map[string]bool, village string) ent.Student {
	m := *cur
	m.Name, m.HouseholdID, m.VillageCode, m.Stage = s.name, s.householdID, village, s.stage
	if s.grade > 0 {
		m.Grade = &s.grade
	}
	if has["班级"] {
		m.ClassName = s.className
	}
	if has["学籍学校"] || has["县外就读学校"] {
		m.SchoolID, m.OutsideSchoolName = s.schoolID, s.outside
		if s.schoolID != nil {
			m.OutsideDivisionID = nil
		}
	}
	for f, p := range map[string]*bool{"寄宿": &m.Boarding, "残疾": &m.Disabled, "留守儿童": &m.LeftBehind, "随迁子女": &m.Migrant, "少数民族": &m.EthnicMinority} {
		if has[f] {
			*p = s.flags[f]
		}
	}
	return m
}
