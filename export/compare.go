package export

import (
	"fmt"
	"strconv"

	"sanbao/compare"
	"sanbao/ent"
	"sanbao/ent/compareresult"
	"sanbao/idcard"
)

// The people of one comparison run (双向比对), of one class when class is
// given: /exports/compare.xlsx?run=<id>&class=NOT_IN_SCHOOL.
func init() {
	_ = register(&Kind{Name: "compare", Label: "双向比对结果", run: compareResults})
	extraParams["compare"] = []string{"run", "class"}
}

func compareResults(j *job) error {
	id, err := strconv.Atoi(j.q.Get("run"))
	if err != nil {
		return badParam("run", "应为比对的编号")
	}
	// Read through the viewer's scope: another county's run is not found.
	run, err := j.c.CompareRun.Get(j.ctx, id)
	if ent.IsNotFound(err) {
		return badParam("run", "未找到该次比对")
	}
	if err != nil {
		return err
	}
	q := compare.Results(j.c, run, nil)
	j.extra = fmt.Sprintf("第%d次比对", run.ID)
	if s := j.q.Get("class"); s != "" {
		cl := compareresult.Class(s)
		if compareresult.ClassValidator(cl) != nil {
			return badParam("class", "未知的比对类别")
		}
		q = compare.Results(j.c, run, &cl)
		j.extra += "，" + compare.ClassLabels[cl]
	}
	if err := j.start(col("类别", 18), col("姓名（名单）", 10), col("姓名（三包）", 10), text("身份证号", 20),
		text("另一方身份证号", 20), col("所在村", 14), col("学校", 20), col("差异", 50)); err != nil {
		return err
	}
	last := 0
	for {
		rs, err := q.Clone().Where(compareresult.IDGT(last)).Order(compareresult.ByID()).Limit(Batch).All(j.ctx)
		if err != nil {
			return err
		}
		var codes []string
		var schools []int
		for _, r := range rs {
			codes = append(codes, r.VillageCode)
			schools = append(schools, ptrs(r.SchoolID)...)
		}
		if err := j.names.loadDivisions(j.ctx, codes...); err != nil {
			return err
		}
		if err := j.names.loadOrgs(j.ctx, schools...); err != nil {
			return err
		}
		for _, r := range rs {
			number, other := idcard.Mask(r.IDNumber), ""
			if r.OtherIDNumber != "" {
				other = idcard.Mask(r.OtherIDNumber)
			}
			if j.reveal {
				number, other = r.IDNumber, r.OtherIDNumber
			}
			if err := j.row(compare.ClassLabels[r.Class], r.ListName, r.SanbaoName, number, other,
				j.names.division(r.VillageCode), j.names.org(r.SchoolID), r.Detail); err != nil {
				return err
			}
		}
		if len(rs) < Batch {
			return nil
		}
		last = rs[len(rs)-1].ID
	}
}
