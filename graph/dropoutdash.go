package graph

// The 零辍学 dashboard: the dropout package's figures as GraphQL rows.

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"sanbao/authz"
	"sanbao/dropout"
	"sanbao/ent"
	"sanbao/ent/division"
	"sanbao/ent/org"
	"sanbao/fielderr"
	"sanbao/graph/model"
)

// dropoutDashboard checks the place like coverage does (a place outside the
// viewer's scope is not found), then counts under the viewer's scope.
func dropoutDashboard(ctx context.Context, c *ent.Client, divisionCode *string, orgID *int) (*model.DropoutDashboard, error) {
	now := time.Now()
	if orgID != nil {
		o, err := c.Org.Get(ctx, *orgID)
		if err != nil {
			return nil, errNotFound
		}
		if o.Kind != org.KindSchool {
			out, err := dropoutDashboard(ctx, c, &o.DivisionCode, nil)
			if out != nil {
				out.Org = o
			}
			return out, err
		}
		if !authz.MaySeeSchool(ctx, o.ID, o.DivisionCode) {
			return nil, errNotFound
		}
		d, err := dropout.DashboardForSchool(ctx, c, o.ID, now)
		if err != nil {
			return nil, err
		}
		d.Total.School, d.Total.Label = o, o.Name
		out := dashboardModel(d)
		out.Org = o
		return out, nil
	}
	rng, err := divisionRange(divisionCode)
	if err != nil {
		return nil, err
	}
	if rng == nil {
		return nil, fielderr.New("divisionCode", "请指定区划（divisionCode）或单位（orgID）")
	}
	dv, err := c.Division.Query().Where(division.Code(*divisionCode)).Only(ctx)
	if err != nil || !authz.MaySeeDivision(ctx, dv.Code) {
		return nil, errNotFound
	}
	d, err := dropout.DashboardForDivision(ctx, c, dv.Code, now, dashboardRequested(ctx, "schools"))
	if err != nil {
		return nil, err
	}
	out := dashboardModel(d)
	out.Division = dv
	return out, nil
}

func dashboardRequested(ctx context.Context, name string) bool {
	for _, f := range graphql.CollectFieldsCtx(ctx, []string{"DropoutDashboard"}) {
		if f.Name == name {
			return true
		}
	}
	return false
}

func dashboardModel(d *dropout.Dashboard) *model.DropoutDashboard {
	rows := func(rs []dropout.DashRow) []*model.DropoutDashboardRow {
		out := make([]*model.DropoutDashboardRow, len(rs))
		for i := range rs {
			out[i] = dashboardRow(rs[i])
		}
		return out
	}
	return &model.DropoutDashboard{Cutoff: d.Cutoff, TermStart: d.TermStart.In(dropout.China).Format("2006-01-02"),
		LongOpenDays: dropout.LongOpenDays, Total: dashboardRow(d.Total), Children: rows(d.Children), Schools: rows(d.Schools)}
}

func dashboardRow(r dropout.DashRow) *model.DropoutDashboardRow {
	return &model.DropoutDashboardRow{Key: r.Key, Label: r.Label, Division: r.Division, School: r.School,
		SchoolAge: r.SchoolAge, Studying: r.Studying, StudyingNowhere: r.Nowhere, Suspected: r.Suspected,
		Dropouts: r.Dropouts, LongOpen: r.LongOpen, ClosedThisTerm: r.ClosedThisTerm,
		AbsencesOpen: r.AbsencesOpen, AbsencesOverdue: r.AbsencesOverdue}
}
