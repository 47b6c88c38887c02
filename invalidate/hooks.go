package invalidate

import (
	"context"

	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/position"
	"sanbao/ent/session"
)

// mutation is what every generated mutation offers.
type mutation interface {
	ent.Mutation
	Client() *ent.Client
	Tx() (*ent.Tx, error)
}

// hook registers, on client, the hooks that turn writes into changes.
func hook(c *ent.Client, b *Bus) {
	c.Person.Use(b.hook(func(ctx context.Context, m mutation) ([]Change, error) {
		ids, err := ids(ctx, m.(*ent.PersonMutation))
		return changes(Person, ids), err
	}))
	c.Position.Use(b.hook(func(ctx context.Context, m mutation) ([]Change, error) {
		pm := m.(*ent.PositionMutation)
		var people []int
		if id, ok := pm.PersonID(); ok {
			people = append(people, id)
		}
		if !m.Op().Is(ent.OpCreate) {
			ids, err := ids(ctx, pm)
			if err != nil || len(ids) == 0 {
				return changes(Person, people), err
			}
			more, err := m.Client().Position.Query().Where(position.IDIn(ids...)).
				Select(position.FieldPersonID).Ints(authz.System(ctx))
			if err != nil {
				return nil, err
			}
			people = append(people, more...)
		}
		return changes(Person, people), nil
	}))
	c.Session.Use(b.hook(func(ctx context.Context, m mutation) ([]Change, error) {
		ids, err := ids(ctx, m.(*ent.SessionMutation))
		if err != nil || len(ids) == 0 {
			return nil, err
		}
		people, err := m.Client().Session.Query().Where(session.IDIn(ids...)).
			Select(session.FieldPersonID).Ints(authz.System(ctx))
		return changes(Person, people), err
	}))
	c.APIToken.Use(b.hook(func(ctx context.Context, m mutation) ([]Change, error) {
		ids, err := ids(ctx, m.(*ent.APITokenMutation))
		return changes(Token, ids), err
	}))
	c.Org.Use(b.hook(func(ctx context.Context, m mutation) ([]Change, error) {
		if m.Op().Is(ent.OpCreate) {
			return nil, nil
		}
		return []Change{{Kind: All}}, nil // names and kinds of units are in every viewer
	}))
}

// ids are the rows an update or delete is about to change, read before it
// (afterwards a delete leaves none and an update may no longer match its
// predicates). Creates change no cached viewer.
func ids[M interface {
	IDs(context.Context) ([]int, error)
}](ctx context.Context, m M) ([]int, error) {
	if any(m).(ent.Mutation).Op().Is(ent.OpCreate) {
		return nil, nil
	}
	return m.IDs(authz.System(ctx))
}

func changes(k Kind, ids []int) []Change {
	var out []Change
	seen := map[int]bool{}
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, Change{Kind: k, ID: id})
		}
	}
	return out
}

// hook wraps a mutation: the changes it makes are worked out before it runs,
// sent by NOTIFY with it, and published here when it is committed.
func (b *Bus) hook(of func(context.Context, mutation) ([]Change, error)) ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			mm, ok := m.(mutation)
			if !ok {
				return next.Mutate(ctx, m)
			}
			cs, err := of(ctx, mm)
			if err != nil {
				return nil, err
			}
			v, err := next.Mutate(ctx, m)
			if err != nil || len(cs) == 0 {
				return v, err
			}
			if err := b.notify(ctx, mm.Client(), cs); err != nil {
				return nil, err
			}
			if tx, terr := mm.Tx(); terr == nil {
				tx.OnCommit(func(next ent.Committer) ent.Committer {
					return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
						err := next.Commit(ctx, tx)
						if err == nil {
							b.publishAll(cs)
						}
						return err
					})
				})
			} else {
				b.publishAll(cs)
			}
			return v, nil
		})
	}
}

func (b *Bus) publishAll(cs []Change) {
	for _, c := range cs {
		b.publish(c)
	}
}
