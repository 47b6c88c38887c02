package graph

import (
	"regexp"
	"strings"

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

func cleanSearch(s *string) string {
	if s == nil {
		return ""
	}
	return strings.TrimSpace(*s)
}

func householdFilters(q *ent.HouseholdQuery, search, divisionCode *string) error {
	r, err := divisionRange(divisionCode)
	if err != nil {
		return err
	}
	if r != nil {
		q.Where(household.VillageCodeGTE(r.Lo), household.VillageCodeLTE(r.Hi))
	}
	if s := cleanSearch(search); s != "" {
		q.Where(household.Or(household.HeadNameContains(s), household.NumberHasPrefix(s)))
	}
	return nil
}

// idSuffix is what may be searched of an ID number: at most the four
// characters that a masked number shows anyway.
var idSuffix = regexp.MustCompile(`^[0-9]{1,3}[0-9Xx]$`)

func studentFilters(q *ent.StudentQuery, search, divisionCode *string) error {
	r, err := divisionRange(divisionCode)
	if err != nil {
		return err
	}
	if r != nil {
		q.Where(student.VillageCodeGTE(r.Lo), student.VillageCodeLTE(r.Hi))
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
