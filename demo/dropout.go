package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"sanbao/authz"
	"sanbao/divcode"
	"sanbao/dropout"
	"sanbao/ent"
	"sanbao/ent/absencereport"
	"sanbao/ent/caseaction"
	"sanbao/ent/division"
	"sanbao/ent/divisioncontact"
	"sanbao/ent/dropoutcase"
	"sanbao/ent/org"
	"sanbao/ent/person"
	"sanbao/ent/student"
)

// SeedDropout gives the demo county dropout control in flight: the checks
// run once, absence reports from the demo teacher's class (one with a step
// overdue), and cases at several stages — persuaded and returned (closed),
// found studying in another province (closed), confirmed with a failed
// persuasion reported upwards, and children studying nowhere still open.
func SeedDropout(ctx context.Context, c *ent.Client, now time.Time) error {
	sys := authz.System(ctx)
	tx, err := c.Tx(sys)
	if err != nil {
		return err
	}
	if err := seedDropout(sys, tx.Client(), now); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func seedDropout(sys context.Context, c *ent.Client, now time.Time) error {
	teacher, err := c.Person.Query().Where(person.Phone("13900000003")).Only(sys)
	if err != nil {
		return fmt.Errorf("demo teacher: %w", err)
	}
	principal := c.Person.Query().Where(person.Phone("13900000002")).OnlyX(sys)
	school := c.Org.Query().Where(org.Name("松林店镇中心校")).OnlyX(sys)
	class := c.Student.Query().Where(student.SchoolID(school.ID), student.Grade(4), student.ClassName("2班"),
		student.EnrollmentStatusEQ(student.EnrollmentStatusEnrolled)).Order(student.ByID()).Limit(2).AllX(sys)
	if len(class) < 2 { // a small generated county: any of the school's students
		class = c.Student.Query().Where(student.SchoolID(school.ID), student.EnrollmentStatusEQ(student.EnrollmentStatusEnrolled)).
			Order(student.ByID()).Limit(2).AllX(sys)
	}
	day := func(d int) string { return now.In(dropout.China).AddDate(0, 0, d).Format("2006-01-02") }
	// Absence reports: one made yesterday (home visit done, the school office
	// overdue), one made this morning.
	for i, s := range class {
		reported := now.Add(-time.Duration(1-i) * 26 * time.Hour)
		r := c.AbsenceReport.Create().SetUUID(fmt.Sprintf("de000000-0000-4000-8000-%012d", i+1)).SetStudentID(s.ID).
			SetVillageCode(s.VillageCode).SetNillableSchoolID(s.SchoolID).SetAbsentSince(day(-1 + i)).
			SetReason([]string{"家长称孩子生病", "原因不明"}[i]).SetReportedByID(teacher.ID).SetReportedAt(reported).SaveX(sys)
		for _, k := range dropout.Steps {
			q := c.AbsenceStep.Create().SetReportID(r.ID).SetStudentID(s.ID).SetVillageCode(s.VillageCode).
				SetNillableSchoolID(s.SchoolID).SetKind(k).SetDueAt(dropout.Due(k, reported))
			if i == 0 && k == dropout.Steps[0] {
				q.SetDoneAt(reported.Add(5 * time.Hour)).SetDoneByID(teacher.ID).SetNote("已家访，家长称孩子发烧")
			}
			q.ExecX(sys)
		}
	}
	// The second report became a case at once (the family moved away).
	var reports []*ent.AbsenceReport
	for _, s := range class {
		reports = append(reports, c.AbsenceReport.Query().Where(absencereport.StudentID(s.ID)).OnlyX(sys))
	}
	if len(class) == 2 {
		s := class[1]
		c.DropoutCase.Create().SetStudentID(s.ID).SetVillageCode(s.VillageCode).SetNillableSchoolID(s.SchoolID).
			SetKind(dropoutcase.KindSuspected).SetSource(dropoutcase.SourceAbsenceReport).SetAbsenceReportID(reports[1].ID).
			SetOpenedAt(now.Add(-20 * time.Hour)).SetOpenedByID(teacher.ID).SetNillableResponsibleID(s.ContactPersonID).ExecX(sys)
		c.AbsenceReport.UpdateOne(reports[1]).SetStatus(absencereport.StatusReturned).SetReturnedOn(day(0)).ExecX(sys)
	}
	for _, k := range dropout.Kinds {
		if _, err := dropout.RunOne(sys, c, k, Zhuozhou, dropout.DefaultCutoff(now), dropout.DefaultConfig, now); err != nil {
			return err
		}
	}
	cases := c.DropoutCase.Query().Where(dropoutcase.VillageCodeHasPrefix(Zhuozhou[:6])).Order(dropoutcase.ByID()).Limit(3).AllX(sys)
	act := func(k *ent.DropoutCase, kind caseaction.Kind, d int, who, how string, out caseaction.Outcome, notes string) {
		c.CaseAction.Create().SetCaseID(k.ID).SetStudentID(k.StudentID).SetVillageCode(k.VillageCode).
			SetNillableSchoolID(k.SchoolID).SetKind(kind).SetDate(day(d)).SetParticipants(who).SetMethod(how).
			SetOutcome(out).SetNotes(notes).SetRecordedByID(principal.ID).ExecX(sys)
	}
	closeAs := func(k *ent.DropoutCase, r dropoutcase.CloseReason, note string) {
		c.DropoutCase.UpdateOne(k).SetStatus(dropoutcase.StatusClosed).SetClosedAt(now).
			SetCloseReason(r).SetCloseNote(note).SetClosedByID(principal.ID).ExecX(sys)
	}
	if len(cases) > 0 {
		act(cases[0], caseaction.KindPersuasion, -6, "班主任、校长、村主任", "入户", caseaction.OutcomePromised, "家长同意送孩子返校")
		act(cases[0], caseaction.KindNote, -2, "班主任", "到校核实", caseaction.OutcomeReturned, "已返校上课")
		closeAs(cases[0], dropoutcase.CloseReasonReturned, "已返校复学，班主任到校核实")
	}
	if len(cases) > 1 {
		act(cases[1], caseaction.KindVerification, -4, "校长", "学籍系统查询", caseaction.OutcomeOther, "通过学籍系统查询：在广东省东莞市某小学就读")
		closeAs(cases[1], dropoutcase.CloseReasonStudyingElsewhere, "省外就读，学籍系统查询确认")
	}
	if len(cases) > 2 {
		c.DropoutCase.UpdateOne(cases[2]).SetKind(dropoutcase.KindDropout).ExecX(sys)
		act(cases[2], caseaction.KindPersuasion, -9, "班主任、村干部", "入户", caseaction.OutcomeRefused, "孩子不愿上学，家长外出务工")
		act(cases[2], caseaction.KindPersuasion, -5, "校长、乡镇干部", "入户", caseaction.OutcomeRefused, "再次劝返无效")
		act(cases[2], caseaction.KindReport, -3, "校长", "书面", caseaction.OutcomeOther, "已报乡镇政府和县教育局")
		// The notice was served twelve days ago; its deadline has passed.
		k := cases[2]
		c.CaseAction.Create().SetCaseID(k.ID).SetStudentID(k.StudentID).SetVillageCode(k.VillageCode).
			SetNillableSchoolID(k.SchoolID).SetKind(caseaction.KindNotice).SetDate(day(-12)).SetServedOn(day(-12)).
			SetDeadline(day(-2)).SetParticipants("校长、村主任").SetMethod("入户送达").SetOutcome(caseaction.OutcomeOther).
			SetNotes("复学通知书已送达家长，家长签收").SetRecordedByID(principal.ID).ExecX(sys)
	}
	return seedHeads(sys, c)
}

// seedHeads names the demo county's heads (七长 outside the schools): the
// county head and the bureau head, every township head and village head.
// Their phones are not real: 139 5000 xxxx.
func seedHeads(sys context.Context, c *ent.Client) error {
	r := rand.New(rand.NewPCG(12, 7))
	n := 0
	contact := func(code string, role divisioncontact.Role, title string) *ent.DivisionContactCreate {
		n++
		return c.DivisionContact.Create().SetDivisionCode(code).SetRole(role).SetName(fullName(r, r.IntN(4) > 0)).
			SetTitle(title).SetPhone(fmt.Sprintf("1395000%04d", n))
	}
	bulk := []*ent.DivisionContactCreate{
		contact(Zhuozhou, divisioncontact.RoleCountyHead, "市长"),
		contact(Zhuozhou, divisioncontact.RoleEducationHead, "教育和体育局局长"),
	}
	rng := divcode.SubtreeOf(Zhuozhou)
	ds, err := c.Division.Query().Where(division.CodeGTE(rng.Lo), division.CodeLTE(rng.Hi),
		division.LevelIn(division.LevelTownship, division.LevelVillage)).Order(division.ByCode()).All(sys)
	if err != nil {
		return err
	}
	for _, d := range ds {
		if d.Level == division.LevelTownship {
			title := d.Name + "长"
			if strings.HasSuffix(d.Name, "街道") {
				title = d.Name + "办事处主任"
			}
			bulk = append(bulk, contact(d.Code, divisioncontact.RoleTownshipHead, title))
		} else {
			bulk = append(bulk, contact(d.Code, divisioncontact.RoleVillageHead, d.Name+"党支部书记、村委会主任"))
		}
	}
	for len(bulk) > 0 {
		chunk := bulk[:min(200, len(bulk))]
		bulk = bulk[len(chunk):]
		if err := c.DivisionContact.CreateBulk(chunk...).Exec(sys); err != nil {
			return err
		}
	}
	return nil
}
