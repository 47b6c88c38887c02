// Package graphiql serves GraphiQL, the in-browser GraphQL editor, from the
// binary: its page and its scripts and styles (vendored from npm, see
// NOTICE), with the web app's Content-Security-Policy, so it works on an
// intranet or offline machine and loads nothing from another origin.
package graphiql

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"sanbao/frontend"
)

// Prefix is where the assets are served.
const Prefix = "/graphiql/"

//go:embed assets
var assets embed.FS

var page = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>sanbao GraphQL</title>
<link rel="stylesheet" href="{{.Prefix}}graphiql.min.css">
<link rel="stylesheet" href="{{.Prefix}}sanbao.css">
</head>
<body>
<div id="graphiql" data-endpoint="{{.Endpoint}}">加载中…</div>
<script src="{{.Prefix}}react.production.min.js"></script>
<script src="{{.Prefix}}react-dom.production.min.js"></script>
<script src="{{.Prefix}}graphiql.min.js"></script>
<script src="{{.Prefix}}sanbao.js"></script>
</body>
</html>
`))

// Page serves the GraphiQL page for the GraphQL endpoint (a path on this
// server, such as /graphql).
func Page(endpoint string) http.Handler {
	var b bytes.Buffer
	if err := page.Execute(&b, map[string]string{"Prefix": Prefix, "Endpoint": endpoint}); err != nil {
		panic(err) // a fixed template over fixed data
	}
	html := b.Bytes()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Security-Policy", frontend.CSP)
		h.Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(html))
	})
}

type asset struct {
	data  []byte
	ctype string
	etag  string
}

// Assets serves the files under Prefix (mount it at Prefix).
func Assets() http.Handler {
	files := map[string]asset{}
	entries, err := fs.ReadDir(assets, "assets")
	if err != nil {
		panic(err) // cannot happen: embedded
	}
	for _, e := range entries {
		data, _ := fs.ReadFile(assets, "assets/"+e.Name())
		sum := sha256.Sum256(data)
		ctype := mime.TypeByExtension(path.Ext(e.Name()))
		if path.Ext(e.Name()) == ".js" {
			ctype = "text/javascript; charset=utf-8"
		}
		files[e.Name()] = asset{data, ctype, `"` + hex.EncodeToString(sum[:12]) + `"`}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := files[strings.TrimPrefix(r.URL.Path, Prefix)]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", f.ctype)
		h.Set("Cache-Control", "no-cache") // revalidated by ETag: 304 when unchanged
		h.Set("ETag", f.etag)
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.data))
	})
}
