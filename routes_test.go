package main

import (
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"sanbao/internal/fixture"
	"sanbao/store/storetest"
)

// getRoutes are the server's GET routes, with a real-looking path for each
// pattern (and pages and files of the web app).
var getRoutes = []string{
	"/graphql", "/agreements/archive.pdf", "/agreements/1.pdf", "/agreements/x.pdf", "/agreements/",
	"/healthz", "/readyz", "/metrics", "/graphiql/sanbao.js", "/graphiql/nope.js",
	"/", "/students/1", "/index.html", "/assets/none.js", "/sw.js", "/debug/pprof/",
	"/exports/village-ledger.xlsx", "/exports/gaps.xlsx", "/exports/overdue.xlsx", "/exports/auditlog.xlsx", "/exports/x.xlsx",
}

// queryParams are the parameter names the handlers read, and some they do not.
var queryParams = []string{"term", "divisionCode", "orgID", "id", "query", "variables", "operationName", "first", "v",
	"division", "school", "gap", "month", "reveal", "person", "from", "to", "action"}

var queryValues = []string{
	"", "0", "1", "-1", "99999999999999999999999", "1e309", "NaN", "13068", "130681", "130681000000",
	"1306811002011", "13068110020A", "１３０６８１０００００", "000000000000", "999999999999", "2026—2027学年",
	"\x00", "\xff\xfe", "%", "[]", "{}", `{"a":`, "../../etc/passwd", "<script>", strings.Repeat("9", 5000),
	strings.Repeat("三", 2000),
}

// randomQuery makes a query string from known and unknown parameters,
// repeated, empty and badly escaped.
func randomQuery(r *rand.Rand) string {
	var parts []string
	for range r.IntN(5) {
		k := queryParams[r.IntN(len(queryParams))]
		v := queryValues[r.IntN(len(queryValues))]
		switch r.IntN(4) {
		case 0:
			parts = append(parts, k+"="+v) // raw, maybe badly escaped
		case 1:
			parts = append(parts, k) // no value
		default:
			parts = append(parts, url.QueryEscape(k)+"="+url.QueryEscape(v))
		}
	}
	return strings.Join(parts, "&")
}

// No GET route answers 5xx or drops the connection (a panic) whatever the
// query string, signed in or not (issue 10, item 12: archive.pdf panicked in
// divcode.LevelOf on a short divisionCode). The seeds run with go test; go
// test -fuzz FuzzGetRoutes keeps looking.
func FuzzGetRoutes(f *testing.F) {
	db := storetest.Open(f, "sqlite")
	fx := fixture.BuildSmall(f, db)
	srv := httptest.NewServer(routes(db, config{Metrics: true, log: slog.New(slog.DiscardHandler)}))
	f.Cleanup(srv.Close)
	admin := login(f, srv.URL, fx.Admin.Phone)

	r := rand.New(rand.NewPCG(10, 12))
	for i := range 400 {
		f.Add(uint8(i), i%2 == 0, randomQuery(r))
	}
	for i, v := range []string{"", "divisionCode=13068", "term=x&divisionCode=1", "term=x&divisionCode=１３０６８１００００００",
		"term=x&orgID=abc", "term=x&orgID=99999999999999999999", "term=x&divisionCode=130681000000"} {
		f.Add(uint8(1), i%2 == 0, v)
	}
	f.Fuzz(func(t *testing.T, route uint8, signedIn bool, rawQuery string) {
		u := srv.URL + getRoutes[int(route)%len(getRoutes)]
		req, err := http.NewRequest(http.MethodGet, u, nil)
		if err != nil {
			t.Skip() // not a request a client can send
		}
		req.URL.RawQuery = escapeControls(rawQuery)
		req.Header.Set("Accept", "text/html,*/*")
		if signedIn {
			req.Header.Set("Authorization", "Bearer "+admin)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("GET %s?%.300q: %.300v (did the handler panic?)", req.URL.Path, rawQuery, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			t.Fatalf("GET %s?%.300q: %d %.200s", req.URL.Path, rawQuery, resp.StatusCode, body)
		}
	})
}

// escapeControls percent-encodes the bytes a client may not send raw.
func escapeControls(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c == ' ' || c == '#' {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// The archive's place is checked before use, in Chinese.
func TestArchiveRefusesBadPlace(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	fx := fixture.BuildSmall(t, db)
	srv := httptest.NewServer(routes(db, config{}))
	defer srv.Close()
	admin := login(t, srv.URL, fx.Admin.Phone)
	for q, want := range map[string]string{
		"term=x":                    "请给出 orgID（单位）或 divisionCode（区划代码）",
		"term=x&divisionCode=13068": "divisionCode 无效：区划代码应为12位数字",
		"term=x&divisionCode=１３０６８１００００００":    "divisionCode 无效：区划代码第1位不是数字",
		"term=x&divisionCode=130681000001000": "divisionCode 无效：区划代码应为12位数字",
		"divisionCode=130681000000":           "学期应为",
	} {
		code, body := get(t, srv.URL+"/agreements/archive.pdf?"+q, admin)
		if code != http.StatusBadRequest || !strings.Contains(string(body), want) {
			t.Errorf("%s: %d %q, want 400 %q", q, code, body, want)
		}
	}
}

// Only page routes of the web app fall back to its HTML; probes, API-like
// and unknown non-page paths are 404 (issue 10, item 13).
func TestUnknownPathsAreNotPages(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	srv := httptest.NewServer(routes(db, config{})) // metrics off
	defer srv.Close()
	html := "text/html,application/xhtml+xml,*/*;q=0.8"
	cases := []struct {
		method, path, accept string
		want                 int
	}{
		{"GET", "/", "*/*", 200},
		{"GET", "/students/42", html, 200},
		{"GET", "/my/agreements/7", html, 200},
		{"GET", "/nowhere", html, 200}, // the app's own 404 page
		{"HEAD", "/coverage", html, 200},
		{"GET", "/students/42", "*/*", 404}, // not a browser
		{"GET", "/students/42", "", 404},
		{"GET", "/metrics", "*/*", 404},
		{"GET", "/metrics", html, 404},
		{"GET", "/debug/pprof/", html, 404},
		{"GET", "/debug/vars", "*/*", 404},
		{"GET", "/api/v1/students", "application/json", 404},
		{"GET", "/api", html, 404},
		{"GET", "/graphql/x", html, 404},
		{"GET", "/wp-login.php", html, 404},
		{"GET", "/.env", html, 404},
		{"GET", "/.well-known/security.txt", html, 404},
		{"GET", "/assets/app.js", html, 404},
		{"POST", "/students/42", html, 404},
		{"GET", "/healthz", "*/*", 200},
		{"GET", "/readyz", "*/*", 200},
	}
	for _, c := range cases {
		req, _ := http.NewRequest(c.method, srv.URL+c.path, nil)
		if c.accept != "" {
			req.Header.Set("Accept", c.accept)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		isApp := strings.Contains(string(body), "<div id=\"app\"") || strings.Contains(string(body), "<!doctype html")
		if resp.StatusCode != c.want {
			t.Errorf("%s %s (Accept %q): %d, want %d", c.method, c.path, c.accept, resp.StatusCode, c.want)
		}
		if c.want == 404 && isApp {
			t.Errorf("%s %s: the app's HTML on a 404", c.method, c.path)
		}
		if c.want == 200 && c.accept == html && c.method == "GET" && !isApp {
			t.Errorf("%s %s: not the app: %.100s", c.method, c.path, body)
		}
	}
}
