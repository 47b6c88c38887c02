package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"sanbao/auth"
	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/privacy"
	"sanbao/fielderr"
	"sanbao/store"
)

// Messages that must not tell apart "does not exist" from "not yours".
const (
	msgNotFound  = "未找到或无权访问"
	msgForbidden = "无权进行此操作"
	msgInternal  = "服务器内部错误，请稍后再试"
)

var errNotFound = errors.New(msgNotFound)

// The API's argument and input field names as users know them.
func init() {
	fielderr.RegisterLabels(map[string]string{
		"address": "住址", "after": "翻页位置", "aidApplied": "帮办申请", "before": "翻页位置", "boarding": "寄宿",
		"canWrite": "写权限", "className": "班级", "closing": "落款", "csv": "CSV 文件", "date": "日期",
		"dibao": "低保", "direction": "排序方向", "disabled": "残疾", "divisionCode": "区划代码", "divisionID": "区划", "duties": "职责",
		"enrollmentStatus": "在读状态", "ethnicMinority": "少数民族", "expiresAt": "有效期至", "field": "排序字段", "first": "每页条数",
		"flags": "情况", "grade": "年级", "headName": "户主姓名", "householdID": "家庭", "id": "编号",
		"idNumber": "身份证号", "ids": "编号", "input": "输入", "issuerOrgID": "签发单位", "kind": "类型",
		"kinds": "类型", "last": "每页条数", "learnedSituation": "了解情况", "leftBehind": "留守儿童",
		"migrant": "随迁子女", "mode": "联系方式", "name": "姓名", "newPassword": "新密码", "notes": "备注",
		"number": "户编号", "oldPassword": "原密码", "orderBy": "排序", "orgID": "单位",
		"outsideDivisionID": "县外就读地", "outsideSchoolName": "县外就读学校", "overdue": "本月未联系",
		"password": "密码", "personID": "责任人", "phone": "电话", "policiesExplained": "宣传政策",
		"reason": "原因", "schoolID": "学籍学校", "search": "搜索词", "signature": "签名",
		"signedName": "签名姓名", "size": "家庭人口", "stage": "学段", "state": "状态", "status": "状态",
		"studentID": "学生", "targetID": "责任对象", "targetIDs": "责任对象", "tekun": "特困供养", "term": "学年",
		"title": "标题", "uuid": "记录编号", "villageID": "村", "where": "筛选条件",
		// Staff (人员与任职).
		"role": "职务", "position": "任职", "positions": "任职", "confirm": "确认", "handover": "交接",
		"handoverTo": "接手人", "fromOrgID": "原单位",
		"householdStatus": "户类别", "needsContact": "需帮扶联系人",
		// Dropout control (控辍保学).
		"absentSince": "缺勤开始日期", "stepID": "处置步骤", "note": "说明", "reportID": "缺勤报告",
		"cutoff": "年龄截止日期", "studyingNowhere": "无就读学校", "overdueSteps": "步骤逾期",
		"caseID": "案例", "participants": "参与人员", "method": "方式", "outcome": "结果",
		"closeReason": "结案原因", "closeNote": "结案说明", "deadline": "期限", "servedOn": "送达日期",
		// Two-way comparison (双向比对).
		"department": "部门", "listID": "名单", "yearEnd": "锁库后比对",
		// Student aid (学生资助).
		"policyName": "政策名称", "amount": "金额", "conditions": "资助条件", "description": "说明",
		"fromTerm": "起始学期", "ownerCode": "所属区划", "category": "类别", "per": "计发周期", "payer": "出资方",
		"basis": "落实地", "not": "取反", "values": "条件取值", "any": "任一条件",
	})
}

// presentError turns any resolver error into a safe, clear message with a
// machine-readable code; internals are logged, never sent.
func presentError(ctx context.Context, err error) *gqlerror.Error {
	var gerr *gqlerror.Error
	errors.As(err, &gerr)
	out := gqlerror.WrapPath(graphql.GetPath(ctx), err)
	if gerr != nil {
		out.Locations = gerr.Locations
	}
	set := func(code, msg string, ext ...string) *gqlerror.Error {
		out.Message = msg
		out.Extensions = map[string]any{"code": code}
		if len(ext) == 1 {
			out.Extensions["field"] = ext[0]
		}
		return out
	}
	field := func(code string, fe *fielderr.Error) *gqlerror.Error { return set(code, fe.Error(), fe.Field) }
	if !graphql.HasOperationContext(ctx) {
		// Rejected by the transport before any operation: malformed JSON and the like.
		return set("BAD_REQUEST", "请求格式错误："+err.Error())
	}
	var ve *ent.ValidationError
	varErr := variableError(gerr)
	switch fe, isField := fielderr.As(err); {
	case isField:
		return field("BAD_USER_INPUT", fe)
	case ent.IsNotFound(err), errors.Is(err, errNotFound), gerr != nil && gerr.Extensions["code"] == "NOT_FOUND":
		// entgql's own not-found is in English and names the ID.
		return set("NOT_FOUND", msgNotFound)
	case varErr != nil:
		return field("BAD_USER_INPUT", varErr)
	case gerr != nil && gerr.Extensions != nil:
		return gerr // already presented (limits, parse and validation errors)
	case errors.As(err, &ve):
		return field("BAD_USER_INPUT", &fielderr.Error{Field: fielderr.APIName(ve.Name), Reason: validationReason(ve)})
	case errors.Is(err, auth.ErrBadLogin):
		return set("UNAUTHENTICATED", auth.ErrBadLogin.Error())
	case errors.Is(err, auth.ErrExpired):
		return set("UNAUTHENTICATED", auth.ErrExpired.Error())
	case errors.Is(err, errUnauthenticated):
		return set("UNAUTHENTICATED", errUnauthenticated.Error())
	case errors.Is(err, auth.ErrTooManyAttempts):
		return set("TOO_MANY_REQUESTS", auth.ErrTooManyAttempts.Error())
	case errors.Is(err, auth.ErrWeakPassword):
		return field("BAD_USER_INPUT", &fielderr.Error{Field: "newPassword", Reason: auth.ErrWeakPassword.Error()})
	case errors.Is(err, authz.ErrDenied), errors.Is(err, privacy.Deny):
		return set("FORBIDDEN", msgForbidden)
	case store.Busy(err):
		// A lock wait that ran out (SQLite while an import stores): nothing
		// was written and sending the same request again will succeed.
		slog.WarnContext(ctx, "database busy", "path", out.Path.String(), "err", err)
		return set("BUSY", "数据库繁忙，请稍后重试")
	case ent.IsConstraintError(err):
		if fe := conflictField(err); fe != nil {
			return field("CONFLICT", fe)
		}
		return set("CONFLICT", conflictReason(err))
	}
	if fe := argumentError(ctx, gerr); fe != nil {
		return field("BAD_USER_INPUT", fe)
	}
	slog.ErrorContext(ctx, "graphql internal error", "path", out.Path.String(), "err", err)
	return set("INTERNAL", msgInternal)
}

// argumentError is an argument that gqlgen could not read (an ID that is no
// number, a malformed time or cursor): its error's path runs from the field
// into the argument, and the argument's type says what was expected.
func argumentError(ctx context.Context, gerr *gqlerror.Error) *fielderr.Error {
	fc := graphql.GetFieldContext(ctx)
	if gerr == nil || fc == nil || fc.Field.Definition == nil {
		return nil
	}
	base := fc.Path()
	if len(gerr.Path) <= len(base) || gerr.Path[:len(base)].String() != base.String() {
		return nil
	}
	rest := gerr.Path[len(base):]
	name, ok := rest[0].(ast.PathName)
	arg := fc.Field.Definition.Arguments.ForName(string(name))
	if !ok || arg == nil {
		return nil
	}
	t, path, item := arg.Type, string(name), 0
	for _, p := range rest[1:] {
		switch p := p.(type) {
		case ast.PathIndex:
			item = int(p) + 1
			if t.Elem != nil {
				t = t.Elem
			}
		case ast.PathName:
			if d := schema.Types[t.Name()]; d != nil && d.Fields.ForName(string(p)) != nil {
				t, path, item = d.Fields.ForName(string(p)).Type, path+"."+string(p), 0
			}
		}
	}
	reason := typeReason(t)
	if item > 0 {
		reason = fmt.Sprintf("第 %d 项%s", item, reason)
	}
	return &fielderr.Error{Field: path, Reason: reason}
}

// variableError is a variable that does not fit its declared type, as
// gqlparser reports it (path "variable", name, fields…), in Chinese.
func variableError(gerr *gqlerror.Error) *fielderr.Error {
	if gerr == nil || len(gerr.Path) < 2 || gerr.Path[0] != ast.PathName("variable") {
		return nil
	}
	var names []string
	for _, p := range gerr.Path[1:] {
		if n, ok := p.(ast.PathName); ok {
			names = append(names, string(n))
		}
	}
	reason := "取值无效"
	switch {
	case strings.HasSuffix(gerr.Message, "must be defined"):
		reason = "必填"
	case strings.HasSuffix(gerr.Message, "cannot be null"):
		reason = "不能为空"
	}
	return &fielderr.Error{Field: strings.Join(names, "."), Reason: reason}
}

// typeReason says what a value of type t must look like.
func typeReason(t *ast.Type) string {
	switch t.Name() {
	case "ID":
		return "格式不正确"
	case "Time":
		return "时间格式不正确，应如 2026-01-02T15:04:05+08:00"
	case "Cursor":
		return "无效，请从第一页重新查询"
	case "Int":
		return "应为整数"
	case "Float":
		return "应为数字"
	case "Boolean":
		return "应为 true 或 false"
	case "String":
		return "应为文字"
	}
	if d := schema.Types[t.Name()]; d != nil && d.Kind == ast.Enum {
		return "不是允许的取值"
	}
	return "取值无效"
}

// recoverPanic logs a panic with its stack and answers a plain message.
func recoverPanic(ctx context.Context, p any) error {
	slog.ErrorContext(ctx, "graphql panic", "panic", p, "stack", string(debug.Stack()))
	return errors.New(msgInternal)
}

// validationReason rewrites ent's English validator messages in Chinese.
func validationReason(ve *ent.ValidationError) string {
	msg := errors.Unwrap(ve)
	if msg == nil {
		return "取值无效"
	}
	s := msg.Error()
	switch {
	case strings.Contains(s, "value is less than the required length"), strings.Contains(s, "empty"):
		return "不能为空或过短"
	case strings.Contains(s, "value is greater than the required length"):
		return "过长"
	case strings.Contains(s, "value out of range"), strings.Contains(s, "value is less than"), strings.Contains(s, "value is greater than"):
		return "超出允许范围"
	case strings.Contains(s, "does not match"):
		return "格式不正确"
	case strings.Contains(s, "invalid enum value"):
		return "不是允许的取值"
	case strings.Contains(s, "missing required"):
		return "必填"
	}
	return s
}

// conflictField names the unique field a write collided on.
func conflictField(err error) *fielderr.Error {
	s := err.Error()
	switch {
	case strings.Contains(s, "id_number"):
		return &fielderr.Error{Field: "idNumber", Reason: "已登记"}
	case strings.Contains(s, "households") && strings.Contains(s, "number"), strings.Contains(s, "households_number"):
		return &fielderr.Error{Field: "number", Reason: "已存在"}
	case strings.Contains(s, "phone"):
		return &fielderr.Error{Field: "phone", Reason: "已被使用"}
	}
	return nil
}

func conflictReason(err error) string {
	s := err.Error()
	if strings.Contains(s, "FOREIGN KEY") || strings.Contains(s, "foreign key") {
		return "引用的记录不存在或仍被使用"
	}
	return "与已有记录冲突"
}
