package export

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"sanbao/authz"
	"sanbao/ent"
)

// slots bounds the exports built at once: each holds a database connection
// and tens of MB of buffers for as long as it runs, up to minutes.
var slots = make(chan struct{}, 4)

// Handler serves GET /exports/{kind}.xlsx?division=…|school=…&… for the
// signed-in viewer (behind auth.Service.Middleware, as /imports/ is). Errors
// answer JSON {"error": …, "code": …} with a Chinese message.
func Handler(c *ent.Client) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if authz.FromContext(req.Context()) == nil {
			reply(w, http.StatusUnauthorized, "UNAUTHENTICATED", "请先登录")
			return
		}
		name, ok := strings.CutSuffix(strings.TrimPrefix(req.URL.Path, "/exports/"), ".xlsx")
		k, found := Lookup(name)
		if !ok || !found {
			reply(w, http.StatusNotFound, "NOT_FOUND", "没有这种导出")
			return
		}
		select {
		case slots <- struct{}{}:
			defer func() { <-slots }()
		default:
			w.Header().Set("Retry-After", "10")
			reply(w, http.StatusServiceUnavailable, "BUSY", "正在导出的名单较多，请稍后再试")
			return
		}
		// A province-wide list takes longer than the server's write timeout.
		http.NewResponseController(w).SetWriteDeadline(time.Now().Add(15 * time.Minute))
		f, err := Run(req.Context(), c, k, req.URL.Query(), time.Now())
		var e *Error
		switch {
		case errors.As(err, &e) && e.Status == http.StatusBadRequest:
			reply(w, e.Status, "BAD_USER_INPUT", e.Msg)
			return
		case errors.As(err, &e):
			reply(w, e.Status, "FORBIDDEN", e.Msg)
			return
		case err != nil:
			if req.Context().Err() == nil {
				slog.ErrorContext(req.Context(), "export failed", "kind", k.Name, "err", err)
			}
			reply(w, http.StatusInternalServerError, "INTERNAL", "服务器内部错误，请稍后再试")
			return
		}
		h := w.Header()
		h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		h.Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(f.Name))
		h.Set("Cache-Control", "private, no-store")
		f.WriteTo(w)
	})
}

func reply(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": msg, "code": code})
}
