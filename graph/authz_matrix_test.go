package graph_test

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"entgo.io/ent/dialect/sql"

	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/division"
	"sanbao/ent/household"
	"sanbao/ent/person"
	"sanbao/ent/position"
	"sanbao/ent/student"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

// ref is an independent model of who sees what, written with string prefixes
// and plain loops over all rows, to check the SQL predicates of authz against.
type ref struct {
	hs       []*ent.Household
	ss       []*ent.Student
	byHH     map[int][]*ent.Student
	hh       map[int]*ent.Household
	orgCode  map[int]string
	villageG map[string]int // village code -> guarantor
	db       *store.DB
}

func loadRef(t *testing.T, db *store.DB) *ref {
	ctx := authz.System(context.Background())
	r := &ref{orgCode: map[int]string{}, byHH: map[int][]*ent.Student{}, hh: map[int]*ent.Household{}, villageG: map[string]int{}, db: db}
	r.hs = db.Household.Query().Order(household.ByID()).AllX(ctx)
	r.ss = db.Student.Query().Order(student.ByID()).AllX(ctx)
	for _, h := range r.hs {
		r.hh[h.ID] = h
	}
	for _, s := range r.ss {
		r.byHH[s.HouseholdID] = append(r.byHH[s.HouseholdID], s)
	}
	for _, o := range db.Org.Query().AllX(ctx) {
		r.orgCode[o.ID] = o.DivisionCode
	}
	for _, d := range db.Division.Query().Where(division.GuarantorIDNotNil()).AllX(ctx) {
		r.villageG[d.Code] = *d.GuarantorID
	}
	return r
}

// expect says what a viewer sees: households and students registered in
// villages; students by the school ledger (with their households); households
// owned (guaranteed) with all their students; students contacted (with their
// households).
type expect struct {
	village func(code string) bool
	school  func(s *ent.Student) bool
	owned   func(h *ent.Household) bool
	contact func(s *ent.Student) bool
}

func never[T any](T) bool { return false }

var nobody = expect{village: never[string], school: never[*ent.Student], owned: never[*ent.Household], contact: never[*ent.Student]}

func area(r *ref, prefix string) expect {
	e := nobody
	e.village = func(code string) bool { return strings.HasPrefix(code, prefix) }
	e.school = func(s *ent.Student) bool {
		return s.SchoolID != nil && strings.HasPrefix(r.orgCode[*s.SchoolID], prefix)
	}
	return e
}

func school(id int, township string) expect {
	e := nobody
	e.village = func(code string) bool { return township != "" && strings.HasPrefix(code, township) }
	e.school = func(s *ent.Student) bool { return s.SchoolID != nil && *s.SchoolID == id }
	return e
}

// person is what p is responsible for (三包) and the classes p heads.
func (r *ref) person(p *ent.Person) expect {
	ctx := authz.System(context.Background())
	pos := r.db.Position.Query().Where(position.PersonID(p.ID), position.RoleEQ(position.RoleHeadTeacher)).AllX(ctx)
	e := nobody
	e.village = func(code string) bool { return r.villageG[code] == p.ID }
	e.owned = func(h *ent.Household) bool { return h.GuarantorID != nil && *h.GuarantorID == p.ID }
	e.contact = func(s *ent.Student) bool { return s.ContactPersonID != nil && *s.ContactPersonID == p.ID }
	e.school = func(s *ent.Student) bool {
		for _, c := range pos {
			if s.SchoolID != nil && *s.SchoolID == c.OrgID && s.Grade != nil && c.Grade != nil && *s.Grade == *c.Grade && s.ClassName == c.ClassName {
				return true
			}
		}
		return false
	}
	return e
}

func or(es ...expect) expect {
	return expect{
		village: func(c string) bool { return slices.ContainsFunc(es, func(e expect) bool { return e.village(c) }) },
		school:  func(s *ent.Student) bool { return slices.ContainsFunc(es, func(e expect) bool { return e.school(s) }) },
		owned:   func(h *ent.Household) bool { return slices.ContainsFunc(es, func(e expect) bool { return e.owned(h) }) },
		contact: func(s *ent.Student) bool { return slices.ContainsFunc(es, func(e expect) bool { return e.contact(s) }) },
	}
}

func (r *ref) students(e expect) []string {
	var out []string
	for _, s := range r.ss {
		if e.village(s.VillageCode) || e.school(s) || e.contact(s) || e.owned(r.hh[s.HouseholdID]) {
			out = append(out, strconv.Itoa(s.ID))
		}
	}
	return out
}

func (r *ref) households(e expect) []string {
	var out []string
	for _, h := range r.hs {
		seen := e.village(h.VillageCode) || e.owned(h)
		for _, s := range r.byHH[h.ID] {
			seen = seen || e.school(s) || e.contact(s)
		}
		if seen {
			out = append(out, strconv.Itoa(h.ID))
		}
	}
	return out
}

// all pages through a connection and returns every node ID and totalCount.
func all(s *session, field, args string) ([]string, int) {
	var out []string
	after, total := "", 0
	for {
		q := fmt.Sprintf(`query($after: Cursor){ c: %s(first: 100, after: $after%s) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`, field, args)
		vars := map[string]any{"after": nil}
		if after != "" {
			vars["after"] = after
		}
		d := s.ok(q, vars)
		out = append(out, ids(d["c"])...)
		total = num(d, "c", "totalCount")
		if get(d, "c", "pageInfo", "hasNextPage") != true {
			break
		}
		after = str(d, "c", "pageInfo", "endCursor")
	}
	sort.Strings(out)
	return out, total
}

func sorted(xs []string) []string { ys := slices.Clone(xs); sort.Strings(ys); return ys }

type viewerCase struct {
	name      string
	sess      *session
	see       expect
	write     bool // households and students of their area
	enroll    bool // enrollment fields of their school's students
	ownSchool int  // a school whose student the viewer may re-grade
}

func TestAuthorizationMatrix(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := fixture.Build(t, db)
		a := newAPI(t, db)
		r := loadRef(t, db)
		sys := authz.System(context.Background())

		central := w.Org(t, "松林店镇中心校")
		second := w.Org(t, "涿州市第二中学")
		zdBureau := w.Org(t, "正定县教育和体育局")
		aid := a.login("13900000001")
		token := func(code string, write bool) *session {
			d := aid.ok(`query($c:String!){divisions(where:{code:$c}){edges{node{id}}}}`, map[string]any{"c": code})
			id := str(d, "divisions", "edges", 0, "node", "id")
			out := aid.ok(`mutation($d:ID!,$w:Boolean){createAPIToken(input:{name:"对接",divisionID:$d,canWrite:$w}){token}}`, map[string]any{"d": id, "w": write})
			return a.bearer(str(out, "createAPIToken", "token"))
		}
		byPhone := func(phone string) *ent.Person {
			return db.Person.Query().Where(person.Phone(phone)).OnlyX(sys)
		}
		principal2 := w.Person(t, second.Name, position.RolePrincipal)
		centralAid := w.Person(t, central.Name, position.RoleAidOfficer)
		headTeacher := w.Person(t, second.Name, position.RoleHeadTeacher)
		// A teacher of another school, responsible for nothing: sees nothing.
		idle := db.Person.Query().Where(person.HasPositionsWith(position.RoleEQ(position.RoleTeacher)),
			person.Not(person.HasPositionsWith(position.RoleNEQ(position.RoleTeacher))),
			func(s *sql.Selector) {
				for _, tbl := range []string{"households", "students", "divisions"} {
					col := "guarantor_id"
					if tbl == "students" {
						col = "contact_person_id"
					}
					t := sql.Table(tbl)
					s.Where(sql.NotIn(s.C(person.FieldID), sql.Select(t.C(col)).From(t).Where(sql.NotNull(t.C(col)))))
				}
			}).FirstX(sys)
		cases := []viewerCase{
			{name: "county aid centre", sess: aid, see: or(area(r, "130681"), r.person(byPhone("13900000001"))), write: true},
			{name: "county director", sess: a.loginPerson(w.Person(t, "涿州市教育和体育局", position.RoleDirector)), see: area(r, "130681"), write: true},
			{name: "county inspector", sess: a.login("13900000005"), see: area(r, "130681")},
			{name: "city overseer", sess: a.login("13900000004"), see: area(r, "1306")},
			{name: "other county director", sess: a.loginPerson(w.Person(t, zdBureau.Name, position.RoleDirector)), see: area(r, "130123"), write: true},
			{name: "central school principal", sess: a.login("13900000002"), see: or(school(central.ID, "130681100"), r.person(byPhone("13900000002"))), enroll: true, ownSchool: central.ID},
			{name: "central school aid officer", sess: a.loginPerson(centralAid), see: or(school(central.ID, "130681100"), r.person(centralAid)), enroll: true, ownSchool: central.ID},
			{name: "school principal", sess: a.loginPerson(principal2), see: or(school(second.ID, ""), r.person(principal2)), enroll: true, ownSchool: second.ID},
			{name: "teacher with families", sess: a.login("13900000003"), see: r.person(byPhone("13900000003"))},
			{name: "head teacher", sess: a.loginPerson(headTeacher), see: r.person(headTeacher)},
			{name: "teacher without families", sess: a.loginPerson(idle), see: nobody},
			{name: "token over county", sess: token("130681000000", false), see: area(r, "130681")},
			{name: "token over township", sess: token(fixture.Songlindian, false), see: area(r, "130681100")},
			{name: "writing token", sess: token("130681000000", true), see: area(r, "130681"), write: true},
		}

		// Samples: rows of each scope, by where they are registered.
		zdHousehold := db.Household.Query().Where(household.VillageCodeHasPrefix("130123"), household.IDNEQ(w.Crossing.ID)).FirstX(sys)
		zdStudent := db.Student.Query().Where(student.VillageCodeHasPrefix("130123"), student.HouseholdIDNEQ(w.Crossing.ID)).FirstX(sys)
		zdSchool := w.Org(t, "正定镇中心校")
		cityPerson := w.Person(t, "保定市教育局", position.RoleDeputy)
		provinceOrg := w.Org(t, "河北省教育厅")
		missing := "999999999"
		notFound := a.login("13900000001").do(`query($id:ID!){node(id:$id){id}}`, map[string]any{"id": missing})

		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				wantH, wantS := r.households(c.see), r.students(c.see)
				t.Logf("expects %d households, %d students", len(wantH), len(wantS))
				if c.name == "teacher with families" && (len(wantH) == 0 || len(wantS) == 0) {
					t.Fatal("the fixture gives the demo teacher no families: the case proves nothing")
				}
				// list and count
				gotH, totalH := all(c.sess, "households", "")
				gotS, totalS := all(c.sess, "students", "")
				if !slices.Equal(gotH, sorted(wantH)) || totalH != len(wantH) {
					t.Errorf("households: got %d (total %d), want %d", len(gotH), totalH, len(wantH))
				}
				if !slices.Equal(gotS, sorted(wantS)) || totalS != len(wantS) {
					t.Errorf("students: got %d (total %d), want %d", len(gotS), totalS, len(wantS))
				}
				visible := map[string]bool{}
				for _, id := range append(wantH, wantS...) {
					visible[id] = true
				}
				// node(id): in scope it is found; outside it is exactly as missing.
				for _, id := range []int{zdHousehold.ID, zdStudent.ID, w.Crossing.ID, w.Crossed.ID, w.Stayed.ID, r.hs[0].ID, r.ss[0].ID} {
					sid := strconv.Itoa(id)
					res := c.sess.do(`query($id:ID!){node(id:$id){id}}`, map[string]any{"id": sid})
					if visible[sid] {
						if str(res.Data, "node", "id") != sid {
							t.Errorf("node(%s) in scope not found: %+v", sid, res.Errors)
						}
					} else if get(res.Data, "node") != nil || len(res.Errors) != 1 || res.Errors[0].Message != notFound.Errors[0].Message || res.code() != "NOT_FOUND" {
						t.Errorf("node(%s) out of scope leaked: %+v %+v", sid, res.Data, res.Errors)
					}
				}
				// nested edges: a school's students and a household's students are scoped.
				for _, o := range []*ent.Org{zdSchool, central} {
					d := c.sess.ok(`query($id:ID!){node(id:$id){... on Org{students{totalCount edges{node{id}}}}}}`, map[string]any{"id": strconv.Itoa(o.ID)})
					want := 0
					for _, s := range r.ss {
						if s.SchoolID != nil && *s.SchoolID == o.ID && visible[strconv.Itoa(s.ID)] {
							want++
						}
					}
					if got := num(d, "node", "students", "totalCount"); got != want || len(ids(get(d, "node", "students"))) != min(want, 20) {
						t.Errorf("%s.students: got %d, want %d", o.Name, got, want)
					}
				}
				if visible[strconv.Itoa(w.Crossing.ID)] {
					d := c.sess.ok(`query($id:ID!){node(id:$id){... on Household{students{id}}}}`, map[string]any{"id": strconv.Itoa(w.Crossing.ID)})
					var got []string
					for _, s := range get(d, "node", "students").([]any) {
						got = append(got, str(s, "id"))
					}
					var want []string
					for _, s := range r.ss {
						if s.HouseholdID == w.Crossing.ID && visible[strconv.Itoa(s.ID)] {
							want = append(want, strconv.Itoa(s.ID))
						}
					}
					if !slices.Equal(sorted(got), sorted(want)) {
						t.Errorf("crossing household's students: got %v, want %v", got, want)
					}
				}
				// people: staff of out-of-scope units are never listed or found.
				for _, p := range []*ent.Person{cityPerson, w.Person(t, zdBureau.Name, position.RoleDirector)} {
					res := c.sess.do(`query($id:ID!){node(id:$id){id}}`, map[string]any{"id": strconv.Itoa(p.ID)})
					people, _ := all(c.sess, "people", "")
					seen := slices.Contains(people, strconv.Itoa(p.ID))
					if (get(res.Data, "node") != nil) != seen {
						t.Errorf("person %s: node and list disagree", p.Name)
					}
				}
				// filters cannot reach outside the scope.
				var zdWant int
				for _, id := range wantH {
					for _, h := range r.hs {
						if strconv.Itoa(h.ID) == id && strings.HasPrefix(h.VillageCode, "130123") {
							zdWant++
						}
					}
				}
				_, n := all(c.sess, "households", `, divisionCode: "130123000000"`)
				_, n2 := all(c.sess, "households", fmt.Sprintf(`, where: {villageCode: %q}`, zdHousehold.VillageCode))
				if n != zdWant || (n2 > 0) != visible[strconv.Itoa(zdHousehold.ID)] {
					t.Errorf("filter on 正定: got %d and %d, want %d", n, n2, zdWant)
				}
				found, _ := all(c.sess, "students", fmt.Sprintf(`, search: %q`, zdStudent.Name))
				for _, id := range found {
					if !visible[id] {
						t.Errorf("search %q found out-of-scope student %s", zdStudent.Name, id)
					}
				}
				// public reference data: divisions and units.
				if n := num(c.sess.ok(`{orgs(where:{id:`+strconv.Itoa(provinceOrg.ID)+`}){totalCount}}`, nil), "orgs", "totalCount"); n != 1 {
					t.Errorf("units are public to signed-in users, got %d", n)
				}
			})
		}

		// Writes, after every read check (they change the data).
		for _, c := range cases {
			t.Run(c.name+"/writes", func(t *testing.T) {
				var own *ent.Household
				for _, h := range r.hs {
					if c.see.village(h.VillageCode) && strings.HasPrefix(h.VillageCode, "130681") {
						own = h
						break
					}
				}
				upd := `mutation($id:ID!){updateHousehold(id:$id,input:{phone:"13811112222"}){id phone}}`
				if own != nil {
					res := c.sess.do(upd, map[string]any{"id": strconv.Itoa(own.ID)})
					if c.write != (res.code() == "") {
						t.Errorf("update own household: write=%v, got %+v", c.write, res.Errors)
					}
				}
				res := c.sess.do(upd, map[string]any{"id": strconv.Itoa(zdHousehold.ID)})
				wantCode := "FORBIDDEN"
				if c.write {
					wantCode = "NOT_FOUND"
					if c.see.village(zdHousehold.VillageCode) {
						wantCode = ""
					}
				}
				if res.code() != wantCode {
					t.Errorf("update 正定 household: want %q, got %+v", wantCode, res.Errors)
				}
				// Creating a household in a village outside the write scope.
				zdVillage := db.Division.Query().Where(division.Code(zdHousehold.VillageCode)).OnlyX(sys)
				res = c.sess.do(`mutation($v:ID!,$n:String!){createHousehold(input:{number:$n,headName:"测试",villageID:$v,status:LIFTED}){id}}`,
					map[string]any{"v": strconv.Itoa(zdVillage.ID), "n": "T" + strconv.Itoa(len(c.name))})
				if allowed := c.see.village(zdHousehold.VillageCode) && c.write; allowed != (res.code() == "") || (!allowed && res.code() != "FORBIDDEN") {
					t.Errorf("create in 正定: got %+v", res.Errors)
				}
				// Enrollment fields of one's own school's students.
				if c.ownSchool != 0 {
					s := db.Student.Query().Where(student.SchoolID(c.ownSchool)).FirstX(sys)
					if res := c.sess.do(`mutation($id:ID!){updateStudent(id:$id,input:{className:"9班"}){className}}`, map[string]any{"id": strconv.Itoa(s.ID)}); res.code() != "" {
						t.Errorf("school re-classes own student: %+v", res.Errors)
					}
					if res := c.sess.do(`mutation($id:ID!){updateStudent(id:$id,input:{name:"改名"}){name}}`, map[string]any{"id": strconv.Itoa(s.ID)}); res.code() != "FORBIDDEN" {
						t.Errorf("school renames own student: want FORBIDDEN, got %+v", res.Errors)
					}
					other := db.Student.Query().Where(student.SchoolIDNEQ(c.ownSchool), student.VillageCodeHasPrefix("130123")).FirstX(sys)
					if res := c.sess.do(`mutation($id:ID!){updateStudent(id:$id,input:{className:"9班"}){className}}`, map[string]any{"id": strconv.Itoa(other.ID)}); res.code() != "NOT_FOUND" {
						t.Errorf("school re-classes another school's student: want NOT_FOUND, got %+v", res.Errors)
					}
				}
			})
		}
	})
}
