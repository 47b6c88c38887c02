// Package compare is the two-way comparison (双向比对) of other departments'
// lists with sanbao's records: the poverty office's registered-card members
// (扶贫), civil affairs' 低保 and 特困 lists, the disabled persons' federation
// (残联) and the national enrollment system's roster (学籍). A list is
// imported as an import kind (importkind.go) and stored as a dated version
// with every row (ent DeptList, DeptListRow); a run (run.go) merges the
// list, sorted by ID number, with the county's students, sorted the same
// way, and puts every person into one class (Class). Scope is ent's: a list,
// its runs and results belong to a county and are seen by that county's
// bureau and those above it (authz/compare.go).
package compare

import (
	"fmt"
	"time"

	"sanbao/ent/compareresult"
	"sanbao/ent/deptlist"
)

// Department is whose list it is.
type Department = deptlist.Department

// Departments in the order screens show them.
var Departments = []Department{deptlist.DepartmentPoverty, deptlist.DepartmentDibao, deptlist.DepartmentTekun,
	deptlist.DepartmentDisabled, deptlist.DepartmentEnrollment}

// DepartmentLabels are the lists as counties name them.
var DepartmentLabels = map[Department]string{
	deptlist.DepartmentPoverty:    "扶贫部门建档立卡名单",
	deptlist.DepartmentDibao:      "民政低保名单",
	deptlist.DepartmentTekun:      "民政特困供养名单",
	deptlist.DepartmentDisabled:   "残联残疾人名单",
	deptlist.DepartmentEnrollment: "学籍系统在籍名册",
}

// Class is what a run found for one person.
type Class = compareresult.Class

// Classes in the order screens show them.
var Classes = []Class{compareresult.ClassNotInSchool, compareresult.ClassStatusDiff, compareresult.ClassNameMismatch,
	compareresult.ClassPossibleTypo, compareresult.ClassListOnly, compareresult.ClassSanbaoOnly, compareresult.ClassMatched}

// ClassLabels name the classes in the users' words.
var ClassLabels = map[Class]string{
	compareresult.ClassMatched:      "一致",
	compareresult.ClassNameMismatch: "身份证号相同但姓名不同",
	compareresult.ClassStatusDiff:   "状态不一致",
	compareresult.ClassNotInSchool:  "适龄未在校（疑似失学辍学，待核实）",
	compareresult.ClassListOnly:     "名单有、三包系统无",
	compareresult.ClassSanbaoOnly:   "三包系统有、名单无",
	compareresult.ClassPossibleTypo: "姓名出生日期相同而身份证号不同（疑似录入错误）",
}

// School age (义务教育适龄): 6 to 15 on the cut-off date, as the dropout
// ledgers count it.
const (
	schoolAgeMin = 6
	schoolAgeMax = 15
)

// Cutoff is 31 August of the school year that day falls in: the date ages
// are counted on.
func Cutoff(day time.Time) time.Time {
	y := day.Year()
	if day.Month() < time.September {
		y--
	}
	return time.Date(y, time.August, 31, 0, 0, 0, 0, time.UTC)
}

// Period is the quarter a list imported on day is for: 2026Q4.
func Period(day time.Time) string {
	return fmt.Sprintf("%dQ%d", day.Year(), (int(day.Month())-1)/3+1)
}
