package graph_test

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"sanbao/agreement"
	"sanbao/aid"
	"sanbao/auth"
	"sanbao/authz"
	entagreement "sanbao/ent/agreement"
	"sanbao/ent/apitoken"
	"sanbao/ent/assignment"
	"sanbao/ent/contact"
	"sanbao/ent/division"
	"sanbao/ent/household"
	"sanbao/ent/importjob"
	"sanbao/ent/org"
	"sanbao/ent/person"
	"sanbao/ent/position"
	"sanbao/ent/predicate"
	"sanbao/ent/student"
	"sanbao/graph"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
	sbterm "sanbao/term"
)

// reach is how the walk gets to one connection field of the schema: who asks,
// the query around the connection (%s is the connection call, aliased c) with
// the variables it declares, and the path from data to c.
type reach struct {
	phone string
	decl  string // extra variable declarations, e.g. ", $p: ID!"
	wrap  string
	path  []string
	vars  func(t *testing.T, db *store.DB) map[string]any
}

func root() reach { return reach{phone: aidCentre, wrap: "%s", path: []string{"c"}} }

// onNode reaches a connection of the node with the most rows chosen by pick.
func onNode(typ string, pick func(t *testing.T, db *store.DB) int) reach {
	return reach{phone: aidCentre, decl: ", $p: ID!", wrap: "node(id: $p) { ... on " + typ + " { %s } }", path: []string{"node", "c"},
		vars: func(t *testing.T, db *store.DB) map[string]any { return map[string]any{"p": id(pick(t, db))} }}
}

const (
	aidCentre = "13900000001"
	principal = "13900000002"
	teacher   = "13900000003"
	county    = fixture.Zhuozhou
)

var sys = authz.System(context.Background())

// reaches registers every connection field of the schema; a connection added
// later fails TestPaginationWalksEveryOrder until it is registered here.
var reaches = map[string]reach{
	"Query.agreements":   root(),
	"Query.apiTokens":    root(),
	"Query.assignments":  root(),
	"Query.auditLogs":    root(),
	"Query.divisions":    root(),
	"Query.households":   root(),
	"Query.orgs":         root(),
	"Query.people":       root(),
	"Query.students":     root(),
	"Query.myFamilies":   {phone: teacher, wrap: "%s", path: []string{"c"}},
	"Query.myAgreements": {phone: principal, wrap: "%s", path: []string{"c"}},
	"Query.staff":        root(),
	"Query.behind":       root(),
	"Query.importJobs": {phone: aidCentre, wrap: "%s", path: []string{"c"},
		vars: func(t *testing.T, db *store.DB) map[string]any { importJobs(t, db); return nil }},
	"ImportJob.cellErrors": onNode("ImportJob", func(t *testing.T, db *store.DB) int {
		importJobs(t, db)
		return most(t, db, "SELECT job_id FROM import_cell_errors GROUP BY job_id")
	}),
	"Query.orphanedAssignments": {phone: aidCentre, wrap: "%s", path: []string{"c"},
		vars: func(t *testing.T, db *store.DB) map[string]any {
			// The person with the most open assignments leaves: theirs are orphaned.
			p := most(t, db, "SELECT person_id FROM assignments a JOIN persons p ON p.id = a.person_id WHERE a.ends_at IS NULL AND p.phone LIKE '1380%' GROUP BY person_id")
			if _, err := db.SQL.Exec("UPDATE persons SET active = false WHERE id = $1", p); err != nil {
				t.Fatal(err)
			}
			return nil
		}},
	"Coverage.villageGaps":       coverage(),
	"Coverage.householdGaps":     coverage(),
	"Coverage.studentGaps":       coverage(),
	"Coverage.overdueHouseholds": coverage(),
	"AgreementCompletion.unsigned": {phone: aidCentre, decl: ", $term: String!",
		wrap: `agreementCompletion(term: $term, divisionCode: "` + county + `") { %s }`, path: []string{"agreementCompletion", "c"},
		vars: func(*testing.T, *store.DB) map[string]any {
			return map[string]any{"term": agreement.CurrentTerm(time.Now())}
		}},
	"VillageArchive.list": {phone: aidCentre, decl: ", $p: ID!", wrap: "villageArchive(villageID: $p) { %s }", path: []string{"villageArchive", "c"},
		vars: func(t *testing.T, db *store.DB) map[string]any {
			return map[string]any{"p": id(most(t, db, "SELECT d.id FROM divisions d JOIN students s ON s.village_code = d.code WHERE d.code LIKE '130681%' GROUP BY d.id"))}
		}},
	"Division.assignments": onNode("Division", func(t *testing.T, db *store.DB) int {
		return most(t, db, "SELECT village_id FROM assignments JOIN divisions d ON d.id = village_id WHERE d.code LIKE '130681%' GROUP BY village_id")
	}),
	"Division.children": onNode("Division", func(t *testing.T, db *store.DB) int {
		return most(t, db, "SELECT parent_id FROM divisions WHERE code LIKE '130681%' GROUP BY parent_id")
	}),
	"Household.assignments": onNode("Household", func(t *testing.T, db *store.DB) int {
		return most(t, db, "SELECT household_id FROM assignments JOIN households h ON h.id = household_id WHERE h.village_code LIKE '130681%' GROUP BY household_id")
	}),
	"Household.contacts": onNode("Household", func(t *testing.T, db *store.DB) int {
		return most(t, db, "SELECT household_id FROM contacts JOIN households h ON h.id = household_id WHERE h.village_code LIKE '130681%' GROUP BY household_id")
	}),
	"Org.children": onNode("Org", func(t *testing.T, db *store.DB) int {
		return most(t, db, "SELECT parent_id FROM orgs WHERE division_code LIKE '130681%' GROUP BY parent_id")
	}),
	"Org.positions": onNode("Org", func(t *testing.T, db *store.DB) int {
		return most(t, db, "SELECT org_id FROM positions JOIN orgs o ON o.id = org_id WHERE o.division_code LIKE '130681%' GROUP BY org_id")
	}),
	"Org.students": onNode("Org", func(t *testing.T, db *store.DB) int {
		return most(t, db, "SELECT school_id FROM students WHERE school_id IS NOT NULL AND village_code LIKE '130681%' GROUP BY school_id")
	}),
	"Student.assignments": onNode("Student", func(t *testing.T, db *store.DB) int {
		return most(t, db, "SELECT student_id FROM assignments JOIN students s ON s.id = student_id WHERE s.village_code LIKE '130681%' GROUP BY student_id")
	}),
	"Query.schoolAgeChildren": root(),
	"Query.dropoutCases":      dropoutReach("%s", "c"),
	"Query.absenceReports":    dropoutReach("%s", "c"),
	"Query.checkRuns":         dropoutReach("%s", "c"),
	"Query.draws":             inspectReach(),
	"Query.inspections":       inspectReach(),
	"Query.problems":          inspectReach(),
	"Query.deptLists":         compareReach(),
	"Query.compareRuns":       compareReach(),
	"CompareRun.results":      onNode("CompareRun", func(t *testing.T, db *store.DB) int { return comparisons(t, db).ID }),
	"Student.contacts": onNode("Student", func(t *testing.T, db *store.DB) int {
		return most(t, db, "SELECT student_id FROM contacts WHERE student_id IS NOT NULL GROUP BY student_id")
	}),
	"Query.aidPolicies": {phone: aidCentre, wrap: "%s", path: []string{"c"},
		vars: func(t *testing.T, db *store.DB) map[string]any { aidCatalog(t, db); return nil }},
}

// importJobs gives the aid centre five failed import jobs, the first with
// wrong cells (once per database; the demo's own failed job is another's).
func importJobs(t *testing.T, db *store.DB) {
	t.Helper()
	p := db.Person.Query().Where(person.Phone(aidCentre)).WithPositions().OnlyX(sys)
	if db.ImportJob.Query().Where(importjob.CreatedByID(p.ID)).ExistX(sys) {
		return
	}
	o := db.Org.GetX(sys, p.Edges.Positions[0].OrgID)
	for i := range 5 {
		j := db.ImportJob.Create().SetKind("households").SetFileName(fmt.Sprintf("户%d.xlsx", i)).SetFileSize(100).
			SetCreatedByID(p.ID).SetOrgID(o.ID).SetDivisionCode(o.DivisionCode).SetState(importjob.StateFailed).SaveX(sys)
		for line := range 6 * (1 - min(i, 1)) {
			db.ImportCellError.Create().SetJobID(j.ID).SetLine(line + 2).SetColumn("户编号").SetReason("必填").ExecX(sys)
		}
	}
}

func coverage() reach {
	return reach{phone: aidCentre, wrap: `coverage(divisionCode: "` + county + `") { %s }`, path: []string{"coverage", "c"}}
}

// most runs "SELECT key … GROUP BY key" and returns the key with the most rows.
func most(t *testing.T, db *store.DB, groupBy string) int {
	t.Helper()
	q := strings.Replace(groupBy, "SELECT ", "SELECT COUNT(*) AS n, ", 1) + " ORDER BY n DESC LIMIT 1"
	var n, key int
	if err := db.SQL.QueryRow(q).Scan(&n, &key); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return key
}

// connectionField is one connection of the schema and its orderable fields.
type connectionField struct {
	key    string // Type.field
	orders []string
}

// connections lists every field of the schema that returns a connection.
func connections() []connectionField {
	s := graph.NewExecutableSchema(graph.Config{}).Schema()
	var out []connectionField
	for name, d := range s.Types {
		if strings.HasPrefix(name, "__") {
			continue
		}
		for _, f := range d.Fields {
			if !strings.HasSuffix(f.Type.Name(), "Connection") {
				continue
			}
			c := connectionField{key: name + "." + f.Name}
			if a := f.Arguments.ForName("orderBy"); a != nil {
				for _, v := range s.Types[s.Types[a.Type.Name()].Fields.ForName("field").Type.Name()].EnumValues {
					c.orders = append(c.orders, v.Name)
				}
			}
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key < out[j].key })
	return out
}

// Every orderable field of every connection, both directions, read forward
// and backward, returns every row exactly once, in the same order both ways,
// over data with NULLs, empty strings and ties.
func TestPaginationWalksEveryOrder(t *testing.T) {
	conns := connections()
	for _, c := range conns {
		if _, ok := reaches[c.key]; !ok {
			t.Errorf("connection %s is not registered in reaches (graph/pagination_test.go): say how to reach it", c.key)
		}
	}
	for k := range reaches {
		if !slices.ContainsFunc(conns, func(c connectionField) bool { return c.key == k }) {
			t.Errorf("reaches registers %s, which is not a connection of the schema", k)
		}
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		fixture.Build(t, db)
		skew(t, db)
		a := newAPI(t, db)
		sessions := map[string]*session{}
		for _, c := range conns {
			r := reaches[c.key]
			s := sessions[r.phone]
			if s == nil {
				s = a.login(r.phone)
				sessions[r.phone] = s
			}
			vars := map[string]any{}
			if r.vars != nil {
				vars = r.vars(t, db)
			}
			w := walker{t: t, s: s, r: r, field: c.key[strings.Index(c.key, ".")+1:], vars: vars}
			want, total := w.walk("", true, 0)
			if len(want) != total || len(want) < 4 {
				t.Errorf("%s by ID: %d rows of totalCount %d; the walk needs at least 4", c.key, len(want), total)
				continue
			}
			page := min(graph.MaxPageSize, max(2, len(want)/5))
			for _, o := range append([]string{""}, c.orders...) {
				for _, dir := range []string{"ASC", "DESC"} {
					if o == "" && dir == "DESC" {
						continue
					}
					order := ""
					if o != "" {
						order = fmt.Sprintf(", orderBy: {field: %s, direction: %s}", o, dir)
					}
					fwd, _ := w.walk(order, true, page)
					bwd, _ := w.walk(order, false, page)
					name := fmt.Sprintf("%s%s", c.key, order)
					if dup := duplicate(fwd); dup != "" || !slices.Equal(sorted(fwd), sorted(want)) {
						t.Errorf("%s forward: %d rows of %d (duplicate %q)", name, len(fwd), len(want), dup)
					}
					if !slices.Equal(fwd, bwd) {
						t.Errorf("%s backward: %d rows, not the forward order of %d", name, len(bwd), len(fwd))
					}
				}
			}
		}
	})
}

type walker struct {
	t     *testing.T
	s     *session
	r     reach
	field string
	vars  map[string]any
}

// walk pages through the connection (page 0: 100 at a time) and returns the
// node IDs in the connection's order, and its totalCount.
func (w walker) walk(order string, forward bool, page int) ([]string, int) {
	w.t.Helper()
	if page == 0 {
		page = graph.MaxPageSize
	}
	args := "first: $n, after: $cur"
	if !forward {
		args = "last: $n, before: $cur"
	}
	call := fmt.Sprintf("c: %s(%s%s) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { id } } }", w.field, args, order)
	q := fmt.Sprintf("query($n: Int, $cur: Cursor%s) { %s }", w.r.decl, fmt.Sprintf(w.r.wrap, call))
	vars := map[string]any{"n": page, "cur": nil}
	for k, v := range w.vars {
		vars[k] = v
	}
	var out []string
	total := 0
	for pages := 0; ; pages++ {
		d := w.s.ok(q, vars)
		var conn any = d
		for _, p := range w.r.path {
			conn = get(conn, p)
		}
		total = num(conn, "totalCount")
		got := ids(conn)
		if forward {
			out = append(out, got...)
		} else {
			out = append(got, out...)
		}
		more, next := get(conn, "pageInfo", "hasNextPage") == true, str(conn, "pageInfo", "endCursor")
		if !forward {
			more, next = get(conn, "pageInfo", "hasPreviousPage") == true, str(conn, "pageInfo", "startCursor")
		}
		if !more || len(got) == 0 {
			return out, total
		}
		if pages > total/page+2 {
			w.t.Errorf("%s%s does not end: %d pages of %d for %d rows", w.field, order, pages, page, total)
			return out, total
		}
		vars["cur"] = next
	}
}

func duplicate(xs []string) string {
	seen := map[string]bool{}
	for _, x := range xs {
		if seen[x] {
			return x
		}
		seen[x] = true
	}
	return ""
}

// skew gives the fixture what breaks naive cursors: NULLs and empty strings
// in sort columns, and long runs of equal values (ties) in each of them.
func skew(t *testing.T, db *store.DB) {
	t.Helper()
	c := db.Client
	ids := func(q interface {
		IDs(context.Context) ([]int, error)
	}) []int {
		v, err := q.IDs(sys)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	every := func(xs []int, n, r int) (out []int) {
		for i, x := range xs {
			if i%n == r {
				out = append(out, x)
			}
		}
		return out
	}
	// Students and households: no grade, never contacted (""), one shared date.
	st := ids(c.Student.Query().Order(student.ByID()))
	c.Student.Update().Where(student.IDIn(every(st, 5, 0)...)).ClearGrade().ExecX(sys)
	c.Student.Update().Where(student.IDIn(every(st, 4, 1)...)).SetLastContactOn("").ExecX(sys)
	c.Student.Update().Where(student.IDIn(every(st, 4, 2)...)).SetLastContactOn("2026-01-15").ExecX(sys)
	hh := ids(c.Household.Query().Order(household.ByID()))
	c.Household.Update().Where(household.IDIn(every(hh, 4, 1)...)).SetLastContactOn("").ExecX(sys)
	c.Household.Update().Where(household.IDIn(every(hh, 4, 2)...)).SetLastContactOn("2026-01-15").ExecX(sys)
	// Gaps in coverage: villages, households and students without a guarantor.
	c.Division.Update().Where(division.IDIn(every(ids(c.Division.Query().Where(division.LevelEQ(division.LevelVillage),
		division.CodeHasPrefix(county[:6])).Order(division.ByID())), 3, 0)...)).ClearGuarantorID().ExecX(sys)
	c.Household.Update().Where(household.IDIn(every(hh, 3, 0)...)).ClearGuarantorID().SetLastContactOn("").ExecX(sys)
	c.Student.Update().Where(student.IDIn(every(st, 3, 0)...)).ClearContactPersonID().ExecX(sys)
	// The teacher's families, more of them: some never contacted, some on one day.
	me := personID(t, db, teacher)
	c.Household.Update().Where(household.IDIn(ids(c.Household.Query().Where(household.VillageCodeHasPrefix(fixture.Songlindian[:9])).
		Order(household.ByID()).Limit(12))...)).SetGuarantorID(me).ExecX(sys)
	mine := ids(c.Household.Query().Where(household.Or(authz.ResponsibleFor(me)...)).Order(household.ByID()))
	c.Household.Update().Where(household.IDIn(every(mine, 3, 0)...)).SetLastContactOn("").ExecX(sys)
	c.Household.Update().Where(household.IDIn(every(mine, 3, 1)...)).SetLastContactOn("2026-01-15").ExecX(sys)
	// Assignment history with ties: the same target reassigned to the same
	// person four times at one instant ends three rows at that instant.
	at := time.Now().Add(-time.Hour).Truncate(time.Second)
	for _, p := range []predicate.Assignment{
		assignment.HasVillageWith(division.CodeHasPrefix(county[:6])),
		assignment.HasHouseholdWith(household.VillageCodeHasPrefix(county[:6])),
		assignment.HasStudentWith(student.VillageCodeHasPrefix(county[:6])),
	} {
		a := c.Assignment.Query().Where(assignment.EndsAtIsNil(), p).Order(assignment.ByID()).FirstX(sys)
		for i := 0; i < 4; i++ {
			q := c.Assignment.Create().SetKind(a.Kind).SetPersonID(a.PersonID).SetStartsAt(at)
			switch {
			case a.VillageID != nil:
				q.SetVillageID(*a.VillageID)
			case a.HouseholdID != nil:
				q.SetHouseholdID(*a.HouseholdID)
			default:
				q.SetStudentID(*a.StudentID)
			}
			q.ExecX(sys)
		}
	}
	for _, k := range []assignment.Kind{assignment.KindVillage, assignment.KindHousehold, assignment.KindStudent} {
		if c.Assignment.Query().Where(assignment.KindEQ(k)).CountX(sys) < 4 {
			t.Fatalf("the fixture has too few %s assignments", k)
		}
	}
	// Contacts about one student, several on one day.
	s := c.Student.Query().Where(student.ContactPersonIDNotNil(), student.VillageCodeHasPrefix(county[:6])).Order(student.ByID()).FirstX(sys)
	for i := 0; i < 7; i++ {
		c.Contact.Create().SetUUID(fmt.Sprintf("00000000-0000-4000-8000-%012d", i)).SetHouseholdID(s.HouseholdID).SetStudentID(s.ID).
			SetPersonID(*s.ContactPersonID).SetRecordedByID(*s.ContactPersonID).SetDate(fmt.Sprintf("2026-01-%02d", 10+i%3)).
			SetMode(contact.ModePhone).SetLearnedSituation(true).ExecX(sys)
	}
	// More agreements: the year before and the year after, issued by the county bureau.
	admin, err := auth.New(c, authz.Default()).PersonViewer(sys, personID(t, db, aidCentre))
	if err != nil {
		t.Fatal(err)
	}
	bureau := c.Org.Query().Where(org.KindEQ(org.KindCountyBureau), org.DivisionCode(county)).OnlyX(sys)
	year := sbterm.YearOf(time.Now())
	for _, term := range []sbterm.Term{year.Prev(), year.Next()} {
		if _, err := agreement.Issue(authz.NewContext(sys, admin), c, bureau.ID, term.String(), nil); err != nil {
			t.Fatal(err)
		}
	}
	// API tokens and audit rows.
	for i := 0; i < 6; i++ {
		_, _, err := auth.New(c, authz.Default()).NewAPIToken(authz.NewContext(sys, admin), fmt.Sprintf("对接%d", i),
			c.Division.Query().Where(division.Code(county)).OnlyIDX(sys), false, nil)
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, x := range c.Student.Query().Where(student.VillageCodeHasPrefix(county[:6])).Limit(9).AllX(sys) {
		c.AuditLog.Create().SetAction("VIEW_STUDENT").SetActorName("测试").SetStudentID(x.ID).SetStudentName(x.Name).
			SetVillageCode(x.VillageCode).SetAt(at).ExecX(sys)
	}
	// Equal creation times: a third of each table shares its first row's.
	for _, table := range []string{student.Table, household.Table, org.Table, person.Table, position.Table, contact.Table, apitoken.Table} {
		if _, err := db.SQL.Exec(fmt.Sprintf(`UPDATE %[1]s SET created_at = (SELECT created_at FROM %[1]s WHERE id = (SELECT MIN(id) FROM %[1]s)) WHERE id %% 3 = 0`, table)); err != nil {
			t.Fatalf("%s: %v", table, err)
		}
	}
	if n := c.Student.Query().Where(student.GradeIsNil()).CountX(sys); n == 0 {
		t.Fatal("no student without a grade")
	}
	if c.Agreement.Query().Where(entagreement.SignedAtIsNil()).CountX(sys) == 0 || c.Agreement.Query().Where(entagreement.SignedAtNotNil()).CountX(sys) == 0 {
		t.Fatal("the agreements need signed and unsigned ones")
	}
}

func personID(t *testing.T, db *store.DB, phone string) int {
	t.Helper()
	return db.Person.Query().Where(person.Phone(phone)).OnlyIDX(sys)
}

// aidCatalog stores the default catalog of the fixture's province and the
// county's top-ups (the fixture loads its divisions after migration).
func aidCatalog(t *testing.T, db *store.DB) {
	t.Helper()
	if err := aid.EnsureDefaults(sys, db.Client); err != nil {
		t.Fatal(err)
	}
	if err := aid.EnsureCountyTopUps(sys, db.Client, county); err != nil {
		t.Fatal(err)
	}
}
