package agreement

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"time"

	"entgo.io/ent/dialect/sql"

	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/agreement"
	"sanbao/ent/division"
	"sanbao/ent/org"
	"sanbao/ent/predicate"
)

// Row counts agreements issued and signed.
type Row struct {
	Key      string
	Label    string
	Kind     *agreement.Kind
	Division *ent.Division
	Org      *ent.Org
	Issued   int
	Signed   int
}

// Unsigned is what is still waiting.
func (r Row) Unsigned() int { return r.Issued - r.Signed }

// Completion is signing progress for one term and place, by kind (level) and
// rolled up one level down the tree.
type Completion struct {
	Total    Row
	ByKind   []Row
	Children []Row
}

// Place limits agreements to a division (issued by units located there) or a
// school (issued by it, or to it).
type Place struct {
	Range    *divcode.Range
	SchoolID int
	Name     string // the unit's or division's name, for titles
}

// Predicate is the place as a filter.
func (p Place) Predicate() predicate.Agreement {
	if p.Range != nil {
		r := *p.Range
		return func(s *sql.Selector) {
			s.Where(sql.And(sql.GTE(s.C(agreement.FieldIssuerCode), r.Lo), sql.LTE(s.C(agreement.FieldIssuerCode), r.Hi)))
		}
	}
	return agreement.Or(agreement.IssuerOrgID(p.SchoolID), agreement.PartyOrgID(p.SchoolID))
}

type counted struct {
	K      string `json:"k"`
	Issued int    `json:"issued"`
	Signed int    `json:"signed"`
}

func countBy(ctx context.Context, c *ent.Client, term string, p Place, key func(*sql.Selector) string) ([]counted, error) {
	var out []counted
	err := c.Agreement.Query().Where(agreement.Term(term), agreement.StateNEQ(agreement.StateVoid), p.Predicate()).
		Modify(func(s *sql.Selector) {
			k := key(s)
			s.Select(sql.As(k, "k"), sql.As(sql.Count("*"), "issued"), sql.As(sql.Count(s.C(agreement.FieldSignedAt)), "signed")).GroupBy(k)
		}).Scan(ctx, &out)
	return out, err
}

// Count reports on term at place, under the viewer's scope.
func Count(ctx context.Context, c *ent.Client, term string, p Place) (*Completion, error) {
	comp := &Completion{}
	kinds, err := countBy(ctx, c, term, p, func(s *sql.Selector) string { return s.C(agreement.FieldKind) })
	if err != nil {
		return nil, err
	}
	for _, k := range kinds {
		kind := agreement.Kind(k.K)
		comp.ByKind = append(comp.ByKind, Row{Key: k.K, Label: Labels[kind], Kind: &kind, Issued: k.Issued, Signed: k.Signed})
		comp.Total.Issued += k.Issued
		comp.Total.Signed += k.Signed
	}
	sort.Slice(comp.ByKind, func(i, j int) bool { return comp.ByKind[i].Key < comp.ByKind[j].Key })
	// Roll-up: a city or province by the divisions below; a county by issuing unit.
	byUnit := p.Range == nil || divcode.LevelOf(p.Range.Lo).Rank() >= divcode.County.Rank()
	var key func(*sql.Selector) string
	if byUnit {
		key = func(s *sql.Selector) string { return s.C(agreement.FieldIssuerOrgID) }
	} else {
		n := 4
		if divcode.LevelOf(p.Range.Lo) == divcode.City {
			n = 6
		}
		key = func(s *sql.Selector) string {
			return fmt.Sprintf("substr(%s, 1, %d)", s.C(agreement.FieldIssuerCode), n)
		}
	}
	children, err := countBy(ctx, c, term, p, key)
	if err != nil {
		return nil, err
	}
	for _, ch := range children {
		comp.Children = append(comp.Children, Row{Key: ch.K, Issued: ch.Issued, Signed: ch.Signed})
	}
	return comp, nameChildren(ctx, c, comp, byUnit)
}

func nameChildren(ctx context.Context, c *ent.Client, comp *Completion, byUnit bool) error {
	if byUnit {
		ids := make([]int, len(comp.Children))
		for i, ch := range comp.Children {
			ids[i], _ = strconv.Atoi(ch.Key)
		}
		os, err := c.Org.Query().Where(org.IDIn(ids...)).All(ctx)
		if err != nil {
			return err
		}
		for i := range comp.Children {
			for _, o := range os {
				if strconv.Itoa(o.ID) == comp.Children[i].Key {
					comp.Children[i].Org, comp.Children[i].Label = o, o.Name
				}
			}
		}
	} else {
		codes := make([]string, len(comp.Children))
		for i, ch := range comp.Children {
			ch.Key += "000000000000"[:12-len(ch.Key)]
			comp.Children[i].Key, codes[i] = ch.Key, ch.Key
		}
		ds, err := c.Division.Query().Where(division.CodeIn(codes...)).All(ctx)
		if err != nil {
			return err
		}
		for i := range comp.Children {
			for _, d := range ds {
				if d.Code == comp.Children[i].Key {
					comp.Children[i].Division, comp.Children[i].Label = d, d.Name
				}
			}
		}
	}
	sort.Slice(comp.Children, func(i, j int) bool { return comp.Children[i].Label < comp.Children[j].Label })
	return nil
}

// DaysOutstanding is how long an unsigned agreement has waited.
func DaysOutstanding(a *ent.Agreement, now time.Time) *int {
	if a.State != agreement.StateIssued {
		return nil
	}
	d := int(now.Sub(a.IssuedAt).Hours() / 24)
	return &d
}

// china is the time zone dates are printed in.
var china = time.FixedZone("CST", 8*3600)
