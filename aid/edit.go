package aid

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"sanbao/aid/rule"
	"sanbao/authz"
	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/aidpolicy"
	"sanbao/fielderr"
	"sanbao/term"
)

// Terms: a policy version starts in a semester and never in the past — the
// current semester or a later one — so no past term's entitlements change.

// Input is what a province or county states of a policy. The catalog it
// belongs to (OwnerCode) is fixed at creation.
type Input struct {
	Name        string
	Category    aidpolicy.Category
	Kind        aidpolicy.Kind
	Amount      int
	Per         aidpolicy.Per
	Payer       aidpolicy.Payer
	Basis       aidpolicy.Basis
	Conditions  []rule.Condition
	Description string
}

func (in *Input) check() error {
	in.Name = strings.TrimSpace(in.Name)
	if n := len([]rune(in.Name)); n == 0 || n > 60 {
		return fielderr.New("policyName", "应为1到60个字")
	}
	switch {
	case in.Kind == aidpolicy.KindWaiver && in.Amount != 0:
		return fielderr.New("amount", "免除类政策（免）不填金额，应为0")
	case in.Kind != aidpolicy.KindWaiver && (in.Amount <= 0 || in.Amount > 100000):
		return fielderr.New("amount", "应为1到100000元")
	}
	if len(in.Conditions) > 20 {
		return fielderr.New("conditions", "条件最多20个")
	}
	for i, c := range in.Conditions {
		if !c.Valid() {
			return fielderr.New("conditions", "第%d个条件无效", i+1)
		}
	}
	if n := len([]rune(in.Description)); n > 500 {
		return fielderr.New("description", "说明最多500个字，现为%d个字", n)
	}
	return nil
}

// startTerm reads a version's first semester: a semester, not earlier than
// the one running now.
func startTerm(field, s string, now time.Time) (term.Term, error) {
	t, err := term.Parse(field, s)
	if err != nil {
		return t, err
	}
	if t.IsYear() {
		return t, fielderr.New(field, "应为学期，如“%s”", term.Term{Year: t.Year, Semester: 1})
	}
	if cur := term.Of(now); t.Before(cur) {
		return t, fielderr.New(field, "不能早于本学期（%s）：已过去的学期不能改动", cur)
	}
	return t, nil
}

// Create adds a policy to owner's catalog (a province's or a county's own
// top-up), valid from the semester from on.
func Create(ctx context.Context, c *ent.Client, owner string, in Input, from string, now time.Time) (*ent.AidPolicy, error) {
	if l := divcode.LevelOf(owner); !divcode.WellFormed(owner) || l != divcode.Province && l != divcode.County ||
		divcode.Validate(owner, l) != nil {
		return nil, fielderr.New("ownerCode", "应为省级或县级区划代码")
	}
	if err := in.check(); err != nil {
		return nil, err
	}
	t, err := startTerm("fromTerm", from, now)
	if err != nil {
		return nil, err
	}
	var by *int
	if v := authz.FromContext(ctx); v != nil && v.PersonID != 0 {
		by = &v.PersonID
	}
	return set(c.AidPolicy.Create(), in).SetOwnerCode(owner).SetCode(fmt.Sprintf("p%d", now.UnixNano())).
		SetFromTerm(t.String()).SetNillableCreatedByID(by).Save(ctx)
}

func set(q *ent.AidPolicyCreate, in Input) *ent.AidPolicyCreate {
	if in.Conditions == nil {
		in.Conditions = []rule.Condition{}
	}
	return q.SetName(in.Name).SetCategory(in.Category).SetKind(in.Kind).SetAmount(in.Amount).SetPer(in.Per).
		SetPayer(in.Payer).SetBasis(in.Basis).SetConditions(in.Conditions).SetDescription(in.Description)
}

// latest loads the version id and checks it is its policy's latest, the only
// one a change or end may start from.
func latest(ctx context.Context, c *ent.Client, id int) (*ent.AidPolicy, error) {
	p, err := c.AidPolicy.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	later, err := c.AidPolicy.Query().Where(aidpolicy.OwnerCode(p.OwnerCode), aidpolicy.Code(p.Code),
		aidpolicy.IDNEQ(p.ID), aidpolicy.VersionGT(p.Version)).Exist(ctx)
	if err != nil {
		return nil, err
	}
	if later {
		return nil, fielderr.New("id", "该政策已有更新的版本，请修改最新版本")
	}
	return p, nil
}

// Change states the policy anew from the semester from on: the version
// running until then keeps every earlier term's answer and ends the semester
// before; a version that has not started yet is corrected in place.
func Change(ctx context.Context, c *ent.Client, id int, in Input, from string, now time.Time) (*ent.AidPolicy, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	t, err := startTerm("fromTerm", from, now)
	if err != nil {
		return nil, err
	}
	var out *ent.AidPolicy
	err = inTx(ctx, c, func(c *ent.Client) error {
		p, err := latest(ctx, c, id)
		if err != nil {
			return err
		}
		pf := Rule(p)
		if t.Before(pf.From) {
			return fielderr.New("fromTerm", "不能早于该版本的起始学期（%s）", p.FromTerm)
		}
		if pf.Until != (term.Term{}) && pf.Until.Before(t) {
			return fielderr.New("fromTerm", "该政策已于%s停止", p.UntilTerm)
		}
		if t == pf.From {
			if in.Conditions == nil {
				in.Conditions = []rule.Condition{}
			}
			out, err = p.Update().SetName(in.Name).SetCategory(in.Category).SetKind(in.Kind).SetAmount(in.Amount).
				SetPer(in.Per).SetPayer(in.Payer).SetBasis(in.Basis).SetConditions(in.Conditions).
				SetDescription(in.Description).Save(ctx)
			return err
		}
		if err := p.Update().SetUntilTerm(t.Prev().String()).Exec(ctx); err != nil {
			return err
		}
		out, err = set(c.AidPolicy.Create(), in).SetOwnerCode(p.OwnerCode).SetCode(p.Code).
			SetFromTerm(t.String()).SetUntilTerm(p.UntilTerm).SetVersion(p.Version + 1).
			SetNillableCreatedByID(personOf(ctx)).Save(ctx)
		return err
	})
	return out, err
}

// End stops the policy after the semester before from; earlier terms keep it.
func End(ctx context.Context, c *ent.Client, id int, from string, now time.Time) (*ent.AidPolicy, error) {
	t, err := startTerm("fromTerm", from, now)
	if err != nil {
		return nil, err
	}
	p, err := latest(ctx, c, id)
	if err != nil {
		return nil, err
	}
	pf := Rule(p)
	if !pf.From.Before(t) {
		return nil, fielderr.New("fromTerm", "应晚于该版本的起始学期（%s）", p.FromTerm)
	}
	if pf.Until != (term.Term{}) && pf.Until.Before(t) {
		return nil, fielderr.New("fromTerm", "该政策已于%s停止", p.UntilTerm)
	}
	return p.Update().SetUntilTerm(t.Prev().String()).Save(ctx)
}

func personOf(ctx context.Context) *int {
	if v := authz.FromContext(ctx); v != nil && v.PersonID != 0 {
		return &v.PersonID
	}
	return nil
}

// inTx runs fn in a transaction, or in the caller's (a GraphQL mutation's).
func inTx(ctx context.Context, c *ent.Client, fn func(*ent.Client) error) error {
	tx, err := c.Tx(ctx)
	if errors.Is(err, ent.ErrTxStarted) {
		return fn(c)
	}
	if err != nil {
		return err
	}
	if err := fn(tx.Client()); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}
