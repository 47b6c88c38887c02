// Package remind says what is still to do this month: for the person who
// contacts families, how many of theirs are not yet contacted and how many
// days are left; for those who supervise, who is behind (most overdue
// families first); and which agreements wait for a signature. Every figure is
// a grouped query run under the viewer's scope (ent privacy), never a loop
// over people.
package remind

import (
	"context"
	"sort"
	"time"

	"entgo.io/ent/dialect/sql"

	"sanbao/authz"
	"sanbao/contactlog"
	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/agreement"
	"sanbao/ent/household"
	"sanbao/ent/person"
	"sanbao/ent/predicate"
	"sanbao/ent/student"
)

// DaysLeft counts the days of now's month (China time) still to come,
// today included: on the last day it is 1.
func DaysLeft(now time.Time) int {
	d := now.In(contactlog.China)
	first := time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, contactlog.China)
	last := first.AddDate(0, 1, -1).Day()
	return last - d.Day() + 1
}

// Mine is one person's own families this month.
type Mine struct {
	Families int // households they answer for in person (包户, or a student's 包人)
	Due      int // of those, not contacted this month
}

// ForPerson counts the families personID answers for and those not yet
// contacted this month, under the viewer's scope.
func ForPerson(ctx context.Context, c *ent.Client, personID int, now time.Time) (Mine, error) {
	month := contactlog.MonthStart(now)
	var out []struct {
		Total int `json:"total"`
		Due   int `json:"due"`
	}
	err := c.Household.Query().Where(household.Or(authz.ResponsibleFor(personID)...)).
		Modify(func(s *sql.Selector) {
			s.Select(sql.As(sql.Count("*"), "total"),
				sql.As("COALESCE(SUM(CASE WHEN "+s.C(household.FieldLastContactOn)+" < '"+month+"' THEN 1 ELSE 0 END), 0)", "due"))
		}).Scan(ctx, &out)
	if err != nil || len(out) == 0 {
		return Mine{}, err
	}
	return Mine{Families: out[0].Total, Due: out[0].Due}, nil
}

// Supervises reports whether the viewer reads contacts beyond their own
// families and their class: principals, central schools, bureaus,
// overseers and inspectors. Only they see who is behind; a teacher never
// sees colleagues.
func Supervises(v *authz.Viewer) bool {
	if v == nil {
		return false
	}
	s := v.Scope(authz.ObjContact, authz.ActRead)
	return s != nil && (s.All || len(s.VillageRanges) > 0 || len(s.SchoolRanges) > 0 || len(s.SchoolIDs) > 0)
}

// Row is one person behind: how many of their families, among those the
// viewer may see, are not contacted this month.
type Row struct {
	PersonID int `json:"p"`
	Overdue  int `json:"n"`
}

// Behind lists the active people the viewer may read who answer for
// families (among those the viewer may read, registered in rng when given)
// not contacted this month, the most overdue first, then by person. Two
// grouped queries: families guaranteed (包户), and families of students
// contacted (包人) by someone other than the family's guarantor, so a family
// counts once per person.
func Behind(ctx context.Context, c *ent.Client, rng *divcode.Range, now time.Time) ([]Row, error) {
	if !Supervises(authz.FromContext(ctx)) {
		return nil, nil
	}
	month := contactlog.MonthStart(now)
	where := []predicate.Household{household.LastContactOnLT(month)}
	if rng != nil {
		where = append(where, household.VillageCodeGTE(rng.Lo), household.VillageCodeLTE(rng.Hi))
	}
	var guaranteed, contacted []Row
	err := c.Household.Query().Where(append(where, household.GuarantorIDNotNil())...).
		Modify(func(s *sql.Selector) {
			g := s.C(household.FieldGuarantorID)
			s.Select(sql.As(g, "p"), sql.As(sql.Count("*"), "n")).GroupBy(g)
		}).Scan(ctx, &guaranteed)
	if err != nil {
		return nil, err
	}
	err = c.Household.Query().Where(where...).
		Modify(func(s *sql.Selector) {
			st := sql.Table(student.Table).As("rs")
			p := st.C(student.FieldContactPersonID)
			s.Join(st).On(s.C(household.FieldID), st.C(student.FieldHouseholdID)).
				Where(sql.And(sql.NotNull(p), sql.Or(sql.IsNull(s.C(household.FieldGuarantorID)), sql.ColumnsNEQ(p, s.C(household.FieldGuarantorID)))))
			s.Select(sql.As(p, "p"), sql.As("COUNT(DISTINCT "+s.C(household.FieldID)+")", "n")).GroupBy(p)
		}).Scan(ctx, &contacted)
	if err != nil {
		return nil, err
	}
	sum := map[int]int{}
	for _, r := range append(guaranteed, contacted...) {
		sum[r.PersonID] += r.Overdue
	}
	ids := make([]int, 0, len(sum))
	for id := range sum {
		ids = append(ids, id)
	}
	// Only people the viewer may read, and still in post.
	var rows []Row
	for lo := 0; lo < len(ids); lo += 5000 {
		chunk := ids[lo:min(lo+5000, len(ids))]
		ok, err := c.Person.Query().Where(person.IDIn(chunk...), person.Active(true)).IDs(ctx)
		if err != nil {
			return nil, err
		}
		for _, id := range ok {
			rows = append(rows, Row{PersonID: id, Overdue: sum[id]})
		}
	}
	sort.Slice(rows, func(i, j int) bool { return Less(rows[i], rows[j]) })
	return rows, nil
}

// Less is the order of Behind: most overdue first, then by person.
func Less(a, b Row) bool {
	if a.Overdue != b.Overdue {
		return a.Overdue > b.Overdue
	}
	return a.PersonID < b.PersonID
}

// Unsigned is the agreements the viewer may see still waiting for a signature.
type Unsigned struct {
	Count  int
	Oldest *time.Time // when the longest-waiting one was issued
}

// LongestDays is how many whole days the oldest has waited.
func (u Unsigned) LongestDays(now time.Time) *int {
	if u.Oldest == nil {
		return nil
	}
	d := int(now.Sub(*u.Oldest).Hours() / 24)
	return &d
}

// Waiting counts the unsigned agreements under the viewer's scope; with
// partyID, only those that person is to sign.
func Waiting(ctx context.Context, c *ent.Client, partyID int) (Unsigned, error) {
	q := c.Agreement.Query().Where(agreement.StateEQ(agreement.StateIssued))
	if partyID != 0 {
		q.Where(agreement.PartyPersonID(partyID))
	}
	n, err := q.Clone().Count(ctx)
	if err != nil || n == 0 {
		return Unsigned{}, err
	}
	a, err := q.Order(agreement.ByIssuedAt(), agreement.ByID()).First(ctx)
	if err != nil {
		return Unsigned{}, err
	}
	return Unsigned{Count: n, Oldest: &a.IssuedAt}, nil
}
