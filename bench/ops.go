package main

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/lib/pq"

	"sanbao/contactlog"
	"sanbao/divcode"
	"sanbao/idcard"
)

// teacher is one benchmark client acting as a teacher: the bench teacher
// first, then the county's teachers with the most families.
type teacher struct {
	s          *session
	id         int64
	name       string
	households []int64
	// head-teacher classes (school, grade, class), part of their read scope
	classSchool []int64
	classGrade  []int64
	className   []string
}

// env is what the operations run against.
type env struct {
	db                   *sql.DB // the floor's pool
	admin, overseer      *session
	adminID              int64
	adminName            string
	county               divcode.Range
	countyCode, province string
	teachers             []*teacher
	nodeStudents         []int64
	today, month         string
	maxContact, maxAudit int64
	maxSession           int64
	uuids                *atomic.Int64
	runID                int64
}

func personByPhone(ctx context.Context, db *sql.DB, phone string) (id int64, name, code string, err error) {
	err = db.QueryRowContext(ctx, `SELECT p.id, p.name, o.division_code FROM persons p
		JOIN positions x ON x.person_id = p.id JOIN orgs o ON o.id = x.org_id WHERE p.phone = $1 ORDER BY x.id LIMIT 1`, phone).Scan(&id, &name, &code)
	if err != nil {
		err = fmt.Errorf("benchmark account %s: %w", phone, err)
	}
	return
}

// prepare signs in the accounts and picks the inputs of every operation.
func prepare(ctx context.Context, db *sql.DB, url string, clients int) (*env, error) {
	e := &env{db: db, runID: time.Now().UnixNano() & 0xffffffff, uuids: &atomic.Int64{}}
	now := time.Now()
	e.today, e.month = contactlog.Today(now), contactlog.MonthStart(now)
	var err error
	if e.adminID, e.adminName, e.countyCode, err = personByPhone(ctx, db, PhoneCountyAdmin); err != nil {
		return nil, err
	}
	e.county = divcode.SubtreeOf(e.countyCode)
	if _, _, e.province, err = personByPhone(ctx, db, PhoneOverseer); err != nil {
		return nil, err
	}
	for _, q := range []struct {
		q   string
		dst *int64
	}{{"SELECT COALESCE(max(id), 0) FROM contacts", &e.maxContact}, {"SELECT COALESCE(max(id), 0) FROM audit_logs", &e.maxAudit},
		{"SELECT COALESCE(max(id), 0) FROM sessions", &e.maxSession}} {
		if err := db.QueryRowContext(ctx, q.q).Scan(q.dst); err != nil {
			return nil, err
		}
	}
	if e.admin, err = login(ctx, url, PhoneCountyAdmin); err != nil {
		return nil, err
	}
	if e.overseer, err = login(ctx, url, PhoneOverseer); err != nil {
		return nil, err
	}
	// Teachers: the bench teacher, then the county's teachers with the most
	// households, one per client.
	me, _, _, err := personByPhone(ctx, db, PhoneTeacher)
	if err != nil {
		return nil, err
	}
	ids := []int64{me}
	rows, err := db.QueryContext(ctx, `SELECT h.guarantor_id FROM households h
		JOIN positions x ON x.person_id = h.guarantor_id AND x.role = 'TEACHER'
		WHERE h.village_code BETWEEN $1 AND $2 AND h.guarantor_id <> $3
		GROUP BY h.guarantor_id ORDER BY count(*) DESC, h.guarantor_id LIMIT $4`, e.county.Lo, e.county.Hi, me, clients-1)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		t := &teacher{id: id}
		var phone string
		if err := db.QueryRowContext(ctx, "SELECT phone, name FROM persons WHERE id = $1", id).Scan(&phone, &t.name); err != nil {
			return nil, err
		}
		if t.s, err = login(ctx, url, phone); err != nil {
			return nil, err
		}
		rows, err := db.QueryContext(ctx, "SELECT id FROM households WHERE guarantor_id = $1 ORDER BY id", id)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var h int64
			rows.Scan(&h)
			t.households = append(t.households, h)
		}
		rows.Close()
		rows, err = db.QueryContext(ctx, `SELECT x.org_id, x.grade, x.class_name FROM positions x JOIN orgs o ON o.id = x.org_id
			WHERE x.person_id = $1 AND x.role = 'HEAD_TEACHER' AND o.kind = 'SCHOOL' AND x.grade IS NOT NULL AND x.class_name <> ''`, id)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var o, g int64
			var c string
			rows.Scan(&o, &g, &c)
			t.classSchool, t.classGrade, t.className = append(t.classSchool, o), append(t.classGrade, g), append(t.className, c)
		}
		rows.Close()
		if len(t.households) == 0 {
			return nil, fmt.Errorf("teacher %d has no households", id)
		}
		e.teachers = append(e.teachers, t)
	}
	for len(e.teachers) < clients { // a small county: clients share teachers
		e.teachers = append(e.teachers, e.teachers[len(e.teachers)%len(ids)])
	}
	// Students of the county with contacts of their own, for the student page.
	rows, err = db.QueryContext(ctx, `SELECT DISTINCT c.student_id FROM contacts c JOIN students s ON s.id = c.student_id
		WHERE s.village_code BETWEEN $1 AND $2 ORDER BY c.student_id LIMIT 500`, e.county.Lo, e.county.Hi)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		e.nodeStudents = append(e.nodeStudents, id)
	}
	rows.Close()
	if len(e.nodeStudents) == 0 {
		return nil, fmt.Errorf("no student with contacts in %s", e.countyCode)
	}
	return e, nil
}

// cleanup removes what the run wrote (contacts, audit rows, sessions) and
// puts the last-contact dates back, so that runs are repeatable.
func (e *env) cleanup(ctx context.Context) {
	var hs []int64
	rows, err := e.db.QueryContext(ctx, "SELECT DISTINCT household_id FROM contacts WHERE id > $1", e.maxContact)
	if err == nil {
		for rows.Next() {
			var h int64
			rows.Scan(&h)
			hs = append(hs, h)
		}
		rows.Close()
	}
	for _, q := range []struct {
		sql string
		arg any
	}{
		{"DELETE FROM contacts WHERE id > $1", e.maxContact},
		{"DELETE FROM audit_logs WHERE id > $1", e.maxAudit},
		{"DELETE FROM sessions WHERE id > $1", e.maxSession},
		{`UPDATE households h SET last_contact_on = COALESCE((SELECT max(c.date) FROM contacts c WHERE c.household_id = h.id), '')
			WHERE h.id = ANY($1)`, pq.Array(hs)},
		{`UPDATE students s SET last_contact_on = COALESCE((SELECT max(c.date) FROM contacts c WHERE c.household_id = s.household_id
			AND (c.student_id IS NULL OR c.student_id = s.id)), '') WHERE s.household_id = ANY($1)`, pq.Array(hs)},
	} {
		if _, err := e.db.ExecContext(ctx, q.sql, q.arg); err != nil {
			fmt.Println("cleanup:", err)
		}
	}
}

func id(s string) int64 { n, _ := strconv.ParseInt(s, 10, 64); return n }

func str(n int64) string { return strconv.FormatInt(n, 10) }

// ---- my families -------------------------------------------------------

type famStudent struct{ ID, Name, Stage, LastContactOn string }

type famRow struct {
	ID, Number, HeadName, Status, LastContactOn, Village string
	Students                                             []famStudent
	LastDate, LastMode                                   string
}

type famPage struct {
	Total int
	Rows  []famRow
}

const famQ = `query($n:Int){myFamilies(first:$n){totalCount edges{node{id number headName status lastContactOn village{name}
	students{id name stage lastContactOn} contacts(first:1,orderBy:{field:DATE,direction:DESC}){edges{node{date mode}}}}}}}`

func (e *env) famGQL(ctx context.Context, s *session, n int) (any, error) {
	var out struct {
		MyFamilies struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					ID, Number, HeadName, Status, LastContactOn string
					Village                                     struct{ Name string }
					Students                                    []famStudent
					Contacts                                    struct {
						Edges []struct{ Node struct{ Date, Mode string } }
					}
				}
			}
		}
	}
	if err := s.do(ctx, famQ, map[string]any{"n": n}, &out); err != nil {
		return nil, err
	}
	p := famPage{Total: out.MyFamilies.TotalCount, Rows: []famRow{}}
	for _, ed := range out.MyFamilies.Edges {
		x := ed.Node
		r := famRow{ID: x.ID, Number: x.Number, HeadName: x.HeadName, Status: x.Status, LastContactOn: x.LastContactOn,
			Village: x.Village.Name, Students: append([]famStudent{}, x.Students...)}
		sort.Slice(r.Students, func(i, j int) bool { return id(r.Students[i].ID) < id(r.Students[j].ID) })
		if len(x.Contacts.Edges) > 0 {
			r.LastDate, r.LastMode = x.Contacts.Edges[0].Node.Date, x.Contacts.Edges[0].Node.Mode
		}
		p.Rows = append(p.Rows, r)
	}
	return p, nil
}

// famSQL: the households the teacher guarantees or whose student they
// contact, longest uncontacted first, with the students the teacher may see
// and the latest contact, in one statement.
const famSQL = `WITH mine AS (
	SELECT id FROM households WHERE guarantor_id = $1
	UNION SELECT household_id FROM students WHERE contact_person_id = $1
), page AS (
	SELECT h.id, h.number, h.head_name, h.status, h.last_contact_on, h.village_id, h.guarantor_id
	FROM households h JOIN mine USING (id) ORDER BY h.last_contact_on, h.id LIMIT $2
)
SELECT (SELECT count(*) FROM mine), p.id, p.number, p.head_name, p.status, p.last_contact_on, d.name,
	s.id, s.name, s.stage, s.last_contact_on, lc.date, lc.mode
FROM page p JOIN divisions d ON d.id = p.village_id
LEFT JOIN LATERAL (SELECT c.date, c.mode FROM contacts c WHERE c.household_id = p.id ORDER BY c.date DESC, c.id DESC LIMIT 1) lc ON true
LEFT JOIN students s ON s.household_id = p.id AND (p.guarantor_id = $1 OR s.contact_person_id = $1
	OR s.village_code IN (SELECT code FROM divisions WHERE guarantor_id = $1)
	OR (s.school_id, s.grade, s.class_name) IN (SELECT * FROM unnest($3::bigint[], $4::bigint[], $5::text[])))
ORDER BY p.last_contact_on, p.id, s.id`

func (e *env) famFloor(ctx context.Context, t *teacher, n int) (any, error) {
	rows, err := e.db.QueryContext(ctx, famSQL, t.id, n, pq.Array(t.classSchool), pq.Array(t.classGrade), pq.Array(t.className))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	p := famPage{Rows: []famRow{}}
	for rows.Next() {
		var r famRow
		var hid int64
		var sid sql.NullInt64
		var sname, stage, slast, ldate, lmode sql.NullString
		if err := rows.Scan(&p.Total, &hid, &r.Number, &r.HeadName, &r.Status, &r.LastContactOn, &r.Village,
			&sid, &sname, &stage, &slast, &ldate, &lmode); err != nil {
			return nil, err
		}
		r.ID, r.LastDate, r.LastMode = str(hid), ldate.String, lmode.String
		if len(p.Rows) == 0 || p.Rows[len(p.Rows)-1].ID != r.ID {
			r.Students = []famStudent{}
			p.Rows = append(p.Rows, r)
		}
		if sid.Valid {
			last := &p.Rows[len(p.Rows)-1]
			last.Students = append(last.Students, famStudent{ID: str(sid.Int64), Name: sname.String, Stage: stage.String, LastContactOn: slast.String})
		}
	}
	return p, rows.Err()
}

// ---- a county admin's students page ---------------------------------------

type stuRow struct {
	ID, Name, IDNumber, Stage     string
	Grade                         *int
	ClassName, EnrollmentStatus   string
	School                        *string
	HouseholdID, Number, HeadName string
	Village                       string
}

type stuPage struct {
	Total   int
	HasNext bool
	Rows    []stuRow
}

const stuQ = `query($n:Int,$after:Cursor){students(first:$n,after:$after,where:{stage:PRIMARY,enrollmentStatus:ENROLLED}){totalCount
	pageInfo{hasNextPage endCursor} edges{node{id name idNumber stage grade className enrollmentStatus school{name}
	household{id number headName village{name}}}}}}`

// stuCursor is where each client is in the list, per side.
type stuCursor struct {
	mu    sync.Mutex
	after map[int]any   // GraphQL: the end cursor of the client's last page
	last  map[int]int64 // floor: the last ID of the client's last page
}

func (e *env) stuGQL(ctx context.Context, after any, n int) (stuPage, any, error) {
	var out struct {
		Students struct {
			TotalCount int
			PageInfo   struct {
				HasNextPage bool
				EndCursor   any
			}
			Edges []struct {
				Node struct {
					ID, Name, IDNumber, Stage   string
					Grade                       *int
					ClassName, EnrollmentStatus string
					School                      *struct{ Name string }
					Household                   struct {
						ID, Number, HeadName string
						Village              struct{ Name string }
					}
				}
			}
		}
	}
	if err := e.admin.do(ctx, stuQ, map[string]any{"n": n, "after": after}, &out); err != nil {
		return stuPage{}, nil, err
	}
	p := stuPage{Total: out.Students.TotalCount, HasNext: out.Students.PageInfo.HasNextPage, Rows: []stuRow{}}
	for _, ed := range out.Students.Edges {
		x := ed.Node
		r := stuRow{ID: x.ID, Name: x.Name, IDNumber: x.IDNumber, Stage: x.Stage, Grade: x.Grade, ClassName: x.ClassName,
			EnrollmentStatus: x.EnrollmentStatus, HouseholdID: x.Household.ID, Number: x.Household.Number,
			HeadName: x.Household.HeadName, Village: x.Household.Village.Name}
		if x.School != nil {
			r.School = &x.School.Name
		}
		p.Rows = append(p.Rows, r)
	}
	return p, out.Students.PageInfo.EndCursor, nil
}

// stuSQL: the students of the county (registered or enrolled there), of one
// stage and status, by ID after a cursor, with the total, in one statement.
const stuSQL = `WITH scope AS (
	SELECT s.id FROM students s
	WHERE (s.village_code BETWEEN $1 AND $2 OR s.school_id = ANY(ARRAY(SELECT id FROM orgs WHERE division_code BETWEEN $1 AND $2)))
	  AND s.stage = 'PRIMARY' AND s.enrollment_status = 'ENROLLED'
), page AS (
	SELECT id FROM scope WHERE id > $3 ORDER BY id LIMIT $4 + 1
)
SELECT t.total, s.id, s.name, s.id_number, s.stage, s.grade, COALESCE(s.class_name, ''), s.enrollment_status, o.name,
	h.id, h.number, h.head_name, d.name
FROM (SELECT count(*) AS total FROM scope) t
LEFT JOIN (page p JOIN students s ON s.id = p.id JOIN households h ON h.id = s.household_id
	JOIN divisions d ON d.id = h.village_id LEFT JOIN orgs o ON o.id = s.school_id) ON true
ORDER BY s.id`

func (e *env) stuFloor(ctx context.Context, after int64, n int) (stuPage, int64, error) {
	rows, err := e.db.QueryContext(ctx, stuSQL, e.county.Lo, e.county.Hi, after, n)
	if err != nil {
		return stuPage{}, 0, err
	}
	defer rows.Close()
	p := stuPage{Rows: []stuRow{}}
	var last int64
	for rows.Next() {
		var sid, hid sql.NullInt64
		var grade sql.NullInt64
		var school, name, idn, stage, class, status, number, head, village sql.NullString
		if err := rows.Scan(&p.Total, &sid, &name, &idn, &stage, &grade, &class, &status, &school, &hid, &number, &head, &village); err != nil {
			return stuPage{}, 0, err
		}
		if !sid.Valid {
			continue
		}
		if len(p.Rows) == n {
			p.HasNext = true
			continue
		}
		r := stuRow{ID: str(sid.Int64), Name: name.String, IDNumber: idcard.Mask(idn.String), Stage: stage.String,
			ClassName: class.String, EnrollmentStatus: status.String, HouseholdID: str(hid.Int64), Number: number.String,
			HeadName: head.String, Village: village.String}
		if grade.Valid {
			g := int(grade.Int64)
			r.Grade = &g
		}
		if school.Valid {
			r.School = &school.String
		}
		last = sid.Int64
		p.Rows = append(p.Rows, r)
	}
	return p, last, rows.Err()
}

// ---- a student's page: node(id) ------------------------------------------

type contactRow struct{ Date, Mode, Person string }

type stuNode struct {
	ID, Name, Stage, EnrollmentStatus, LastContactOn string
	School                                           *string
	HouseholdID, Number, HeadName, Village           string
	ContactTotal                                     int
	Contacts                                         []contactRow
}

const nodeQ = `query($id:ID!,$n:Int){node(id:$id){... on Student{id name stage enrollmentStatus lastContactOn school{name}
	household{id number headName village{name}}
	contacts(first:$n,orderBy:{field:DATE,direction:DESC}){totalCount edges{node{date mode person{name}}}}}}}`

func (e *env) nodeGQL(ctx context.Context, s *session, sid int64, n int) (any, error) {
	var out struct {
		Node struct {
			ID, Name, Stage, EnrollmentStatus, LastContactOn string
			School                                           *struct{ Name string }
			Household                                        struct {
				ID, Number, HeadName string
				Village              struct{ Name string }
			}
			Contacts struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						Date, Mode string
						Person     struct{ Name string }
					}
				}
			}
		}
	}
	if err := s.do(ctx, nodeQ, map[string]any{"id": str(sid), "n": n}, &out); err != nil {
		return nil, err
	}
	x := out.Node
	r := stuNode{ID: x.ID, Name: x.Name, Stage: x.Stage, EnrollmentStatus: x.EnrollmentStatus, LastContactOn: x.LastContactOn,
		HouseholdID: x.Household.ID, Number: x.Household.Number, HeadName: x.Household.HeadName, Village: x.Household.Village.Name,
		ContactTotal: x.Contacts.TotalCount, Contacts: []contactRow{}}
	if x.School != nil {
		r.School = &x.School.Name
	}
	for _, ed := range x.Contacts.Edges {
		r.Contacts = append(r.Contacts, contactRow{ed.Node.Date, ed.Node.Mode, ed.Node.Person.Name})
	}
	return r, nil
}

// nodeSQL: the student (in the admin's county), household, village, school,
// latest contacts and their count, and the audit row of the read, in one
// statement.
const nodeSQL = `WITH s AS (
	SELECT s.id, s.name, s.stage, s.enrollment_status, s.last_contact_on, s.village_code, s.school_id, s.household_id
	FROM students s WHERE s.id = $1
	  AND (s.village_code BETWEEN $2 AND $3 OR s.school_id = ANY(ARRAY(SELECT id FROM orgs WHERE division_code BETWEEN $2 AND $3)))
), audit AS (
	INSERT INTO audit_logs (at, action, actor_person_id, actor_name, student_id, student_name, village_code, school_id)
	SELECT now(), 'VIEW_STUDENT', $4, $5, s.id, s.name, s.village_code, s.school_id FROM s
), cs AS (
	SELECT c.id, c.date, c.mode, p.name FROM contacts c JOIN persons p ON p.id = c.person_id
	WHERE c.student_id = $1 ORDER BY c.date DESC, c.id DESC LIMIT $6
)
SELECT s.id, s.name, s.stage, s.enrollment_status, s.last_contact_on, o.name, h.id, h.number, h.head_name, d.name,
	(SELECT count(*) FROM contacts WHERE student_id = $1), cs.date, cs.mode, cs.name
FROM s JOIN households h ON h.id = s.household_id JOIN divisions d ON d.id = h.village_id
LEFT JOIN orgs o ON o.id = s.school_id LEFT JOIN cs ON true
ORDER BY cs.date DESC, cs.id DESC`

func (e *env) nodeFloor(ctx context.Context, sid int64, n int) (any, error) {
	rows, err := e.db.QueryContext(ctx, nodeSQL, sid, e.county.Lo, e.county.Hi, e.adminID, e.adminName, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var r stuNode
	found := false
	for rows.Next() {
		var id, hid int64
		var school, date, mode, person sql.NullString
		if err := rows.Scan(&id, &r.Name, &r.Stage, &r.EnrollmentStatus, &r.LastContactOn, &school, &hid, &r.Number, &r.HeadName,
			&r.Village, &r.ContactTotal, &date, &mode, &person); err != nil {
			return nil, err
		}
		if !found {
			found = true
			r.ID, r.HouseholdID, r.Contacts = str(id), str(hid), []contactRow{}
			if school.Valid {
				r.School = &school.String
			}
		}
		if date.Valid {
			r.Contacts = append(r.Contacts, contactRow{date.String, mode.String, person.String})
		}
	}
	if !found {
		return nil, fmt.Errorf("student %d not found", sid)
	}
	return r, rows.Err()
}

// ---- coverage roll-up -----------------------------------------------------

type covRow struct {
	Key, Label                           string
	VTotal, VCovered, HTotal, HCovered   int
	STotal, SCovered, Contacted, Overdue int
}

type covReport struct {
	Month    string
	Total    covRow
	Children []covRow
}

const covQ = `query($c:String!){coverage(divisionCode:$c){month
	total{key label villages{total covered} households{total covered} students{total covered} contacted overdue}
	children{key label villages{total covered} households{total covered} students{total covered} contacted overdue}}}`

func (e *env) covGQL(ctx context.Context, s *session, code string) (any, error) {
	type count struct{ Total, Covered int }
	type gqlRow struct {
		Key, Label                     string
		Villages, Households, Students count
		Contacted, Overdue             int
	}
	var out struct {
		Coverage struct {
			Month    string
			Total    gqlRow
			Children []gqlRow
		}
	}
	if err := s.do(ctx, covQ, map[string]any{"c": code}, &out); err != nil {
		return nil, err
	}
	conv := func(g gqlRow) covRow {
		return covRow{g.Key, g.Label, g.Villages.Total, g.Villages.Covered, g.Households.Total, g.Households.Covered,
			g.Students.Total, g.Students.Covered, g.Contacted, g.Overdue}
	}
	rep := covReport{Month: out.Coverage.Month, Total: conv(out.Coverage.Total), Children: []covRow{}}
	for _, c := range out.Coverage.Children {
		rep.Children = append(rep.Children, conv(c))
	}
	return rep, nil
}

// covSQL: villages live, registered households and students needing a
// contact from sanbao's maintained village counts, households contacted this
// month live, grouped one level down, in one statement.
const covSQL = `WITH v AS (
	SELECT substr(code, 1, $3) AS k, count(*) AS t, count(guarantor_id) AS c
	FROM divisions WHERE level = 'VILLAGE' AND code BETWEEN $1 AND $2 GROUP BY 1
), a AS (
	SELECT substr(village_code, 1, $3) AS k, sum(households) AS ht, sum(guaranteed) AS hc, sum(students) AS st, sum(with_contact) AS sc
	FROM coverage_villages WHERE village_code BETWEEN $1 AND $2 GROUP BY 1
), m AS (
	SELECT substr(village_code, 1, $3) AS k, count(*) AS ok FROM households
	WHERE status IN ('NOT_LIFTED', 'LIFTED') AND village_code BETWEEN $1 AND $2 AND last_contact_on >= $4 GROUP BY 1
), k AS (SELECT k FROM v UNION SELECT k FROM a WHERE ht > 0 OR st > 0)
SELECT rpad(k.k, 12, '0'), COALESCE(d.name, ''), COALESCE(v.t, 0), COALESCE(v.c, 0), COALESCE(a.ht, 0), COALESCE(a.hc, 0),
	COALESCE(a.st, 0), COALESCE(a.sc, 0), CASE WHEN a.ht > 0 THEN COALESCE(m.ok, 0) ELSE 0 END, (SELECT name FROM divisions WHERE code = $5)
FROM k LEFT JOIN v USING (k) LEFT JOIN a USING (k) LEFT JOIN m USING (k)
LEFT JOIN divisions d ON d.code = rpad(k.k, 12, '0')
ORDER BY 1`

func childLen(code string) int {
	switch divcode.LevelOf(code) {
	case divcode.Province:
		return 4
	case divcode.City:
		return 6
	case divcode.County:
		return 9
	}
	return 12
}

func (e *env) covFloor(ctx context.Context, code string) (any, error) {
	r := divcode.SubtreeOf(code)
	rows, err := e.db.QueryContext(ctx, covSQL, r.Lo, r.Hi, childLen(code), e.month, code)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	rep := covReport{Month: e.month[:7], Total: covRow{Key: code}, Children: []covRow{}}
	for rows.Next() {
		var c covRow
		if err := rows.Scan(&c.Key, &c.Label, &c.VTotal, &c.VCovered, &c.HTotal, &c.HCovered, &c.STotal, &c.SCovered, &c.Contacted, &rep.Total.Label); err != nil {
			return nil, err
		}
		c.Overdue = c.HTotal - c.Contacted
		t := &rep.Total
		t.VTotal, t.VCovered, t.HTotal, t.HCovered = t.VTotal+c.VTotal, t.VCovered+c.VCovered, t.HTotal+c.HTotal, t.HCovered+c.HCovered
		t.STotal, t.SCovered, t.Contacted, t.Overdue = t.STotal+c.STotal, t.SCovered+c.SCovered, t.Contacted+c.Contacted, t.Overdue+c.Overdue
		rep.Children = append(rep.Children, c)
	}
	return rep, rows.Err()
}

// ---- logging a contact ------------------------------------------------------

type logged struct{ HouseholdID, Date, Mode string }

const logQ = `mutation($in:LogContactInput!){logContact(input:$in){householdID date mode}}`

func (e *env) uuid(side byte) string {
	n := e.uuids.Add(1)
	return fmt.Sprintf("%08x-%04x-4%03x-%04x-%012x", e.runID, uint16(side), 0xbe0, 0x8000, n)
}

func (e *env) logGQL(ctx context.Context, t *teacher, hid int64) (any, error) {
	var out struct{ LogContact logged }
	in := map[string]any{"uuid": e.uuid('g'), "householdID": str(hid), "date": e.today, "mode": "PHONE",
		"learnedSituation": true, "policiesExplained": []string{contactlog.Policies[0]}}
	if err := t.s.do(ctx, logQ, map[string]any{"in": in}, &out); err != nil {
		return nil, err
	}
	return out.LogContact, nil
}

// logSQL: the authorization check (the household is the teacher's: they
// guarantee it, contact one of its students, or guarantee its village), the
// insert, and the last-contact dates of the household and its students, in
// one statement.
const logSQL = `WITH ok AS (
	SELECT h.id FROM households h WHERE h.id = $1 AND (h.guarantor_id = $2
		OR EXISTS (SELECT 1 FROM students s WHERE s.household_id = h.id AND s.contact_person_id = $2)
		OR h.village_code IN (SELECT code FROM divisions WHERE guarantor_id = $2))
), ins AS (
	INSERT INTO contacts (uuid, date, mode, learned_situation, policies_explained, created_at, household_id, person_id, recorded_by_id)
	SELECT $3, $4, 'PHONE', true, $5, now(), ok.id, $2, $2 FROM ok
	ON CONFLICT (uuid) DO NOTHING
	RETURNING household_id, date, mode
), uh AS (
	UPDATE households SET last_contact_on = $4, updated_at = now() WHERE id IN (SELECT household_id FROM ins) AND last_contact_on < $4
), us AS (
	UPDATE students SET last_contact_on = $4, updated_at = now() WHERE household_id IN (SELECT household_id FROM ins) AND last_contact_on < $4
)
SELECT household_id, date, mode FROM ins`

func (e *env) logFloor(ctx context.Context, t *teacher, hid int64) (any, error) {
	var r logged
	var h int64
	err := e.db.QueryRowContext(ctx, logSQL, hid, t.id, e.uuid('f'), e.today, `["`+contactlog.Policies[0]+`"]`).Scan(&h, &r.Date, &r.Mode)
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("floor: household %d is not teacher %d's", hid, t.id)
	}
	r.HouseholdID = str(h)
	return r, err
}

// ---- the operations -------------------------------------------------------

func (e *env) ops(countingURL string) []*op {
	on := func(s *session) *session { return &session{url: countingURL, token: s.token} }
	nodeID := func(client, iter int) int64 {
		return e.nodeStudents[(client*31+iter)%len(e.nodeStudents)]
	}
	famHousehold := func(t *teacher, iter int) int64 { return t.households[iter%len(t.households)] }
	cur := &stuCursor{after: map[int]any{}, last: map[int]int64{}}
	return []*op{
		{
			key: "my-families", title: "teacher: my families (first 20, students, last contact)", page: true,
			gql:   func(ctx context.Context, c, i int) (any, error) { return e.famGQL(ctx, e.teachers[c].s, 20) },
			floor: func(ctx context.Context, c, i int) (any, error) { return e.famFloor(ctx, e.teachers[c], 20) },
			statements: func(ctx context.Context, n int) error {
				_, err := e.famGQL(ctx, on(e.teachers[0].s), n)
				return err
			},
			sizes: []int{5, 20},
		},
		{
			key: "students-page", title: "county admin: students (first 50, stage+status, household, village)", page: true,
			// Each client pages through the list; iteration 0 is the first page.
			gql: func(ctx context.Context, c, i int) (any, error) {
				cur.mu.Lock()
				after := cur.after[c]
				if i == 0 {
					after = nil
				}
				cur.mu.Unlock()
				p, end, err := e.stuGQL(ctx, after, 50)
				cur.mu.Lock()
				cur.after[c] = end
				if !p.HasNext {
					cur.after[c] = nil
				}
				cur.mu.Unlock()
				return p, err
			},
			floor: func(ctx context.Context, c, i int) (any, error) {
				cur.mu.Lock()
				after := cur.last[c]
				if i == 0 {
					after = 0
				}
				cur.mu.Unlock()
				p, last, err := e.stuFloor(ctx, after, 50)
				cur.mu.Lock()
				cur.last[c] = last
				if !p.HasNext {
					cur.last[c] = 0
				}
				cur.mu.Unlock()
				return p, err
			},
			statements: func(ctx context.Context, n int) error {
				s := *e
				s.admin = on(e.admin)
				_, _, err := s.stuGQL(ctx, nil, n)
				return err
			},
			sizes: []int{10, 50},
		},
		{
			key: "student-node", title: "county admin: node(id) student with household, school, contacts", page: true,
			gql:   func(ctx context.Context, c, i int) (any, error) { return e.nodeGQL(ctx, e.admin, nodeID(c, i), 10) },
			floor: func(ctx context.Context, c, i int) (any, error) { return e.nodeFloor(ctx, nodeID(c, i), 10) },
			statements: func(ctx context.Context, n int) error {
				_, err := e.nodeGQL(ctx, on(e.admin), nodeID(0, 0), n)
				return err
			},
			sizes: []int{3, 10},
		},
		{
			key: "coverage-county", title: "county admin: coverage roll-up of the county",
			gql:   func(ctx context.Context, c, i int) (any, error) { return e.covGQL(ctx, e.admin, e.countyCode) },
			floor: func(ctx context.Context, c, i int) (any, error) { return e.covFloor(ctx, e.countyCode) },
			statements: func(ctx context.Context, n int) error {
				_, err := e.covGQL(ctx, on(e.admin), e.countyCode)
				return err
			},
		},
		{
			key: "coverage-province", title: "overseer: coverage roll-up of the province",
			gql:   func(ctx context.Context, c, i int) (any, error) { return e.covGQL(ctx, e.overseer, e.province) },
			floor: func(ctx context.Context, c, i int) (any, error) { return e.covFloor(ctx, e.province) },
			statements: func(ctx context.Context, n int) error {
				_, err := e.covGQL(ctx, on(e.overseer), e.province)
				return err
			},
		},
		{
			key: "log-contact", title: "teacher: log a contact (write, with authorization)",
			gql: func(ctx context.Context, c, i int) (any, error) {
				t := e.teachers[c]
				return e.logGQL(ctx, t, famHousehold(t, i))
			},
			floor: func(ctx context.Context, c, i int) (any, error) {
				t := e.teachers[c]
				return e.logFloor(ctx, t, famHousehold(t, i))
			},
			statements: func(ctx context.Context, n int) error {
				t := e.teachers[0]
				_, err := e.logGQL(ctx, &teacher{s: on(t.s), id: t.id}, famHousehold(t, 0))
				return err
			},
		},
	}
}
