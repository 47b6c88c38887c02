package main

import (
	"net/http"

	"sanbao/frontend"
)

// spaHandler serves the front end: the web app built into frontend/dist and
// embedded in the binary (see frontend/embed.go).
func spaHandler() http.Handler {
	return frontend.Handler()
}
