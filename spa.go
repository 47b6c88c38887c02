package main

import (
	"net/http"
	"path"
	"strings"

	"sanbao/frontend"
)

// reserved are first path segments that are never pages of the web app:
// an unknown path under them is a 404, not the app's HTML that a probe or
// scraper would take for success.
var reserved = map[string]bool{
	"api": true, "debug": true, "metrics": true, "readyz": true, "healthz": true, "livez": true,
	"graphql": true, "graphiql": true, "agreements": true, "assets": true, ".well-known": true,
}

// spaHandler serves the front end: the web app built into frontend/dist and
// embedded in the binary (see frontend/embed.go). Files are served as they
// are (a missing one is a 404). Any other path is a page of the app (its
// router, frontend/src/router.ts, shows its own 404 page for unknown ones)
// only when a browser asks for a page: GET or HEAD, Accept naming text/html,
// no file extension and not under a reserved prefix. Everything else that no
// route took is a 404.
func spaHandler() http.Handler {
	app := frontend.Handler()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := path.Clean("/" + r.URL.Path)
		if p == "/" || strings.Contains(path.Base(p), ".") || isPage(r, p) {
			app.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		http.Error(w, "404 page not found", http.StatusNotFound)
	})
}

func isPage(r *http.Request, p string) bool {
	first, _, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	return (r.Method == http.MethodGet || r.Method == http.MethodHead) && !reserved[first] &&
		strings.Contains(r.Header.Get("Accept"), "text/html")
}
