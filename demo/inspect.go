package demo

import (
	"context"
	"fmt"
	"time"

	"sanbao/auth"
	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/inspection"
	"sanbao/ent/org"
	"sanbao/ent/person"
	"sanbao/ent/position"
	"sanbao/ent/problem"
	"sanbao/inspect"
	"sanbao/term"
)

// SeedInspection gives the demo county this semester's inspections: the
// county inspector's sample of schools drawn (from a fixed seed) and
// published, two schools inspected, and problems of 松林店镇中心校 at every
// state — one overdue, one closed and the same category raised again, so
// marked 再犯. Everything is done as the people who would do it, through the
// same rules as the API.
func SeedInspection(ctx context.Context, c *ent.Client, now time.Time) error {
	tx, err := c.Tx(authz.System(ctx))
	if err != nil {
		return err
	}
	if err := seedInspection(ctx, tx.Client(), now); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func seedInspection(ctx context.Context, c *ent.Client, now time.Time) error {
	sys := authz.System(ctx)
	a := &auth.Service{Client: c, Policy: authz.Default()}
	as := func(phone string) (context.Context, *ent.Person, error) {
		p, err := c.Person.Query().Where(person.Phone(phone)).Only(sys)
		if err != nil {
			return nil, nil, fmt.Errorf("demo account %s: %w", phone, err)
		}
		v, err := a.PersonViewer(sys, p.ID)
		if err != nil {
			return nil, nil, err
		}
		return authz.NewContext(ctx, v), p, nil
	}
	insp, _, err := as("13900000005")
	if err != nil {
		return err
	}
	head, principal, err := as("13900000002")
	if err != nil {
		return err
	}
	bureau, err := c.Org.Query().Where(org.KindEQ(org.KindCountyBureau), org.DivisionCode(Zhuozhou)).Only(sys)
	if err != nil {
		return err
	}
	school, err := c.Org.Query().Where(org.Name("松林店镇中心校")).Only(sys)
	if err != nil {
		return err
	}
	svc := &inspect.Service{Client: c, Now: func() time.Time { return now }}
	seed := int64(20261110)
	d, err := svc.Draw(insp, inspect.DrawInput{Semester: term.Of(now).String(), OrgID: bureau.ID, Seed: &seed})
	if err != nil {
		return err
	}
	if _, err := svc.Publish(insp, d.ID); err != nil {
		return err
	}
	// Two of the sampled schools inspected; the first has a problem found.
	ins, err := c.Inspection.Query().Where(inspection.DrawID(d.ID)).Order(inspection.ByID()).Limit(2).All(insp)
	if err != nil {
		return err
	}
	for _, i := range ins {
		if _, err := svc.Record(insp, i.ID, "资助政策落实到位，台账基本齐全"); err != nil {
			return err
		}
	}
	if len(ins) > 0 {
		pos, err := c.Position.Query().Where(position.OrgID(ins[0].TargetOrgID), position.RoleEQ(position.RolePrincipal)).First(sys)
		if err == nil {
			id := ins[0].ID
			if _, err := svc.Raise(insp, inspect.RaiseInput{Source: problem.SourceInspection, InspectionID: &id,
				UnitOrgID: ins[0].TargetOrgID, OwnerID: pos.PersonID, RaisedOrgID: bureau.ID, Category: "三包未落实",
				Description: "抽查发现2户本月未联系", Deadline: now.AddDate(0, 0, 30)}); err != nil {
				return err
			}
		} else if !ent.IsNotFound(err) {
			return err
		}
	}
	// The demo principal's school: a problem at every state.
	raise := func(s *inspect.Service, category, what string, deadline time.Time) (*ent.Problem, error) {
		return s.Raise(insp, inspect.RaiseInput{Source: problem.SourceSupervision, SourceDoc: "涿教督〔" + fmt.Sprint(now.Year()) + "〕5号",
			UnitOrgID: school.ID, OwnerID: principal.ID, RaisedOrgID: bureau.ID, Category: category,
			Description: what, Deadline: deadline})
	}
	earlier := &inspect.Service{Client: c, Now: func() time.Time { return now.AddDate(0, 0, -40) }}
	if _, err := raise(earlier, "未走访", "3户本学期未入户走访", now.AddDate(0, 0, -10)); err != nil { // overdue
		return err
	}
	steps := []struct {
		category, what string
		to             problem.State
		returned       bool
	}{
		{"档案不全", "学生资助档案缺2份", problem.StateInProgress, false},
		{"责任书未签", "2名教师责任书未签", problem.StateRectified, false},
		{"漏助", "1名建档立卡学生未享受生活补助", problem.StateClosed, false},
		{"误助", "1名非困难学生享受资助", problem.StateInProgress, true},
	}
	for _, st := range steps {
		p, err := raise(earlier, st.category, st.what, now.AddDate(0, 0, 20))
		if err != nil {
			return err
		}
		if _, err := earlier.Start(head, p.ID, "已部署整改"); err != nil {
			return err
		}
		if st.to == problem.StateInProgress && !st.returned {
			continue
		}
		if _, err := svc.Rectify(head, p.ID, "整改报告及佐证照片", "已完成整改"); err != nil {
			return err
		}
		switch {
		case st.returned:
			_, err = svc.Return(insp, p.ID, "佐证材料不足，请补充")
		case st.to == problem.StateClosed:
			_, err = svc.Accept(insp, p.ID, "整改到位，同意销号")
		}
		if err != nil {
			return err
		}
	}
	// 漏助 again after it was rectified: 再犯.
	_, err = raise(svc, "漏助", "又有1名建档立卡学生漏报", now.AddDate(0, 0, 15))
	return err
}
