package inspect

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"sanbao/authz"
	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/inspection"
	"sanbao/ent/position"
	"sanbao/ent/predicate"
	"sanbao/ent/problem"
	"sanbao/ent/problemcategory"
	"sanbao/ent/problemevent"
	"sanbao/fielderr"
)

// DefaultCategories are every county's categories; a county adds its own.
var DefaultCategories = []string{"漏助", "误助", "三包未落实", "未走访", "责任书未签", "档案不全", "辍学未劝返"}

// StateLabels are the users' names of the states.
var StateLabels = map[problem.State]string{
	problem.StatePending: "待整改", problem.StateInProgress: "整改中",
	problem.StateRectified: "已整改", problem.StateClosed: "已销号",
}

func viewerID(ctx context.Context) int {
	if v := authz.FromContext(ctx); v != nil {
		return v.PersonID
	}
	return 0
}

func countyOf(code string) string { return divcode.Subtree(code, divcode.County).Lo }

// Categories lists the categories of the county the code lies in.
func (s *Service) Categories(ctx context.Context, code string) ([]string, error) {
	own, err := s.Client.ProblemCategory.Query().Where(problemcategory.OwnerCode(countyOf(code))).
		Order(problemcategory.ByID()).All(ctx)
	if err != nil {
		return nil, err
	}
	out := slices.Clone(DefaultCategories)
	for _, c := range own {
		out = append(out, c.Name)
	}
	return out, nil
}

// AddCategory adds a category to a county's list.
func (s *Service) AddCategory(ctx context.Context, countyCode, name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return fielderr.New("category", "请填写问题类别")
	}
	cats, err := s.Categories(ctx, countyCode)
	if err != nil {
		return err
	}
	if slices.Contains(cats, name) {
		return fielderr.New("category", "类别“%s”已存在", name)
	}
	return s.Client.ProblemCategory.Create().SetOwnerCode(countyCode).SetName(name).Exec(ctx)
}

// RaiseInput is a problem as raised.
type RaiseInput struct {
	Source       problem.Source
	SourceDoc    string // the document (文号); required when entered by hand
	InspectionID *int   // required when found by an inspection
	UnitOrgID    int
	OwnerID      int
	RaisedOrgID  int
	Category     string
	Description  string
	Deadline     time.Time
}

// Raise puts a problem on the list, marked 再犯 when the unit already had a
// problem of its category rectified.
func (s *Service) Raise(ctx context.Context, in RaiseInput) (*ent.Problem, error) {
	if err := problem.SourceValidator(in.Source); err != nil {
		return nil, fielderr.New("source", "未知的问题来源")
	}
	in.SourceDoc = strings.TrimSpace(in.SourceDoc)
	if in.Source == problem.SourceManual && in.SourceDoc == "" {
		return nil, fielderr.New("sourceDoc", "手工录入的问题须注明来源文件")
	}
	if strings.TrimSpace(in.Description) == "" {
		return nil, fielderr.New("description", "请填写问题描述")
	}
	unit, err := s.Client.Org.Get(ctx, in.UnitOrgID)
	if err != nil {
		return nil, fielderr.New("unitOrgID", "未找到该单位")
	}
	if in.Source == problem.SourceInspection {
		if in.InspectionID == nil {
			return nil, fielderr.New("inspectionID", "请选择发现该问题的检查")
		}
		ok, err := s.Client.Inspection.Query().Where(inspection.ID(*in.InspectionID),
			inspection.TargetOrgID(unit.ID), inspection.StateEQ(inspection.StateRecorded)).Exist(ctx)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, fielderr.New("inspectionID", "该检查不是对%s的已记录检查", unit.Name)
		}
	} else {
		in.InspectionID = nil
	}
	cats, err := s.Categories(ctx, unit.DivisionCode)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(cats, in.Category) {
		return nil, fielderr.New("category", "“%s”不在本县的问题类别中", in.Category)
	}
	if !in.Deadline.After(s.now()) {
		return nil, fielderr.New("deadline", "整改期限应晚于现在")
	}
	// The owner works at the unit. Checked as the system: the raiser need not
	// see the unit's staff list to name its leader.
	sys := authz.System(ctx)
	ok, err := s.Client.Position.Query().Where(position.PersonID(in.OwnerID), position.OrgID(unit.ID)).Exist(sys)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fielderr.New("ownerID", "整改责任人应为%s的工作人员", unit.Name)
	}
	// Repeat detection looks at every earlier problem of the unit, whoever
	// raised it and whether or not the raiser may see it.
	prev, err := s.Client.Problem.Query().Where(problem.UnitOrgID(unit.ID), problem.Category(in.Category),
		problem.StateIn(problem.StateRectified, problem.StateClosed)).Order(problem.ByID()).First(sys)
	if err != nil && !ent.IsNotFound(err) {
		return nil, err
	}
	var out *ent.Problem
	err = s.tx(ctx, func(ctx context.Context, c *ent.Client) error {
		q := c.Problem.Create().SetSource(in.Source).SetSourceDoc(in.SourceDoc).SetNillableInspectionID(in.InspectionID).
			SetUnitOrgID(unit.ID).SetUnitCode(unit.DivisionCode).SetOwnerID(in.OwnerID).SetCategory(in.Category).
			SetDescription(in.Description).SetDeadline(in.Deadline).SetRaisedByID(viewerID(ctx)).
			SetRaisedOrgID(in.RaisedOrgID).SetCreatedAt(s.now()).SetUpdatedAt(s.now())
		if prev != nil {
			q.SetRepeat(true).SetRepeatOfID(prev.ID)
		}
		p, err := q.Save(ctx)
		if err != nil {
			return err
		}
		out = p
		return s.event(ctx, c, p.ID, "", problem.StatePending, "")
	})
	return out, err
}

func (s *Service) event(ctx context.Context, c *ent.Client, id int, from string, to problem.State, note string) error {
	return c.ProblemEvent.Create().SetProblemID(id).SetFromState(from).SetToState(string(to)).
		SetActorID(viewerID(ctx)).SetAt(s.now()).SetNote(note).Exec(ctx)
}

// ErrMoved is returned when the problem left the expected state meanwhile
// (someone else accepted or returned it first).
var ErrMoved = errors.New("inspect: problem moved")

// move takes problem id from one state to another; the authz policy narrows
// the update to the problems the viewer may move so, and the state condition
// makes the move exclusive: of two people accepting at once, one wins.
func (s *Service) move(ctx context.Context, id int, from, to problem.State, note string, set func(*ent.ProblemUpdate)) (*ent.Problem, error) {
	var out *ent.Problem
	err := s.tx(ctx, func(ctx context.Context, c *ent.Client) error {
		u := c.Problem.Update().Where(problem.ID(id), problem.StateEQ(from)).SetState(to).SetUpdatedAt(s.now())
		if set != nil {
			set(u)
		}
		n, err := u.Save(ctx)
		if err != nil {
			return err
		}
		p, err := c.Problem.Get(ctx, id)
		if err != nil {
			return fielderr.New("id", "未找到该问题")
		}
		if n == 0 {
			if p.State != from {
				return fmt.Errorf("%w: %w", ErrMoved, fielderr.New("state", "该问题当前为“%s”，不是“%s”，可能已被他人处理，请刷新",
					StateLabels[p.State], StateLabels[from]))
			}
			return authz.ErrDenied
		}
		out = p
		return s.event(ctx, c, id, string(from), to, note)
	})
	return out, err
}

// Start begins rectification (待整改 → 整改中).
func (s *Service) Start(ctx context.Context, id int, note string) (*ent.Problem, error) {
	return s.move(ctx, id, problem.StatePending, problem.StateInProgress, note, nil)
}

// Rectify records rectification with its evidence (整改中 → 已整改).
func (s *Service) Rectify(ctx context.Context, id int, evidence, note string) (*ent.Problem, error) {
	if strings.TrimSpace(evidence) == "" {
		return nil, fielderr.New("evidence", "请提供整改佐证材料")
	}
	return s.move(ctx, id, problem.StateInProgress, problem.StateRectified, note, func(u *ent.ProblemUpdate) {
		u.SetEvidence(evidence).SetRectifiedAt(s.now())
	})
}

// Accept closes a rectified problem (已整改 → 已销号).
func (s *Service) Accept(ctx context.Context, id int, note string) (*ent.Problem, error) {
	return s.move(ctx, id, problem.StateRectified, problem.StateClosed, note, func(u *ent.ProblemUpdate) {
		u.SetClosedAt(s.now())
	})
}

// Return sends a rectification back (已整改 → 整改中), with the reason.
func (s *Service) Return(ctx context.Context, id int, reason string) (*ent.Problem, error) {
	if strings.TrimSpace(reason) == "" {
		return nil, fielderr.New("note", "退回须说明理由")
	}
	return s.move(ctx, id, problem.StateRectified, problem.StateInProgress, reason, func(u *ent.ProblemUpdate) {
		u.ClearRectifiedAt()
	})
}

// Overdue reports whether p is past its deadline and not yet rectified.
func Overdue(p *ent.Problem, now time.Time) bool {
	return (p.State == problem.StatePending || p.State == problem.StateInProgress) && now.After(p.Deadline)
}

// OverdueAt selects the problems overdue at now.
func OverdueAt(now time.Time) predicate.Problem {
	return problem.And(problem.StateIn(problem.StatePending, problem.StateInProgress), problem.DeadlineLT(now))
}

// Timeline is a problem's state changes, oldest first.
func (s *Service) Timeline(ctx context.Context, id int) ([]*ent.ProblemEvent, error) {
	return s.Client.ProblemEvent.Query().Where(problemevent.ProblemID(id)).
		Order(problemevent.ByAt(), problemevent.ByID()).All(ctx)
}

// tx runs fn in a transaction, or in the caller's if it has one.
func (s *Service) tx(ctx context.Context, fn func(context.Context, *ent.Client) error) error {
	if tx := ent.TxFromContext(ctx); tx != nil {
		return fn(ctx, tx.Client())
	}
	tx, err := s.Client.Tx(ctx)
	if errors.Is(err, ent.ErrTxStarted) {
		// The client is a transaction's already (a GraphQL mutation's).
		return fn(ctx, s.Client)
	}
	if err != nil {
		return err
	}
	if err := fn(ent.NewTxContext(ctx, tx), tx.Client()); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}
