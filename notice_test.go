package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"sanbao/authz"
	"sanbao/dropout"
	"sanbao/ent"
	"sanbao/ent/auditlog"
	"sanbao/ent/dropoutcase"
	"sanbao/internal/fixture"
	"sanbao/store/storetest"
)

// The return-to-school notice (复学通知书) prints for who works the case, in
// the agreements' font, with the student, guardian, school and deadline.
func TestReturnNoticePDF(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	f := fixture.BuildSmall(t, db)
	srv := httptest.NewServer(routes(db, config{}))
	defer srv.Close()
	sys := authz.System(context.Background())
	k := db.DropoutCase.Create().SetStudentID(f.S3.ID).SetVillageCode(f.S3.VillageCode).SetNillableSchoolID(f.S3.SchoolID).
		SetKind(dropoutcase.KindDropout).SetSource(dropoutcase.SourceManual).SaveX(sys)
	p1 := login(t, srv.URL, f.P1.Phone)
	today := time.Now().In(dropout.China)
	deadline := today.AddDate(0, 0, 10)
	gql(t, srv.URL, p1, `mutation($in: ReturnNoticeInput!) { recordReturnNotice(input: $in) { id } }`, map[string]any{"in": map[string]any{
		"caseID": strconv.Itoa(k.ID), "servedOn": today.Format("2006-01-02"), "deadline": deadline.Format("2006-01-02")}})

	url := srv.URL + "/dropout/cases/" + strconv.Itoa(k.ID) + "/notice.pdf"
	code, pdf := get(t, url, p1)
	if code != 200 || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatalf("GET notice: %d %.100s", code, pdf)
	}
	if p := os.Getenv("SANBAO_PDF_OUT"); p != "" {
		os.WriteFile(p, pdf, 0o644)
	}
	// pdftotext -layout may break a long line; compare without spaces.
	text := strings.Join(strings.Fields(pdfText(t, pdf, false)), "")
	for _, want := range []string{"复学通知书", f.S3.Name, f.H3.HeadName, f.C1.Name, deadline.Format("2006年1月2日"), f.V2.Name, "（盖章）", "监护人签收"} {
		if !strings.Contains(text, want) {
			t.Errorf("the notice lacks %q:\n%s", want, text)
		}
	}
	l := db.AuditLog.Query().Where(auditlog.ActionEQ(auditlog.ActionExport)).Order(ent.Desc(auditlog.FieldID)).FirstX(sys)
	if l.Subject != "复学通知书（"+f.S3.Name+"）" || l.ActorName != f.P1.Name || l.SchoolID != f.C1.ID {
		t.Errorf("audit row %+v", l)
	}
	// The county prints it too; another school's principal and the signed
	// out get nothing.
	if code, _ := get(t, url, login(t, srv.URL, f.Admin.Phone)); code != 200 {
		t.Errorf("the county got %d", code)
	}
	if code, _ := get(t, url, login(t, srv.URL, f.P2.Phone)); code != 404 {
		t.Errorf("another school's principal got %d", code)
	}
	if code, _ := get(t, url, ""); code != 401 {
		t.Errorf("signed out got %d", code)
	}
	if code, _ := get(t, srv.URL+"/dropout/cases/x/notice.pdf", p1); code != 404 {
		t.Errorf("bad path got %d", code)
	}
	// The case page itself is the app's (a reload or a shared link).
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/dropout/cases/"+strconv.Itoa(k.ID), nil)
	req.Header.Set("Accept", "text/html")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Contains(page, []byte(`<div id="app"`)) {
		t.Errorf("the case page got %d %.100s", resp.StatusCode, page)
	}
}
