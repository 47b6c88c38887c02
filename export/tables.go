package export

import (
	"math"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"

	"sanbao/authz"
	"sanbao/coverage"
	"sanbao/ent/auditlog"
	"sanbao/term"
)

var (
	_ = register(&Kind{Name: "coverage", Label: "三包覆盖情况", school: true, run: coverageTable})
	_ = register(&Kind{Name: "auditlog", Label: "审计日志", school: true, run: auditLog})
)

// coverageTable is the coverage screen's table: one row per sub-division
// (or class, for a school) with totals and percentages.
func coverageTable(j *job) error {
	var rep *coverage.Report
	var err error
	if s := j.place.School; s != nil {
		if !authz.MaySeeSchool(j.ctx, s.ID, s.DivisionCode) {
			return errDenied("无权导出" + s.Name + "的覆盖情况")
		}
		rep, err = coverage.ForSchool(j.ctx, j.c, s.ID, j.now)
	} else {
		if !authz.MaySeeDivision(j.ctx, j.place.Code) {
			return errDenied("无权导出" + j.place.Label + "的覆盖情况")
		}
		rep, err = coverage.ForDivision(j.ctx, j.c, j.place.Code, j.now, false)
	}
	if err != nil {
		return err
	}
	j.extra = "截至" + j.now.Format("2006年1月2日")
	name := "区划"
	if j.place.School != nil {
		name = "班级"
	}
	err = j.start(col(name, 18), col("村数", 8), col("已包村", 8), col("包村率（%）", 10), col("建档立卡户", 10), col("已包户", 8),
		col("包户率（%）", 10), col("需联系学生", 10), col("已落实", 8), col("落实率（%）", 10), col("本月已联系户", 12), col("本月未联系户", 12))
	if err != nil {
		return err
	}
	line := func(label string, r coverage.Row) error {
		return j.row(label, r.Villages.Total, r.Villages.Covered, percent(r.Villages), r.Households.Total, r.Households.Covered,
			percent(r.Households), r.Students.Total, r.Students.Covered, percent(r.Students), r.Contacted, r.Overdue())
	}
	for _, r := range rep.Children {
		if err := line(r.Label, r); err != nil {
			return err
		}
	}
	return line("合计", rep.Total)
}

// percent is covered of total in percent, one decimal; empty with no total.
func percent(c coverage.Count) any {
	if c.Total == 0 {
		return ""
	}
	return math.Round(1000*float64(c.Covered)/float64(c.Total)) / 10
}

var actionLabel = map[auditlog.Action]string{auditlog.ActionViewStudent: "查看学生", auditlog.ActionRevealIdNumber: "显示完整身份证号",
	auditlog.ActionExport: "导出", auditlog.ActionViewList: "查看名单"}

// auditLog is the access log (who read, revealed or exported what), newest
// first, for those who may read it; person=, target=, from=, to=, action=
// filter it.
func auditLog(j *job) error {
	if !j.v.Can(authz.ObjAuditLog, authz.ActRead) {
		return errDenied("无权查看审计日志")
	}
	q := j.c.AuditLog.Query().Where(j.place.AuditLogs())
	var notes []string
	// As on the audit screen: who (a name, or part of one) and about whom
	// (a student's name or an exported list).
	if s := j.q.Get("person"); s != "" {
		q.Where(auditlog.ActorNameContains(s))
		notes = append(notes, "人员“"+s+"”")
	}
	if s := j.q.Get("target"); s != "" {
		q.Where(auditlog.Or(auditlog.StudentNameContains(s), auditlog.SubjectContains(s)))
		notes = append(notes, "对象“"+s+"”")
	}
	day := func(p string) (time.Time, error) {
		t, err := time.ParseInLocation("2006-01-02", j.q.Get(p), term.China)
		if err != nil {
			return t, badParam(p, "应为 YYYY-MM-DD，例如 %s", j.now.Format("2006-01-02"))
		}
		return t, nil
	}
	if j.q.Get("from") != "" {
		from, err := day("from")
		if err != nil {
			return err
		}
		q.Where(auditlog.AtGTE(from))
		notes = append(notes, j.q.Get("from")+"起")
	}
	if j.q.Get("to") != "" {
		to, err := day("to")
		if err != nil {
			return err
		}
		q.Where(auditlog.AtLT(to.AddDate(0, 0, 1)))
		notes = append(notes, "至"+j.q.Get("to"))
	}
	if s := j.q.Get("action"); s != "" {
		a := auditlog.Action(s)
		if auditlog.ActionValidator(a) != nil {
			return badParam("action", "应为 VIEW_STUDENT、REVEAL_ID_NUMBER 或 EXPORT")
		}
		q.Where(auditlog.ActionEQ(a))
		notes = append(notes, actionLabel[a])
	}
	j.extra = strings.Join(notes, "，")
	err := j.start(col("时间", 18), col("操作", 14), col("操作人", 12), col("学生", 10), col("导出内容", 40), col("行数", 8),
		text("区划代码", 14), col("学校", 20))
	if err != nil {
		return err
	}
	var lastAt time.Time
	lastID := 0
	for {
		b := q.Clone().Order(auditlog.ByAt(sql.OrderDesc()), auditlog.ByID(sql.OrderDesc())).Limit(Batch)
		if lastID != 0 {
			b.Where(auditlog.AtLTE(lastAt), auditlog.Or(auditlog.AtLT(lastAt), auditlog.IDLT(lastID)))
		}
		ls, err := b.All(j.ctx)
		if err != nil || len(ls) == 0 {
			return err
		}
		var schools []int
		for _, l := range ls {
			if l.SchoolID != 0 {
				schools = append(schools, l.SchoolID)
			}
		}
		if err := j.names.loadOrgs(j.ctx, schools...); err != nil {
			return err
		}
		for _, l := range ls {
			rows := any("")
			if l.Action == auditlog.ActionExport || l.Action == auditlog.ActionViewList {
				rows = l.Rows
			}
			if err := j.row(l.At.In(term.China).Format("2006-01-02 15:04:05"), actionLabel[l.Action], l.ActorName, l.StudentName,
				l.Subject, rows, l.VillageCode, j.names.orgs[l.SchoolID]); err != nil {
				return err
			}
		}
		if len(ls) < Batch {
			return nil
		}
		lastAt, lastID = ls[len(ls)-1].At, ls[len(ls)-1].ID
	}
}
