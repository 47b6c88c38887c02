package auth

import (
	"context"
	"net/http"
	"strings"

	"sanbao/authz"
)

// CookieName carries the session for the web app.
const CookieName = "sanbao_session"

// Request is what the middleware learned of a request's credentials.
type Request struct {
	Token   string // the bearer token, from the header or the cookie
	Expired bool   // a token was sent but is no longer valid
}

type requestKey struct{}

// RequestFrom returns the credentials seen on ctx's request.
func RequestFrom(ctx context.Context) *Request {
	r, _ := ctx.Value(requestKey{}).(*Request)
	if r == nil {
		return &Request{}
	}
	return r
}

// Middleware resolves the bearer token (Authorization header, else the cookie)
// to a viewer in the request's context. Requests carried by the cookie must
// come from our own pages: a cross-site Origin is refused (the cookie is also
// SameSite=Strict, and GraphQL accepts JSON bodies only, which a plain HTML
// form cannot send).
func (s *Service) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req := &Request{}
		if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
			req.Token = strings.TrimSpace(strings.TrimPrefix(h, "Bearer "))
		} else if c, err := r.Cookie(CookieName); err == nil {
			if origin := r.Header.Get("Origin"); origin != "" && !sameOrigin(origin, r.Host) {
				http.Error(w, "cross-site request refused", http.StatusForbidden)
				return
			}
			req.Token = c.Value
		}
		ctx := context.WithValue(r.Context(), requestKey{}, req)
		if req.Token != "" {
			if v, err := s.Viewer(ctx, req.Token); err == nil {
				ctx = authz.NewContext(ctx, v)
			} else {
				req.Expired = true
			}
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func sameOrigin(origin, host string) bool {
	o := strings.TrimPrefix(strings.TrimPrefix(origin, "https://"), "http://")
	return o == host
}
