package graph

import (
	"context"
	"strconv"

	"sanbao/ent"
	"sanbao/ent/org"
	"sanbao/fielderr"
	"sanbao/graph/model"
	"sanbao/inspect"
)

func init() {
	fielderr.RegisterLabels(map[string]string{
		"semester": "学期", "share": "抽查比例", "seed": "随机种子", "source": "问题来源", "sourceDoc": "来源文件",
		"inspectionID": "检查", "unitOrgID": "责任单位", "ownerID": "整改责任人", "raisedOrgID": "提出单位",
		"category": "类别", "description": "说明", "deadline": "期限", "evidence": "整改佐证",
		"findings": "检查发现", "countyCode": "县级区划代码", "excludePrevious": "排除上学期已抽单位", "unannounced": "暗访",
	})
}

func (r *Resolver) inspect(ctx context.Context) *inspect.Service {
	return &inspect.Service{Client: r.ent(ctx)}
}

func drawInput(in model.DrawInput) (inspect.DrawInput, error) {
	out := inspect.DrawInput{Semester: in.Semester, OrgID: in.OrgID, Share: val(in.Share),
		ExcludePrevious: val(in.ExcludePrevious), Unannounced: val(in.Unannounced)}
	if in.Seed != nil {
		n, err := strconv.ParseInt(*in.Seed, 10, 64)
		if err != nil || n < 0 {
			return out, fielderr.New("seed", "应为非负整数")
		}
		out.Seed = &n
	}
	return out, nil
}

func raiseInput(in model.RaiseProblemInput) inspect.RaiseInput {
	return inspect.RaiseInput{Source: in.Source, SourceDoc: deref(in.SourceDoc), InspectionID: in.InspectionID,
		UnitOrgID: in.UnitOrgID, OwnerID: in.OwnerID, RaisedOrgID: in.RaisedOrgID, Category: in.Category,
		Description: in.Description, Deadline: in.Deadline}
}

// sampleUnits lists a draw's units in frame order.
func sampleUnits(ctx context.Context, c *ent.Client, d *ent.Draw) ([]*ent.Org, error) {
	units, err := c.Org.Query().Where(org.IDIn(d.Sample...)).All(ctx)
	if err != nil {
		return nil, err
	}
	byID := make(map[int]*ent.Org, len(units))
	for _, u := range units {
		byID[u.ID] = u
	}
	out := make([]*ent.Org, 0, len(units))
	for _, id := range d.Sample {
		if u := byID[id]; u != nil {
			out = append(out, u)
		}
	}
	return out, nil
}

func val[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
