package graph

import (
	"time"

	"context"

	"entgo.io/contrib/entgql"

	"sanbao/ent"
	"sanbao/ent/person"
	"sanbao/ent/position"
	"sanbao/fielderr"
	"sanbao/graph/model"
	"sanbao/remind"
)

// behindPage cuts one page from the whole sorted list. The list is small (the
// people of a scope, already grouped in SQL), so it is cut in memory; a
// cursor holds the person and their overdue count, so a page boundary stays
// put when counts change between pages.
func behindPage(rows []remind.Row, after *entgql.Cursor[int], first *int, before *entgql.Cursor[int], last *int) ([]remind.Row, *entgql.PageInfo[int], error) {
	// As every connection: not both, and DefaultPageSize when neither (the
	// limits extension has refused sizes outside 0–MaxPageSize already).
	if first != nil && last != nil {
		return nil, nil, fielderr.New("last", "不能同时指定 first 和 last")
	}
	f, l := first, last
	if f == nil && l == nil {
		n := DefaultPageSize
		f = &n
	}
	lo, hi := 0, len(rows)
	if after != nil {
		at := rowOf(after)
		for lo < hi && !remind.Less(at, rows[lo]) {
			lo++
		}
	}
	if before != nil {
		at := rowOf(before)
		for hi > lo && !remind.Less(rows[hi-1], at) {
			hi--
		}
	}
	info := &entgql.PageInfo[int]{HasPreviousPage: lo > 0, HasNextPage: hi < len(rows)}
	if f != nil && hi-lo > *f {
		hi, info.HasNextPage = lo+*f, true
	}
	if l != nil && hi-lo > *l {
		lo, info.HasPreviousPage = hi-*l, true
	}
	return rows[lo:hi], info, nil
}

func rowOf(c *entgql.Cursor[int]) remind.Row {
	r := remind.Row{PersonID: c.ID}
	switch v := c.Value.(type) {
	case int64:
		r.Overdue = int(v)
	case uint64:
		r.Overdue = int(v)
	case int8:
		r.Overdue = int(v)
	case uint8:
		r.Overdue = int(v)
	case int16:
		r.Overdue = int(v)
	case uint16:
		r.Overdue = int(v)
	case int32:
		r.Overdue = int(v)
	case uint32:
		r.Overdue = int(v)
	case int:
		r.Overdue = v
	case float64:
		r.Overdue = int(v)
	}
	return r
}

// behindConnection loads the people of one page (one query, under the
// viewer's scope) and their first current unit.
func behindConnection(ctx context.Context, c *ent.Client, all, page []remind.Row, info *entgql.PageInfo[int]) (*model.BehindConnection, error) {
	ids := make([]int, len(page))
	for i, r := range page {
		ids[i] = r.PersonID
	}
	people, err := c.Person.Query().Where(person.IDIn(ids...)).
		WithPositions(func(q *ent.PositionQuery) {
			q.Where(position.EndedAtIsNil()).WithOrg().Order(position.ByID())
		}).All(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int]*ent.Person{}
	for _, p := range people {
		byID[p.ID] = p
	}
	out := &model.BehindConnection{TotalCount: len(all), PageInfo: info, Edges: []*model.BehindEdge{}}
	for _, r := range page {
		p := byID[r.PersonID]
		if p == nil {
			continue // gone between the count and now
		}
		n := &model.Behind{ID: p.ID, Person: p, Overdue: r.Overdue}
		for _, pos := range p.Edges.Positions {
			if pos.Edges.Org != nil {
				n.Unit = pos.Edges.Org.Name
				break
			}
		}
		out.Edges = append(out.Edges, &model.BehindEdge{Node: n, Cursor: entgql.Cursor[int]{ID: r.PersonID, Value: r.Overdue}})
	}
	if len(out.Edges) > 0 {
		info.StartCursor, info.EndCursor = &out.Edges[0].Cursor, &out.Edges[len(out.Edges)-1].Cursor
	}
	return out, nil
}

func unsigned(u remind.Unsigned, now time.Time) *model.UnsignedAgreements {
	return &model.UnsignedAgreements{Count: u.Count, OldestIssuedAt: u.Oldest, LongestDays: u.LongestDays(now)}
}
