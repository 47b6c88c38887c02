package importjob_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/crypto/bcrypt"

	"sanbao/auth"
	"sanbao/authz"
	"sanbao/demo"
	"sanbao/ent/division"
	"sanbao/graph"
	"sanbao/importjob"
	"sanbao/internal/fixture"
	"sanbao/staff"
	"sanbao/store"
)

// env is the real HTTP surface of imports (GraphQL and /imports/) over one
// test database holding the fixture's two counties.
type env struct {
	t        testing.TB
	db       *store.DB
	srv      *httptest.Server
	runner   *importjob.Runner
	villages []string // village codes of 涿州市
	outside  string   // a village of 正定县
}

func newEnv(t testing.TB, db *store.DB, o importjob.Options) *env {
	t.Helper()
	fixture.Build(t, db)
	e := &env{t: t, db: db}
	e.start(o)
	sys := authz.System(context.Background())
	e.villages = db.Division.Query().Where(division.LevelEQ(division.LevelVillage), division.CodeHasPrefix("130681")).
		Order(division.ByCode()).Select(division.FieldCode).StringsX(sys)
	e.outside = db.Division.Query().Where(division.LevelEQ(division.LevelVillage), division.CodeHasPrefix("130123")).
		Order(division.ByCode()).Select(division.FieldCode).FirstX(sys).Code
	return e
}

// start serves the API with a new runner (a restarted server).
func (e *env) start(o importjob.Options) {
	a := auth.New(e.db.Client, authz.Default())
	a.BcryptCost = bcrypt.MinCost
	staff.UseAuth(a)
	e.runner = importjob.NewRunner(e.db.Client, o)
	mux := http.NewServeMux()
	mux.Handle("/graphql", graph.Handler(e.db.Client, a, graph.Options{}))
	mux.Handle("/imports/", a.Middleware(importjob.Handler(e.db.Client, e.runner)))
	e.srv = httptest.NewServer(mux)
	r, srv := e.runner, e.srv
	e.t.Cleanup(func() {
		srv.Close()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		r.Shutdown(ctx)
	})
}

func (e *env) login(phone string) string {
	e.t.Helper()
	d := e.ok("", `mutation($p:String!,$w:String!){login(phone:$p,password:$w){token}}`, map[string]any{"p": phone, "w": demo.Password})
	return d["login"].(map[string]any)["token"].(string)
}

type gqlErr struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

func (e *env) gql(token, query string, vars map[string]any) (map[string]any, []gqlErr) {
	e.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Data   map[string]any `json:"data"`
		Errors []gqlErr       `json:"errors"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		e.t.Fatal(err)
	}
	return out.Data, out.Errors
}

func (e *env) ok(token, query string, vars map[string]any) map[string]any {
	e.t.Helper()
	d, errs := e.gql(token, query, vars)
	if len(errs) > 0 {
		e.t.Fatalf("%s: %+v", query, errs)
	}
	return d
}

// upload posts a file as the web app does; it answers the status and body.
func (e *env) upload(token, kind, name string, data []byte) (int, map[string]string) {
	e.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/imports/"+kind, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]string
	json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

// submit uploads a file that must be accepted and returns the job's ID.
func (e *env) submit(token, kind, name string, data []byte) string {
	e.t.Helper()
	status, body := e.upload(token, kind, name, data)
	if status != http.StatusAccepted || body["id"] == "" {
		e.t.Fatalf("upload %s: %d %v", name, status, body)
	}
	return body["id"]
}

const jobFields = `id state fileName kind kindLabel rowsTotal rowsChecked rowsStored createdCount updatedCount errorCount message retryable errorsURL
	cellErrors(first: 100) { totalCount edges { node { line column reason } } }`

// wait polls the job until it ends.
func (e *env) wait(token, id string) map[string]any {
	e.t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for {
		d := e.ok(token, `query($id:ID!){importJob(id:$id){`+jobFields+`}}`, map[string]any{"id": id})
		job := d["importJob"].(map[string]any)
		if s := job["state"]; s == "DONE" || s == "FAILED" {
			return job
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("job %s still %v", id, job["state"])
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (e *env) get(token, path string) (int, []byte) {
	e.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, e.srv.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func n(v any) int { f, _ := v.(float64); return int(f) }

// cellErrors lists a job's wrong cells as "line/column/reason".
func cellErrors(job map[string]any) []string {
	var out []string
	for _, ed := range job["cellErrors"].(map[string]any)["edges"].([]any) {
		nd := ed.(map[string]any)["node"].(map[string]any)
		out = append(out, fmt.Sprintf("%d/%s/%s", n(nd["line"]), nd["column"], nd["reason"]))
	}
	return out
}

// xlsxOf builds a workbook whose first sheet holds rows.
func xlsxOf(t testing.TB, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// csvOf joins rows as a CSV (no quoting needed in the tests' cells).
func csvOf(rows [][]any) []byte {
	var b bytes.Buffer
	for _, r := range rows {
		for i, c := range r {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprint(&b, c)
		}
		b.WriteString("\r\n")
	}
	return b.Bytes()
}
