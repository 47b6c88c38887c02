package audit

import (
	"context"
	"fmt"

	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/auditlog"
)

// RecordList logs that the viewer in ctx read rows of personal data from a
// list (subject, in words) of divisionCode's scope: a page of a comparison
// run's people, for example.
func RecordList(ctx context.Context, c *ent.Client, subject, divisionCode string, rows int) error {
	v := authz.FromContext(ctx)
	if v == nil {
		return fmt.Errorf("audit: no viewer")
	}
	q := c.AuditLog.Create().SetAction(auditlog.ActionViewList).SetActorName(v.Name).
		SetSubject(subject).SetRows(rows).SetVillageCode(divisionCode)
	if v.PersonID != 0 {
		q.SetActorPersonID(v.PersonID)
	} else {
		q.SetActorTokenID(v.TokenID)
	}
	return q.Exec(authz.System(ctx))
}
