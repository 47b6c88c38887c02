package export

import (
	"errors"

	"sanbao/dropout"
	"sanbao/ent"
	"sanbao/ent/absencereport"
	"sanbao/ent/dropoutcase"
	"sanbao/ent/household"
	"sanbao/ent/predicate"
	"sanbao/ent/student"
	"sanbao/fielderr"
	"sanbao/term"
)

// The three ledgers of dropout control (控辍保学), read under the same scope as
// their GraphQL connections: 适龄儿童台账, 疑似辍学/辍学台账 and the absence
// reports.
var (
	_ = register(&Kind{Name: "school-age", Label: "适龄儿童台账", school: true, run: schoolAgeLedger})
	_ = register(&Kind{Name: "dropout-cases", Label: "疑似辍学及辍学台账", school: true, run: caseLedger})
	_ = register(&Kind{Name: "absence-reports", Label: "缺勤报告台账", school: true, run: absenceLedger})
)

func schoolAgeLedger(j *job) error {
	nowhere := false
	switch j.q.Get("nowhere") {
	case "", "0", "false":
	case "1", "true":
		nowhere = true
	default:
		return badParam("nowhere", "应为 1 或 0")
	}
	ps, cutoff, err := dropout.SchoolAgeLedger(j.q.Get("cutoff"), nowhere, j.now)
	var fe *fielderr.Error
	if errors.As(err, &fe) {
		return badParam("cutoff", "应为 YYYY-MM-DD，例如 %s", dropout.DefaultCutoff(j.now))
	}
	if err != nil {
		return err
	}
	j.extra = "截至" + cutoff + "满6至15周岁"
	if nowhere {
		j.extra += "，未在任何学校就读"
	}
	err = j.start(col("乡镇", 14), col("村", 14), col("姓名", 10), col("性别", 6), text("身份证号", 21), col("出生日期", 12),
		col("户主姓名", 10), col("就读学校", 24), col("学段", 6), col("年级", 6), col("班级", 8), col("就读状态", 10))
	if err != nil {
		return err
	}
	last := 0
	for {
		ss, err := j.c.Student.Query().Where(j.place.Students(), student.IDGT(last)).Where(ps...).
			Order(student.ByID()).Limit(Batch).All(j.ctx)
		if err != nil || len(ss) == 0 {
			return err
		}
		var codes []string
		var schools, hids []int
		for _, s := range ss {
			codes = append(codes, s.VillageCode)
			schools = append(schools, ptrs(s.SchoolID)...)
			hids = append(hids, s.HouseholdID)
		}
		if err := j.villageNames(codes); err != nil {
			return err
		}
		if err := j.names.loadOrgs(j.ctx, schools...); err != nil {
			return err
		}
		heads, err := j.headNames(hids)
		if err != nil {
			return err
		}
		for _, s := range ss {
			where := j.school(s)
			if where == "" {
				where = "未在任何学校就读"
			}
			if err := j.row(j.names.division(township(s.VillageCode)), j.names.division(s.VillageCode), s.Name,
				genderLabel[s.Gender], j.idNumber(s), s.BirthDate.Format("2006-01-02"), heads[s.HouseholdID], where,
				stageLabel[s.Stage], grade(s.Grade), s.ClassName, enrollmentLabel[s.EnrollmentStatus]); err != nil {
				return err
			}
		}
		if len(ss) < Batch {
			return nil
		}
		last = ss[len(ss)-1].ID
	}
}

// headNames are the household heads of hids the viewer may read.
func (j *job) headNames(hids []int) (map[int]string, error) {
	out := map[int]string{}
	if len(hids) == 0 {
		return out, nil
	}
	hs, err := j.c.Household.Query().Where(household.IDIn(hids...)).All(j.ctx)
	for _, h := range hs {
		out[h.ID] = h.HeadName
	}
	return out, err
}

// students are the students of ids the viewer may read, with their
// villages' and schools' names loaded.
func (j *job) students(ids []int) (map[int]*ent.Student, error) {
	out := map[int]*ent.Student{}
	ss, err := j.c.Student.Query().Where(student.IDIn(ids...)).All(j.ctx)
	if err != nil {
		return nil, err
	}
	var schools []int
	for _, s := range ss {
		out[s.ID] = s
		schools = append(schools, ptrs(s.SchoolID)...)
	}
	return out, j.names.loadOrgs(j.ctx, schools...)
}

// casePlace are a place's cases: by the child's village, or (a
// school) of its students.
func (j *job) casePlace() predicate.DropoutCase {
	if j.place.School != nil {
		return dropoutcase.SchoolID(j.place.School.ID)
	}
	return predicate.DropoutCase(inRange(dropoutcase.FieldVillageCode, j.place.Range()))
}

// caseLedger (疑似辍学/辍学台账): every case, open and closed, oldest first.
func caseLedger(j *job) error {
	err := j.start(col("乡镇", 14), col("村", 14), col("学生", 10), text("身份证号", 21), col("学校", 24), col("类别", 10),
		col("来源", 12), col("状态", 8), col("立案日期", 12), col("结案日期", 12), col("结案原因", 10), col("立案天数", 8),
		col("责任人", 10), text("责任人电话", 14), col("结案说明", 30))
	if err != nil {
		return err
	}
	last := 0
	for {
		ks, err := j.c.DropoutCase.Query().Where(j.casePlace(), dropoutcase.IDGT(last)).Order(dropoutcase.ByID()).Limit(Batch).All(j.ctx)
		if err != nil || len(ks) == 0 {
			return err
		}
		var sids, pids, schools []int
		var codes []string
		for _, k := range ks {
			sids = append(sids, k.StudentID)
			pids = append(pids, ptrs(k.ResponsibleID)...)
			schools = append(schools, ptrs(k.SchoolID)...)
			codes = append(codes, k.VillageCode)
		}
		ss, err := j.students(sids)
		if err != nil {
			return err
		}
		if err := j.names.loadOrgs(j.ctx, schools...); err != nil {
			return err
		}
		if err := j.villageNames(codes); err != nil {
			return err
		}
		ps, err := people(j.ctx, j.c, pids)
		if err != nil {
			return err
		}
		for _, k := range ks {
			name, id := "", ""
			if s := ss[k.StudentID]; s != nil {
				name, id = s.Name, j.idNumber(s)
			}
			status, closed, reason := "未结案", "", ""
			if k.Status == dropoutcase.StatusClosed {
				status = "已结案"
				if k.ClosedAt != nil {
					closed = k.ClosedAt.In(term.China).Format("2006-01-02")
				}
				if k.CloseReason != nil {
					reason = dropout.CloseReasonLabels[*k.CloseReason]
				}
			}
			resp, phone := who(ps, k.ResponsibleID)
			if err := j.row(j.names.division(township(k.VillageCode)), j.names.division(k.VillageCode), name, id,
				j.names.org(k.SchoolID), dropout.CaseKindLabels[k.Kind], dropout.SourceLabels[k.Source], status,
				k.OpenedAt.In(term.China).Format("2006-01-02"), closed, reason, dropout.DaysOpen(k.OpenedAt, k.ClosedAt, j.now),
				resp, phone, k.CloseNote); err != nil {
				return err
			}
		}
		if len(ks) < Batch {
			return nil
		}
		last = ks[len(ks)-1].ID
	}
}

// absenceLedger: every absence report with its steps done and overdue.
func absenceLedger(j *job) error {
	err := j.start(col("乡镇", 14), col("村", 14), col("学校", 24), col("学生", 10), text("身份证号", 21), col("缺勤起始", 12),
		col("原因", 20), col("报告人", 10), col("报告时间", 18), col("状态", 8), col("返校日期", 12), col("已完成步骤", 8),
		col("逾期步骤", 8), col("逾期步骤名称", 40))
	if err != nil {
		return err
	}
	place := predicate.AbsenceReport(inRange(absencereport.FieldVillageCode, j.place.Range()))
	if j.place.School != nil {
		place = absencereport.SchoolID(j.place.School.ID)
	}
	last := 0
	for {
		rs, err := j.c.AbsenceReport.Query().Where(place, absencereport.IDGT(last)).Order(absencereport.ByID()).
			WithSteps().Limit(Batch).All(j.ctx)
		if err != nil || len(rs) == 0 {
			return err
		}
		var sids, pids, schools []int
		var codes []string
		for _, r := range rs {
			sids = append(sids, r.StudentID)
			pids = append(pids, r.ReportedByID)
			schools = append(schools, ptrs(r.SchoolID)...)
			codes = append(codes, r.VillageCode)
		}
		ss, err := j.students(sids)
		if err != nil {
			return err
		}
		if err := j.names.loadOrgs(j.ctx, schools...); err != nil {
			return err
		}
		if err := j.villageNames(codes); err != nil {
			return err
		}
		ps, err := people(j.ctx, j.c, pids)
		if err != nil {
			return err
		}
		for _, r := range rs {
			name, id := "", ""
			if s := ss[r.StudentID]; s != nil {
				name, id = s.Name, j.idNumber(s)
			}
			open := r.Status == absencereport.StatusOpen
			status, back := "未返校", ""
			if !open {
				status = "已返校"
			}
			if r.ReturnedOn != nil {
				back = *r.ReturnedOn
			}
			done, overdue := 0, 0
			var late string
			for _, s := range r.Edges.Steps {
				if s.DoneAt != nil {
					done++
				}
				if dropout.Overdue(s, open, j.now) {
					overdue++
					if late != "" {
						late += "、"
					}
					late += dropout.StepLabels[s.Kind]
				}
			}
			by, _ := who(ps, &r.ReportedByID)
			if err := j.row(j.names.division(township(r.VillageCode)), j.names.division(r.VillageCode), j.names.org(r.SchoolID),
				name, id, r.AbsentSince, r.Reason, by, r.ReportedAt.In(term.China).Format("2006-01-02 15:04"), status, back,
				done, overdue, late); err != nil {
				return err
			}
		}
		if len(rs) < Batch {
			return nil
		}
		last = rs[len(rs)-1].ID
	}
}
