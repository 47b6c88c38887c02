package graph

import (
	"context"
	"database/sql/driver"
	"errors"
	"testing"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/lib/pq"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

type fakeTx struct{ commits, rollbacks *int }

func (t fakeTx) Commit() error   { *t.commits++; return nil }
func (t fakeTx) Rollback() error { *t.rollbacks++; return nil }

// mutationTx runs a mutation again, in a new transaction, when PostgreSQL
// aborted it for a deadlock or a serialization failure, and only then.
func TestMutationTxRetries(t *testing.T) {
	for _, c := range []struct {
		name     string
		fail     error // what the first attempts fail with
		failures int
		runs     int // operations run
		ok       bool
	}{
		{"deadlock", &pq.Error{Code: "40P01"}, 2, 3, true},
		{"serialization failure", &pq.Error{Code: "40001"}, 1, 2, true},
		{"unique violation", &pq.Error{Code: "23505"}, 1, 1, false},
		{"a user's mistake", errors.New("日期应为 YYYY-MM-DD"), 1, 1, false},
		{"deadlocked every time", &pq.Error{Code: "40P01"}, 100, 3, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			opened, commits, rollbacks, runs := 0, 0, 0, 0
			tx := mutationTx{attempts: 3, tx: entgql.Transactioner{
				TxOpener: entgql.TxOpenerFunc(func(ctx context.Context) (context.Context, driver.Tx, error) {
					opened++
					return ctx, fakeTx{&commits, &rollbacks}, nil
				}),
				SkipTxFunc: entgql.SkipIfHasFields("login"),
			}}
			op := &ast.OperationDefinition{Operation: ast.Mutation, SelectionSet: ast.SelectionSet{&ast.Field{Name: "assign"}}}
			ctx := graphql.WithOperationContext(context.Background(), &graphql.OperationContext{Operation: op})
			next := func(context.Context) graphql.ResponseHandler {
				runs++
				return func(context.Context) *graphql.Response {
					if runs <= c.failures {
						return &graphql.Response{Errors: gqlerror.List{gqlerror.WrapPath(nil, c.fail)}}
					}
					return &graphql.Response{Data: []byte(`{"assign":{}}`)}
				}
			}
			rsp := tx.InterceptOperation(ctx, next)(ctx)
			if runs != c.runs || opened != c.runs || (len(rsp.Errors) == 0) != c.ok {
				t.Errorf("runs %d, transactions %d, errors %v; want %d runs, ok=%v", runs, opened, rsp.Errors, c.runs, c.ok)
			}
			if wantCommits := map[bool]int{true: 1}[c.ok]; commits != wantCommits || rollbacks != c.runs-wantCommits {
				t.Errorf("commits %d, rollbacks %d", commits, rollbacks)
			}
		})
	}
}
