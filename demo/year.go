package demo

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"sanbao/ent"
	entagreement "sanbao/ent/agreement"
	"sanbao/ent/assignment"
	"sanbao/ent/org"
	"sanbao/ent/person"
	"sanbao/ent/position"
	"sanbao/ent/student"
	"sanbao/importjob"
	"sanbao/registry"
	"sanbao/staff"
)

// year gives the demo county the traces of a year under way: agreements that
// went out over several weeks (so “longest waiting” means something), a
// teacher who was transferred and one who left, with their history, and one
// school's student list that failed its check and waits to be fixed.
func (b *builder) year() error {
	if !b.cfg.DemoAccounts {
		return nil // the bench's counties need none of it
	}
	for _, step := range []func() error{b.issueDates, b.staffChanges, b.failedImport} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// issueDates spreads the agreements' issue dates: the bureau's went out six
// weeks ago, each school's one to five weeks ago; each signature followed
// its issue by up to three weeks.
func (b *builder) issueDates() error {
	all := b.c.Agreement.Query().Where(entagreement.IssuerCodeHasPrefix(b.cfg.County[:6])).
		Order(entagreement.ByID()).AllX(b.ctx)
	issued := map[int]time.Time{}
	for _, a := range all {
		at, ok := issued[a.IssuerOrgID]
		if !ok {
			days := 7 + b.r.IntN(29)
			if a.Kind == entagreement.KindBureauSchool {
				days = 42
			}
			at = b.today.AddDate(0, 0, -days).Add(time.Duration(8+b.r.IntN(9)) * time.Hour)
			issued[a.IssuerOrgID] = at
		}
		signed := a.SignedAt
		if signed != nil {
			s := at.Add(time.Duration(1+b.r.IntN(21*24)) * time.Hour)
			if s.After(b.today) {
				s = b.today
			}
			signed = &s
		}
		if _, err := b.c.ExecContext(b.ctx, "UPDATE agreements SET issued_at = $1, signed_at = $2 WHERE id = $3",
			at, signed, a.ID); err != nil {
			return err
		}
	}
	return nil
}

// staffChanges moves one teacher of a school in the demo principal's
// township to another school, handing her families to a colleague, and lets
// another leave three weeks ago without a handover: his families wait under
// 无人负责 on the coverage screen. The demo principal's own school is left
// as it is, so its agreements and staff read as README says.
func (b *builder) staffChanges() error {
	home := b.c.Org.Query().Where(org.Name(Accounts[1].Org)).FirstX(b.ctx)
	schools := b.c.Org.Query().Where(org.KindEQ(org.KindSchool), org.DivisionCodeHasPrefix(home.DivisionCode[:9]),
		org.IDNEQ(home.ID)).Order(org.ByID()).AllX(b.ctx)
	responsible := b.c.Assignment.Query().Where(assignment.EndsAtIsNil()).Select(assignment.FieldPersonID).IntsX(b.ctx)
	var teachers []*ent.Person
	var from *ent.Org
	for _, o := range schools {
		teachers = b.c.Person.Query().Where(person.Not(person.PhoneHasPrefix("139000000")), person.IDIn(responsible...),
			person.HasPositionsWith(position.OrgID(o.ID), position.RoleEQ(position.RoleTeacher), position.EndedAtIsNil())).
			Order(person.ByID()).Limit(3).AllX(b.ctx)
		if len(teachers) == 3 {
			from = o
			break
		}
	}
	if from == nil {
		return nil
	}
	var to *ent.Org
	for _, o := range schools {
		if o.ID != from.ID {
			to = o
			break
		}
	}
	if to == nil {
		return nil
	}
	ctx, err := b.asPerson(b.adminID)
	if err != nil {
		return err
	}
	heir := teachers[2].ID
	moved, left := teachers[0], teachers[1]
	if _, err := staff.MovePerson(ctx, b.c, b.auth, staff.Move{PersonID: moved.ID,
		To: []staff.NewPosition{{OrgID: to.ID, Role: position.RoleTeacher}}}, staff.Handover{Confirm: true, To: &heir}); err != nil {
		return fmt.Errorf("demo: move %s: %w", moved.Name, err)
	}
	if _, err := staff.Leave(ctx, b.c, b.auth, left.ID, staff.Handover{Confirm: true}); err != nil {
		return fmt.Errorf("demo: leave %s: %w", left.Name, err)
	}
	// Both happened weeks ago: date the ends and starts they made.
	for _, ch := range []struct {
		id   int
		days int
	}{{moved.ID, 35}, {left.ID, 21}} {
		at := b.today.AddDate(0, 0, -ch.days)
		for _, q := range []string{
			"UPDATE positions SET ended_at = $1 WHERE person_id = $2 AND ended_at IS NOT NULL",
			"UPDATE positions SET started_at = $1 WHERE person_id = $2 AND ended_at IS NULL",
			"UPDATE assignments SET ends_at = $1 WHERE person_id = $2 AND ends_at IS NOT NULL AND ends_at > $1",
			"UPDATE assignments SET starts_at = $1 WHERE assigned_by_id IS NOT NULL AND starts_at > $1 AND id IN " +
				"(SELECT b.id FROM assignments a JOIN assignments b ON b.kind = a.kind AND " +
				"(b.household_id = a.household_id OR b.student_id = a.student_id OR b.village_id = a.village_id) " +
				"WHERE a.person_id = $2 AND a.ends_at IS NOT NULL AND b.person_id <> $2)",
			"UPDATE persons SET left_at = $1 WHERE id = $2 AND left_at IS NOT NULL",
		} {
			if _, err := b.c.ExecContext(b.ctx, q, at, ch.id); err != nil {
				return err
			}
		}
	}
	return nil
}

// failedImport is the demo principal's student list of two days ago, with a
// mistyped ID number and a grade that is not one: checked, refused whole,
// and waiting on the import page with its marked copy.
func (b *builder) failedImport() error {
	school := b.c.Org.Query().Where(org.Name(Accounts[1].Org)).FirstX(b.ctx)
	principal := b.c.Position.Query().Where(position.OrgID(school.ID), position.RoleEQ(position.RolePrincipal),
		position.EndedAtIsNil()).Order(position.ByID()).FirstX(b.ctx).PersonID
	kids := b.c.Student.Query().Where(student.SchoolID(school.ID), student.StageEQ(student.StagePrimary)).
		WithHousehold().Order(student.ByID()).Limit(8).AllX(b.ctx)
	var csv bytes.Buffer
	line := func(cells ...string) { csv.WriteString(strings.Join(cells, ",") + "\r\n") }
	line("姓名", "身份证号", "户编号", "学段", "年级", "班级")
	for i, s := range kids {
		id, grade := s.IDNumber, 0
		if s.Grade != nil {
			grade = *s.Grade
		}
		switch i {
		case 2:
			id = id[:17] + map[bool]string{true: "1", false: "2"}[id[17] != '1'] // a mistyped check digit
		case 5:
			grade = 13
		}
		line(s.Name, id, s.Edges.Household.Number, "小学", strconv.Itoa(grade), s.ClassName)
	}
	ctx, err := b.asPerson(principal)
	if err != nil {
		return err
	}
	res, err := importjob.Run(ctx, b.c, registry.Students, csv.Bytes(), 100)
	if err != nil {
		return err
	}
	if len(res.Errors) == 0 {
		return fmt.Errorf("demo: the failed import passed its check")
	}
	at := b.today.AddDate(0, 0, -2).Add(10 * time.Hour)
	done := at.Add(3 * time.Second)
	job := b.c.ImportJob.Create().SetKind(registry.Students.Name()).SetFileName(school.Name + "学生名单.csv").
		SetFileSize(csv.Len()).SetCreatedByID(principal).SetOrgID(school.ID).SetDivisionCode(school.DivisionCode).
		SetState("FAILED").SetRowsTotal(len(kids)).SetRowsChecked(len(kids)).SetErrorCount(len(res.Errors)).
		SetMessage(importjob.Summary(res.Errors)).SetStartedAt(at).SetFinishedAt(done).SaveX(b.ctx)
	b.c.ImportFile.Create().SetJobID(job.ID).SetData(csv.Bytes()).ExecX(b.ctx)
	for _, e := range res.Errors {
		b.c.ImportCellError.Create().SetJobID(job.ID).SetLine(e.Line).SetColumn(e.Column).SetReason(e.Reason).ExecX(b.ctx)
	}
	_, err = b.c.ExecContext(b.ctx, "UPDATE import_jobs SET created_at = $1, updated_at = $2 WHERE id = $3", at, done, job.ID)
	return err
}
