package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"sanbao/graphiql"
	"sanbao/internal/fixture"
	"sanbao/lifecycle"
	"sanbao/obs"
	"sanbao/store/storetest"
)

// syncBuffer is a log sink that tests read while the server writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// post sends a named GraphQL operation and returns the decoded answer.
func post(t testing.TB, url, token, operation, query string, vars map[string]any) map[string]any {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"operationName": operation, "query": query, "variables": vars})
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
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	return out
}

// requestLines are the request log lines, decoded.
func requestLines(t *testing.T, log string) []map[string]any {
	t.Helper()
	var out []map[string]any
	sc := bufio.NewScanner(strings.NewReader(log))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("not a JSON line: %q", sc.Text())
		}
		if m["msg"] == "request" {
			out = append(out, m)
		}
	}
	return out
}

// Every request is one JSON line with method, path, operation, status,
// duration, viewer and error codes; no password, token or ID number ever
// reaches the log, from the request log or any other (issue 10, item 23).
func TestRequestLog(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	f := fixture.BuildSmall(t, db)
	var logs syncBuffer
	logger := slog.New(slog.NewJSONHandler(&logs, nil))
	prev := slog.Default()
	slog.SetDefault(logger) // the error presenter and the rest log here too
	defer slog.SetDefault(prev)
	srv := httptest.NewServer(routes(db, config{log: logger}))
	defer srv.Close()

	const loginQ = `mutation Login($p: String!, $w: String!) { login(phone: $p, password: $w) { token } }`
	bad := post(t, srv.URL, "", "Login", loginQ, map[string]any{"p": f.Admin.Phone, "w": "wrong-Secret-4711"})
	if bad["errors"] == nil {
		t.Fatalf("a wrong password signed in: %v", bad)
	}
	good := post(t, srv.URL, "", "Login", loginQ, map[string]any{"p": f.Admin.Phone, "w": "sanbao-demo"})
	token := good["data"].(map[string]any)["login"].(map[string]any)["token"].(string)
	idNumber := f.S1.IDNumber
	found := post(t, srv.URL, token, "FindStudent", `query FindStudent($s: String) { students(search: $s) { totalCount } }`,
		map[string]any{"s": idNumber})
	if found["errors"] != nil {
		t.Fatalf("search: %v", found)
	}
	post(t, srv.URL, token, "Broken", `query Broken { students(first: 101) { totalCount } }`, map[string]any{"idNumber": idNumber})
	post(t, srv.URL, "", "", `{ nope `, map[string]any{"x": idNumber})
	get(t, srv.URL+"/agreements/1.pdf", token)

	out := logs.String()
	for _, secret := range []string{"sanbao-demo", "wrong-Secret-4711", token, idNumber, idNumber[:17], idNumber[6:14] + idNumber[14:]} {
		if strings.Contains(out, secret) {
			t.Errorf("the log holds %q:\n%s", secret, out)
		}
	}
	lines := requestLines(t, out)
	if len(lines) != 6 {
		t.Fatalf("%d request lines for 6 requests:\n%s", len(lines), out)
	}
	want := []struct {
		op, viewer, code string
		status           float64
	}{
		{"Login", "", "*", 200},
		{"Login", "", "", 200},
		{"FindStudent", "person:" + strconv.Itoa(f.Admin.ID), "", 200},
		{"Broken", "person:" + strconv.Itoa(f.Admin.ID), "BAD_USER_INPUT", 200},
		{"", "", "*", 0},
		{"", "person:" + strconv.Itoa(f.Admin.ID), "", 0},
	}
	for i, w := range want {
		l := lines[i]
		if l["operation"] != nil && l["operation"] != w.op || l["operation"] == nil && w.op != "" {
			t.Errorf("line %d: operation %v, want %q", i, l["operation"], w.op)
		}
		if v, _ := l["viewer"].(string); v != w.viewer {
			t.Errorf("line %d: viewer %q, want %q", i, v, w.viewer)
		}
		codes, _ := l["errors"].([]any)
		switch {
		case w.code == "" && len(codes) > 0, w.code == "*" && len(codes) == 0,
			w.code != "" && w.code != "*" && (len(codes) == 0 || codes[0] != w.code):
			t.Errorf("line %d: errors %v, want %q", i, codes, w.code)
		}
		if w.status != 0 && l["status"] != w.status {
			t.Errorf("line %d: status %v", i, l["status"])
		}
		if _, ok := l["duration_ms"].(float64); !ok || l["method"] == nil || l["path"] == nil {
			t.Errorf("line %d lacks method, path or duration: %v", i, l)
		}
	}
	if lines[5]["path"] != "/agreements/1.pdf" || lines[5]["status"] != 404.0 || lines[5]["route"] != "GET /agreements/" {
		t.Errorf("agreement line: %v", lines[5])
	}
}

// metric returns the value of the sample of name whose labels contain all
// of labels ("" when absent).
func metric(body, name string, labels ...string) string {
	for _, line := range strings.Split(body, "\n") {
		if !strings.HasPrefix(line, name+"{") && !strings.HasPrefix(line, name+" ") {
			continue
		}
		ok := true
		for _, l := range labels {
			ok = ok && strings.Contains(line, l)
		}
		if ok {
			return line[strings.LastIndexByte(line, ' ')+1:]
		}
	}
	return ""
}

// /metrics counts requests by operation and status, errors by code,
// contacts from phones and the database pool; it is served to loopback
// clients or with the token only (issue 10, item 24).
func TestMetrics(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	f := fixture.BuildSmall(t, db)
	obs.WatchDB(db.SQL)
	srv := httptest.NewServer(routes(db, config{Metrics: true, MetricsToken: "scrape-secret", log: slog.New(slog.DiscardHandler)}))
	defer srv.Close()
	scrape := func() string {
		code, body := get(t, srv.URL+"/metrics", "")
		if code != 200 {
			t.Fatalf("/metrics from loopback: %d", code)
		}
		return string(body)
	}
	admin := login(t, srv.URL, f.Admin.Phone)
	t1 := login(t, srv.URL, f.T1.Phone)
	before := scrape()
	post(t, srv.URL, admin, "MetricsProbe", `query MetricsProbe { viewer { name } }`, nil)
	post(t, srv.URL, admin, "MetricsProbe", `query MetricsProbe { viewer { name } }`, nil)
	post(t, srv.URL, admin, "MetricsBad", `query MetricsBad { students(first: 500) { totalCount } }`, nil)
	gql(t, srv.URL, admin, `mutation($p:ID!,$t:ID!){assign(input:{kind:HOUSEHOLD,personID:$p,targetID:$t}){id}}`,
		map[string]any{"p": strconv.Itoa(f.T1.ID), "t": strconv.Itoa(f.H1.ID)})
	contact := map[string]any{"in": map[string]any{"uuid": "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed", "householdID": strconv.Itoa(f.H1.ID),
		"date": time.Now().In(time.FixedZone("CST", 8*3600)).Format("2006-01-02"), "mode": "PHONE", "learnedSituation": true}}
	const logQ = `mutation LogContact($in: LogContactInput!) { logContact(input: $in) { id } }`
	post(t, srv.URL, t1, "LogContact", logQ, contact)
	post(t, srv.URL, t1, "LogContact", logQ, contact) // the phone's retry
	after := scrape()

	if got := metric(after, "sanbao_http_requests_total", `operation="MetricsProbe"`, `route="/graphql"`, `status="200"`); got != "2" {
		t.Errorf("MetricsProbe requests = %q\n%s", got, after)
	}
	if got := metric(after, "sanbao_http_request_duration_seconds_count", `operation="MetricsProbe"`, `status="200"`); got != "2" {
		t.Errorf("MetricsProbe latency count = %q", got)
	}
	if got := metric(after, "sanbao_errors_total", `operation="MetricsBad"`, `code="BAD_USER_INPUT"`); got != "1" {
		t.Errorf("MetricsBad errors = %q", got)
	}
	n := func(body string) float64 {
		v, _ := strconv.ParseFloat(metric(body, "sanbao_contacts_received_total", `result="ok"`), 64)
		return v
	}
	if d := n(after) - n(before); d != 2 {
		t.Errorf("contacts received: +%v, want +2", d)
	}
	for _, m := range []string{"go_sql_open_connections", "go_sql_wait_count_total", "go_goroutines", "sanbao_http_request_duration_seconds_bucket"} {
		if !strings.Contains(after, m) {
			t.Errorf("/metrics lacks %s", m)
		}
	}

	// Not from loopback, or through a proxy: only with the token.
	h := obs.MetricsHandler("scrape-secret")
	for _, c := range []struct {
		remote, forwarded, auth string
		want                    int
	}{
		{"10.1.2.3:5555", "", "", 403},
		{"127.0.0.1:5555", "203.0.113.9", "", 403},
		{"10.1.2.3:5555", "", "Bearer wrong", 403},
		{"10.1.2.3:5555", "", "Bearer scrape-secret", 200},
		{"[::1]:5555", "", "", 200},
	} {
		req := httptest.NewRequest(http.MethodGet, "/metrics", nil)
		req.RemoteAddr = c.remote
		if c.forwarded != "" {
			req.Header.Set("X-Forwarded-For", c.forwarded)
		}
		if c.auth != "" {
			req.Header.Set("Authorization", c.auth)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != c.want {
			t.Errorf("%+v: %d", c, rec.Code)
		}
	}
}

// /readyz fails while the database is set up, while shutting down and when
// the database is unreachable; /healthz is liveness only; the app answers
// 503 until ready.
func TestReadyz(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	rd := &readiness{}
	srv := httptest.NewServer(routes(db, config{ready: rd, log: slog.New(slog.DiscardHandler)}))
	defer srv.Close()
	status := func(path string) int {
		code, _ := get(t, srv.URL+path, "")
		return code
	}
	if status("/readyz") != 503 || status("/healthz") != 200 || status("/graphql") != 503 {
		t.Errorf("starting: readyz %d, healthz %d, graphql %d", status("/readyz"), status("/healthz"), status("/graphql"))
	}
	rd.set(ready)
	if status("/readyz") != 200 || status("/graphql") != 200 {
		t.Errorf("ready: readyz %d, graphql %d", status("/readyz"), status("/graphql"))
	}
	rd.set(stopping)
	if status("/readyz") != 503 {
		t.Errorf("stopping: readyz %d", status("/readyz"))
	}
	rd.set(ready)
	db.SQL.Close()
	if code, body := get(t, srv.URL+"/readyz", ""); code != 503 || !strings.Contains(string(body), "database unreachable") {
		t.Errorf("database gone: readyz %d %s", code, body)
	}
	if status("/healthz") != 200 {
		t.Error("healthz depends on the database")
	}
}

// On shutdown a slow request in flight and a background job both finish
// within the grace period; new connections are refused; past the grace the
// server stops anyway and says so (issue 10, item 25).
func TestGracefulShutdown(t *testing.T) {
	for _, c := range []struct {
		name        string
		work, grace time.Duration
		clean       bool
	}{
		{"finishes within the grace", 400 * time.Millisecond, 5 * time.Second, true},
		{"outlasts the grace", 3 * time.Second, 300 * time.Millisecond, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			started := make(chan struct{})
			mux := http.NewServeMux()
			mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
				close(started)
				time.Sleep(c.work)
				w.Write([]byte("done"))
			})
			hooks := lifecycle.New()
			var jobDone bool
			var jobMu sync.Mutex
			hooks.OnShutdown("import job", func(ctx context.Context) error {
				select {
				case <-time.After(c.work):
					jobMu.Lock()
					jobDone = true
					jobMu.Unlock()
					return nil
				case <-ctx.Done():
					return ctx.Err()
				}
			})
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			s := &server{http: &http.Server{Handler: mux}, grace: c.grace, hooks: hooks, ready: &readiness{}}
			ctx, cancel := context.WithCancel(context.Background())
			ran := make(chan error, 1)
			go func() { ran <- s.run(ctx, ln, nil) }()

			type result struct {
				body string
				err  error
			}
			got := make(chan result, 1)
			go func() {
				resp, err := http.Get("http://" + ln.Addr().String() + "/slow")
				if err != nil {
					got <- result{err: err}
					return
				}
				b, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				got <- result{string(b), err}
			}()
			<-started
			cancel() // SIGTERM
			time.Sleep(50 * time.Millisecond)
			if s.ready.phase() != stopping {
				t.Error("not marked stopping")
			}
			if conn, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second); err == nil {
				conn.Close()
				t.Error("a new connection was accepted while shutting down")
			}
			r := <-got
			err = <-ran
			jobMu.Lock()
			defer jobMu.Unlock()
			if c.clean {
				if r.err != nil || r.body != "done" {
					t.Errorf("in-flight request: %q, %v", r.body, r.err)
				}
				if err != nil || !jobDone {
					t.Errorf("run = %v, job done %v", err, jobDone)
				}
			} else {
				if r.err == nil {
					t.Errorf("a request past the grace period got %q", r.body)
				}
				if err == nil || !strings.Contains(err.Error(), "grace period") || jobDone {
					t.Errorf("run = %v, job done %v", err, jobDone)
				}
			}
		})
	}
}

// GraphiQL loads from the binary: the page names no other origin, its
// assets answer with the right types, and it carries the app's CSP (issue
// 10, item 4).
func TestGraphiQLIsSelfContained(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	srv := httptest.NewServer(routes(db, config{log: slog.New(slog.DiscardHandler)}))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/graphql")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("page: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("CSP %q", csp)
	}
	if regexp.MustCompile(`(?i)(https?:)?//[a-z0-9]`).Match(page) || strings.Contains(string(page), "<script>") {
		t.Errorf("the page names another origin or has an inline script:\n%s", page)
	}
	refs := regexp.MustCompile(`(?:src|href)="([^"]+)"`).FindAllStringSubmatch(string(page), -1)
	want := map[string]string{".js": "text/javascript", ".css": "text/css"}
	if len(refs) < 6 {
		t.Fatalf("%d assets on the page", len(refs))
	}
	for _, m := range refs {
		u := m[1]
		if !strings.HasPrefix(u, graphiql.Prefix) {
			t.Errorf("asset %s is not served from %s", u, graphiql.Prefix)
			continue
		}
		resp, err := http.Get(srv.URL + u)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		ext := u[strings.LastIndexByte(u, '.'):]
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), want[ext]) || len(body) < 20 {
			t.Errorf("%s: %d %s, %d bytes", u, resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
		}
		if strings.Contains(string(body), "cdn.jsdelivr.net") || strings.Contains(string(body), "unpkg.com") {
			t.Errorf("%s loads from a CDN", u)
		}
	}
	// Production: no GraphiQL, no assets.
	prod := httptest.NewServer(routes(db, config{Production: true, log: slog.New(slog.DiscardHandler)}))
	defer prod.Close()
	for _, p := range []string{"/graphql", graphiql.Prefix + "graphiql.min.js"} {
		if code, _ := get(t, prod.URL+p, ""); code == 200 {
			t.Errorf("production serves %s", p)
		}
	}
}

// serve, as main runs it: it sets the database up, becomes ready, serves
// the app and metrics with the pool's statistics, and stops cleanly when its
// context ends (TestReadyz covers the time before ready).
func TestServe(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	ln.Close()
	c := config{DatabaseURL: storetest.URL(t, "sqlite"), Port: port, Metrics: true, Grace: 5 * time.Second,
		log: slog.New(slog.DiscardHandler)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, c) }()
	base := "http://127.0.0.1:" + port
	var ready bool
	for i := 0; i < 200 && !ready; i++ {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			ready = resp.StatusCode == 200
			resp.Body.Close()
		}
		if !ready {
			time.Sleep(50 * time.Millisecond)
		}
	}
	if !ready {
		t.Fatal("never ready")
	}
	if code, body := get(t, base+"/metrics", ""); code != 200 || !strings.Contains(string(body), `go_sql_open_connections{db_name="sanbao"}`) {
		t.Errorf("/metrics: %d", code)
	}
	if d := gql(t, base, "", `{__typename}`, nil); d["__typename"] != "Query" {
		t.Errorf("graphql: %v", d)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Error("still serving after shutdown")
	}
}

func TestShutdownGraceConfig(t *testing.T) {
	for v, want := range map[string]time.Duration{"": 25 * time.Second, "40": 40 * time.Second, "1m30s": 90 * time.Second, "0": 0} {
		t.Setenv("SANBAO_SHUTDOWN_GRACE", v)
		if c, err := loadConfig(); err != nil || c.Grace != want {
			t.Errorf("SANBAO_SHUTDOWN_GRACE=%q: %v, %v", v, c.Grace, err)
		}
	}
	for _, v := range []string{"soon", "-5s"} {
		t.Setenv("SANBAO_SHUTDOWN_GRACE", v)
		if _, err := loadConfig(); err == nil {
			t.Errorf("SANBAO_SHUTDOWN_GRACE=%q accepted", v)
		}
	}
}
