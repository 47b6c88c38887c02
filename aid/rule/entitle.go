package rule

import (
	"slices"

	"sanbao/term"
)

// Policy is one version of a catalog policy as evaluation needs it.
type Policy struct {
	ID         int
	Code, Name string
	// Category is the policy's 学段: PRESCHOOL, COMPULSORY, SENIOR,
	// VOCATIONAL or HIGHER.
	Category string
	Kind     string // GRANT, WAIVER, LOAN
	Amount   int    // yuan per Per; 0 for a waiver
	Per      string // YEAR, TERM, ONCE
	Payer    string // CENTRAL, SHARED, PROVINCE, COUNTY
	// Basis says where the policy is carried out: SCHOOL (就读地, by the
	// province or county of the school) or HOME (户籍地/生源地).
	Basis     string
	OwnerCode string // province or county code
	// From and Until are the first and last semesters of this version;
	// Until is zero while the version is open.
	From, Until term.Term
	Conditions  []Condition
}

// categoryStages are the student stages each category covers.
var categoryStages = map[string][]string{
	"PRESCHOOL":  {"PRESCHOOL"},
	"COMPULSORY": {"PRIMARY", "JUNIOR"},
	"SENIOR":     {"SENIOR"},
	"VOCATIONAL": {"VOCATIONAL"},
	"HIGHER":     {"HIGHER"},
}

// Valid reports whether p applies in semester t.
func (p *Policy) ValidIn(t term.Term) bool {
	return !t.Before(p.From) && (p.Until == term.Term{} || !p.Until.Before(t))
}

// Status of an entitlement.
type Status string

const (
	// Entitled: the records show the student qualifies.
	Entitled Status = "ENTITLED"
	// NeedsIdentification: nothing recorded refuses it, but a condition
	// needs identification the records do not hold yet (待认定).
	NeedsIdentification Status = "NEEDS_IDENTIFICATION"
	// ByStudyPlace: the student qualifies for a policy carried out where
	// they study, and they study in another province (由就读地落实).
	ByStudyPlace Status = "BY_STUDY_PLACE"
)

// Entitlement is what one student is due under one policy for a term.
type Entitlement struct {
	Policy *Policy
	Status Status
	// Amount is the yuan due for the term asked (a whole school year sums
	// its two semesters); 0 for a waiver.
	Amount int
	// Missing are the condition kinds that need identification.
	Missing []string
}

// Evaluate is what f is entitled to under catalog in t (a semester or a
// whole school year). Only versions valid in the semester count, so a change
// from a later term never alters an earlier one. Province-owned policies
// apply by the province of the school (or of the home for HOME basis),
// county-owned top-ups only to the county's own students (by household
// registration) — or by the school's county for SCHOOL basis.
func Evaluate(catalog []Policy, f Facts, t term.Term) []Entitlement {
	if t.IsYear() {
		first := Evaluate(catalog, f, term.Term{Year: t.Year, Semester: 1})
		for _, e := range Evaluate(catalog, f, term.Term{Year: t.Year, Semester: 2}) {
			i := slices.IndexFunc(first, func(x Entitlement) bool {
				return x.Policy.Code == e.Policy.Code && x.Policy.OwnerCode == e.Policy.OwnerCode
			})
			if i < 0 {
				first = append(first, e)
				continue
			}
			first[i].Amount += e.Amount
		}
		return first
	}
	if !f.Enrolled {
		return nil
	}
	var out []Entitlement
	for i := range catalog {
		p := &catalog[i]
		if !p.ValidIn(t) || !slices.Contains(categoryStages[p.Category], f.Stage) ||
			p.Per == "ONCE" && t.Semester != 1 {
			continue
		}
		status, ok := reach(p, f)
		if !ok {
			continue
		}
		truth, missing := All(p.Conditions, f)
		if truth == No {
			continue
		}
		if truth == Unknown {
			status = NeedsIdentification
		}
		out = append(out, Entitlement{Policy: p, Status: status, Amount: p.termAmount(t), Missing: missing})
	}
	// Where the study province's own catalog is loaded too, its entitlement
	// replaces the home province's pointer to it.
	return slices.DeleteFunc(out, func(e Entitlement) bool {
		return e.Status == ByStudyPlace && slices.ContainsFunc(out, func(o Entitlement) bool {
			return o.Status != ByStudyPlace && o.Policy.Code == e.Policy.Code && o.Policy.OwnerCode != e.Policy.OwnerCode
		})
	})
}

// reach says whether the policy's owner reaches f, and how.
func reach(p *Policy, f Facts) (Status, bool) {
	n := 2
	if len(p.OwnerCode) == 12 && p.OwnerCode[2:] != "0000000000" {
		n = 6 // a county's top-up
	}
	place := f.HomeCode
	if p.Basis == "SCHOOL" && f.StudyCode != "" {
		place = f.StudyCode
	}
	if len(place) >= n && place[:n] == p.OwnerCode[:n] {
		return Entitled, true
	}
	// A national policy the province carries out where the student studies:
	// the other province owes it; sanbao shows it so that it is followed up.
	if n == 2 && p.Basis == "SCHOOL" && (p.Payer == "CENTRAL" || p.Payer == "SHARED") &&
		len(f.HomeCode) >= 2 && f.HomeCode[:2] == p.OwnerCode[:2] {
		return ByStudyPlace, true
	}
	return "", false
}

// termAmount is what the policy pays for semester t: half a yearly amount,
// a term's amount, or a one-off amount in the first semester only.
func (p *Policy) termAmount(t term.Term) int {
	switch p.Per {
	case "YEAR":
		return p.Amount / 2
	}
	return p.Amount
}
