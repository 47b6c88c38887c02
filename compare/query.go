package compare

import (
	"context"
	"fmt"

	"sanbao/audit"
	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/auditlog"
	"sanbao/ent/compareresult"
	"sanbao/ent/comparerun"
	"sanbao/ent/deptlist"
	"sanbao/idcard"
)

// Lists is the query of list versions in the viewer's scope, of one
// department when dept is set.
func Lists(c *ent.Client, dept *Department) *ent.DeptListQuery {
	q := c.DeptList.Query()
	if dept != nil {
		q.Where(deptlist.DepartmentEQ(*dept))
	}
	return q
}

// Runs is the query of runs in the viewer's scope, of one list when listID
// is set.
func Runs(c *ent.Client, listID *int) *ent.CompareRunQuery {
	q := c.CompareRun.Query()
	if listID != nil {
		q.Where(comparerun.ListID(*listID))
	}
	return q
}

// Results is the query of run's people, of one class when class is set.
func Results(c *ent.Client, run *ent.CompareRun, class *Class) *ent.CompareResultQuery {
	q := c.CompareResult.Query().Where(compareresult.RunID(run.ID))
	if class != nil {
		q.Where(compareresult.ClassEQ(*class))
	}
	return q
}

// AuditRead logs that the viewer read n people of run (of class, if set).
func AuditRead(ctx context.Context, c *ent.Client, run *ent.CompareRun, class *Class, n int) error {
	if n == 0 {
		return nil
	}
	what := "全部"
	if class != nil {
		what = ClassLabels[*class]
	}
	return audit.RecordList(ctx, c, fmt.Sprintf("双向比对结果（第%d次比对，%s）", run.ID, what), run.DivisionCode, n)
}

// Counts lists every class in screen order with run's count.
func Counts(run *ent.CompareRun) []*ClassCount {
	out := make([]*ClassCount, len(Classes))
	for i, cl := range Classes {
		out[i] = &ClassCount{Class: cl, Label: ClassLabels[cl], Count: run.Counts[string(cl)]}
	}
	return out
}

// ClassCount is how many people of a run fell in one class.
type ClassCount struct {
	Class Class
	Label string
	Count int
}

// RevealID is a result's full ID number (other: the paired one) for a
// viewer who may reveal ID numbers over the run's whole county, logged as a
// reveal of the student when sanbao has them, else as a read of the list.
func RevealID(ctx context.Context, c *ent.Client, r *ent.CompareResult, other bool) (string, error) {
	v := authz.FromContext(ctx)
	if v == nil || !v.Scope(authz.ObjStudent, authz.ActRevealID).HasDivision(r.DivisionCode) {
		return "", authz.ErrDenied
	}
	number := r.IDNumber
	if other {
		number = r.OtherIDNumber
	}
	if number == "" {
		return "", nil
	}
	if r.StudentID != nil {
		return number, audit.Record(ctx, c, auditlog.ActionRevealIdNumber, *r.StudentID)
	}
	return number, audit.RecordList(ctx, c, fmt.Sprintf("双向比对结果完整身份证号（第%d次比对，%s）", r.RunID, r.ListName), r.DivisionCode, 1)
}

// IDNumber is a result's ID number (other: the paired one) as the API gives
// it: masked, or in full when asked for and allowed (RevealID).
func IDNumber(ctx context.Context, c *ent.Client, r *ent.CompareResult, other, full bool) (string, error) {
	if full {
		return RevealID(ctx, c, r, other)
	}
	n := r.IDNumber
	if other {
		n = r.OtherIDNumber
	}
	if n == "" {
		return "", nil
	}
	return idcard.Mask(n), nil
}
