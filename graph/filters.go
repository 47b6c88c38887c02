package graph

import (
	"context"
	"regexp"
	"strings"

	"sanbao/authz"
	"sanbao/coverage"
	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/household"
	"sanbao/ent/student"
	"sanbao/fielderr"
)

func tooMany(field string) error {
	return fielderr.New(field, "一次最多查询 %d 个", MaxPageSize)
}

var codePattern = regexp.MustCompile(`^[0-9]{12}$`)

// divisionRange checks a divisionCode argument and returns its subtree.
func divisionRange(code *string) (*divcode.Range, error) {
	if code == nil || *code == "" {
		return nil, nil
	}
	if !codePattern.MatchString(*code) {
		return nil, fielderr.New("divisionCode", "应为 12 位数字")
	}
	r := divcode.SubtreeOf(*code)
	return &r, nil
}

// pageSize is the size of a plain list with a first argument (the limits
// extension has refused one outside 0–MaxPageSize already).
func pageSize(first *int) int {
	if first == nil {
		return DefaultPageSize
	}
	return min(max(*first, 0), MaxPageSize)
}

func cleanSearch(s *string) string {
	if s == nil {
		return ""
	}
	return strings.TrimSpace(*s)
}

func householdFilters(ctx context.Context, q *ent.HouseholdQuery, search, divisionCode *string, schoolID *int) error {
	r, err := divisionRange(divisionCode)
	if err != nil {
		return err
	}
	if r != nil {
		q.Where(household.VillageCodeGTE(r.Lo), household.VillageCodeLTE(r.Hi))
	}
	if schoolID != nil {
		// Only students the viewer may read tell where a household's children study.
		q.Where(household.HasStudentsWith(student.SchoolID(*schoolID), authz.StudentsReadable(ctx)))
	}
	if s := cleanSearch(search); s != "" {
		q.Where(household.Or(household.HeadNameContains(s), household.NumberHasPrefix(s)))
	}
	return nil
}

// idSuffix is what may be searched of an ID number: at most the four
// characters that a masked number shows anyway.
var idSuffix = regexp.MustCompile(`^[0-9]{1,3}[0-9Xx]$`)

func studentFilters(ctx context.Context, q *ent.StudentQuery, search, divisionCode *string, householdStatus []household.Status, needsContact *bool) error {
	r, err := divisionRange(divisionCode)
	if err != nil {
		return err
	}
	if r != nil {
		q.Where(student.VillageCodeGTE(r.Lo), student.VillageCodeLTE(r.Hi))
	}
	if len(householdStatus) > 0 {
		q.Where(student.HasHouseholdWith(household.StatusIn(householdStatus...)))
	}
	if needsContact != nil {
		if *needsContact {
			q.Where(coverage.NeedsContact())
		} else {
			q.Where(student.Not(coverage.NeedsContact()))
		}
	}
	if s := cleanSearch(search); s != "" {
		if idSuffix.MatchString(s) {
			q.Where(student.IDNumberHasSuffix(strings.ToUpper(s)))
		} else {
			q.Where(student.NameContains(s))
		}
	}
	return nil
}
