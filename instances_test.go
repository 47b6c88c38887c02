package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"sanbao/authz"
	"sanbao/ent/org"
	"sanbao/ent/person"
	"sanbao/ent/position"
	"sanbao/ent/student"
	"sanbao/store"
	"sanbao/store/storetest"
)

// TestMain lets the test binary serve as sanbao itself, so
// TestTwoInstances starts real server processes without a separate build.
func TestMain(m *testing.M) {
	if os.Getenv("SANBAO_TEST_AS_SERVER") == "1" {
		os.Args = []string{os.Args[0], "serve"}
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// instance is a sanbao server process.
type instance struct {
	url string
	log bytes.Buffer
}

func startInstance(t *testing.T, dbURL string) *instance {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	ln.Close()
	in := &instance{url: "http://127.0.0.1:" + port}
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "SANBAO_TEST_AS_SERVER=1", "DATABASE_URL="+dbURL, "PORT="+port, "SANBAO_METRICS=off")
	cmd.Stderr = &in.log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			t.Logf("log of %s:\n%s", in.url, in.log.String())
		}
	})
	return in
}

func (in *instance) waitReady(t *testing.T) {
	t.Helper()
	for deadline := time.Now().Add(3 * time.Minute); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if resp, err := http.Get(in.url + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
	}
	t.Fatalf("%s never ready:\n%s", in.url, in.log.String())
}

// call sends a GraphQL request and returns data and the first error's code.
func call(t testing.TB, url, token, query string, vars map[string]any) (map[string]any, string) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Data   map[string]any
		Errors []struct {
			Message    string
			Extensions map[string]any
		}
	}
	json.NewDecoder(resp.Body).Decode(&out)
	if len(out.Errors) > 0 {
		code, _ := out.Errors[0].Extensions["code"].(string)
		if code == "" {
			code = out.Errors[0].Message
		}
		return out.Data, code
	}
	return out.Data, ""
}

// within polls cond every 20 ms and reports how long it took to hold, or
// fails after limit.
func within(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	start := time.Now()
	for {
		if cond() {
			t.Logf("%s after %v", what, time.Since(start).Round(time.Millisecond))
			return
		}
		if time.Since(start) > limit {
			t.Fatalf("%s: not within %v", what, limit)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Two server processes over one PostgreSQL database: a position ended, or a
// session ended, through one is refused by the other within a second,
// although the other had the viewer cached (issue 16, item 5).
func TestTwoInstances(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two servers")
	}
	dbURL := storetest.URL(t, "postgres")
	a, b := startInstance(t, dbURL), startInstance(t, dbURL)
	a.waitReady(t)
	b.waitReady(t)

	// The ids the mutations need, read as the system.
	db, err := store.Connect(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sys := authz.System(context.Background())
	teacher := db.Person.Query().Where(person.Phone("13900000003")).OnlyX(sys)
	own := db.Position.Query().Where(position.PersonID(teacher.ID), authz.ActivePosition()).FirstX(sys)
	// A class of another school: as its head teacher she sees its students.
	other := db.Student.Query().Where(student.SchoolIDNEQ(own.OrgID), student.SchoolIDNotNil(), student.GradeNotNil(), student.ClassNameNEQ("")).
		FirstX(sys)
	if k := db.Org.GetX(sys, *other.SchoolID).Kind; k != org.KindSchool {
		t.Fatalf("student's school is a %s", k)
	}

	const count = `{students(first:1){totalCount}}`
	students := func(url, token string) (int, string) {
		d, code := call(t, url, token, count, nil)
		if code != "" {
			return -1, code
		}
		n, _ := d["students"].(map[string]any)["totalCount"].(float64)
		return int(n), ""
	}
	aid := login(t, a.url, "13900000001")
	tb := login(t, b.url, "13900000003")
	before, code := students(b.url, tb) // B caches her viewer
	if code != "" {
		t.Fatalf("students before: %s", code)
	}

	d, code := call(t, a.url, aid, `mutation($p:ID!,$o:ID!,$g:Int!,$c:String!){givePosition(input:{personID:$p,position:{orgID:$o,role:HEAD_TEACHER,grade:$g,className:$c}}){id}}`,
		map[string]any{"p": strconv.Itoa(teacher.ID), "o": strconv.Itoa(*other.SchoolID), "g": *other.Grade, "c": other.ClassName})
	if code != "" {
		t.Fatalf("givePosition through A: %s", code)
	}
	given := d["givePosition"].(map[string]any)["id"].(string)
	var with int
	within(t, time.Second, "B applies the position given through A", func() bool {
		with, _ = students(b.url, tb)
		return with > before
	})

	if _, code := call(t, a.url, aid, `mutation($id:ID!){endPosition(input:{id:$id,handover:{confirm:true}}){confirmed}}`,
		map[string]any{"id": given}); code != "" {
		t.Fatalf("endPosition through A: %s", code)
	}
	within(t, time.Second, "B refuses the class of the position ended through A", func() bool {
		n, _ := students(b.url, tb)
		return n == before
	})

	// A session: used on B (cached there), ended on A.
	ta := login(t, a.url, "13900000003")
	if _, code := students(b.url, ta); code != "" {
		t.Fatalf("A's session on B: %s", code)
	}
	if _, code := call(t, a.url, ta, `mutation{logout}`, nil); code != "" {
		t.Fatalf("logout through A: %s", code)
	}
	within(t, time.Second, "B refuses the session ended through A", func() bool {
		_, code := students(b.url, ta)
		return code != ""
	})
	if _, code := students(b.url, tb); code != "" {
		t.Errorf("her other session ended too: %s", code)
	}
}
