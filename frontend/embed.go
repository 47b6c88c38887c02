// Package frontend serves the built web app (frontend/dist, committed, so the
// Go binary needs no Node to build).
//
//   - Hashed files under /assets/ are cached for a year (immutable).
//   - index.html, sw.js and the other unhashed files must be revalidated
//     (no-cache), with an ETag so an unchanged file costs a 304.
//   - Precompressed .br / .gz siblings made at build time are sent to clients
//     that accept them.
//   - Any other path that does not look like a file gets index.html, so the
//     app's own router (history API) can show it.
package frontend

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

//go:embed all:dist
var dist embed.FS

// Handler serves the embedded build.
func Handler() http.Handler {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // cannot happen: dist is embedded
	}
	return NewHandler(sub)
}

// CSP allows the app's own scripts only. Styles may be inline (Vue's style
// bindings); images and the icon masks may be data: URLs.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
	"font-src 'self' data:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; base-uri 'self'; " +
	"form-action 'self'; frame-ancestors 'none'"

type file struct {
	data      []byte
	gz, br    []byte
	etag      string
	ctype     string
	immutable bool
}

type handler struct {
	files map[string]*file // by URL path, e.g. "/index.html"
	index *file
}

// NewHandler serves the files of fsys (the layout of dist). It reads them
// once; fsys must contain index.html.
func NewHandler(fsys fs.FS) http.Handler {
	h := &handler{files: map[string]*file{}}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.HasSuffix(p, ".gz") || strings.HasSuffix(p, ".br") {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		f := &file{data: data, immutable: strings.HasPrefix(p, "assets/")}
		f.gz, _ = fs.ReadFile(fsys, p+".gz")
		f.br, _ = fs.ReadFile(fsys, p+".br")
		sum := sha256.Sum256(data)
		f.etag = `"` + hex.EncodeToString(sum[:12]) + `"`
		f.ctype = mime.TypeByExtension(path.Ext(p))
		switch path.Ext(p) {
		case ".webmanifest":
			f.ctype = "application/manifest+json"
		case ".js", ".mjs":
			f.ctype = "text/javascript; charset=utf-8"
		}
		if f.ctype == "" {
			f.ctype = http.DetectContentType(data)
		}
		h.files["/"+p] = f
		return nil
	})
	if err != nil {
		panic("frontend: reading the build: " + err.Error())
	}
	h.index = h.files["/index.html"]
	if h.index == nil {
		panic("frontend: the build has no index.html (run npm run build in frontend/)")
	}
	return h
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := path.Clean("/" + r.URL.Path)
	f, ok := h.files[p]
	switch {
	case ok:
	case p == "/":
		f = h.index
	case p == "/assets" || strings.HasPrefix(p, "/assets/") || strings.Contains(path.Base(p), "."):
		// A missing file (an old chunk, a typo) must not turn into a page.
		w.Header().Set("Cache-Control", "no-store")
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	default:
		f = h.index // a route of the app: /students/42
	}
	hdr := w.Header()
	if f.immutable {
		hdr.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		hdr.Set("Cache-Control", "no-cache")
	}
	if f == h.index {
		hdr.Set("Content-Security-Policy", CSP)
	}
	hdr.Set("Content-Type", f.ctype)
	hdr.Set("ETag", f.etag)
	body := f.data
	if f.gz != nil || f.br != nil {
		hdr.Add("Vary", "Accept-Encoding")
		switch enc := negotiate(r.Header.Get("Accept-Encoding"), f.br != nil, f.gz != nil); enc {
		case "br":
			body = f.br
			hdr.Set("Content-Encoding", "br")
			hdr.Set("ETag", f.etag[:len(f.etag)-1]+`-br"`)
		case "gzip":
			body = f.gz
			hdr.Set("Content-Encoding", "gzip")
			hdr.Set("ETag", f.etag[:len(f.etag)-1]+`-gz"`)
		}
	}
	// ServeContent answers If-None-Match (304), HEAD and ranges.
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// negotiate picks br or gzip if the client accepts it (q > 0), br first.
func negotiate(accept string, haveBr, haveGz bool) string {
	q := map[string]float64{}
	for _, part := range strings.Split(accept, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" {
			continue
		}
		v := 1.0
		for _, p := range strings.Split(params, ";") {
			k, val, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.TrimSpace(k) == "q" {
				if f, err := strconv.ParseFloat(strings.TrimSpace(val), 64); err == nil {
					v = f
				}
			}
		}
		q[name] = v
	}
	ok := func(enc string) bool {
		if v, found := q[enc]; found {
			return v > 0
		}
		v, found := q["*"]
		return found && v > 0
	}
	switch {
	case haveBr && ok("br"):
		return "br"
	case haveGz && ok("gzip"):
		return "gzip"
	}
	return ""
}
