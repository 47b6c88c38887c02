package main

import "net/http"

// spaHandler serves the front end (replaced by the embedded build).
func spaHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<!doctype html><meta charset=utf-8><title>三包联系</title><p>三包联系 — GraphQL at <a href=/graphql>/graphql</a>"))
	})
}
