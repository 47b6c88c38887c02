package export

import (
	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/division"
	"sanbao/ent/household"
	"sanbao/ent/org"
	"sanbao/ent/predicate"
	"sanbao/ent/student"
)

var (
	_ = register(&Kind{Name: "school-ledger", Label: "学籍台账", school: true, run: schoolLedger})
	_ = register(&Kind{Name: "village-ledger", Label: "村台账", school: true, households: true, run: villageLedger})
	_ = register(&Kind{Name: "village-archive", Label: "村档案", run: villageArchive})
)

// households walks the place's households matching ps, by village then ID,
// Batch at a time (keyset: no OFFSET, no open cursor between batches).
func (j *job) households(ps []predicate.Household, each func([]*ent.Household) error) error {
	lastCode, lastID := "", 0
	for {
		q := j.c.Household.Query().Where(j.place.Households()).Where(ps...).
			Order(household.ByVillageCode(), household.ByID()).Limit(Batch)
		if lastID != 0 {
			q.Where(household.VillageCodeGTE(lastCode), household.Or(household.VillageCodeGT(lastCode), household.IDGT(lastID)))
		}
		hs, err := q.All(j.ctx)
		if err != nil || len(hs) == 0 {
			return err
		}
		if err := each(hs); err != nil {
			return err
		}
		if len(hs) < Batch {
			return nil
		}
		lastCode, lastID = hs[len(hs)-1].VillageCode, hs[len(hs)-1].ID
	}
}

// studentsOf reads the students of households the viewer may see, by
// household, with the names their rows need.
func (j *job) studentsOf(hs []*ent.Household) (map[int][]*ent.Student, error) {
	ids := make([]int, len(hs))
	for i, h := range hs {
		ids[i] = h.ID
	}
	ss, err := j.c.Student.Query().Where(student.HouseholdIDIn(ids...)).Order(student.ByHouseholdID(), student.ByID()).All(j.ctx)
	if err != nil {
		return nil, err
	}
	out := map[int][]*ent.Student{}
	var schools []int
	for _, s := range ss {
		out[s.HouseholdID] = append(out[s.HouseholdID], s)
		schools = append(schools, ptrs(s.SchoolID)...)
	}
	return out, j.names.loadOrgs(j.ctx, schools...)
}

// villageNames loads the names of the villages and townships of codes.
func (j *job) villageNames(codes []string) error {
	all := make([]string, 0, 2*len(codes))
	for _, c := range codes {
		all = append(all, c, township(c))
	}
	return j.names.loadDivisions(j.ctx, all...)
}

// villageLedger (村台账): households by village of registration, one row per
// student (a household without one still gets its row).
func villageLedger(j *job) error {
	err := j.start(col("乡镇", 14), col("村", 14), text("户编号", 16), col("户主姓名", 10), col("户类别", 10),
		col("低保", 6), col("特困供养", 8), col("家庭人口", 8), text("联系电话", 14), col("包户责任人", 10), text("责任人电话", 14),
		col("最近联系", 12), col("学生姓名", 10), col("性别", 6), text("身份证号", 21), col("学段", 6), col("年级", 6),
		col("班级", 8), col("就读学校", 20), col("就读状态", 10), col("帮扶联系人", 10))
	if err != nil {
		return err
	}
	return j.households(nil, func(hs []*ent.Household) error {
		byHousehold, err := j.studentsOf(hs)
		if err != nil {
			return err
		}
		var codes []string
		var pids []int
		for _, h := range hs {
			codes = append(codes, h.VillageCode)
			pids = append(pids, ptrs(h.GuarantorID)...)
			for _, s := range byHousehold[h.ID] {
				pids = append(pids, ptrs(s.ContactPersonID)...)
			}
		}
		if err := j.villageNames(codes); err != nil {
			return err
		}
		ps, err := people(j.ctx, j.c, pids)
		if err != nil {
			return err
		}
		for _, h := range hs {
			g, gPhone := who(ps, h.GuarantorID)
			head := []any{j.names.division(township(h.VillageCode)), j.names.division(h.VillageCode), h.Number, h.HeadName,
				statusLabel[h.Status], yes(h.Dibao), yes(h.Tekun), size(h.Size), h.Phone, g, gPhone, never(h.LastContactOn)}
			ss := byHousehold[h.ID]
			if len(ss) == 0 {
				if err := j.row(head...); err != nil {
					return err
				}
			}
			for _, s := range ss {
				cp, _ := who(ps, s.ContactPersonID)
				if err := j.row(append(head, s.Name, genderLabel[s.Gender], j.idNumber(s), stageLabel[s.Stage], grade(s.Grade),
					s.ClassName, j.school(s), enrollmentLabel[s.EnrollmentStatus], cp)...); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func size(n int) any {
	if n == 0 {
		return ""
	}
	return n
}

// schoolLedger (学籍台账): students by school of enrollment, school by
// school, by grade and class. One school's students are one batch.
func schoolLedger(j *job) error {
	err := j.start(col("学校", 20), col("学段", 6), col("年级", 6), col("班级", 8), col("姓名", 10), col("性别", 6),
		text("身份证号", 21), col("就读状态", 10), col("寄宿", 6), col("残疾", 6), col("留守儿童", 8), col("户籍乡镇", 14),
		col("户籍村", 14), col("户主姓名", 10), col("户类别", 10), col("帮扶联系人", 10), text("联系人电话", 14), col("最近联系", 12))
	if err != nil {
		return err
	}
	return j.schools(func(o *ent.Org) error {
		ss, err := j.c.Student.Query().Where(student.SchoolID(o.ID)).
			Order(student.ByGrade(), student.ByClassName(), student.ByName(), student.ByID()).All(j.ctx)
		if err != nil {
			return err
		}
		j.names.orgs[o.ID] = o.Name
		for len(ss) > 0 {
			chunk := ss[:min(Batch, len(ss))]
			ss = ss[len(chunk):]
			var hids, pids []int
			var codes []string
			for _, s := range chunk {
				hids = append(hids, s.HouseholdID)
				pids = append(pids, ptrs(s.ContactPersonID)...)
				codes = append(codes, s.VillageCode)
			}
			hs, err := j.c.Household.Query().Where(household.IDIn(hids...)).All(j.ctx)
			if err != nil {
				return err
			}
			byID := map[int]*ent.Household{}
			for _, h := range hs {
				byID[h.ID] = h
			}
			if err := j.villageNames(codes); err != nil {
				return err
			}
			ps, err := people(j.ctx, j.c, pids)
			if err != nil {
				return err
			}
			for _, s := range chunk {
				headName, status := "", ""
				if h := byID[s.HouseholdID]; h != nil {
					headName, status = h.HeadName, statusLabel[h.Status]
				}
				cp, cpPhone := who(ps, s.ContactPersonID)
				if err := j.row(o.Name, stageLabel[s.Stage], grade(s.Grade), s.ClassName, s.Name, genderLabel[s.Gender],
					j.idNumber(s), enrollmentLabel[s.EnrollmentStatus], yes(s.Boarding), yes(s.Disabled), yes(s.LeftBehind),
					j.names.division(township(s.VillageCode)), j.names.division(s.VillageCode), headName, status,
					cp, cpPhone, never(s.LastContactOn)); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// schools walks the schools of the place (the school itself, or those
// located in the division), by division then ID, Batch at a time.
func (j *job) schools(each func(*ent.Org) error) error {
	if j.place.School != nil {
		return each(j.place.School)
	}
	lastCode, lastID := "", 0
	for {
		q := j.c.Org.Query().Where(org.KindEQ(org.KindSchool), inRange(org.FieldDivisionCode, j.place.Range())).
			Order(org.ByDivisionCode(), org.ByID()).Limit(Batch)
		if lastID != 0 {
			q.Where(org.DivisionCodeGTE(lastCode), org.Or(org.DivisionCodeGT(lastCode), org.IDGT(lastID)))
		}
		os, err := q.All(j.ctx)
		if err != nil || len(os) == 0 {
			return err
		}
		for _, o := range os {
			if err := each(o); err != nil {
				return err
			}
		}
		if len(os) < Batch {
			return nil
		}
		lastCode, lastID = os[len(os)-1].DivisionCode, os[len(os)-1].ID
	}
}

// villageArchive (村档案): for a village or each village of a township, the
// village and its guarantor (包村), its households and their guarantors
// (包户), the students and their contact persons (包人). One village is one
// batch.
func villageArchive(j *job) error {
	if lv := divcode.LevelOf(j.place.Code); lv != divcode.Village && lv != divcode.Township {
		return badParam("division", "村档案按村或乡镇导出")
	}
	err := j.start(col("乡镇", 14), col("村", 14), col("包村责任人", 10), text("包村责任人电话", 14), text("户编号", 16),
		col("户主姓名", 10), col("户类别", 10), text("联系电话", 14), col("包户责任人", 10), text("包户责任人电话", 14),
		col("学生姓名", 10), col("学段", 6), col("就读学校", 20), col("就读状态", 10), col("帮扶联系人", 10), text("帮扶联系人电话", 14))
	if err != nil {
		return err
	}
	vs, err := j.c.Division.Query().Where(division.LevelEQ(division.LevelVillage), inRange(division.FieldCode, j.place.Range())).
		Order(division.ByCode()).All(j.ctx)
	if err != nil {
		return err
	}
	if err := j.names.loadDivisions(j.ctx, township(j.place.Code)); err != nil {
		return err
	}
	for _, v := range vs {
		hs, err := j.c.Household.Query().Where(household.VillageCode(v.Code)).Order(household.ByNumber(), household.ByID()).All(j.ctx)
		if err != nil {
			return err
		}
		byHousehold, err := j.studentsOf(hs)
		if err != nil {
			return err
		}
		pids := ptrs(v.GuarantorID)
		for _, h := range hs {
			pids = append(pids, ptrs(h.GuarantorID)...)
			for _, s := range byHousehold[h.ID] {
				pids = append(pids, ptrs(s.ContactPersonID)...)
			}
		}
		ps, err := people(j.ctx, j.c, pids)
		if err != nil {
			return err
		}
		vg, vgPhone := who(ps, v.GuarantorID)
		village := []any{j.names.division(township(v.Code)), v.Name, vg, vgPhone}
		if len(hs) == 0 {
			if err := j.row(village...); err != nil {
				return err
			}
		}
		for _, h := range hs {
			g, gPhone := who(ps, h.GuarantorID)
			row := append(append([]any{}, village...), h.Number, h.HeadName, statusLabel[h.Status], h.Phone, g, gPhone)
			ss := byHousehold[h.ID]
			if len(ss) == 0 {
				if err := j.row(row...); err != nil {
					return err
				}
			}
			for _, s := range ss {
				cp, cpPhone := who(ps, s.ContactPersonID)
				if err := j.row(append(row, s.Name, stageLabel[s.Stage], j.school(s), enrollmentLabel[s.EnrollmentStatus], cp, cpPhone)...); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
