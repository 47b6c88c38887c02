package export

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"sanbao/authz"
)

// While as many exports run as the server builds at once, another is
// answered at once with BUSY and Retry-After, not queued behind them.
func TestExportsAtOnceAreBounded(t *testing.T) {
	for range cap(slots) {
		slots <- struct{}{}
	}
	defer func() {
		for range cap(slots) {
			<-slots
		}
	}()
	req := httptest.NewRequest(http.MethodGet, "/exports/village-ledger.xlsx", nil)
	req = req.WithContext(authz.NewContext(req.Context(), &authz.Viewer{PersonID: 1, Name: "甲"}))
	w := httptest.NewRecorder()
	Handler(nil).ServeHTTP(w, req)
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" || !strings.Contains(w.Body.String(), "BUSY") {
		t.Fatalf("%d %v %s", w.Code, w.Header(), w.Body)
	}
}
