package contactlog

import (
	"context"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"sanbao/authz"
	gen "sanbao/ent"
	"sanbao/ent/contact"
	"sanbao/term"
)

// FillTerms gives contacts stored before contacts had a term the semester of
// their date, once: afterwards the contact hook sets it on every new contact
// and there is nothing left to fill.
func FillTerms(ctx context.Context, c *gen.Client) error {
	ctx = authz.System(ctx)
	q := func() *gen.ContactQuery { return c.Contact.Query().Where(contact.Semester("")) }
	first, err := q().Order(contact.ByDate()).First(ctx)
	if gen.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	last, err := q().Order(contact.ByDate(entsql.OrderDesc())).First(ctx)
	if err != nil {
		return err
	}
	day := func(s string) time.Time { d, _ := time.ParseInLocation("2006-01-02", s, China); return d }
	for t := term.Of(day(first.Date)); !day(last.Date).Before(t.Start()); t = t.Next() {
		if _, err := c.ExecContext(ctx, "UPDATE contacts SET semester = $1 WHERE semester = '' AND date >= $2 AND date < $3",
			t.String(), t.Start().Format("2006-01-02"), t.End().Format("2006-01-02")); err != nil {
			return err
		}
	}
	return nil
}
