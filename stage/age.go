package stage

import (
	"fmt"
	"time"

	"sanbao/ent/student"
	"sanbao/idcard"
)

// stageAges are the ages (whole years, as of today) at which a student may
// plausibly be in each 学段. They are wide on purpose — early and late
// starters, repeated years, 送教上门 for disabled children, adults at
// university — and only catch what must be a typing mistake: a 1900 birth
// year in 小学, a toddler in 高中.
var stageAges = map[student.Stage]struct {
	label    string
	min, max int
}{
	student.StagePreschool:  {"学前", 2, 7},
	student.StagePrimary:    {"小学", 5, 16},
	student.StageJunior:     {"初中", 10, 19},
	student.StageSenior:     {"高中", 13, 23},
	student.StageVocational: {"中职", 13, 23},
	student.StageHigher:     {"高校", 15, 40},
}

// CheckAge says whether someone born on birth (from the ID number) may
// be a student at stage on the day today, in Chinese when not. A graduate
// (毕业) keeps the stage they finished, at any age above its youngest.
func CheckAge(stage student.Stage, status student.EnrollmentStatus, birth, today time.Time) error {
	band, ok := stageAges[stage]
	if !ok {
		return nil // an unknown stage is refused by the stage's own check
	}
	age := idcard.Age(birth, today)
	if age >= band.min && (age <= band.max || status == student.EnrollmentStatusGraduated) {
		return nil
	}
	return fmt.Errorf("出生日期 %s（%d岁）与学段“%s”不符：%s学生应为%d至%d岁，请核对身份证号和学段",
		birth.Format("2006-01-02"), age, band.label, band.label, band.min, band.max)
}
