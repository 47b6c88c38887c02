package aid

import (
	"context"
	"fmt"

	"sanbao/aid/rule"
	"sanbao/authz"
	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/aidpolicy"
	"sanbao/ent/division"
	"sanbao/ent/household"
	"sanbao/ent/org"
	"sanbao/term"
)

// Rule turns a stored version into what evaluation needs. Its terms were
// validated when stored.
func Rule(p *ent.AidPolicy) rule.Policy {
	from, _ := term.Parse("fromTerm", p.FromTerm)
	var until term.Term
	if p.UntilTerm != "" {
		until, _ = term.Parse("untilTerm", p.UntilTerm)
	}
	return rule.Policy{
		ID: p.ID, Code: p.Code, Name: p.Name, Category: string(p.Category), Kind: string(p.Kind),
		Amount: p.Amount, Per: string(p.Per), Payer: string(p.Payer), Basis: string(p.Basis),
		OwnerCode: p.OwnerCode, From: from, Until: until, Conditions: p.Conditions,
	}
}

// Facts are what the records say of s and its household h; studyCode is the
// division of the school (or of the outside school), empty when unknown.
func Facts(s *ent.Student, h *ent.Household, studyCode string) rule.Facts {
	f := rule.Facts{
		Stage: string(s.Stage), Enrolled: s.EnrollmentStatus == "ENROLLED", Boarding: s.Boarding,
		Disabled: s.Disabled, EthnicMinority: s.EthnicMinority, HomeCode: s.VillageCode, StudyCode: studyCode,
	}
	if s.Grade != nil {
		f.Grade = *s.Grade
	}
	if h != nil {
		f.HouseholdStatus, f.Dibao, f.Tekun, f.FamilyDisabled = string(h.Status), h.Dibao, h.Tekun, h.Disabled
	}
	return f
}

// ownersOf are the catalog owners that may reach a student living at home
// and studying at study: both provinces and both counties.
func ownersOf(codes ...string) []string {
	var out []string
	for _, c := range codes {
		if !divcode.WellFormed(c) {
			continue
		}
		for _, l := range []divcode.Level{divcode.Province, divcode.County} {
			out = append(out, pad(divcode.Prefix(c, l)))
		}
	}
	return out
}

func pad(prefix string) string { return prefix + "000000000000"[len(prefix):] }

// ForStudents evaluates students (with their households loaded or not) for
// t in a fixed number of statements: the households, the schools' and
// outside divisions' codes, and the catalogs of every owner reaching them.
// The students were read under the viewer's scope; the reference data they
// need is read as the system, so an entitlement never depends on whether the
// viewer may list a school in another county.
func ForStudents(ctx context.Context, c *ent.Client, students []*ent.Student, t term.Term) (map[int][]Entitlement, error) {
	sys := authz.System(ctx)
	hids, sids, dids := ids(students)
	households := map[int]*ent.Household{}
	if len(hids) > 0 {
		hs, err := c.Household.Query().Where(household.IDIn(hids...)).All(sys)
		if err != nil {
			return nil, err
		}
		for _, h := range hs {
			households[h.ID] = h
		}
	}
	places := map[int]string{} // org id → division code
	if len(sids) > 0 {
		os, err := c.Org.Query().Where(org.IDIn(sids...)).Select(org.FieldID, org.FieldDivisionCode).All(sys)
		if err != nil {
			return nil, err
		}
		for _, o := range os {
			places[o.ID] = o.DivisionCode
		}
	}
	outside := map[int]string{}
	if len(dids) > 0 {
		ds, err := c.Division.Query().Where(division.IDIn(dids...)).Select(division.FieldID, division.FieldCode).All(sys)
		if err != nil {
			return nil, err
		}
		for _, d := range ds {
			outside[d.ID] = d.Code
		}
	}
	facts := make([]rule.Facts, len(students))
	var codes []string
	for i, s := range students {
		study := ""
		if s.OutsideDivisionID != nil {
			study = outside[*s.OutsideDivisionID]
		} else if s.SchoolID != nil {
			study = places[*s.SchoolID]
		}
		facts[i] = Facts(s, households[s.HouseholdID], study)
		codes = append(codes, s.VillageCode, study)
	}
	rows, err := c.AidPolicy.Query().Where(aidpolicy.OwnerCodeIn(dedupe(ownersOf(codes...))...)).
		Order(aidpolicy.ByCategory(), aidpolicy.ByCode(), aidpolicy.ByID()).All(authz.System(ctx))
	if err != nil {
		return nil, err
	}
	catalog := make([]rule.Policy, len(rows))
	byID := make(map[int]*ent.AidPolicy, len(rows))
	for i, p := range rows {
		catalog[i], byID[p.ID] = Rule(p), p
	}
	out := make(map[int][]Entitlement, len(students))
	for i, s := range students {
		es := rule.Evaluate(catalog, facts[i], t)
		list := make([]Entitlement, len(es))
		for j, e := range es {
			missing := make([]string, len(e.Missing))
			for k, m := range e.Missing {
				missing[k] = rule.Labels[m]
			}
			list[j] = Entitlement{Policy: byID[e.Policy.ID], Status: e.Status, Amount: e.Amount, Missing: missing}
		}
		out[s.ID] = list
	}
	return out, nil
}

// Catalog is every version owned by owners, as rules.
func Catalog(ctx context.Context, c *ent.Client, owners []string) ([]rule.Policy, error) {
	if len(owners) == 0 {
		return nil, nil
	}
	ps, err := c.AidPolicy.Query().Where(aidpolicy.OwnerCodeIn(dedupe(owners)...)).
		Order(aidpolicy.ByCategory(), aidpolicy.ByCode(), aidpolicy.ByID()).All(authz.System(ctx))
	if err != nil {
		return nil, err
	}
	out := make([]rule.Policy, len(ps))
	for i, p := range ps {
		out[i] = Rule(p)
	}
	return out, nil
}

func ids(students []*ent.Student) (hids, sids, dids []int) {
	seen := map[[2]int]bool{}
	add := func(kind, id int, to *[]int) {
		if !seen[[2]int{kind, id}] {
			seen[[2]int{kind, id}] = true
			*to = append(*to, id)
		}
	}
	for _, s := range students {
		add(0, s.HouseholdID, &hids)
		if s.SchoolID != nil {
			add(1, *s.SchoolID, &sids)
		}
		if s.OutsideDivisionID != nil {
			add(2, *s.OutsideDivisionID, &dids)
		}
	}
	return hids, sids, dids
}

func dedupe(xs []string) []string {
	seen := map[string]bool{}
	out := xs[:0:0]
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// Entitlement is what a student is due under one stored policy version.
type Entitlement struct {
	Policy  *ent.AidPolicy
	Status  rule.Status
	Amount  int
	Missing []string // in Chinese
}

// AmountLabel is a policy's standard as users read it.
func AmountLabel(p *ent.AidPolicy) string {
	if p.Kind == aidpolicy.KindWaiver {
		return "免"
	}
	per := map[aidpolicy.Per]string{aidpolicy.PerYear: "元/年", aidpolicy.PerTerm: "元/学期", aidpolicy.PerOnce: "元（一次性）"}[p.Per]
	if p.Kind == aidpolicy.KindLoan {
		return fmt.Sprintf("最高%d%s", p.Amount, per)
	}
	return fmt.Sprintf("%d%s", p.Amount, per)
}

// OwnerLevel says whose catalog p is in.
func OwnerLevel(p *ent.AidPolicy) string {
	if divcode.LevelOf(p.OwnerCode) == divcode.County {
		return "县级"
	}
	return "省级"
}
