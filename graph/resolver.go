package graph

import (
	"context"

	"sanbao/auth"
	"sanbao/ent"
)

// Resolver translates GraphQL to ent calls; scope and permissions are applied
// by authz inside ent, never here.
type Resolver struct {
	Client *ent.Client
	Auth   *auth.Service
}

// ent returns the transaction's client inside a mutation, else the root one.
func (r *Resolver) ent(ctx context.Context) *ent.Client {
	if c := ent.FromContext(ctx); c != nil {
		return c
	}
	return r.Client
}
