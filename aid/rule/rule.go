// Package rule is the data side of the aid catalog (资助政策): eligibility as
// composable conditions stored with each policy, and the pure evaluation of a
// student's recorded facts against them for a term. It imports no ent code so
// that the conditions can be an ent JSON field.
//
// Evaluation is three-valued: what sanbao's records cannot answer yet (an
// orphan, a hardship level not identified, a 涉农专业) is Unknown and the
// entitlement is reported as needing identification (待认定), never dropped
// as if the student did not qualify.
package rule

import "strings"

// Kinds of condition. Values are stored; never rename one.
const (
	Registered     = "registered"      // 建档立卡 (未脱贫 or 已脱贫)
	NotLifted      = "not_lifted"      // 未脱贫建档立卡
	Dibao          = "dibao"           // 低保
	Tekun          = "tekun"           // 特困供养
	FamilyDisabled = "family_disabled" // 家庭有残疾人
	Disabled       = "disabled"        // 学生残疾
	Boarding       = "boarding"        // 寄宿
	EthnicMinority = "ethnic_minority" // 少数民族
	Stages         = "stages"          // Values: student stages (PRIMARY, JUNIOR …)
	MaxGrade       = "max_grade"       // Values[0]: highest grade, e.g. "2" for 中职一、二年级
	Freshman       = "freshman"        // 新生: first grade of the stage
	OutOfCounty    = "out_of_county"   // 县外就读
	OutOfProvince  = "out_of_province" // 省外就读
	Orphan         = "orphan"          // 孤儿 (not recorded yet)
	Hardship       = "hardship"        // 家庭经济困难, Values: levels that qualify
	AgriMajor      = "agri_major"      // 涉农专业 (not recorded yet)
	Any            = "any"             // at least one of Any holds
)

// Labels name the kinds as users do.
var Labels = map[string]string{
	Registered: "建档立卡", NotLifted: "未脱贫建档立卡", Dibao: "低保", Tekun: "特困供养",
	FamilyDisabled: "家庭有残疾人", Disabled: "残疾学生", Boarding: "寄宿生", EthnicMinority: "少数民族",
	Stages: "学段", MaxGrade: "年级", Freshman: "新生", OutOfCounty: "县外就读", OutOfProvince: "省外就读",
	Orphan: "孤儿", Hardship: "家庭经济困难认定", AgriMajor: "涉农专业", Any: "以下之一",
}

// Hardship levels (家庭经济困难学生认定).
const (
	LevelSpecial = "特别困难"
	LevelRather  = "比较困难"
	LevelSome    = "一般困难"
)

// Condition is one eligibility condition; a policy's conditions all hold.
type Condition struct {
	Kind   string      `json:"kind"`
	Not    bool        `json:"not,omitempty"`
	Values []string    `json:"values,omitempty"`
	Any    []Condition `json:"any,omitempty"`
}

// Valid reports whether c (and its parts) is a known, well-formed condition.
func (c Condition) Valid() bool {
	if _, ok := Labels[c.Kind]; !ok {
		return false
	}
	switch c.Kind {
	case Any:
		if len(c.Any) == 0 {
			return false
		}
		for _, a := range c.Any {
			if !a.Valid() {
				return false
			}
		}
	case Stages, Hardship:
		return len(c.Values) > 0
	case MaxGrade:
		return len(c.Values) == 1 && c.Values[0] >= "1" && c.Values[0] <= "9" && len(c.Values[0]) == 1
	}
	return true
}

// String describes c in Chinese: 寄宿生, 非寄宿生, 学段：小学, 以下之一：低保、特困供养.
func (c Condition) String() string {
	var s string
	switch c.Kind {
	case Any:
		parts := make([]string, len(c.Any))
		for i, a := range c.Any {
			parts[i] = a.String()
		}
		s = "以下之一：" + strings.Join(parts, "、")
	case Stages:
		names := make([]string, len(c.Values))
		for i, v := range c.Values {
			names[i] = StageLabels[v]
		}
		s = "学段：" + strings.Join(names, "、")
	case MaxGrade:
		s = c.Values[0] + "年级及以下"
	case Hardship:
		s = "认定为" + strings.Join(c.Values, "、")
	default:
		s = Labels[c.Kind]
	}
	if c.Not {
		return "非" + s
	}
	return s
}

// Label is String, for the API.
func (c Condition) Label() string { return c.String() }

// StageLabels name student stages (the values of the student's stage field).
var StageLabels = map[string]string{
	"PRESCHOOL": "学前", "PRIMARY": "小学", "JUNIOR": "初中", "SENIOR": "高中",
	"VOCATIONAL": "中职", "HIGHER": "高校",
}

// Truth is a three-valued answer.
type Truth int8

const (
	No Truth = iota
	Unknown
	Yes
)

// Facts are what sanbao's records say of one student and their household.
type Facts struct {
	Stage          string // student stage value, e.g. "JUNIOR"
	Grade          int    // 0 when not recorded
	Enrolled       bool   // 在读
	Boarding       bool
	Disabled       bool
	EthnicMinority bool
	// HouseholdStatus is the household's status value (NOT_LIFTED, LIFTED,
	// MARGINAL, HARDSHIP).
	HouseholdStatus string
	Dibao, Tekun    bool
	FamilyDisabled  bool
	// HomeCode is the village of household registration; StudyCode the
	// division of the school (the school's own, or the outside division for
	// 县外/省外就读), empty when unknown.
	HomeCode, StudyCode string
}

func truth(b bool) Truth {
	if b {
		return Yes
	}
	return No
}

func (f Facts) registered() bool {
	return f.HouseholdStatus == "NOT_LIFTED" || f.HouseholdStatus == "LIFTED"
}

// Eval answers c for f, with the kinds that could not be answered.
func (c Condition) Eval(f Facts) (Truth, []string) {
	t, missing := c.eval(f)
	if c.Not && t != Unknown {
		t = Yes - t
	}
	return t, missing
}

func (c Condition) eval(f Facts) (Truth, []string) {
	switch c.Kind {
	case Registered:
		return truth(f.registered()), nil
	case NotLifted:
		return truth(f.HouseholdStatus == "NOT_LIFTED"), nil
	case Dibao:
		return truth(f.Dibao), nil
	case Tekun:
		return truth(f.Tekun), nil
	case FamilyDisabled:
		return truth(f.FamilyDisabled), nil
	case Disabled:
		return truth(f.Disabled), nil
	case Boarding:
		return truth(f.Boarding), nil
	case EthnicMinority:
		return truth(f.EthnicMinority), nil
	case Stages:
		for _, s := range c.Values {
			if s == f.Stage {
				return Yes, nil
			}
		}
		return No, nil
	case MaxGrade:
		if f.Grade == 0 {
			return Unknown, []string{c.Kind}
		}
		return truth(f.Grade <= int(c.Values[0][0]-'0')), nil
	case Freshman:
		if f.Grade == 0 {
			return Unknown, []string{c.Kind}
		}
		return truth(f.Grade == 1), nil
	case OutOfCounty, OutOfProvince:
		n := 6
		if c.Kind == OutOfProvince {
			n = 2
		}
		if len(f.StudyCode) < n || len(f.HomeCode) < n {
			return Unknown, []string{c.Kind}
		}
		return truth(f.StudyCode[:n] != f.HomeCode[:n]), nil
	case Hardship:
		// Registered-card students are identified 特别困难 by default; any
		// other level needs the school's identification, not recorded yet.
		if f.registered() {
			for _, v := range c.Values {
				if v == LevelSpecial {
					return Yes, nil
				}
			}
		}
		return Unknown, []string{c.Kind}
	case Any:
		out, missing := No, []string(nil)
		for _, a := range c.Any {
			t, m := a.Eval(f)
			if t == Yes {
				return Yes, nil
			}
			if t == Unknown {
				out, missing = Unknown, append(missing, m...)
			}
		}
		return out, missing
	}
	// Orphan, AgriMajor and any kind the records do not hold.
	return Unknown, []string{c.Kind}
}

// All answers the conjunction of cs.
func All(cs []Condition, f Facts) (Truth, []string) {
	out, missing := Yes, []string(nil)
	for _, c := range cs {
		t, m := c.Eval(f)
		if t == No {
			return No, nil
		}
		if t == Unknown {
			out, missing = Unknown, append(missing, m...)
		}
	}
	return out, missing
}
