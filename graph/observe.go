package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"sanbao/authz"
	"sanbao/obs"
)

// observe writes what only gqlgen knows into the request's log record (see
// package obs): the operation's name, the viewer and the code of every error
// answered, including parse, validation and limit errors.
type observe struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.ResponseInterceptor
} = observe{}

func (observe) ExtensionName() string                   { return "Observe" }
func (observe) Validate(graphql.ExecutableSchema) error { return nil }
func (observe) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	rec := obs.From(ctx)
	if rec == nil {
		return resp
	}
	if graphql.HasOperationContext(ctx) {
		oc := graphql.GetOperationContext(ctx)
		if oc.Operation != nil && oc.Operation.Name != "" {
			rec.SetOperation(oc.Operation.Name)
		} else {
			rec.SetOperation(oc.OperationName)
		}
	}
	if v := authz.FromContext(ctx); v != nil {
		rec.SetViewer(v.PersonID, v.TokenID)
	}
	if resp != nil {
		for _, e := range resp.Errors {
			if code, ok := e.Extensions["code"].(string); ok {
				rec.AddErrorCode(code)
			} else {
				rec.AddErrorCode("UNKNOWN")
			}
		}
	}
	return resp
}
