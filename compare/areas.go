package compare

import (
	"context"
	"sort"

	"entgo.io/ent/dialect/sql"

	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/compareresult"
	"sanbao/ent/division"
	"sanbao/ent/org"
)

// AreaCount is how many people of a run fell in one class in one township
// or school.
type AreaCount struct {
	Label string // 松林店镇, 松林店镇中心校; 未知 when the row has none
	Class Class
	Count int
}

// ByTownship counts a run's people per township (of their village) and
// class, with one GROUP BY.
func ByTownship(ctx context.Context, c *ent.Client, run *ent.CompareRun) ([]*AreaCount, error) {
	var rows []struct {
		Area  string `json:"area"`
		Class string `json:"class"`
		N     int    `json:"n"`
	}
	err := c.CompareResult.Query().Where(compareresult.RunID(run.ID)).Modify(func(s *sql.Selector) {
		area := "substr(" + s.C(compareresult.FieldVillageCode) + ", 1, 9)"
		s.Select(sql.As(area, "area"), sql.As(s.C(compareresult.FieldClass), "class"), sql.As(sql.Count("*"), "n")).
			GroupBy(area, s.C(compareresult.FieldClass))
	}).Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	codes := make([]string, 0, len(rows))
	for _, r := range rows {
		codes = append(codes, r.Area+"000")
	}
	ds, err := c.Division.Query().Where(division.CodeIn(codes...)).Select(division.FieldCode, division.FieldName).All(authz.System(ctx))
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, d := range ds {
		names[d.Code[:9]] = d.Name
	}
	out := make([]*AreaCount, 0, len(rows))
	for _, r := range rows {
		out = append(out, &AreaCount{Label: orUnknown(names[r.Area]), Class: Class(r.Class), Count: r.N})
	}
	sortAreas(out)
	return out, nil
}

// BySchool counts a run's people per school (sanbao's) and class.
func BySchool(ctx context.Context, c *ent.Client, run *ent.CompareRun) ([]*AreaCount, error) {
	var rows []struct {
		School *int   `json:"school_id"`
		Class  string `json:"class"`
		N      int    `json:"n"`
	}
	err := c.CompareResult.Query().Where(compareresult.RunID(run.ID)).Modify(func(s *sql.Selector) {
		s.Select(s.C(compareresult.FieldSchoolID), s.C(compareresult.FieldClass), sql.As(sql.Count("*"), "n")).
			GroupBy(s.C(compareresult.FieldSchoolID), s.C(compareresult.FieldClass))
	}).Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	var ids []int
	for _, r := range rows {
		if r.School != nil {
			ids = append(ids, *r.School)
		}
	}
	os, err := c.Org.Query().Where(org.IDIn(ids...)).Select(org.FieldID, org.FieldName).All(authz.System(ctx))
	if err != nil {
		return nil, err
	}
	names := map[int]string{}
	for _, o := range os {
		names[o.ID] = o.Name
	}
	out := make([]*AreaCount, 0, len(rows))
	for _, r := range rows {
		label := ""
		if r.School != nil {
			label = names[*r.School]
		}
		out = append(out, &AreaCount{Label: orUnknown(label), Class: Class(r.Class), Count: r.N})
	}
	sortAreas(out)
	return out, nil
}

func orUnknown(s string) string {
	if s == "" {
		return "未知"
	}
	return s
}

func sortAreas(xs []*AreaCount) {
	order := map[Class]int{}
	for i, c := range Classes {
		order[c] = i
	}
	sort.Slice(xs, func(i, j int) bool {
		if xs[i].Label != xs[j].Label {
			return xs[i].Label < xs[j].Label
		}
		return order[xs[i].Class] < order[xs[j].Class]
	})
}
