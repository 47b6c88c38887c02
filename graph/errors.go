package graph

import (
	"context"
	"errors"
	"log/slog"
	"runtime/debug"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"sanbao/auth"
	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/privacy"
	"sanbao/fielderr"
)

// Messages that must not tell apart "does not exist" from "not yours".
const (
	msgNotFound  = "未找到或无权访问"
	msgForbidden = "无权进行此操作"
	msgInternal  = "服务器内部错误,请稍后再试"
)

var errNotFound = errors.New(msgNotFound)

// presentError turns any resolver error into a safe, clear message with a
// machine-readable code; internals are logged, never sent.
func presentError(ctx context.Context, err error) *gqlerror.Error {
	var gerr *gqlerror.Error
	if errors.As(err, &gerr) && gerr.Extensions != nil {
		return gerr // already presented (limits, page sizes)
	}
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
	if !graphql.HasOperationContext(ctx) {
		// Rejected by the transport before any operation: malformed JSON and the like.
		return set("BAD_REQUEST", "请求格式错误:"+err.Error())
	}
	var ve *ent.ValidationError
	switch fe, isField := fielderr.As(err); {
	case isField:
		return set("BAD_USER_INPUT", fe.Error(), fe.Field)
	case errors.As(err, &ve):
		f := camel(ve.Name)
		return set("BAD_USER_INPUT", f+": "+validationReason(ve), f)
	case errors.Is(err, auth.ErrBadLogin):
		return set("UNAUTHENTICATED", auth.ErrBadLogin.Error())
	case errors.Is(err, auth.ErrExpired):
		return set("UNAUTHENTICATED", auth.ErrExpired.Error())
	case errors.Is(err, errUnauthenticated):
		return set("UNAUTHENTICATED", errUnauthenticated.Error())
	case errors.Is(err, auth.ErrTooManyAttempts):
		return set("TOO_MANY_REQUESTS", auth.ErrTooManyAttempts.Error())
	case errors.Is(err, auth.ErrWeakPassword):
		return set("BAD_USER_INPUT", "newPassword: "+auth.ErrWeakPassword.Error(), "newPassword")
	case ent.IsNotFound(err), errors.Is(err, errNotFound):
		return set("NOT_FOUND", msgNotFound)
	case errors.Is(err, authz.ErrDenied), errors.Is(err, privacy.Deny):
		return set("FORBIDDEN", msgForbidden)
	case ent.IsConstraintError(err):
		return set("CONFLICT", conflictReason(err))
	case gerr != nil && gerr.Extensions == nil && strings.Contains(gerr.Message, "cannot"):
		// gqlgen's own input coercion errors ("cannot unmarshal …").
		return set("BAD_USER_INPUT", gerr.Message)
	}
	slog.ErrorContext(ctx, "graphql internal error", "path", out.Path.String(), "err", err)
	return set("INTERNAL", msgInternal)
}

// recoverPanic logs a panic with its stack and answers a plain message.
func recoverPanic(ctx context.Context, p any) error {
	slog.ErrorContext(ctx, "graphql panic", "panic", p, "stack", string(debug.Stack()))
	return errors.New(msgInternal)
}

func camel(snake string) string {
	parts := strings.Split(snake, "_")
	for i := 1; i < len(parts); i++ {
		if p := parts[i]; p == "id" {
			parts[i] = "ID"
		} else if p != "" {
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return strings.Join(parts, "")
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

func conflictReason(err error) string {
	s := err.Error()
	switch {
	case strings.Contains(s, "id_number"):
		return "idNumber: 该身份证号已登记"
	case strings.Contains(s, "households") && strings.Contains(s, "number"), strings.Contains(s, "households_number"):
		return "number: 该户编号已存在"
	case strings.Contains(s, "phone"):
		return "phone: 该手机号已存在"
	case strings.Contains(s, "FOREIGN KEY"), strings.Contains(s, "foreign key"):
		return "引用的记录不存在或仍被使用"
	}
	return "与已有记录冲突"
}
