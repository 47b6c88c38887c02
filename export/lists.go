package export

import (
	"time"

	"sanbao/contactlog"
	"sanbao/coverage"
	"sanbao/ent"
	entagreement "sanbao/ent/agreement"
	"sanbao/ent/contact"
	"sanbao/ent/division"
	"sanbao/ent/household"
	"sanbao/ent/predicate"
	"sanbao/ent/student"
	"sanbao/term"
)

var (
	_ = register(&Kind{Name: "gaps", Label: "缺口名单", school: true, households: true, run: gaps})
	_ = register(&Kind{Name: "overdue", Label: "未联系家庭", school: true, households: true, run: overdue})
	_ = register(&Kind{Name: "unsigned", Label: "未签责任书", school: true, run: unsigned})
)

// gaps are the coverage screen's gap lists: villages without a guarantor
// (包村), registered households without one (包户), students needing a
// contact person without one (包人).
func gaps(j *job) error {
	switch j.q.Get("gap") {
	case "villages":
		return villageGaps(j)
	case "households":
		j.extra = "未包户的建档立卡户"
		if err := j.start(householdCols()...); err != nil {
			return err
		}
		return j.households([]predicate.Household{coverage.Registered(), household.GuarantorIDIsNil()}, j.householdRows(false))
	case "students":
		return studentGaps(j)
	case "":
		return badParam("gap", "请指定 villages、households 或 students")
	}
	return badParam("gap", "应为 villages、households 或 students")
}

func villageGaps(j *job) error {
	if j.place.School != nil {
		return badParam("school", "未包村的村按区划导出，请用 division 参数")
	}
	j.extra = "未包村的村"
	if err := j.start(col("乡镇", 16), col("村", 16), text("区划代码", 14)); err != nil {
		return err
	}
	last := ""
	for {
		q := j.c.Division.Query().Where(division.LevelEQ(division.LevelVillage), division.GuarantorIDIsNil(),
			inRange(division.FieldCode, j.place.Range()), division.CodeGT(last)).Order(division.ByCode()).Limit(Batch)
		vs, err := q.All(j.ctx)
		if err != nil || len(vs) == 0 {
			return err
		}
		var codes []string
		for _, v := range vs {
			codes = append(codes, township(v.Code))
		}
		if err := j.names.loadDivisions(j.ctx, codes...); err != nil {
			return err
		}
		for _, v := range vs {
			if err := j.row(j.names.division(township(v.Code)), v.Name, v.Code); err != nil {
				return err
			}
		}
		if len(vs) < Batch {
			return nil
		}
		last = vs[len(vs)-1].Code
	}
}

func householdCols() []sheetCol {
	return []sheetCol{col("乡镇", 14), col("村", 14), text("户编号", 16), col("户主姓名", 10), col("户类别", 10),
		text("联系电话", 14), col("最近联系", 12)}
}

// householdRows writes households; with guarantor, their 包户 guarantor and
// phone as well.
func (j *job) householdRows(guarantor bool) func([]*ent.Household) error {
	return func(hs []*ent.Household) error {
		var codes []string
		var pids []int
		for _, h := range hs {
			codes = append(codes, h.VillageCode)
			pids = append(pids, ptrs(h.GuarantorID)...)
		}
		if err := j.villageNames(codes); err != nil {
			return err
		}
		ps := map[int]*ent.Person{}
		if guarantor {
			var err error
			if ps, err = people(j.ctx, j.c, pids); err != nil {
				return err
			}
		}
		for _, h := range hs {
			row := []any{j.names.division(township(h.VillageCode)), j.names.division(h.VillageCode), h.Number, h.HeadName,
				statusLabel[h.Status], h.Phone, never(h.LastContactOn)}
			if guarantor {
				g, phone := who(ps, h.GuarantorID)
				row = append(row, g, phone)
			}
			if err := j.row(row...); err != nil {
				return err
			}
		}
		return nil
	}
}

func studentGaps(j *job) error {
	j.extra = "未落实帮扶联系人的学生"
	err := j.start(col("乡镇", 14), col("村", 14), col("姓名", 10), col("性别", 6), text("身份证号", 21), col("学段", 6),
		col("年级", 6), col("班级", 8), col("就读学校", 20), col("就读状态", 10), col("户主姓名", 10), col("户类别", 10))
	if err != nil {
		return err
	}
	lastCode, lastID := "", 0
	for {
		q := j.c.Student.Query().Where(coverage.NeedsContact(), student.ContactPersonIDIsNil(), j.place.Students()).
			Order(student.ByVillageCode(), student.ByID()).Limit(Batch)
		if lastID != 0 {
			q.Where(student.VillageCodeGTE(lastCode), student.Or(student.VillageCodeGT(lastCode), student.IDGT(lastID)))
		}
		ss, err := q.All(j.ctx)
		if err != nil || len(ss) == 0 {
			return err
		}
		var codes []string
		var hids, schools []int
		for _, s := range ss {
			codes = append(codes, s.VillageCode)
			hids = append(hids, s.HouseholdID)
			schools = append(schools, ptrs(s.SchoolID)...)
		}
		if err := j.villageNames(codes); err != nil {
			return err
		}
		if err := j.names.loadOrgs(j.ctx, schools...); err != nil {
			return err
		}
		hs, err := j.c.Household.Query().Where(household.IDIn(hids...)).All(j.ctx)
		if err != nil {
			return err
		}
		byID := map[int]*ent.Household{}
		for _, h := range hs {
			byID[h.ID] = h
		}
		for _, s := range ss {
			head, status := "", ""
			if h := byID[s.HouseholdID]; h != nil {
				head, status = h.HeadName, statusLabel[h.Status]
			}
			if err := j.row(j.names.division(township(s.VillageCode)), j.names.division(s.VillageCode), s.Name,
				genderLabel[s.Gender], j.idNumber(s), stageLabel[s.Stage], grade(s.Grade), s.ClassName, j.school(s),
				enrollmentLabel[s.EnrollmentStatus], head, status); err != nil {
				return err
			}
		}
		if len(ss) < Batch {
			return nil
		}
		lastCode, lastID = ss[len(ss)-1].VillageCode, ss[len(ss)-1].ID
	}
}

// overdue (未联系家庭): registered households not contacted in the month
// (month=YYYY-MM, this month by default), with who must call them.
func overdue(j *job) error {
	this := contactlog.MonthStart(j.now)[:7]
	month := j.q.Get("month")
	if month == "" {
		month = this
	}
	start, err := time.ParseInLocation("2006-01", month, term.China)
	if err != nil {
		return badParam("month", "应为 YYYY-MM，例如 %s", this)
	}
	if month > this {
		return badParam("month", "不能晚于本月（%s）", this)
	}
	from, to := start.Format("2006-01-02"), start.AddDate(0, 1, 0).Format("2006-01-02")
	j.extra = start.Format("2006年1月") + "未联系"
	notContacted := household.LastContactOnLT(from)
	if month != this {
		notContacted = household.Not(household.HasContactsWith(contact.DateGTE(from), contact.DateLT(to)))
	}
	if err := j.start(append(householdCols(), col("包户责任人", 10), text("责任人电话", 14))...); err != nil {
		return err
	}
	return j.households([]predicate.Household{coverage.Registered(), notContacted}, j.householdRows(true))
}

// unsigned (未签责任书): agreements of the term (term=, this school year by
// default) issued and not signed, longest waiting first.
func unsigned(j *job) error {
	t := term.YearOf(j.now).String()
	if s := j.q.Get("term"); s != "" {
		c, err := term.Canonical("term", s)
		if err != nil {
			return badParam("term", "应为学年或学期，例如 %s", t)
		}
		t = c
	}
	j.extra = t
	err := j.start(col("责任书", 30), col("应签人", 10), col("职务", 12), col("单位", 20), text("电话", 14),
		col("下发单位", 20), col("下发日期", 12), col("已等待天数", 10))
	if err != nil {
		return err
	}
	var lastAt time.Time
	lastID := 0
	for {
		q := j.c.Agreement.Query().Where(entagreement.Term(t), entagreement.StateEQ(entagreement.StateIssued), j.place.Agreements()).
			Order(entagreement.ByIssuedAt(), entagreement.ByID()).Limit(Batch)
		if lastID != 0 {
			q.Where(entagreement.IssuedAtGTE(lastAt), entagreement.Or(entagreement.IssuedAtGT(lastAt), entagreement.IDGT(lastID)))
		}
		as, err := q.All(j.ctx)
		if err != nil || len(as) == 0 {
			return err
		}
		var orgs, pids []int
		for _, a := range as {
			orgs = append(orgs, a.IssuerOrgID)
			orgs = append(orgs, ptrs(a.PartyOrgID)...)
			pids = append(pids, a.PartyPersonID)
		}
		if err := j.names.loadOrgs(j.ctx, orgs...); err != nil {
			return err
		}
		ps, err := people(j.ctx, j.c, pids)
		if err != nil {
			return err
		}
		for _, a := range as {
			unit := j.names.org(a.PartyOrgID)
			if unit == "" {
				unit = j.names.org(&a.IssuerOrgID)
			}
			phone := ""
			if p := ps[a.PartyPersonID]; p != nil {
				phone = p.Phone
			}
			days := int(j.now.Sub(a.IssuedAt).Hours() / 24)
			if err := j.row(a.Title, a.PartyName, a.PartyRole, unit, phone, j.names.org(&a.IssuerOrgID),
				a.IssuedAt.In(term.China).Format("2006-01-02"), days); err != nil {
				return err
			}
		}
		if len(as) < Batch {
			return nil
		}
		lastAt, lastID = as[len(as)-1].IssuedAt, as[len(as)-1].ID
	}
}
