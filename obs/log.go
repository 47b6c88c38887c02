// Package obs makes the server observable: one structured JSON log line per
// request and Prometheus metrics. The HTTP middleware creates a Record for
// each request; the GraphQL layer fills in what only it knows (operation
// name, error codes, viewer). Nothing from the request body, query string or
// headers is logged, so no password, token or ID number can reach the log.
package obs

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"sync"
	"time"
)

// Record is what the layers below the middleware know about one request.
type Record struct {
	mu        sync.Mutex
	operation string
	codes     []string
	viewer    string
}

type recordKey struct{}

// From returns the request's record; a nil *Record (outside the middleware)
// accepts every call and keeps nothing.
func From(ctx context.Context) *Record {
	r, _ := ctx.Value(recordKey{}).(*Record)
	return r
}

// WithRecord returns ctx carrying rec (the middleware does this; tests too).
func WithRecord(ctx context.Context, rec *Record) context.Context {
	return context.WithValue(ctx, recordKey{}, rec)
}

var graphqlName = regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]{0,63}$`)

// SetOperation names the GraphQL operation. Only GraphQL names of up to 64
// characters are kept.
func (r *Record) SetOperation(name string) {
	if r == nil || !graphqlName.MatchString(name) {
		return
	}
	r.mu.Lock()
	r.operation = name
	r.mu.Unlock()
}

// AddErrorCode notes an error code (each once).
func (r *Record) AddErrorCode(code string) {
	if r == nil || code == "" {
		return
	}
	r.mu.Lock()
	if !slices.Contains(r.codes, code) && len(r.codes) < 16 {
		r.codes = append(r.codes, code)
	}
	r.mu.Unlock()
}

// SetViewer notes who made the request: a person or an API token, by ID.
func (r *Record) SetViewer(personID, tokenID int) {
	if r == nil || personID == 0 && tokenID == 0 {
		return
	}
	v := "person:" + strconv.Itoa(personID)
	if personID == 0 {
		v = "token:" + strconv.Itoa(tokenID)
	}
	r.mu.Lock()
	r.viewer = v
	r.mu.Unlock()
}

func (r *Record) snapshot() (operation string, codes []string, viewer string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.operation, slices.Clone(r.codes), r.viewer
}

// Middleware logs every request as one JSON line (method, path, route,
// operation, status, duration, bytes, viewer, error codes, client address),
// counts it in the metrics, and turns a panic in a handler into a logged 500
// instead of a dropped connection.
func Middleware(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &Record{}
		sw := &statusWriter{ResponseWriter: w}
		r = r.WithContext(WithRecord(r.Context(), rec))
		defer func() {
			p := recover()
			if p == http.ErrAbortHandler {
				panic(p) // the handler meant to drop the connection
			}
			if p != nil {
				log.Error("panic serving request", "method", r.Method, "path", r.URL.Path, "panic", p, "stack", string(debug.Stack()))
				rec.AddErrorCode("INTERNAL")
				if !sw.wrote {
					http.Error(sw, "服务器内部错误", http.StatusInternalServerError)
				}
			}
			took := time.Since(start)
			op, codes, viewer := rec.snapshot()
			status := sw.status
			if status == 0 {
				status = http.StatusOK
			}
			// r.Pattern is set on this request by the ServeMux below.
			observe(r.Pattern, op, status, took, codes)
			level := slog.LevelInfo
			if status >= 500 {
				level = slog.LevelError
			}
			attrs := []slog.Attr{
				slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.String("route", r.Pattern),
				slog.Int("status", status), slog.Float64("duration_ms", float64(took.Microseconds())/1000),
				slog.Int64("bytes", sw.bytes), slog.String("remote", remoteIP(r)),
			}
			if op != "" {
				attrs = append(attrs, slog.String("operation", op))
			}
			if viewer != "" {
				attrs = append(attrs, slog.String("viewer", viewer))
			}
			if len(codes) > 0 {
				attrs = append(attrs, slog.Any("errors", codes))
			}
			log.LogAttrs(r.Context(), level, "request", attrs...)
		}()
		next.ServeHTTP(sw, r)
	})
}

func remoteIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// statusWriter remembers the status and counts the bytes written.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
	wrote  bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.status, w.wrote = http.StatusOK, true
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection (deadlines, flush).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
