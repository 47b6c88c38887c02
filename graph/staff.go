package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"sanbao/authz"
	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/org"
	"sanbao/graph/model"
	"sanbao/staff"
)

func newPositions(in []*model.NewPositionInput) []staff.NewPosition {
	out := make([]staff.NewPosition, len(in))
	for i, p := range in {
		out[i] = staff.NewPosition{OrgID: p.OrgID, Role: p.Role, Grade: p.Grade}
		if p.ClassName != nil {
			out[i].ClassName = *p.ClassName
		}
	}
	return out
}

func handover(in *model.HandoverInput) staff.Handover {
	if in == nil {
		return staff.Handover{}
	}
	return staff.Handover{Confirm: in.Confirm, To: in.HandoverTo}
}

// changePayload presents a staff change; each refused handover carries the
// message the assignment itself would have been refused with.
func changePayload(ctx context.Context) func(*staff.Outcome, error) (*model.StaffChangePayload, error) {
	return func(o *staff.Outcome, err error) (*model.StaffChangePayload, error) {
		if err != nil {
			return nil, err
		}
		out := &model.StaffChangePayload{Confirmed: o.Confirmed, Person: o.Person, Orphaned: o.Orphaned, Refused: []*model.HandoverRefusal{}}
		for _, r := range o.Refused {
			e := presentError(ctx, r.Err)
			h := &model.HandoverRefusal{Assignment: r.Assignment, Reason: e.Message}
			if f, ok := e.Extensions["field"].(string); ok {
				h.Field = &f
			}
			out.Refused = append(out.Refused, h)
		}
		return out, nil
	}
}

// placeFilter narrows assignments to a division's subtree or a unit's (a
// school's students and their households; a bureau's area).
func (r *Resolver) placeFilter(ctx context.Context, q *ent.AssignmentQuery, divisionCode *string, orgID *int) error {
	rng, err := divisionRange(divisionCode)
	if err != nil {
		return err
	}
	if rng != nil {
		q.Where(staff.InDivision(*rng))
	}
	if orgID != nil {
		o, err := r.ent(ctx).Org.Get(ctx, *orgID)
		if err != nil {
			return errNotFound
		}
		if o.Kind == org.KindSchool {
			q.Where(staff.AtSchool(o.ID))
		} else {
			q.Where(staff.InDivision(divcode.SubtreeOf(o.DivisionCode)))
		}
	}
	return nil
}

// passwordChangeAllowed are the root fields open to someone signed in with a
// one-time password.
var passwordChangeAllowed = map[string]bool{
	"viewer": true, "changePassword": true, "logout": true, "login": true,
	"__schema": true, "__type": true, "__typename": true,
}

// requirePasswordChange refuses every other operation, with its own code, to
// someone who must first replace a one-time password. authz narrows such a
// viewer to themselves as well, so other routes (PDFs) reveal nothing either.
func requirePasswordChange(ctx context.Context, next graphql.RootResolver) graphql.Marshaler {
	v := authz.FromContext(ctx)
	if v == nil || !v.MustChangePassword || passwordChangeAllowed[graphql.GetRootFieldContext(ctx).Field.Name] {
		return next(ctx)
	}
	graphql.AddError(ctx, &gqlerror.Error{
		Message:    "请先修改初始密码",
		Path:       graphql.GetPath(ctx),
		Extensions: map[string]any{"code": "PASSWORD_CHANGE_REQUIRED"},
	})
	return graphql.Null
}
