package obs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A panic in a handler becomes a logged 500 with its stack in the log, not
// in the answer, and the request is still logged and counted.
func TestMiddlewareRecoversPanics(t *testing.T) {
	var logs bytes.Buffer
	h := Middleware(slog.New(slog.NewJSONHandler(&logs, nil)), http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var s []int
		_ = s[3]
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/boom?password=x", nil))
	if rec.Code != 500 || strings.Contains(rec.Body.String(), "index out of range") {
		t.Fatalf("%d %q", rec.Code, rec.Body.String())
	}
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "index out of range") || !strings.Contains(lines[0], "goroutine") {
		t.Fatalf("log:\n%s", logs.String())
	}
	var req map[string]any
	json.Unmarshal([]byte(lines[1]), &req)
	if req["status"] != 500.0 || req["path"] != "/boom" || fmt.Sprint(req["errors"]) != "[INTERNAL]" || strings.Contains(lines[1], "password") {
		t.Errorf("request line: %s", lines[1])
	}
}

// Records outside the middleware are nil and harmless; operation names that
// are not GraphQL names are dropped; client-chosen names cannot grow the
// metrics' label values without bound.
func TestRecordAndLabels(t *testing.T) {
	var none *Record
	none.SetOperation("X")
	none.AddErrorCode("Y")
	none.SetViewer(1, 0)
	if From(t.Context()) != nil {
		t.Fatal("a record from nowhere")
	}
	r := &Record{}
	r.SetOperation("130681200001011234")
	r.SetOperation("a b")
	if op, _, _ := r.snapshot(); op != "" {
		t.Errorf("kept operation %q", op)
	}
	r.SetOperation("Students")
	r.AddErrorCode("A")
	r.AddErrorCode("A")
	r.SetViewer(0, 7)
	if op, codes, v := r.snapshot(); op != "Students" || len(codes) != 1 || v != "token:7" {
		t.Errorf("%q %v %q", op, codes, v)
	}
	for i := range maxOperations + 50 {
		operationLabel(fmt.Sprintf("Op%d", i))
	}
	if got := operationLabel("Op10"); got != "Op10" {
		t.Errorf("a known name lost its label: %q", got)
	}
	if got := operationLabel("OneTooMany"); got != "other" {
		t.Errorf("name %d got its own label: %q", maxOperations+51, got)
	}
}
