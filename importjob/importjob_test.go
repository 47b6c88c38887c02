package importjob_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"sanbao/authz"
	"sanbao/coverage"
	"sanbao/ent/household"
	"sanbao/ent/importjob"
	"sanbao/ent/org"
	"sanbao/ent/student"
	"sanbao/idcard"
	ij "sanbao/importjob"
	"sanbao/sheet"
	"sanbao/store"
	"sanbao/store/storetest"
)

const (
	admin     = "13900000001" // 涿州市 资助中心
	principal = "13900000002" // 松林店镇中心校 校长
	teacher   = "13900000003"
)

// households builds n household rows as an office keeps them: a title row,
// full-width and spaced headers in another order, a column sanbao ignores.
func households(prefix string, n int, villages []string) [][]any {
	rows := [][]any{
		{"涿州市建档立卡户花名册（2026年）"},
		{"序号", "村级区划代码", "户　主 姓 名", "户号", "状态", "家庭人口（人）", "备注", "低保"},
	}
	for i := range n {
		rows = append(rows, []any{i + 1, villages[i%len(villages)], fmt.Sprintf("户主%d", i), fmt.Sprintf("%s%06d", prefix, i),
			"未脱贫", 1 + i%6, "无", "否"})
	}
	return rows
}

func count(db *store.DB, prefix string) int {
	return db.Household.Query().Where(household.NumberHasPrefix(prefix)).CountX(authz.System(context.Background()))
}

func TestImportJobs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, ij.Options{})
		tok := e.login(admin)

		t.Run("xlsx, UTF-8 and GBK CSV with headers as offices write them", func(t *testing.T) {
			gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(csvOf(households("G", 30, e.villages)))
			if err != nil {
				t.Fatal(err)
			}
			for prefix, file := range map[string]struct {
				name string
				data []byte
			}{
				"X": {"花名册.xlsx", xlsxOf(t, households("X", 30, e.villages))},
				"U": {"花名册.csv", append([]byte("\ufeff"), csvOf(households("U", 30, e.villages))...)},
				"G": {"花名册（GBK）.csv", gbk},
			} {
				job := e.wait(tok, e.submit(tok, "households", file.name, file.data))
				if job["state"] != "DONE" || n(job["createdCount"]) != 30 || n(job["rowsStored"]) != 30 || job["fileName"] != file.name {
					t.Fatalf("%s: %v", file.name, job)
				}
				if got := count(db, prefix); got != 30 {
					t.Errorf("%s stored %d households", file.name, got)
				}
			}
			h := db.Household.Query().Where(household.Number("G000007")).OnlyX(authz.System(context.Background()))
			if h.HeadName != "户主7" || h.Size != 2 || h.VillageCode != e.villages[7] || h.Status != household.StatusNotLifted {
				t.Errorf("G000007 = %+v", h)
			}
		})

		t.Run("kinds by who imports, templates that read back", func(t *testing.T) {
			q := `{importKinds{name label templateURL uploadURL columns{name required}}}`
			kinds := e.ok(tok, q, nil)["importKinds"].([]any)
			names := func(ks []any) (out []string) {
				for _, k := range ks {
					out = append(out, k.(map[string]any)["name"].(string))
				}
				return out
			}
			if got := fmt.Sprint(names(kinds)); got != "[households list_dibao list_disabled list_enrollment list_poverty list_tekun staff students]" {
				t.Fatalf("admin kinds = %v", kinds)
			}
			if kinds := e.ok(e.login(principal), q, nil)["importKinds"].([]any); fmt.Sprint(names(kinds)) != "[staff students]" {
				t.Errorf("principal kinds = %v", kinds)
			}
			if kinds := e.ok(e.login(teacher), q, nil)["importKinds"].([]any); len(kinds) != 0 {
				t.Errorf("teacher kinds = %v", kinds)
			}
			status, body := e.get(tok, kinds[0].(map[string]any)["templateURL"].(string))
			if status != http.StatusOK {
				t.Fatalf("template: %d %s", status, body)
			}
			f, err := excelize.OpenReader(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows, _ := f.GetRows(sheet.SheetName)
			if len(rows) != 2 || !strings.Contains(rows[0][0], "户信息导入模板") || strings.Join(rows[1][:4], ",") != "户编号,户主姓名,村级区划代码,状态" {
				t.Errorf("template rows = %q", rows)
			}
			if panes, _ := f.GetPanes(sheet.SheetName); !panes.Freeze || panes.YSplit != 2 {
				t.Errorf("template panes = %+v", panes)
			}
			// The template itself, filled in, is a file sanbao reads.
			f.SetSheetRow(sheet.SheetName, "A3", &[]any{"TPL1", "模板户", e.villages[1], "已脱贫"})
			var filled bytes.Buffer
			f.WriteTo(&filled)
			if job := e.wait(tok, e.submit(tok, "households", "模板.xlsx", filled.Bytes())); job["state"] != "DONE" || n(job["createdCount"]) != 1 {
				t.Errorf("filled template: %v %q", job, cellErrors(job))
			}
		})

		t.Run("every wrong row listed, nothing stored, the marked copy", func(t *testing.T) {
			rows := households("E", 6, e.villages)
			rows[3][2] = ""                           // line 4: no head
			rows[5][4] = "富裕户"                        // line 6: unknown status
			rows[6][2] = strings.Repeat("长", 65)      // line 7: too long
			rows[7][1] = "130681999999"               // line 8: no such village
			rows[4][6] = "=HYPERLINK(\"http://x\",1)" // an ignored column, still neutralized in the copy
			job := e.wait(tok, e.submit(tok, "households", "有错.xlsx", xlsxOf(t, rows)))
			want := []string{"4/户主姓名/必填", "6/状态/应为未脱贫、已脱贫、边缘户、非建档立卡困难户之一",
				"7/户主姓名/过长：最多64个字，此处有65个字", "8/村级区划代码/未找到区划代码 130681999999"}
			if job["state"] != "FAILED" || job["retryable"] != false || n(job["errorCount"]) != 4 ||
				fmt.Sprint(cellErrors(job)) != fmt.Sprint(want) || !strings.Contains(job["message"].(string), "未导入任何数据") {
				t.Fatalf("job = %v\nerrors %q", job, cellErrors(job))
			}
			if got := count(db, "E"); got != 0 {
				t.Errorf("a file with errors stored %d households", got)
			}
			status, body := e.get(tok, job["errorsURL"].(string))
			if status != http.StatusOK {
				t.Fatalf("errors.xlsx: %d %s", status, body)
			}
			f, err := excelize.OpenReader(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, _ := f.GetRows(sheet.SheetName)
			if got[1][8] != sheet.ReasonColumn || got[3][8] != "户主姓名：必填" || !strings.HasPrefix(got[6][8], "户主姓名：过长") ||
				got[2][3] != "E000000" || len(got) != 8 {
				t.Errorf("marked copy = %q", got)
			}
			if c, _ := f.GetComments(sheet.SheetName); len(c) != 4 || c[0].Cell != "C4" {
				t.Errorf("comments = %+v", c)
			}
			// A formula-like cell is text in the copy, marked as typed text.
			if v, _ := f.GetCellValue(sheet.SheetName, "G5"); v != "=HYPERLINK(\"http://x\",1)" {
				t.Errorf("G5 = %q", v)
			}
			style, _ := f.GetCellStyle(sheet.SheetName, "G5")
			if qp := f.Styles.CellXfs.Xf[style].QuotePrefix; qp == nil || !*qp {
				t.Error("formula-like cell not neutralized in the marked copy")
			}
			if formula, _ := f.GetCellFormula(sheet.SheetName, "G5"); formula != "" {
				t.Errorf("G5 is a formula: %q", formula)
			}
			// Fixed and uploaded again, the same copy imports (its 错误原因 is ignored).
			for _, line := range []int{4, 6, 7, 8} {
				cell := func(col string) string { return fmt.Sprintf("%s%d", col, line) }
				f.SetCellValue(sheet.SheetName, cell("B"), e.villages[0])
				f.SetCellValue(sheet.SheetName, cell("C"), "改好了")
				f.SetCellValue(sheet.SheetName, cell("E"), "已脱贫")
			}
			var fixed bytes.Buffer
			f.WriteTo(&fixed)
			job = e.wait(tok, e.submit(tok, "households", "改好.xlsx", fixed.Bytes()))
			if job["state"] != "DONE" || n(job["createdCount"]) != 6 || count(db, "E") != 6 {
				t.Fatalf("fixed file: %v", job)
			}
		})

		t.Run("CSV quoting errors and long cells: every bad row, in Chinese", func(t *testing.T) {
			data := "户编号,户主姓名,村级区划代码,状态\n" +
				"Q1,王\"五," + e.villages[0] + ",未脱贫\n" +
				"Q2,\"赵\"六," + e.villages[0] + ",未脱贫\n" +
				"Q3," + strings.Repeat("名", 70) + "," + e.villages[0] + ",未脱贫\n" +
				"Q4,好人," + e.villages[0] + ",未脱贫\n" +
				"Q5,\"没关," + e.villages[0] + ",未脱贫\n" +
				"Q6,孙七," + e.villages[0] + ",未脱贫\n"
			job := e.wait(tok, e.submit(tok, "households", "引号.csv", []byte(data)))
			errs := cellErrors(job)
			if job["state"] != "FAILED" || len(errs) != 4 || count(db, "Q") != 0 {
				t.Fatalf("job %v: %q", job, errs)
			}
			for i, line := range []string{"2/户主姓名/", "3/户主姓名/引号后面", "4/户主姓名/过长", "6/户主姓名/引号没有配对"} {
				if !strings.HasPrefix(errs[i], line) {
					t.Errorf("error %d = %q, want %s…", i, errs[i], line)
				}
			}
		})

		t.Run("outside the county: the whole file is refused", func(t *testing.T) {
			rows := households("S", 5, e.villages)
			rows[4][1] = e.outside
			job := e.wait(tok, e.submit(tok, "households", "跨县.xlsx", xlsxOf(t, rows)))
			if errs := cellErrors(job); job["state"] != "FAILED" || len(errs) != 1 || !strings.HasPrefix(errs[0], "5/村级区划代码/") ||
				!strings.Contains(errs[0], "不在您的管理范围内") || count(db, "S") != 0 {
				t.Fatalf("job %v: %q", job, errs)
			}
			// A number registered in another county is not the importer's either.
			zd := db.Household.Query().Where(household.VillageCodeHasPrefix("130123"),
				household.Not(household.HasStudentsWith(student.HasSchoolWith(org.DivisionCodeHasPrefix("130681"))))).
				FirstX(authz.System(context.Background()))
			rows = households("OUT", 2, e.villages)
			rows[3][3] = zd.Number
			job = e.wait(tok, e.submit(tok, "households", "占用.xlsx", xlsxOf(t, rows)))
			if errs := cellErrors(job); len(errs) != 1 || errs[0] != "4/户编号/该户编号已在您管理范围以外登记" || count(db, "OUT") != 0 {
				t.Fatalf("taken number: %q", errs)
			}
		})

		t.Run("a job is seen by its uploader and the bureau, not by others", func(t *testing.T) {
			p := e.login(principal)
			rows := [][]any{{"户编号", "户主姓名", "村级区划代码", "状态"}, {"P1", "某", e.villages[0], "未脱贫"}}
			if status, _ := e.upload(p, "households", "p.csv", csvOf(rows)); status != http.StatusForbidden {
				t.Errorf("a principal imported households: %d", status)
			}
			job := e.wait(tok, e.submit(tok, "households", "可见.csv", csvOf(rows)))
			q := `query($id:ID!){importJob(id:$id){id}}`
			if _, errs := e.gql(e.login(teacher), q, map[string]any{"id": job["id"]}); len(errs) == 0 || errs[0].Extensions["code"] != "NOT_FOUND" {
				t.Errorf("a teacher saw the bureau's job: %v", errs)
			}
			if _, errs := e.gql(p, q, map[string]any{"id": job["id"]}); len(errs) == 0 {
				t.Error("a principal saw the bureau's job")
			}
			// Only the demo's failed student list, which is the principal's own.
			list := e.ok(p, `{importJobs(first: 50){totalCount}}`, nil)
			if got := n(list["importJobs"].(map[string]any)["totalCount"]); got != 1 {
				t.Errorf("the principal lists %d jobs", got)
			}
			list = e.ok(tok, `{importJobs(first: 50){totalCount}}`, nil)
			if got := n(list["importJobs"].(map[string]any)["totalCount"]); got < 6 {
				t.Errorf("the uploader lists %d jobs", got)
			}
			if status, _ := e.get(e.login(teacher), "/imports/"+job["id"].(string)+"/errors.xlsx"); status != http.StatusNotFound {
				t.Errorf("errors.xlsx for an outsider: %d", status)
			}
		})

		t.Run("20,000 rows, then the same file again", func(t *testing.T) {
			data := xlsxOf(t, households("W", 20_000, e.villages))
			start := time.Now()
			job := e.wait(tok, e.submit(tok, "households", "两万.xlsx", data))
			took := time.Since(start)
			if job["state"] != "DONE" || n(job["createdCount"]) != 20_000 || count(db, "W") != 20_000 {
				t.Fatalf("job %v", job)
			}
			t.Logf("%s: 20,000 new households in %v (%.0f rows/s)", db.Dialect, took.Round(time.Millisecond), 20_000/took.Seconds())
			job = e.wait(tok, e.submit(tok, "households", "两万.xlsx", data))
			if job["state"] != "DONE" || n(job["updatedCount"]) != 20_000 || n(job["createdCount"]) != 0 {
				t.Fatalf("again: %v", job)
			}
			// The villages were recounted once each, to what a full recount says.
			before := villageCounts(t, db)
			if err := coverage.Rebuild(context.Background(), db.Client); err != nil {
				t.Fatal(err)
			}
			if after := villageCounts(t, db); before != after || !strings.Contains(before, e.villages[3]) {
				t.Errorf("maintained counts differ from a rebuild:\n%.300s\n%.300s", before, after)
			}
		})
	})
}

func villageCounts(t *testing.T, db *store.DB) string {
	rows, err := db.SQL.Query("SELECT village_code, households, guaranteed, students, with_contact FROM coverage_villages " +
		"WHERE households > 0 OR students > 0 ORDER BY village_code")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var code string
		var h, g, s, c int
		rows.Scan(&code, &h, &g, &s, &c)
		fmt.Fprintf(&b, "%s:%d/%d/%d/%d ", code, h, g, s, c)
	}
	return b.String()
}

func TestStudentsJob(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, ij.Options{})
		tok := e.login(admin)
		sys := authz.System(context.Background())
		hh := [][]any{{"户编号", "户主姓名", "村级区划代码", "状态"}, {"K1", "甲", e.villages[0], "未脱贫"}}
		if job := e.wait(tok, e.submit(tok, "households", "户.csv", csvOf(hh))); job["state"] != "DONE" {
			t.Fatal(job)
		}
		id1 := idcard.Build("130681", time.Date(2014, 6, 1, 0, 0, 0, 0, time.UTC), 501)
		id2 := idcard.Build("130681", time.Date(2010, 3, 1, 0, 0, 0, 0, time.UTC), 503)
		rows := [][]any{
			{"学生姓名", "身份证号码", "户号", "学段", "年级", "班级", "学籍学校", "在读状态", "留守儿童"},
			{"新一", id1, "K1", "小学", 6, "2班", "松林店镇中心校", "在读", "是"},
			{"新二", id2, "K1", "初中", 9, "", "", "", "否"},
		}
		job := e.wait(tok, e.submit(tok, "students", "学生.xlsx", xlsxOf(t, rows)))
		if job["state"] != "DONE" || n(job["createdCount"]) != 2 {
			t.Fatalf("students: %v %q", job, cellErrors(job))
		}
		s := db.Student.Query().Where(student.IDNumber(id1)).WithSchool().OnlyX(sys)
		if s.Edges.School == nil || s.Edges.School.Name != "松林店镇中心校" || !s.LeftBehind || s.VillageCode != e.villages[0] ||
			s.Gender != student.GenderMale && s.Gender != student.GenderFemale || s.BirthDate.Year() != 2014 || *s.Grade != 6 {
			t.Errorf("student = %+v", s)
		}
		// The principal of 松林店镇中心校 updates the class of their student, but
		// may not rename them nor add a student.
		p := e.login(principal)
		rows = [][]any{{"姓名", "身份证号", "户编号", "学段", "年级", "班级"}, {"新一", id1, "K1", "小学", 6, "3班"}}
		if job := e.wait(p, e.submit(p, "students", "班级.csv", csvOf(rows))); job["state"] != "DONE" || n(job["updatedCount"]) != 1 {
			t.Fatalf("principal: %v %q", job, cellErrors(job))
		}
		if s := db.Student.Query().Where(student.IDNumber(id1)).OnlyX(sys); s.ClassName != "3班" {
			t.Errorf("class = %q", s.ClassName)
		}
		rows = append(rows[:1], []any{"改名", id1, "K1", "小学", 6, "3班"}, []any{"新三", idcard.Build("130681", time.Date(2013, 1, 1, 0, 0, 0, 0, time.UTC), 505), "K1", "小学", 5, ""})
		job = e.wait(p, e.submit(p, "students", "越权.csv", csvOf(rows)))
		if errs := cellErrors(job); job["state"] != "FAILED" || len(errs) != 2 || !strings.HasPrefix(errs[0], "2/姓名/") || !strings.HasPrefix(errs[1], "3/身份证号/") {
			t.Fatalf("principal beyond enrollment: %q", errs)
		}
		// Graduating through an import ends the contact person's assignment (the hooks ran).
		rows = [][]any{{"姓名", "身份证号", "户编号", "学段", "在读状态"}, {"新二", id2, "K1", "初中", "毕业"}}
		if job := e.wait(tok, e.submit(tok, "students", "毕业.csv", csvOf(rows))); job["state"] != "DONE" {
			t.Fatal(job)
		}
		if s := db.Student.Query().Where(student.IDNumber(id2)).OnlyX(sys); s.EnrollmentStatus != student.EnrollmentStatusGraduated || s.Grade == nil || *s.Grade != 9 {
			t.Errorf("graduated = %+v", s)
		}
	})
}

func TestInterruptedJobsFailAndRetry(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, ij.Options{})
		tok := e.login(admin)
		rows := households("R", 10, e.villages)
		id := e.submit(tok, "households", "断.xlsx", xlsxOf(t, rows))
		e.wait(tok, id)
		// The server died while the job was storing: its heartbeat stopped.
		sys := authz.System(context.Background())
		var jobID int
		fmt.Sscan(id, &jobID)
		db.ImportJob.UpdateOneID(jobID).SetState(importjob.StateStoring).SetUpdatedAt(time.Now().Add(-time.Hour)).ExecX(sys)
		db.Household.Delete().Where(household.NumberHasPrefix("R")).ExecX(sys)
		e.start(ij.Options{Stale: time.Minute})
		<-e.runner.Swept()
		job := e.ok(tok, `query($id:ID!){importJob(id:$id){state retryable message}}`, map[string]any{"id": id})["importJob"].(map[string]any)
		if job["state"] != "FAILED" || job["retryable"] != true || !strings.Contains(job["message"].(string), "中断") {
			t.Fatalf("after restart: %v", job)
		}
		// Only the uploader retries, and the kept file imports.
		if status, _ := e.upload(e.login(principal), "", "", nil); status == http.StatusAccepted {
			t.Error("empty upload accepted")
		}
		req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/imports/"+id+"/retry", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := http.DefaultClient.Do(req)
		if err != nil || resp.StatusCode != http.StatusAccepted {
			t.Fatalf("retry: %v %v", err, resp.Status)
		}
		resp.Body.Close()
		if job := e.wait(tok, id); job["state"] != "DONE" || count(db, "R") != 10 {
			t.Fatalf("retried: %v", job)
		}
	})
}

// Sixteen uploads of one file at once: every job ends done or asks to be
// retried (it met another's rows), and the households are stored exactly once.
func TestConcurrentUploadsOfOneFile(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) { concurrentUploads(t, db) })
}

func concurrentUploads(t *testing.T, db *store.DB) {
	e := newEnv(t, db, ij.Options{Workers: 16, Queue: 32})
	tok := e.login(admin)
	for round := range 3 {
		prefix := fmt.Sprintf("C%d", round)
		data := xlsxOf(t, households(prefix, 200, e.villages))
		var wg sync.WaitGroup
		jobs := make([]map[string]any, 16)
		for i := range jobs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				jobs[i] = e.wait(tok, e.submit(tok, "households", "同一文件.xlsx", data))
			}()
		}
		wg.Wait()
		done := 0
		for _, j := range jobs {
			switch {
			case j["state"] == "DONE" && n(j["createdCount"])+n(j["updatedCount"]) == 200:
				done++
			case j["state"] == "FAILED" && j["retryable"] == true && strings.Contains(j["message"].(string), "数据有变化"):
			default:
				t.Errorf("round %d: job %v", round, j)
			}
		}
		if done == 0 || count(db, prefix) != 200 {
			t.Errorf("round %d: %d done, %d stored", round, done, count(db, prefix))
		}
	}
}
