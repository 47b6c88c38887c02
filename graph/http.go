package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/99designs/gqlgen/graphql/playground"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/validator/core"
	"github.com/vektah/gqlparser/v2/validator/rules"

	"sanbao/auth"
	"sanbao/authz"
	"sanbao/ent"
)

// Options configure the GraphQL endpoint.
type Options struct {
	Production bool // no GraphiQL, no name suggestions, no anonymous introspection
	Secure     bool // cookies only over HTTPS
	MaxBody    int64
}

// Handler serves POST /graphql (and GraphiQL on GET outside production).
func Handler(client *ent.Client, a *auth.Service, o Options) http.Handler {
	if o.MaxBody == 0 {
		o.MaxBody = 1 << 20
	}
	srv := NewServer(client, a, o.Production)
	gql := a.Middleware(withResponse(o, srv))
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
				fmt.Fprintf(w, `{"errors":[{"message":"请求过大：超过 %d KB","extensions":{"code":"REQUEST_TOO_LARGE"}}]}`, o.MaxBody>>10)
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
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(20000)
	srv.SetDisableSuggestion(production)
	if production {
		srv.SetValidationRulesFn(rulesWithoutSuggestions)
	}
	srv.Use(extension.Introspection{})
	srv.Use(Limits{MaxDepth: 12, MaxAliases: 30, MaxCost: 25000})
	srv.Use(mutationTx{entgql.Transactioner{
		TxOpener: client,
		// These write through their own short statements (sessions, tokens).
		SkipTxFunc: entgql.SkipIfHasFields("login", "logout", "changePassword", "createAPIToken"),
	}})
	srv.SetErrorPresenter(presentError)
	srv.SetRecoverFunc(recoverPanic)
	srv.AroundRootFields(requireViewer(production))
	return srv
}

// rulesWithoutSuggestions are GraphQL's validation rules without "Did you
// mean …" for arguments, input fields, enum values and types, which would
// spell out the schema to anyone in production (gqlgen swaps only the rules
// for output fields).
func rulesWithoutSuggestions() *rules.Rules {
	r := rules.NewDefaultRules()
	for _, swap := range []struct{ with, without core.Rule }{
		{rules.FieldsOnCorrectTypeRule, rules.FieldsOnCorrectTypeRuleWithoutSuggestions},
		{rules.KnownArgumentNamesRule, rules.KnownArgumentNamesRuleWithoutSuggestions},
		{rules.KnownTypeNamesRule, rules.KnownTypeNamesRuleWithoutSuggestions},
		{rules.ScalarLeafsRule, rules.ScalarLeafsRuleWithoutSuggestions},
		{rules.ValuesOfCorrectTypeRule, rules.ValuesOfCorrectTypeRuleWithoutSuggestions},
	} {
		r.RemoveRule(swap.with.Name)
		r.AddRule(swap.without.Name, swap.without.RuleFunc)
	}
	return r
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

// public root fields answer without a viewer; introspection too, outside
// production.
var public = map[string]bool{"login": true, "__typename": true}

func requireViewer(production bool) graphql.RootFieldMiddleware {
	return func(ctx context.Context, next graphql.RootResolver) graphql.Marshaler {
		name := graphql.GetRootFieldContext(ctx).Field.Name
		introspection := name == "__schema" || name == "__type"
		if authz.FromContext(ctx) != nil || public[name] || introspection && !production {
			return next(ctx)
		}
		err := errUnauthenticated
		if auth.RequestFrom(ctx).Expired {
			err = auth.ErrExpired
		}
		graphql.AddError(ctx, presentError(ctx, err))
		return graphql.Null
	}
}

// response lets login and logout set the session cookie.
type response struct {
	w      http.ResponseWriter
	r      *http.Request
	secure bool
}

type responseKey struct{}

func responseFrom(ctx context.Context) *response {
	r, _ := ctx.Value(responseKey{}).(*response)
	return r
}

func (q *response) setCookie(token string, expires time.Time) {
	c := &http.Cookie{
		Name: auth.CookieName, Value: token, Path: "/", HttpOnly: true, Secure: q.secure,
		SameSite: http.SameSiteStrictMode, Expires: expires,
	}
	if token == "" {
		c.MaxAge = -1
	}
	http.SetCookie(q.w, c)
}

func (q *response) clientIP() string {
	host, _, err := net.SplitHostPort(q.r.RemoteAddr)
	if err != nil {
		return q.r.RemoteAddr
	}
	return host
}

// withResponse keeps the response writer at hand for login and logout.
func withResponse(o Options, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), responseKey{}, &response{w: w, r: r, secure: o.Secure})
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
