package graph_test

import (
	"fmt"
	"strings"
	"testing"

	"sanbao/ent/contact"
	"sanbao/ent/division"
	"sanbao/ent/household"
	"sanbao/ent/student"
	"sanbao/graph"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

// A null page size is no page size: every connection, root, nested
// (eager-loaded or not) and hand-written, answers DefaultPageSize rows for
// first: null, last: null and an unset or null variable, as the first page.
func TestNullPageSizeGetsTheDefault(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		fixture.Build(t, db)
		c := db.Client
		// More than a page everywhere: a household with 25 contacts, a
		// teacher with 25 families, a village with 25 students.
		h := c.Household.Query().Where(household.VillageCodeHasPrefix(fixture.Songlindian[:9])).Order(household.ByID()).FirstX(sys)
		for i := 0; i < 25; i++ {
			c.Contact.Create().SetUUID(fmt.Sprintf("10000000-0000-4000-8000-%012d", i)).SetHouseholdID(h.ID).
				SetPersonID(personID(t, db, teacher)).SetRecordedByID(personID(t, db, teacher)).
				SetDate(fmt.Sprintf("2026-01-%02d", 1+i)).SetMode(contact.ModePhone).SetLearnedSituation(true).ExecX(sys)
		}
		c.Household.Update().Where(household.IDIn(c.Household.Query().Where(household.VillageCodeHasPrefix(county[:6])).
			Order(household.ByID()).Limit(25).IDsX(sys)...)).SetGuarantorID(personID(t, db, teacher)).ExecX(sys)
		village := c.Division.Query().Where(division.LevelEQ(division.LevelVillage), division.CodeHasPrefix(fixture.Songlindian[:9])).
			Order(division.ByID()).FirstX(sys)
		c.Student.Update().Where(student.IDIn(c.Student.Query().Where(student.VillageCodeHasPrefix(county[:6])).
			Order(student.ByID()).Limit(25).IDsX(sys)...)).SetVillageCode(village.Code).ExecX(sys)

		aidCatalog(t, db) // 22 policies for the county
		a := newAPI(t, db)
		admin, mine := a.login(aidCentre), a.login(teacher)
		const conn = `totalCount pageInfo { hasNextPage hasPreviousPage } edges { node { id } }`
		for _, c := range []struct {
			name  string
			s     *session
			decl  string
			query string // %s: the page-size argument, %c: the connection's selection
			path  []any
		}{
			{"students", admin, "", `students(%s) { %c }`, []any{"students"}},
			{"households", admin, "", `households(%s) { %c }`, []any{"households"}},
			{"agreements", admin, "", `agreements(%s) { %c }`, []any{"agreements"}},
			{"household contacts (resolved)", admin, ", $h: ID!", `node(id: $h) { ... on Household { contacts(%s) { %c } } }`, []any{"node", "contacts"}},
			{"household contacts (eager-loaded)", admin, ", $hs: [ID!]", `households(where: {idIn: $hs}) { edges { node { contacts(%s) { %c } } } }`,
				[]any{"households", "edges", 0, "node", "contacts"}},
			{"myFamilies", mine, "", `myFamilies(%s) { %c }`, []any{"myFamilies"}},
			{"coverage gaps", admin, "", `coverage(divisionCode: "` + county + `") { overdueHouseholds(%s) { %c } }`, []any{"coverage", "overdueHouseholds"}},
			{"village archive", admin, ", $v: ID!", `villageArchive(villageID: $v) { list(%s) { %c } }`, []any{"villageArchive", "list"}},
			{"aid policies", admin, "", `aidPolicies(%s) { %c }`, []any{"aidPolicies"}},
		} {
			for _, size := range []struct {
				arg  string
				vars map[string]any
			}{
				{"first: null", nil},
				{"last: null", nil},
				{"first: null, last: null", nil},
				{"first: $n", nil},                      // unset
				{"first: $n", map[string]any{"n": nil}}, // null
				{"last: $n", map[string]any{"n": nil}},
			} {
				decl := c.decl
				if strings.Contains(size.arg, "$n") {
					decl = ", $n: Int" + decl
				}
				q := strings.NewReplacer("%s", size.arg, "%c", conn).Replace(c.query)
				if decl != "" {
					q = "query(" + decl[2:] + ") { " + q + " }"
				} else {
					q = "{ " + q + " }"
				}
				vars := map[string]any{"h": id(h.ID), "hs": []string{id(h.ID)}, "v": id(village.ID)}
				for k, v := range size.vars {
					vars[k] = v
				}
				r := c.s.do(q, vars)
				if len(r.Errors) > 0 {
					t.Errorf("%s %s: %+v", c.name, size.arg, r.Errors)
					continue
				}
				d := get(r.Data, c.path...)
				edges, _ := get(d, "edges").([]any)
				more := get(d, "pageInfo", "hasNextPage")
				if len(edges) != graph.DefaultPageSize || num(d, "totalCount") <= graph.DefaultPageSize || more != true {
					t.Errorf("%s %s: %d rows of %d (more: %v), want a page of %d", c.name, size.arg, len(edges), num(d, "totalCount"), more, graph.DefaultPageSize)
				}
			}
		}
	})
}

// Input values are bounded in depth, list length and string length before
// anything runs, with the argument named in a Chinese BAD_USER_INPUT.
func TestInputValuesAreBounded(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	fixture.Build(t, db)
	a := newAPI(t, db)
	s := a.login(aidCentre)
	nested := func(depth int) map[string]any {
		w := map[string]any{"nameContains": "王"}
		for i := 0; i < depth; i++ {
			w = map[string]any{"not": w}
		}
		return w
	}
	literal := func(depth int) string {
		return strings.Repeat("{not: ", depth) + `{nameContains: "王"}` + strings.Repeat("}", depth)
	}
	ids := make([]string, 40000)
	for i := range ids {
		ids[i] = id(i + 1)
	}
	many := make([]string, graph.MaxInputList+1)
	copy(many, ids)
	const q = `query($where: StudentWhereInput) { students(where: $where) { totalCount } }`
	for _, c := range []struct {
		name   string
		query  string
		vars   map[string]any
		field  string
		reason string
	}{
		{"a 5,000-deep variable", q, map[string]any{"where": nested(5000)}, "where.not", "嵌套过深"},
		{"a 13-deep variable", q, map[string]any{"where": nested(13)}, "where.not", "嵌套过深"},
		{"a 13-deep literal", `{ students(where: ` + literal(13) + `) { totalCount } }`, nil, "students.where.not", "嵌套过深"},
		{"40,000 IDs in a variable", q, map[string]any{"where": map[string]any{"idIn": ids}}, "where.idIn", "一次最多 500 项"},
		{"501 IDs in a literal", `{ students(where: {idIn: [` + strings.Join(many, ",") + `]}) { totalCount } }`, nil, "students.where.idIn", "一次最多 500 项"},
		{"a 600 KB search", `query($s: String) { students(search: $s) { totalCount } }`, map[string]any{"s": strings.Repeat("王", 200<<10)},
			"students.search", "过长：最多 2000 个字"},
		{"a long string in a filter", q, map[string]any{"where": map[string]any{"nameContains": strings.Repeat("x", 2001)}}, "students.where.nameContains", "过长"},
	} {
		r := s.do(c.query, c.vars)
		if r.code() != "BAD_USER_INPUT" || !strings.HasPrefix(fmt.Sprint(r.Errors[0].Extensions["field"]), c.field) ||
			!strings.Contains(r.Errors[0].Message, c.reason) || !strings.Contains(r.Errors[0].Message, "：") || r.Data["students"] != nil {
			t.Errorf("%s: %+v", c.name, r.Errors)
		}
	}
	// Within the bounds all is well: 12 levels, 500 IDs, 2,000 characters.
	for _, v := range []map[string]any{nested(11), {"idIn": many[:graph.MaxInputList]}, {"nameContains": strings.Repeat("王", 2000)}} {
		s.ok(q, map[string]any{"where": v})
	}
	// A CSV file is longer than any other input: its own checks apply.
	csv := "户编号,户主姓名,村级区划代码,状态,低保,特困供养,残疾,家庭人口,联系电话,住址\n" + strings.Repeat("X,甲,1,未脱贫,否,否,否,1,,\n", 200)
	r := s.do(`mutation($c: String!) { importHouseholds(csv: $c) { created errors { line reason } } }`, map[string]any{"c": csv})
	if len(r.Errors) > 0 && strings.Contains(r.Errors[0].Message, "过长") {
		t.Errorf("a %d-character CSV was refused as too long: %+v", len(csv), r.Errors)
	}
}

// A request with a 400 KB, 5,000-deep filter variable is refused before the
// variables are coerced (it took 3.8 s and 1.2 GB when it ran).
func BenchmarkDeepFilterRefused(b *testing.B) {
	db := storetest.Open(b, "sqlite")
	fixture.Build(b, db)
	s := newAPI(b, db).login(aidCentre)
	w := map[string]any{"nameContains": "王"}
	for i := 0; i < 5000; i++ {
		w = map[string]any{"not": w}
	}
	vars := map[string]any{"where": w}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.do(`query($where: StudentWhereInput) { students(where: $where) { totalCount } }`, vars)
	}
}
