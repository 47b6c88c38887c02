package frontend

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

func gz(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const indexHTML = `<!doctype html><title>三包联系</title><script type="module" src="/assets/index-abc123.js"></script>`
const appJS = `console.log("三包联系 app");` + "\n"

func testFS(t *testing.T) fstest.MapFS {
	return fstest.MapFS{
		"index.html":                {Data: []byte(indexHTML)},
		"index.html.gz":             {Data: gz(t, indexHTML)},
		"sw.js":                     {Data: []byte("self.addEventListener('fetch', () => {});")},
		"manifest.webmanifest":      {Data: []byte(`{"name":"三包联系"}`)},
		"assets/index-abc123.js":    {Data: []byte(appJS)},
		"assets/index-abc123.js.gz": {Data: gz(t, appJS)},
		"assets/index-abc123.js.br": {Data: []byte("pretend-brotli")},
		"assets/style-def456.css":   {Data: []byte("body{margin:0}")},
	}
}

func get(t *testing.T, h http.Handler, path string, hdr map[string]string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestFallbackToIndexForAppRoutes(t *testing.T) {
	h := NewHandler(testFS(t))
	for _, p := range []string{"/", "/index.html", "/login", "/students/34359738369", "/households?status=LIFTED", "/me/", "/a/../students"} {
		res := get(t, h, p, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d, want 200", p, res.StatusCode)
		}
		if got := body(t, res); got != indexHTML {
			t.Errorf("%s: body %q, want index.html", p, got)
		}
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("%s: Content-Type %q", p, ct)
		}
		if cc := res.Header.Get("Cache-Control"); cc != "no-cache" {
			t.Errorf("%s: Cache-Control %q, want no-cache", p, cc)
		}
		if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("%s: CSP %q", p, csp)
		}
	}
}

func TestMissingFilesAreNotFound(t *testing.T) {
	h := NewHandler(testFS(t))
	for _, p := range []string{"/assets/index-old999.js", "/assets/", "/favicon.ico", "/students/photo.png"} {
		res := get(t, h, p, nil)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", p, res.StatusCode)
		}
		if strings.Contains(body(t, res), "三包联系") {
			t.Errorf("%s: served index.html for a missing file", p)
		}
		if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("%s: Cache-Control %q, want no-store", p, cc)
		}
	}
}

func TestCacheHeaders(t *testing.T) {
	h := NewHandler(testFS(t))
	cases := map[string]string{
		"/assets/index-abc123.js":  "public, max-age=31536000, immutable",
		"/assets/style-def456.css": "public, max-age=31536000, immutable",
		"/index.html":              "no-cache",
		"/sw.js":                   "no-cache",
		"/manifest.webmanifest":    "no-cache",
		"/students":                "no-cache",
	}
	for p, want := range cases {
		res := get(t, h, p, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", p, res.StatusCode)
		}
		if got := res.Header.Get("Cache-Control"); got != want {
			t.Errorf("%s: Cache-Control %q, want %q", p, got, want)
		}
	}
	if ct := get(t, h, "/sw.js", nil).Header.Get("Content-Type"); ct != "text/javascript; charset=utf-8" {
		t.Errorf("sw.js Content-Type %q", ct)
	}
	if ct := get(t, h, "/manifest.webmanifest", nil).Header.Get("Content-Type"); ct != "application/manifest+json" {
		t.Errorf("manifest Content-Type %q", ct)
	}
}

func TestETagRevalidation(t *testing.T) {
	h := NewHandler(testFS(t))
	first := get(t, h, "/sw.js", nil)
	etag := first.Header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	again := get(t, h, "/sw.js", map[string]string{"If-None-Match": etag})
	if again.StatusCode != http.StatusNotModified {
		t.Fatalf("status %d, want 304", again.StatusCode)
	}
	changed := get(t, h, "/sw.js", map[string]string{"If-None-Match": `"something-else"`})
	if changed.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200", changed.StatusCode)
	}
}

func TestPrecompressed(t *testing.T) {
	h := NewHandler(testFS(t))

	res := get(t, h, "/assets/index-abc123.js", map[string]string{"Accept-Encoding": "gzip, deflate, br"})
	if enc := res.Header.Get("Content-Encoding"); enc != "br" {
		t.Fatalf("Content-Encoding %q, want br", enc)
	}
	if got := body(t, res); got != "pretend-brotli" {
		t.Fatalf("br body %q", got)
	}
	if v := res.Header.Get("Vary"); v != "Accept-Encoding" {
		t.Errorf("Vary %q", v)
	}

	res = get(t, h, "/assets/index-abc123.js", map[string]string{"Accept-Encoding": "gzip, br;q=0"})
	if enc := res.Header.Get("Content-Encoding"); enc != "gzip" {
		t.Fatalf("Content-Encoding %q, want gzip", enc)
	}
	zr, err := gzip.NewReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(zr)
	if string(plain) != appJS {
		t.Fatalf("gunzipped %q", plain)
	}
	if res.Header.Get("Content-Length") != "" && res.ContentLength != int64(len(gz(t, appJS))) {
		t.Errorf("Content-Length %d", res.ContentLength)
	}

	res = get(t, h, "/assets/index-abc123.js", nil)
	if enc := res.Header.Get("Content-Encoding"); enc != "" {
		t.Fatalf("Content-Encoding %q without Accept-Encoding", enc)
	}
	if got := body(t, res); got != appJS {
		t.Fatalf("identity body %q", got)
	}

	res = get(t, h, "/assets/index-abc123.js", map[string]string{"Accept-Encoding": "identity, gzip;q=0, br;q=0"})
	if enc := res.Header.Get("Content-Encoding"); enc != "" {
		t.Fatalf("Content-Encoding %q when refused", enc)
	}

	// index.html has only .gz; the app routes get it compressed too.
	res = get(t, h, "/students/1", map[string]string{"Accept-Encoding": "br, gzip"})
	if enc := res.Header.Get("Content-Encoding"); enc != "gzip" {
		t.Fatalf("fallback Content-Encoding %q, want gzip", enc)
	}

	// No compressed sibling: sent as is, no Vary.
	res = get(t, h, "/assets/style-def456.css", map[string]string{"Accept-Encoding": "gzip, br"})
	if enc := res.Header.Get("Content-Encoding"); enc != "" || res.Header.Get("Vary") != "" {
		t.Fatalf("uncompressed file got Content-Encoding %q Vary %q", enc, res.Header.Get("Vary"))
	}

	// ETags differ between representations.
	a := get(t, h, "/assets/index-abc123.js", map[string]string{"Accept-Encoding": "gzip"}).Header.Get("ETag")
	b := get(t, h, "/assets/index-abc123.js", nil).Header.Get("ETag")
	if a == b {
		t.Errorf("same ETag %s for gzip and identity", a)
	}
}

func TestNegotiate(t *testing.T) {
	cases := []struct {
		accept         string
		haveBr, haveGz bool
		want           string
	}{
		{"gzip, deflate, br, zstd", true, true, "br"},
		{"gzip", true, true, "gzip"},
		{"br;q=0, gzip;q=0.5", true, true, "gzip"},
		{"*", true, true, "br"},
		{"*;q=0", true, true, ""},
		{"GZIP", false, true, "gzip"},
		{"br", false, true, ""},
		{"", true, true, ""},
	}
	for _, c := range cases {
		if got := negotiate(c.accept, c.haveBr, c.haveGz); got != c.want {
			t.Errorf("negotiate(%q, %v, %v) = %q, want %q", c.accept, c.haveBr, c.haveGz, got, c.want)
		}
	}
}

func TestMethods(t *testing.T) {
	h := NewHandler(testFS(t))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Fatalf("POST: %d", rec.Code)
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodHead, "/assets/index-abc123.js", nil))
	if rec.Code != http.StatusOK || rec.Body.Len() != 0 {
		t.Fatalf("HEAD: %d with %d bytes", rec.Code, rec.Body.Len())
	}
}

// The committed build itself: an app shell, a service worker, hashed assets,
// each served compressed.
func TestEmbeddedBuild(t *testing.T) {
	h := Handler()
	res := get(t, h, "/", map[string]string{"Accept-Encoding": "gzip"})
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("/: status %d, encoding %q", res.StatusCode, res.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	html, _ := io.ReadAll(zr)
	if !strings.Contains(string(html), "三包联系") || !strings.Contains(string(html), `src="/assets/`) {
		t.Fatalf("index.html does not look like the app:\n%s", html)
	}
	sw := get(t, h, "/sw.js", nil)
	swBody := body(t, sw)
	if sw.StatusCode != http.StatusOK || !strings.Contains(swBody, "/index.html") || strings.Contains(swBody, "__PRECACHE__") {
		t.Fatalf("sw.js: status %d, body starts %.200q", sw.StatusCode, swBody)
	}
	var asset string
	for p := range h.(*handler).files {
		if strings.HasPrefix(p, "/assets/") && strings.HasSuffix(p, ".js") {
			asset = p
			break
		}
	}
	if asset == "" {
		t.Fatal("no JavaScript under /assets/")
	}
	if !strings.Contains(swBody, `"`+asset+`"`) {
		t.Errorf("sw.js does not precache %s", asset)
	}
	res = get(t, h, asset, map[string]string{"Accept-Encoding": "br"})
	if res.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" || res.Header.Get("Content-Encoding") != "br" {
		t.Errorf("%s: Cache-Control %q, Content-Encoding %q", asset, res.Header.Get("Cache-Control"), res.Header.Get("Content-Encoding"))
	}
}
