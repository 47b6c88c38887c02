package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/99designs/gqlgen/graphql/playground"
	"github.com/vektah/gqlparser/v2/ast"

	"sanbao/auth"
	"sanbao/authz"
	"sanbao/ent"
)

// CookieName carries the session for the SPA.
const CookieName = "sanbao_session"

// Options configure the GraphQL endpoint.
type Options struct {
	Production bool // no GraphiQL, no field suggestions
	Secure     bool // cookies only over HTTPS
	MaxBody    int64
}

// Handler serves POST /graphql (and GraphiQL on GET outside production).
func Handler(client *ent.Client, a *auth.Service, o Options) http.Handler {
	if o.MaxBody == 0 {
		o.MaxBody = 1 << 20
	}
	srv := NewServer(client, a, o.Production)
	gql := withViewer(a, o, srv)
	page := playground.Handler("sanbao GraphQL", "/graphql")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodGet && !o.Production:
			page.ServeHTTP(w, r)
		case r.Method == http.MethodPost, r.Method == http.MethodOptions:
			body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, o.MaxBody))
			if err != nil {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusRequestEntityTooLarge)
				fmt.Fprintf(w, `{"errors":[{"message":"请求过大:超过 %d KB","extensions":{"code":"REQUEST_TOO_LARGE"}}]}`, o.MaxBody>>10)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			gql.ServeHTTP(w, r)
		default:
			w.Header().Set("Allow", "POST")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		}
	})
}

// NewServer builds the gqlgen server with sanbao's limits and error handling.
func NewServer(client *ent.Client, a *auth.Service, production bool) *handler.Server {
	srv := handler.New(NewExecutableSchema(Config{Resolvers: &Resolver{Client: client, Auth: a}}))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(pageDefaults{lru.New[*ast.QueryDocument](1000)})
	srv.SetParserTokenLimit(20000)
	srv.SetDisableSuggestion(production)
	srv.Use(extension.Introspection{})
	srv.Use(Limits{MaxDepth: 12, MaxAliases: 30, MaxCost: 25000})
	srv.Use(mutationTx{entgql.Transactioner{
		TxOpener: client,
		// These write through their own short statements (sessions, tokens).
		SkipTxFunc: entgql.SkipIfHasFields("login", "logout", "changePassword", "createAPIToken"),
	}})
	srv.SetErrorPresenter(presentError)
	srv.SetRecoverFunc(recoverPanic)
	srv.AroundRootFields(requireViewer)
	return srv
}

// mutationTx runs each mutation operation in one transaction (all or nothing).
// Requests rejected before an operation exists (malformed JSON) pass through:
// entgql's Transactioner would panic on them.
type mutationTx struct{ entgql.Transactioner }

func (t mutationTx) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	if !graphql.HasOperationContext(ctx) {
		return next(ctx)
	}
	return t.Transactioner.InterceptResponse(ctx, next)
}

var errUnauthenticated = errors.New("请先登录")

// public root fields answer without a viewer.
var public = map[string]bool{"login": true, "__schema": true, "__type": true, "__typename": true}

func requireViewer(ctx context.Context, next graphql.RootResolver) graphql.Marshaler {
	fc := graphql.GetRootFieldContext(ctx)
	if authz.FromContext(ctx) != nil || public[fc.Field.Name] {
		return next(ctx)
	}
	err := errUnauthenticated
	if req := requestFrom(ctx); req != nil && req.expired {
		err = auth.ErrExpired
	}
	graphql.AddError(ctx, presentError(ctx, err))
	return graphql.Null
}

// request is the HTTP side of one GraphQL call, for login and logout.
type request struct {
	w       http.ResponseWriter
	r       *http.Request
	token   string
	expired bool
	secure  bool
}

type requestKey struct{}

func requestFrom(ctx context.Context) *request {
	r, _ := ctx.Value(requestKey{}).(*request)
	return r
}

func (q *request) setCookie(token string, expires time.Time) {
	c := &http.Cookie{
		Name: CookieName, Value: token, Path: "/", HttpOnly: true, Secure: q.secure,
		SameSite: http.SameSiteStrictMode, Expires: expires,
	}
	if token == "" {
		c.MaxAge = -1
	}
	http.SetCookie(q.w, c)
}

func (q *request) clientIP() string {
	host, _, err := net.SplitHostPort(q.r.RemoteAddr)
	if err != nil {
		return q.r.RemoteAddr
	}
	return host
}

// withViewer resolves the bearer token (header, else cookie) to a viewer.
// Requests carried by the cookie must come from our own pages: a cross-site
// Origin is refused, and gqlgen's POST transport only accepts JSON bodies,
// which a plain HTML form cannot send.
func withViewer(a *auth.Service, o Options, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req := &request{w: w, r: r, secure: o.Secure}
		if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
			req.token = strings.TrimSpace(strings.TrimPrefix(h, "Bearer "))
		} else if c, err := r.Cookie(CookieName); err == nil {
			if origin := r.Header.Get("Origin"); origin != "" && !sameOrigin(origin, r.Host) {
				http.Error(w, "cross-site request refused", http.StatusForbidden)
				return
			}
			req.token = c.Value
		}
		ctx := context.WithValue(r.Context(), requestKey{}, req)
		if req.token != "" {
			if v, err := a.Viewer(ctx, req.token); err == nil {
				ctx = authz.NewContext(ctx, v)
			} else {
				req.expired = true
			}
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func sameOrigin(origin, host string) bool {
	o := strings.TrimPrefix(strings.TrimPrefix(origin, "https://"), "http://")
	return o == host
}
