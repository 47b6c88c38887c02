package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"sanbao/auth"
	"sanbao/authz"
	"sanbao/demo"
	"sanbao/ent"
	"sanbao/graph"
	"sanbao/store"
)

// api is a running GraphQL endpoint over one test database.
type api struct {
	t    testing.TB
	srv  *httptest.Server
	auth *auth.Service
	db   *store.DB
}

func newAPI(t testing.TB, db *store.DB) *api {
	a := auth.New(db.Client, authz.Default())
	a.BcryptCost = bcrypt.MinCost
	srv := httptest.NewServer(graph.Handler(db.Client, a, graph.Options{}))
	t.Cleanup(srv.Close)
	return &api{t: t, srv: srv, auth: a, db: db}
}

type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

type result struct {
	Data   map[string]any `json:"data"`
	Errors []gqlError     `json:"errors"`
	Status int
}

func (r result) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// session is a signed-in client.
type session struct {
	a     *api
	token string
}

func (a *api) login(phone string) *session {
	a.t.Helper()
	r := a.anon().do(`mutation($p:String!,$w:String!){login(phone:$p,password:$w){token}}`, map[string]any{"p": phone, "w": demo.Password})
	if len(r.Errors) > 0 {
		a.t.Fatalf("login %s: %+v", phone, r.Errors)
	}
	return &session{a: a, token: str(r.Data, "login", "token")}
}

func (a *api) loginPerson(p *ent.Person) *session { return a.login(p.Phone) }

func (a *api) anon() *session { return &session{a: a} }

func (a *api) bearer(token string) *session { return &session{a: a, token: token} }

func (s *session) do(query string, vars map[string]any) result {
	s.a.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, s.a.srv.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if s.token != "" {
		req.Header.Set("Authorization", "Bearer "+s.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.a.t.Fatal(err)
	}
	defer resp.Body.Close()
	var r result
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		s.a.t.Fatalf("decode (status %d): %v", resp.StatusCode, err)
	}
	r.Status = resp.StatusCode
	return r
}

// ok runs a query that must succeed.
func (s *session) ok(query string, vars map[string]any) map[string]any {
	s.a.t.Helper()
	r := s.do(query, vars)
	if len(r.Errors) > 0 {
		s.a.t.Fatalf("query failed: %+v\n%s", r.Errors, query)
	}
	return r.Data
}

// get walks a decoded JSON value by keys and indexes.
func get(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

func str(v any, path ...any) string { s, _ := get(v, path...).(string); return s }

func num(v any, path ...any) int { f, _ := get(v, path...).(float64); return int(f) }

// ids collects edges[].node.id of a connection.
func ids(conn any) []string {
	var out []string
	for _, e := range get(conn, "edges").([]any) {
		out = append(out, str(e, "node", "id"))
	}
	return out
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
