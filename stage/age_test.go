package stage

import (
	"strings"
	"testing"
	"time"

	"sanbao/ent/student"
)

func TestCheckAge(t *testing.T) {
	today := time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)
	born := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	for _, c := range []struct {
		stage  student.Stage
		status student.EnrollmentStatus
		birth  string
		ok     bool
	}{
		{student.StagePrimary, student.EnrollmentStatusEnrolled, "2017-04-02", true},
		{student.StagePrimary, student.EnrollmentStatusEnrolled, "1900-01-01", false},
		{student.StagePrimary, student.EnrollmentStatusEnrolled, "2021-11-29", true},  // 5 today
		{student.StagePrimary, student.EnrollmentStatusEnrolled, "2021-11-30", false}, // 5 tomorrow
		{student.StagePrimary, student.EnrollmentStatusEnrolled, "2010-11-29", true},  // 16
		{student.StagePrimary, student.EnrollmentStatusEnrolled, "2009-11-29", false}, // 17
		{student.StagePreschool, student.EnrollmentStatusEnrolled, "2023-01-01", true},
		{student.StagePreschool, student.EnrollmentStatusEnrolled, "2025-01-01", false},
		{student.StageJunior, student.EnrollmentStatusDropout, "2012-06-01", true},
		{student.StageSenior, student.EnrollmentStatusEnrolled, "2016-06-01", false},
		{student.StageVocational, student.EnrollmentStatusEnrolled, "2008-06-01", true},
		{student.StageHigher, student.EnrollmentStatusEnrolled, "1990-06-01", true},
		{student.StageHigher, student.EnrollmentStatusEnrolled, "1980-06-01", false},
		// A graduate keeps the last stage at any age above its youngest.
		{student.StageSenior, student.EnrollmentStatusGraduated, "1995-06-01", true},
		{student.StageSenior, student.EnrollmentStatusGraduated, "2016-06-01", false},
	} {
		err := CheckAge(c.stage, c.status, born(c.birth), today)
		if (err == nil) != c.ok {
			t.Errorf("%s %s born %s: %v, want ok=%v", c.stage, c.status, c.birth, err, c.ok)
		}
		if err != nil && !strings.Contains(err.Error(), c.birth) {
			t.Errorf("%s born %s: reason %q does not name the birth date", c.stage, c.birth, err)
		}
	}
}
