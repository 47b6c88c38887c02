package aid

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"sanbao/aid/rule"
	"sanbao/term"
)

const (
	hebei      = "130000000000"
	zhuozhou   = "130681000000"
	village    = "130681101201" // a village of the demo county
	school     = "130681101000" // a school's township in the county
	gaobeidian = "130684001201" // a village of the next county
	beijing    = "110108000000" // a university district in another province
)

// catalogOf turns shipped definitions into rules owned by owner.
func catalogOf(owner string, defs []Def) []rule.Policy {
	out := make([]rule.Policy, len(defs))
	for i, d := range defs {
		from, err := term.Parse("from", d.From)
		if err != nil {
			panic(err)
		}
		var until term.Term
		if d.Until != "" {
			until, _ = term.Parse("until", d.Until)
		}
		out[i] = rule.Policy{ID: i + 1, Code: d.Code, Name: d.Name, Category: d.Category, Kind: d.Kind, Amount: d.Amount,
			Per: d.Per, Payer: d.Payer, Basis: d.Basis, OwnerCode: owner, From: from, Until: until, Conditions: d.Conditions}
	}
	return out
}

func shipped() []rule.Policy {
	return append(catalogOf(hebei, ProvinceDefaults), catalogOf(zhuozhou, CountyTopUps)...)
}

// summary lists entitlements as "code amount status[missing]", sorted.
func summary(es []rule.Entitlement) string {
	var out []string
	for _, e := range es {
		s := fmt.Sprintf("%s %d", e.Policy.Code, e.Amount)
		if e.Status != rule.Entitled {
			s += " " + string(e.Status)
		}
		if len(e.Missing) > 0 {
			s += fmt.Sprint(e.Missing)
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return strings.Join(out, "; ")
}

var (
	autumn2026 = term.Term{Year: 2026, Semester: 1}
	spring2027 = term.Term{Year: 2026, Semester: 2}
)

func TestEntitlementsFixture(t *testing.T) {
	cat := shipped()
	cases := []struct {
		name string
		f    rule.Facts
		t    term.Term
		want string
	}{
		{"registered boarding junior", rule.Facts{Stage: "JUNIOR", Grade: 8, Enrolled: true, Boarding: true,
			HouseholdStatus: "NOT_LIFTED", HomeCode: village, StudyCode: school}, autumn2026,
			"boarding-junior 625; compulsory-free 0"},
		{"registered boarding junior, whole year", rule.Facts{Stage: "JUNIOR", Grade: 8, Enrolled: true, Boarding: true,
			HouseholdStatus: "LIFTED", HomeCode: village, StudyCode: school}, term.Term{Year: 2026},
			"boarding-junior 1250; compulsory-free 0"},
		{"低保 kindergarten child", rule.Facts{Stage: "PRESCHOOL", Enrolled: true, HouseholdStatus: "HARDSHIP", Dibao: true,
			HomeCode: village, StudyCode: school}, autumn2026,
			"preschool-aid 500"},
		{"registered (未脱贫) kindergarten child gets the county's top-ups", rule.Facts{Stage: "PRESCHOOL", Enrolled: true,
			HouseholdStatus: "NOT_LIFTED", HomeCode: village, StudyCode: school}, term.Term{Year: 2026},
			"county-preschool-care 600; county-preschool-living 400; preschool-aid 1000"},
		{"non-registered senior student", rule.Facts{Stage: "SENIOR", Grade: 11, Enrolled: true, HouseholdStatus: "HARDSHIP",
			HomeCode: village, StudyCode: school}, autumn2026,
			"senior-fee 0 NEEDS_IDENTIFICATION[orphan]; senior-grant 1000 NEEDS_IDENTIFICATION[orphan hardship]"},
		{"registered freshman studying in another province", rule.Facts{Stage: "HIGHER", Grade: 1, Enrolled: true,
			HouseholdStatus: "NOT_LIFTED", HomeCode: village, StudyCode: beijing}, autumn2026,
			"county-college-living 1000; county-freshman-out 1000; freshman-out 1000; higher-grant 1850 BY_STUDY_PLACE; higher-loan 10000"},
		{"the same student in the second semester: no one-off grants", rule.Facts{Stage: "HIGHER", Grade: 1, Enrolled: true,
			HouseholdStatus: "NOT_LIFTED", HomeCode: village, StudyCode: beijing}, spring2027,
			"county-college-living 1000; higher-grant 1850 BY_STUDY_PLACE; higher-loan 10000"},
		{"a freshman in the province, grade unknown: needs identification", rule.Facts{Stage: "HIGHER", Enrolled: true,
			HouseholdStatus: "NOT_LIFTED", HomeCode: village, StudyCode: "130102000000"}, autumn2026,
			"county-college-living 1000; county-freshman-in 500 NEEDS_IDENTIFICATION[freshman]; " +
				"freshman-in 500 NEEDS_IDENTIFICATION[freshman]; higher-grant 1850; higher-loan 10000"},
		{"registered day-school primary pupil of the county", rule.Facts{Stage: "PRIMARY", Grade: 3, Enrolled: true,
			HouseholdStatus: "NOT_LIFTED", HomeCode: village, StudyCode: school}, autumn2026,
			"compulsory-free 0; county-dayschool-primary 500"},
		{"county top-ups stay with the county: a pupil of the next county", rule.Facts{Stage: "PRIMARY", Grade: 3, Enrolled: true,
			HouseholdStatus: "NOT_LIFTED", HomeCode: gaobeidian, StudyCode: school}, autumn2026,
			"compulsory-free 0"},
		{"vocational third year: no grant", rule.Facts{Stage: "VOCATIONAL", Grade: 3, Enrolled: true,
			HouseholdStatus: "LIFTED", HomeCode: village, StudyCode: school}, autumn2026,
			"vocational-fee 0; yulu-vocational 1500"},
		{"a dropout is entitled to nothing until back", rule.Facts{Stage: "JUNIOR", Grade: 8, Enrolled: false, Boarding: true,
			HouseholdStatus: "NOT_LIFTED", HomeCode: village, StudyCode: school}, autumn2026, ""},
	}
	for _, c := range cases {
		if got := summary(rule.Evaluate(cat, c.f, c.t)); got != c.want {
			t.Errorf("%s:\n got  %s\n want %s", c.name, got, c.want)
		}
	}
}

// Every shipped policy is reached by at least one student.
func TestEveryShippedPolicyReached(t *testing.T) {
	cat := shipped()
	reached := map[string]bool{}
	stages := []string{"PRESCHOOL", "PRIMARY", "JUNIOR", "SENIOR", "VOCATIONAL", "HIGHER"}
	for _, st := range stages {
		for _, boarding := range []bool{false, true} {
			for _, study := range []string{school, beijing} {
				f := rule.Facts{Stage: st, Grade: 1, Enrolled: true, Boarding: boarding, HouseholdStatus: "NOT_LIFTED", HomeCode: village, StudyCode: study}
				for _, e := range rule.Evaluate(cat, f, term.Term{Year: 2026}) {
					reached[e.Policy.Code] = true
				}
			}
		}
	}
	for _, p := range cat {
		if !reached[p.Code] {
			t.Errorf("%s is reached by no registered student", p.Code)
		}
	}
}

func TestTermBoundaries(t *testing.T) {
	cat := shipped()
	student := rule.Facts{Stage: "HIGHER", Grade: 2, Enrolled: true, HouseholdStatus: "LIFTED", HomeCode: village, StudyCode: "130102000000"}
	// The national grant rose from 3300 to 3700 from the 2024 autumn term on.
	if got := summary(rule.Evaluate(cat, student, term.Term{Year: 2023, Semester: 2})); got != "higher-grant 1650; higher-loan 6000" {
		t.Errorf("spring 2024: %s", got)
	}
	if got := summary(rule.Evaluate(cat, student, term.Term{Year: 2024, Semester: 1})); got != "higher-grant 1850; higher-loan 10000" {
		t.Errorf("autumn 2024: %s", got)
	}
	// A change from next term (the junior boarding allowance raised to
	// 1500 from spring 2027) leaves this term as it was.
	i := slices.IndexFunc(cat, func(p rule.Policy) bool { return p.Code == "boarding-junior" })
	changed := cat[i]
	cat[i].Until = autumn2026
	changed.From, changed.Amount = spring2027, 1500
	cat = append(cat, changed)
	junior := rule.Facts{Stage: "JUNIOR", Grade: 8, Enrolled: true, Boarding: true, HouseholdStatus: "NOT_LIFTED", HomeCode: village, StudyCode: school}
	if got := summary(rule.Evaluate(cat, junior, autumn2026)); got != "boarding-junior 625; compulsory-free 0" {
		t.Errorf("this term: %s", got)
	}
	if got := summary(rule.Evaluate(cat, junior, spring2027)); got != "boarding-junior 750; compulsory-free 0" {
		t.Errorf("next term: %s", got)
	}
	if got := summary(rule.Evaluate(cat, junior, term.Term{Year: 2026})); got != "boarding-junior 1375; compulsory-free 0" {
		t.Errorf("the school year: %s", got)
	}
	// Before a policy began it gives nothing.
	if got := summary(rule.Evaluate(cat, junior, term.Term{Year: 2016, Semester: 1})); got != "" {
		t.Errorf("2016: %s", got)
	}
}

func TestConditionsValidAndDescribed(t *testing.T) {
	for _, d := range append(slices.Clone(ProvinceDefaults), CountyTopUps...) {
		for _, c := range d.Conditions {
			if !c.Valid() {
				t.Errorf("%s: invalid condition %+v", d.Code, c)
			}
			if strings.ContainsAny(c.String(), ",:()") {
				t.Errorf("%s: %q has half-width punctuation", d.Code, c.String())
			}
		}
	}
	if got := not(rule.Boarding).String(); got != "非寄宿生" {
		t.Error(got)
	}
	if (rule.Condition{Kind: "made_up"}).Valid() || (rule.Condition{Kind: rule.Any}).Valid() {
		t.Error("unknown kinds and empty any must be invalid")
	}
}
