// Package audit writes the access log of personal data: every full student
// record and every revealed ID number read by a person or token.
package audit

import (
	"context"
	"fmt"

	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/auditlog"
	"sanbao/ent/student"
)

// Record logs that the viewer in ctx did action on student s. Rows are
// written as the system: viewers cannot write the log, only cause entries in
// it. The student is read again for its name and places, since a GraphQL
// query loads only the columns it asked for.
func Record(ctx context.Context, c *ent.Client, action auditlog.Action, studentID int) error {
	v := authz.FromContext(ctx)
	if v == nil {
		return fmt.Errorf("audit: no viewer")
	}
	s, err := c.Student.Query().Where(student.ID(studentID)).
		Select(student.FieldName, student.FieldVillageCode, student.FieldSchoolID).Only(authz.System(ctx))
	if err != nil {
		return err
	}
	q := c.AuditLog.Create().SetAction(action).SetActorName(v.Name).
		SetStudentID(s.ID).SetStudentName(s.Name).SetVillageCode(s.VillageCode)
	if v.PersonID != 0 {
		q.SetActorPersonID(v.PersonID)
	} else {
		q.SetActorTokenID(v.TokenID)
	}
	if s.SchoolID != nil {
		q.SetSchoolID(*s.SchoolID)
	}
	return q.Exec(authz.System(ctx))
}

// RecordExport logs that the viewer in ctx downloaded subject (a list and its
// scope in words) with rows rows. divisionCode is the scope exported, padded
// to 12 digits so the log is read by those over that scope; schoolID, when
// not 0, scopes it to a school as well.
func RecordExport(ctx context.Context, c *ent.Client, subject, divisionCode string, schoolID, rows int) error {
	v := authz.FromContext(ctx)
	if v == nil {
		return fmt.Errorf("audit: no viewer")
	}
	for len(divisionCode) < 12 {
		divisionCode += "0"
	}
	q := c.AuditLog.Create().SetAction(auditlog.ActionExport).SetActorName(v.Name).
		SetSubject(subject).SetRows(rows).SetVillageCode(divisionCode)
	if v.PersonID != 0 {
		q.SetActorPersonID(v.PersonID)
	} else {
		q.SetActorTokenID(v.TokenID)
	}
	if schoolID != 0 {
		q.SetSchoolID(schoolID)
	}
	return q.Exec(authz.System(ctx))
}
