// Package audit writes the access log of personal data: every full student
// record and every revealed ID number read by a person or token.
package audit

import (
	"context"
	"fmt"

	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/auditlog"
)

// Record logs that the viewer in ctx did action on s. Rows are written as the
// system: viewers cannot write the log, only cause entries in it.
func Record(ctx context.Context, c *ent.Client, action auditlog.Action, s *ent.Student) error {
	v := authz.FromContext(ctx)
	if v == nil {
		return fmt.Errorf("audit: no viewer")
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
