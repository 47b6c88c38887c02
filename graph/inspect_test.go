package graph_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"sanbao/ent/draw"
	"sanbao/ent/org"
	"sanbao/ent/person"
	"sanbao/ent/position"
	"sanbao/ent/problem"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

func inspectReach() reach {
	return reach{phone: aidCentre, wrap: "%s", path: []string{"c"},
		vars: func(t *testing.T, db *store.DB) map[string]any { inspectData(t, db); return nil }}
}

// inspectData puts five draws, their inspections and eight problems in the
// county, once.
func inspectData(t *testing.T, db *store.DB) {
	t.Helper()
	if db.Draw.Query().ExistX(sys) {
		return
	}
	bureau := db.Org.Query().Where(org.KindEQ(org.KindCountyBureau), org.DivisionCode(county)).FirstX(sys)
	schools := db.Org.Query().Where(org.KindEQ(org.KindSchool), org.DivisionCodeHasPrefix(county[:6])).Order(org.ByID()).Limit(4).AllX(sys)
	p := db.Person.Query().Where(person.Phone(aidCentre)).OnlyX(sys)
	for i, sem := range []string{"2024—2025学年第一学期", "2024—2025学年第二学期", "2025—2026学年第一学期", "2025—2026学年第二学期", "2026—2027学年第一学期"} {
		d := db.Draw.Create().SetSemester(sem).SetLevel(draw.LevelSchool).SetDivisionCode(county).SetOrgID(bureau.ID).
			SetSeed(int64(i)).SetShare(30).SetFrame([]int{schools[0].ID}).SetSample([]int{schools[0].ID}).
			SetState(draw.StatePublished).SetDrawnByID(p.ID).SaveX(sys)
		db.Inspection.Create().SetDrawID(d.ID).SetSemester(sem).SetInspectorCode(county).SetTargetOrgID(schools[i%4].ID).
			SetTargetCode(schools[i%4].DivisionCode).SetKind("ANNOUNCED").ExecX(sys)
	}
	for i := range 8 {
		s := schools[i%4]
		db.Problem.Create().SetSource(problem.SourceAudit).SetUnitOrgID(s.ID).SetUnitCode(s.DivisionCode).SetOwnerID(p.ID).
			SetCategory("漏助").SetDescription(fmt.Sprintf("问题%d", i)).SetDeadline(time.Now().AddDate(0, 0, i%3)).
			SetRaisedByID(p.ID).SetRaisedOrgID(bureau.ID).ExecX(sys)
	}
}

const (
	inspector = "13900000005"
	cityStaff = "13900000004"
)

// The inspection flow through GraphQL: draw and publish, record, raise with
// Chinese field errors, and the owner's and raiser's transitions.
func TestInspectionThroughTheAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		fixture.Build(t, db)
		a := newAPI(t, db)
		insp, head, city := a.login(inspector), a.login(principal), a.login(cityStaff)
		bureau := db.Org.Query().Where(org.KindEQ(org.KindCountyBureau), org.DivisionCode(county)).FirstX(sys)
		school := db.Org.Query().Where(org.Name("松林店镇中心校")).OnlyX(sys)
		owner := db.Person.Query().Where(person.Phone(principal)).OnlyX(sys)

		drawQ := `mutation($in: DrawInput!) { drawSample(input: $in) { id seed share frameSize verified state sample { id } } }`
		in := map[string]any{"semester": "2026—2027学年第一学期", "orgID": id(bureau.ID), "seed": "42", "share": 100}
		d := insp.ok(drawQ, map[string]any{"in": in})["drawSample"]
		if str(d, "seed") != "42" || get(d, "verified") != true || str(d, "state") != "DRAFT" ||
			len(get(d, "sample").([]any)) != num(d, "frameSize") {
			t.Fatalf("draw: %v", d)
		}
		bad := insp.do(drawQ, map[string]any{"in": map[string]any{"semester": "明年", "orgID": id(bureau.ID)}})
		if bad.code() != "BAD_USER_INPUT" || bad.Errors[0].Extensions["field"] != "semester" || !strings.HasPrefix(bad.Errors[0].Message, "学期：") {
			t.Fatalf("bad semester: %+v", bad.Errors)
		}
		if r := head.do(drawQ, map[string]any{"in": in}); r.code() != "FORBIDDEN" {
			t.Fatalf("a principal drew: %+v", r)
		}
		insp.ok(`mutation($id: ID!) { publishDraw(id: $id) { state } }`, map[string]any{"id": str(d, "id")})
		if r := insp.do(`mutation($id: ID!) { publishDraw(id: $id) { state } }`, map[string]any{"id": str(d, "id")}); r.code() != "BAD_USER_INPUT" {
			t.Fatalf("published twice: %+v", r)
		}
		ins := insp.ok(`{ inspections(first: 100, where: {targetOrgID: `+id(school.ID)+`}) { totalCount edges { node { id kind state } } } }`, nil)
		iid := str(get(ins, "inspections", "edges", 0, "node"), "id")
		insp.ok(`mutation($id: ID!) { recordInspection(id: $id, findings: "台账不全") { state } }`, map[string]any{"id": iid})

		raiseQ := `mutation($in: RaiseProblemInput!) { raiseProblem(input: $in) { id state repeat overdue unitOrgID } }`
		pin := map[string]any{"source": "INSPECTION", "inspectionID": iid, "unitOrgID": id(school.ID), "ownerID": id(owner.ID),
			"raisedOrgID": id(bureau.ID), "category": "其他", "description": "档案缺3份", "deadline": time.Now().AddDate(0, 0, 20).Format(time.RFC3339)}
		r := insp.do(raiseQ, map[string]any{"in": pin})
		if r.code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "category" || !strings.HasPrefix(r.Errors[0].Message, "类别：") {
			t.Fatalf("unknown category: %+v", r.Errors)
		}
		pin["category"] = "档案不全"
		pid := str(insp.ok(raiseQ, map[string]any{"in": pin}), "raiseProblem", "id")
		if r := head.do(`mutation($id: ID!) { rectifyProblem(id: $id, evidence: "") { state } }`, map[string]any{"id": pid}); r.code() == "" {
			t.Fatal("rectified a pending problem")
		}
		head.ok(`mutation($id: ID!) { startProblem(id: $id) { state } }`, map[string]any{"id": pid})
		r = head.do(`mutation($id: ID!) { rectifyProblem(id: $id, evidence: " ") { state } }`, map[string]any{"id": pid})
		if r.code() != "BAD_USER_INPUT" || !strings.HasPrefix(r.Errors[0].Message, "整改佐证：") {
			t.Fatalf("no evidence: %+v", r.Errors)
		}
		head.ok(`mutation($id: ID!) { rectifyProblem(id: $id, evidence: "补齐档案3份") { state } }`, map[string]any{"id": pid})
		if r := city.do(`mutation($id: ID!) { acceptProblem(id: $id) { state } }`, map[string]any{"id": pid}); r.code() == "" {
			t.Fatal("the city accepted the county's problem")
		}
		got := insp.ok(`mutation($id: ID!) { acceptProblem(id: $id, note: "同意") { state timeline { toState actorID note } } }`, map[string]any{"id": pid})
		if str(got, "acceptProblem", "state") != "CLOSED" || len(get(got, "acceptProblem", "timeline").([]any)) != 4 {
			t.Fatalf("accepted: %v", got)
		}
		// The same category again at the same school: a repeat.
		if rep := insp.ok(raiseQ, map[string]any{"in": pin}); get(rep, "raiseProblem", "repeat") != true {
			t.Fatalf("not a repeat: %v", rep)
		}
		n := num(head.ok(`{ problems { totalCount } }`, nil), "problems", "totalCount")
		if n != 2 {
			t.Fatalf("the school sees %d problems, want 2", n)
		}
		// 正定's bureau sees nothing of 涿州's: not even a count.
		zd := db.Person.Query().Where(person.HasPositionsWith(position.HasOrgWith(org.KindEQ(org.KindCountyBureau),
			org.DivisionCodeHasPrefix("130123")))).FirstX(sys)
		out := a.login(zd.Phone).ok(`{ problems { totalCount } inspections { totalCount } draws { totalCount } }`, nil)
		for _, c := range []string{"problems", "inspections", "draws"} {
			if n := num(out, c, "totalCount"); n != 0 {
				t.Errorf("正定 counts %d %s of 涿州", n, c)
			}
		}
		if n := num(city.ok(`{ problems { totalCount } }`, nil), "problems", "totalCount"); n != 2 {
			t.Errorf("the city counts %d problems, want 2", n)
		}
	})
}

// Sixteen accept or return the same rectified problem at once over the API:
// exactly one wins, every other gets a BAD_USER_INPUT naming the state.
func TestExclusiveProblemDecision(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		fixture.Build(t, db)
		a := newAPI(t, db)
		insp, head := a.login(inspector), a.login(principal)
		bureau := db.Org.Query().Where(org.KindEQ(org.KindCountyBureau), org.DivisionCode(county)).FirstX(sys)
		school := db.Org.Query().Where(org.Name("松林店镇中心校")).OnlyX(sys)
		owner := db.Person.Query().Where(person.Phone(principal)).OnlyX(sys)
		pid := str(insp.ok(`mutation($in: RaiseProblemInput!) { raiseProblem(input: $in) { id } }`, map[string]any{"in": map[string]any{
			"source": "SUPERVISION", "unitOrgID": id(school.ID), "ownerID": id(owner.ID), "raisedOrgID": id(bureau.ID),
			"category": "未走访", "description": "未走访2户", "deadline": time.Now().AddDate(0, 0, 20).Format(time.RFC3339)}}),
			"raiseProblem", "id")
		head.ok(`mutation($id: ID!) { startProblem(id: $id) { state } }`, map[string]any{"id": pid})
		head.ok(`mutation($id: ID!) { rectifyProblem(id: $id, evidence: "走访记录") { state } }`, map[string]any{"id": pid})
		out := atOnce(t, concurrent, func(i int) (result, error) {
			if i%4 == 3 {
				return insp.try(`mutation($id: ID!) { returnProblem(id: $id, note: "不合格") { state } }`, map[string]any{"id": pid})
			}
			return insp.try(`mutation($id: ID!) { acceptProblem(id: $id) { state } }`, map[string]any{"id": pid})
		})
		won := 0
		for i, r := range out {
			switch {
			case len(r.Errors) == 0:
				won++
			case r.code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "state" || !strings.Contains(r.Errors[0].Message, "已被他人处理"):
				t.Errorf("call %d: %+v", i, r.Errors)
			}
		}
		if won != 1 {
			t.Fatalf("%d won, want exactly 1", won)
		}
		if n := db.ProblemEvent.Query().CountX(sys); n != 4 {
			t.Fatalf("%d timeline entries, want 4", n)
		}
	})
}
