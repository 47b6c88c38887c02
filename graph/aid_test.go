package graph_test

import (
	"testing"
	"time"

	"sanbao/aid"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
	sbterm "sanbao/term"
)

func nextSemester() string { return sbterm.Of(time.Now()).Next().String() }

const createAid = `mutation($o:String!,$f:String!,$in:AidPolicyInput!){createAidPolicy(ownerCode:$o,fromTerm:$f,input:$in){
	id name amountLabel ownerLevel fromTerm conditions{kind label}}}`

func aidInputVars(amount int) map[string]any {
	return map[string]any{"policyName": "高中生交通补助（县级）", "category": "SENIOR", "kind": "GRANT", "amount": amount,
		"per": "YEAR", "payer": "COUNTY", "basis": "HOME",
		"conditions": []any{map[string]any{"kind": "registered"}, map[string]any{"kind": "boarding", "not": true}}}
}

// The county's aid centre reads the catalog that applies and adds its own
// top-ups; bad input is refused naming the field; the province's catalog and
// another county's are out of its reach.
func TestAidPolicyAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		fixture.Build(t, db)
		aidCatalog(t, db)
		a := newAPI(t, db)
		centre, head := a.login(aidCentre), a.login(principal)
		want := len(aid.ProvinceDefaults) + len(aid.CountyTopUps)
		for _, s := range []*session{centre, head} {
			if n := num(s.ok(`{aidPolicies{totalCount}}`, nil), "aidPolicies", "totalCount"); n != want {
				t.Errorf("catalog of %d policies, want %d", n, want)
			}
		}
		next := nextSemester()
		d := centre.ok(createAid, map[string]any{"o": county, "f": next, "in": aidInputVars(600)})
		if str(d, "createAidPolicy", "amountLabel") != "600元/年" || str(d, "createAidPolicy", "ownerLevel") != "县级" ||
			str(d, "createAidPolicy", "conditions", 1, "label") != "非寄宿生" {
			t.Errorf("created %v", d)
		}
		for _, c := range []struct {
			name, owner, from string
			amount            int
			code, field       string
		}{
			{"no amount", county, next, 0, "BAD_USER_INPUT", "amount"},
			{"a past term", county, "2020—2021学年第一学期", 600, "BAD_USER_INPUT", "fromTerm"},
			{"a school year", county, "2030—2031学年", 600, "BAD_USER_INPUT", "fromTerm"},
			{"not a division", "13068", next, 600, "BAD_USER_INPUT", "ownerCode"},
			{"the province's catalog", "130000000000", next, 600, "FORBIDDEN", ""},
			{"another county", fixture.Zhengding, next, 600, "FORBIDDEN", ""},
		} {
			r := centre.do(createAid, map[string]any{"o": c.owner, "f": c.from, "in": aidInputVars(c.amount)})
			if r.code() != c.code {
				t.Errorf("%s: %+v, want %s", c.name, r.Errors, c.code)
				continue
			}
			if c.field != "" && r.Errors[0].Extensions["field"] != c.field {
				t.Errorf("%s: %+v, want field %s", c.name, r.Errors[0], c.field)
			}
		}
		if r := head.do(createAid, map[string]any{"o": county, "f": next, "in": aidInputVars(600)}); r.code() != "FORBIDDEN" {
			t.Errorf("a principal adds a top-up: %+v", r.Errors)
		}
	})
}

// Entitlements of a page of students, or of the students of a page of
// households, cost the same number of statements for 5 rows as for 50.
func TestEntitlementStatementsDoNotGrowWithPageSize(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		fixture.Build(t, db)
		aidCatalog(t, db)
		counting, n := store.Counting(db)
		s := newAPI(t, counting).login(aidCentre)
		for _, q := range []string{
			`query($n:Int,$t:String){students(first:$n){edges{node{id entitlements(term:$t){policy{code name amountLabel} status amount missing}}}}}`,
			`query($n:Int,$t:String){households(first:$n){edges{node{id students{id entitlements(term:$t){policy{code} status amount}}}}}}`,
		} {
			got := 0
			count := func(size int) int64 {
				n.Reset()
				d := s.ok(q, map[string]any{"n": size, "t": "2026—2027学年"})
				got = len(flatten(d))
				return n.N()
			}
			s.ok(q, map[string]any{"n": 1})
			small, large := count(5), count(50)
			t.Logf("%.40s…: %d statements for 5 rows, %d for 50 (%d entitlements)", q[25:], small, large, got)
			if small != large || got == 0 {
				t.Errorf("%.60s…: %d statements for 5 rows, %d for 50, %d entitlements", q, small, large, got)
			}
		}
		if r := s.do(`{students(first:1){edges{node{entitlements(term:"明年"){amount}}}}}`, nil); r.code() != "BAD_USER_INPUT" ||
			r.Errors[0].Extensions["field"] != "term" {
			t.Errorf("a bad term: %+v", r.Errors)
		}
	})
}

// flatten collects every entitlement object in a response.
func flatten(v any) []any {
	var out []any
	switch x := v.(type) {
	case map[string]any:
		for k, y := range x {
			if k == "entitlements" {
				if l, ok := y.([]any); ok {
					out = append(out, l...)
				}
				continue
			}
			out = append(out, flatten(y)...)
		}
	case []any:
		for _, y := range x {
			out = append(out, flatten(y)...)
		}
	}
	return out
}
