// Package registry imports the county's registries from the bureaus'
// spreadsheets: households (户) by their poverty-office number and students
// (学生) by their ID number. Both are import kinds (see importjob): every row
// is checked first, with lookups and scope checks in bulk, and nothing is
// stored if any cell is wrong; otherwise new rows are created and known ones
// updated with a few multi-row statements, and each touched village's
// coverage counts are recounted once. Files go through the background jobs
// of POST /imports/{kind}; small CSVs may still be sent inside the GraphQL
// mutations importHouseholds and importStudents.
package registry

import (
	"context"
	"fmt"
	"io"

	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/household"
	"sanbao/ent/student"
	"sanbao/fielderr"
	"sanbao/importjob"
	"sanbao/sheet"
)

func init() {
	importjob.Register(Households)
	importjob.Register(Students)
}

// MaxSyncRows bounds a CSV sent inside a GraphQL mutation: it is checked
// and stored within the request. Larger files are uploaded as jobs.
const MaxSyncRows = 2000

// Result is what a synchronous import did, or why it did nothing.
type Result struct {
	Created, Updated int
	Errors           []sheet.CellError
}

// ImportHouseholds imports households from a small CSV within the caller's
// transaction c.
func ImportHouseholds(ctx context.Context, c *ent.Client, in io.Reader) (*Result, error) {
	return importSync(ctx, c, Households, in)
}

// ImportStudents imports students from a small CSV within the caller's
// transaction c.
func ImportStudents(ctx context.Context, c *ent.Client, in io.Reader) (*Result, error) {
	return importSync(ctx, c, Students, in)
}

func importSync(ctx context.Context, c *ent.Client, k importjob.Kind, in io.Reader) (*Result, error) {
	if v := authz.FromContext(ctx); v == nil || !k.Allowed(v) {
		return nil, authz.ErrDenied
	}
	data, err := io.ReadAll(in)
	if err != nil {
		return nil, err
	}
	res, err := importjob.Run(ctx, c, k, data, MaxSyncRows)
	if fe, ok := fielderr.As(err); ok && fe.Field == "file" {
		return nil, fielderr.New("csv", "%s（更大的文件请上传：POST /imports/%s）", fe.Reason, k.Name())
	}
	if err != nil {
		return nil, err
	}
	return &Result{Created: res.Counts.Created, Updated: res.Counts.Updated, Errors: res.Errors}, nil
}

// The users' words for stored values.
var (
	statuses = map[string]household.Status{"未脱贫": household.StatusNotLifted, "已脱贫": household.StatusLifted,
		"边缘户": household.StatusMarginal, "非建档立卡困难户": household.StatusHardship}
	statusNames = []string{"未脱贫", "已脱贫", "边缘户", "非建档立卡困难户"}
	stages      = map[string]student.Stage{"学前": student.StagePreschool, "小学": student.StagePrimary, "初中": student.StageJunior,
		"高中": student.StageSenior, "中职": student.StageVocational, "高校": student.StageHigher}
	stageNames = []string{"学前", "小学", "初中", "高中", "中职", "高校"}
	enrollment = map[string]student.EnrollmentStatus{"在读": student.EnrollmentStatusEnrolled, "辍学": student.EnrollmentStatusDropout,
		"疑似辍学": student.EnrollmentStatusSuspectedDropout, "休学": student.EnrollmentStatusSuspended,
		"毕业": student.EnrollmentStatusGraduated, "未入学": student.EnrollmentStatusNotEnrolled}
	enrollmentNames = []string{"在读", "辍学", "疑似辍学", "休学", "毕业", "未入学"}
)

// inChunks runs q over keys a thousand at a time (IN lists stay small
// enough for both databases) and gathers the results.
func inChunks[K, T any](keys []K, q func([]K) ([]T, error)) ([]T, error) {
	var out []T
	for _, chunk := range importjob.Chunks(keys, 1000) {
		got, err := q(chunk)
		if err != nil {
			return nil, err
		}
		out = append(out, got...)
	}
	return out, nil
}

// changed reports rows that moved between the check and the store.
func changed(what string, n int) error {
	return fmt.Errorf("%w (%d %s)", importjob.ErrChanged, n, what)
}

// progressEvery calls progress every thousand rows.
func progressEvery(progress func(int), i int) {
	if i%1000 == 999 {
		progress(i + 1)
	}
}
