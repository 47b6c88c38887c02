package graph

import (
	"context"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"sanbao/aid"
	"sanbao/aid/rule"
	"sanbao/ent"
	"sanbao/graph/model"
	"sanbao/term"
)

// aidInput translates the API's policy input.
func aidInput(in model.AidPolicyInput) aid.Input {
	cs := make([]rule.Condition, len(in.Conditions))
	for i, c := range in.Conditions {
		cs[i] = *c
	}
	out := aid.Input{Name: in.PolicyName, Category: in.Category, Kind: in.Kind, Amount: in.Amount, Per: in.Per,
		Payer: in.Payer, Basis: in.Basis, Conditions: cs}
	if in.Description != nil {
		out.Description = *in.Description
	}
	return out
}

// entitlementCache holds one operation's entitlements by term and student,
// so a page of students is evaluated in one batch (a fixed number of
// statements), not per student.
type entitlementCache struct {
	mu  sync.Mutex
	got map[term.Term]map[int][]*aid.Entitlement
}

type entitlementKey struct{}

// withEntitlementCache gives each operation its own cache.
func withEntitlementCache(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	return next(context.WithValue(ctx, entitlementKey{}, &entitlementCache{got: map[term.Term]map[int][]*aid.Entitlement{}}))
}

// entitlements answers Student.entitlements, evaluating obj's siblings in
// the same list (a connection page, a household's students) with it.
func (r *Resolver) entitlements(ctx context.Context, obj *ent.Student, arg *string) ([]*aid.Entitlement, error) {
	t := term.Of(time.Now())
	if arg != nil {
		var err error
		if t, err = term.Parse("term", *arg); err != nil {
			return nil, err
		}
	}
	cache, _ := ctx.Value(entitlementKey{}).(*entitlementCache)
	if cache == nil {
		cache = &entitlementCache{got: map[term.Term]map[int][]*aid.Entitlement{}}
	}
	cache.mu.Lock()
	defer cache.mu.Unlock()
	done := cache.got[t]
	if done == nil {
		done = map[int][]*aid.Entitlement{}
		cache.got[t] = done
	}
	if es, ok := done[obj.ID]; ok {
		return es, nil
	}
	batch := []*ent.Student{obj}
	for _, s := range siblings(ctx) {
		if _, ok := done[s.ID]; !ok && s.ID != obj.ID {
			batch = append(batch, s)
		}
	}
	m, err := aid.ForStudents(ctx, r.ent(ctx), batch, t)
	if err != nil {
		return nil, err
	}
	for _, s := range batch {
		es := make([]*aid.Entitlement, len(m[s.ID]))
		for i := range m[s.ID] {
			es[i] = &m[s.ID][i]
		}
		done[s.ID] = es
	}
	return done[obj.ID], nil
}

// siblings are the students of the lists above the field being resolved: a
// connection's edges or a plain list and, when that list is a household's
// students, those of every household of the page (eager-loaded with it).
func siblings(ctx context.Context) []*ent.Student {
	var out []*ent.Student
	alias := "" // of the students field, under which entgql loaded them
	households := func(hs []*ent.Household) []*ent.Student {
		var all []*ent.Student
		for _, h := range hs {
			if h == nil {
				continue
			}
			if ss, err := h.NamedStudents(alias); err == nil {
				all = append(all, ss...)
			} else {
				all = append(all, h.Edges.Students...)
			}
		}
		return all
	}
	for fc, depth := graphql.GetFieldContext(ctx), 0; fc != nil && depth < 8; fc, depth = fc.Parent, depth+1 {
		switch res := fc.Result.(type) {
		case []*ent.Student:
			if out == nil {
				out, alias = res, fc.Field.Alias
			}
		case []*ent.StudentEdge:
			if out == nil {
				for _, e := range res {
					if e != nil && e.Node != nil {
						out = append(out, e.Node)
					}
				}
			}
			return out
		case []*ent.Household:
			return append(out, households(res)...)
		case []*ent.HouseholdEdge:
			hs := make([]*ent.Household, 0, len(res))
			for _, e := range res {
				if e != nil {
					hs = append(hs, e.Node)
				}
			}
			return append(out, households(hs)...)
		}
	}
	return out
}
