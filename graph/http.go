package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"time"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/validator/core"
	"github.com/vektah/gqlparser/v2/validator/rules"

	"sanbao/auth"
	"sanbao/authz"
	"sanbao/ent"
	"sanbao/graphiql"
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
	page := graphiql.Page("/graphql")
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
	srv.Use(observe{}) // first: the outermost response interceptor sees every error
	if production {
		srv.SetValidationRulesFn(rulesWithoutSuggestions)
	}
	srv.Use(extension.Introspection{})
	srv.Use(Limits{MaxDepth: 12, MaxAliases: 30, MaxCost: 25000})
	srv.Use(mutationTx{tx: entgql.Transactioner{
		TxOpener: client,
		// These write through their own short statements (sessions, tokens).
		SkipTxFunc: entgql.SkipIfHasFields("login", "logout", "changePassword", "createAPIToken"),
	}, attempts: 8})
	srv.SetErrorPresenter(presentError)
	srv.SetRecoverFunc(recoverPanic)
	srv.AroundOperations(withEntitlementCache)
	srv.AroundRootFields(requireViewer(production))
	srv.AroundRootFields(requirePasswordChange)
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

// mutationTx runs each mutation operation in one transaction (all or
// nothing), and runs the whole operation again in a new transaction when
// PostgreSQL aborted it for a deadlock or a serialization failure (40P01,
// 40001): any mutation can meet one under concurrent writes, and retrying is
// what PostgreSQL asks of the client. The retry re-executes the operation from
// its parsed document (gqlgen's response handler runs a mutation only once),
// so it sits at the operation, not the response. Field resolvers of a mutation
// are serialized, as entgql.Transactioner does, since they share the
// transaction.
type mutationTx struct {
	tx       entgql.Transactioner
	attempts int
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
	graphql.OperationInterceptor
} = mutationTx{}

func (mutationTx) ExtensionName() string { return "SanbaoMutationTx" }

func (t mutationTx) Validate(s graphql.ExecutableSchema) error { return t.tx.Validate(s) }

func (t mutationTx) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	return t.tx.MutateOperationContext(ctx, oc)
}

func (t mutationTx) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	op := graphql.GetOperationContext(ctx).Operation
	if op == nil || op.Operation != ast.Mutation || t.tx.SkipTxFunc(op) {
		return next(ctx)
	}
	return func(ctx context.Context) *graphql.Response {
		for attempt := 1; ; attempt++ {
			rsp, err := t.once(ctx, next)
			if err == nil || attempt == t.attempts || ctx.Err() != nil {
				return rsp
			}
			slog.WarnContext(ctx, "mutation retried", "operation", op.Name, "attempt", attempt, "err", err)
			// The other transaction has just won; a short random pause keeps
			// a crowd of losers from meeting again in step.
			time.Sleep(time.Duration(attempt) * time.Duration(1+rand.IntN(20)) * time.Millisecond)
		}
	}
}

// once runs the operation in a new transaction; err is set when PostgreSQL
// asks for it to be retried.
func (t mutationTx) once(ctx context.Context, next graphql.OperationHandler) (rsp *graphql.Response, err error) {
	txCtx, tx, err := t.tx.OpenTx(ctx)
	if err != nil {
		return &graphql.Response{Errors: gqlerror.List{presentError(ctx, err)}}, retryable(err)
	}
	defer func() {
		if r := recover(); r != nil {
			_ = tx.Rollback()
			panic(r)
		}
	}()
	rsp = next(txCtx)(txCtx)
	if rsp == nil || len(rsp.Errors) > 0 {
		_ = tx.Rollback()
		if rsp == nil {
			return nil, nil
		}
		for _, e := range rsp.Errors {
			if err := retryable(e); err != nil {
				return &graphql.Response{Errors: rsp.Errors}, err
			}
		}
		return &graphql.Response{Errors: rsp.Errors}, nil
	}
	if err := tx.Commit(); err != nil {
		return &graphql.Response{Errors: gqlerror.List{presentError(ctx, err)}}, retryable(err)
	}
	return rsp, nil
}

// retryable returns err's database error when it is a deadlock (40P01) or a
// serialization failure (40001), else nil.
func retryable(err error) error {
	var db interface{ SQLState() string }
	if errors.As(err, &db) {
		switch db.SQLState() {
		case "40001", "40P01":
			return db.(error)
		}
	}
	return nil
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
