package graph

import (
	"context"
	"sort"

	"sanbao/audit"
	"sanbao/authz"
	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/auditlog"
	"sanbao/graph/model"
)

func (r *Resolver) viewer(ctx context.Context, v *authz.Viewer) (*model.Viewer, error) {
	out := &model.Viewer{Name: v.Name, MustChangePassword: v.MustChangePassword}
	if v.PersonID != 0 {
		p, err := r.ent(ctx).Person.Get(ctx, v.PersonID)
		if err != nil {
			return nil, err
		}
		out.Person = p
	} else {
		// A token may read its own row even without the apitoken permission.
		t, err := r.ent(ctx).APIToken.Get(authz.System(ctx), v.TokenID)
		if err != nil {
			return nil, err
		}
		out.APIToken = t
	}
	for _, k := range v.Roles {
		out.Roles = append(out.Roles, &model.ViewerRole{Key: k, Label: authz.RoleLabels[k]})
	}
	ranges := func(rs []divcode.Range) []*model.CodeRange {
		out := make([]*model.CodeRange, 0, len(rs))
		for _, r := range rs {
			out = append(out, &model.CodeRange{From: r.Lo, To: r.Hi})
		}
		return out
	}
	for p, s := range v.Grants() {
		out.Permissions = append(out.Permissions, &model.Permission{
			Object: p.Object, Action: p.Action, All: s.All, Assigned: s.Assigned,
			VillageRanges: ranges(s.VillageRanges), SchoolRanges: ranges(s.SchoolRanges),
			SchoolIDs: append([]int{}, s.SchoolIDs...),
		})
	}
	sort.Slice(out.Permissions, func(i, j int) bool {
		a, b := out.Permissions[i], out.Permissions[j]
		return a.Object < b.Object || a.Object == b.Object && a.Action < b.Action
	})
	return out, nil
}

// auditNodes logs each student fetched by ID: that is how a student's full
// record is read (the student page).
func (r *Resolver) auditNodes(ctx context.Context, ns ...ent.Noder) error {
	for _, n := range ns {
		if s, ok := n.(*ent.Student); ok {
			if err := audit.Record(ctx, r.ent(ctx), auditlog.ActionViewStudent, s.ID); err != nil {
				return err
			}
		}
	}
	return nil
}
