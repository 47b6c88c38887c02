package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"sanbao/authz"
	"sanbao/demo"
	"sanbao/ent/agreement"
	"sanbao/internal/fixture"
	"sanbao/store/storetest"
)

// gql sends a GraphQL request that must succeed and returns its data.
func gql(t testing.TB, url, token, query string, vars map[string]any) map[string]any {
	t.Helper()
	d, code := call(t, url, token, query, vars)
	if code != "" {
		t.Fatalf("%s: %s", query, code)
	}
	return d
}

func login(t testing.TB, url, phone string) string {
	d := gql(t, url, "", `mutation($p:String!){login(phone:$p,password:"sanbao-demo"){token}}`, map[string]any{"p": phone})
	return d["login"].(map[string]any)["token"].(string)
}

func signature() string {
	img := image.NewRGBA(image.Rect(0, 0, 300, 100))
	for x := 20; x < 280; x++ {
		for w := 0; w < 4; w++ {
			img.Set(x, 30+(x%50)+w, color.Black)
		}
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(b.Bytes())
}

// pdfText converts page 1 (or all pages) of a PDF to text with poppler's pdftotext.
func pdfText(t *testing.T, pdf []byte, firstPageOnly bool) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext is needed to read the PDFs back: apt-get install poppler-utils (.ci/run does)")
	}
	f := filepath.Join(t.TempDir(), "a.pdf")
	os.WriteFile(f, pdf, 0o600)
	args := []string{"-layout"}
	if firstPageOnly {
		args = append(args, "-f", "1", "-l", "1")
	}
	out, err := exec.Command(bin, append(args, f, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func get(t testing.TB, url, token string) (int, []byte) {
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// The agreement PDF is A4, set in a CJK font, and carries the signer's name
// and the duties; the archive holds every signed agreement of the county.
func TestAgreementPDF(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	f := fixture.BuildSmall(t, db)
	srv := httptest.NewServer(routes(db, config{}))
	defer srv.Close()
	admin := login(t, srv.URL, f.Admin.Phone)
	p1 := login(t, srv.URL, f.P1.Phone)
	sys := authz.System(context.Background())
	bureau := f.C1.ParentID
	gql(t, srv.URL, admin, `mutation($o:ID!){issueAgreements(input:{issuerOrgID:$o,term:"2026—2027学年"}){created}}`, map[string]any{"o": strconv.Itoa(bureau)})
	a := db.Agreement.Query().Where(agreement.PartyOrgID(f.C1.ID)).OnlyX(sys)
	gql(t, srv.URL, p1, `mutation($id:ID!,$s:String!){signAgreement(input:{id:$id,signedName:"甲校长",signature:$s}){state}}`,
		map[string]any{"id": strconv.Itoa(a.ID), "s": signature()})

	code, pdf := get(t, srv.URL+"/agreements/"+strconv.Itoa(a.ID)+".pdf", p1)
	if code != 200 || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatalf("GET pdf: %d %.100s", code, pdf)
	}
	t.Logf("one agreement PDF: %d bytes", len(pdf))
	if p := os.Getenv("SANBAO_PDF_OUT"); p != "" {
		os.WriteFile(p, pdf, 0o644)
	}
	text := pdfText(t, pdf, true)
	for _, want := range []string{"教育扶贫资助工作责任书", "甲校长", "控辍保学", "涿州市教育和体育局"} {
		if !strings.Contains(text, want) {
			t.Errorf("page 1 lacks %q:\n%s", want, text)
		}
	}
	// Room for the issuer's seal, a line for its representative to sign.
	all := pdfText(t, pdf, false)
	for _, want := range []string{"甲方（盖章）：", "负责人（签字）：", "乙方（签字）："} {
		if !strings.Contains(all, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, all)
		}
	}
	if bin, err := exec.LookPath("pdfinfo"); err == nil {
		f := filepath.Join(t.TempDir(), "t.pdf")
		os.WriteFile(f, pdf, 0o600)
		info, _ := exec.Command(bin, f).Output()
		if !strings.Contains(string(info), a.Title) {
			t.Errorf("Title metadata is not %q:\n%s", a.Title, info)
		}
	}
	if !regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+59[45](\.\d+)?\s+84[12](\.\d+)?\s*\]`).Match(pdf) {
		t.Errorf("the PDF is not A4: %s", regexp.MustCompile(`/MediaBox[^]]*]`).Find(pdf))
	}
	// Out of scope or signed out: nothing.
	if code, _ := get(t, srv.URL+"/agreements/"+strconv.Itoa(a.ID)+".pdf", login(t, srv.URL, f.P2.Phone)); code != 404 {
		t.Errorf("another school's principal got %d", code)
	}
	if code, _ := get(t, srv.URL+"/agreements/"+strconv.Itoa(a.ID)+".pdf", ""); code != 401 {
		t.Errorf("signed out got %d", code)
	}
	// The county's archive: every signed agreement, each on its own pages.
	code, pdf = get(t, srv.URL+"/agreements/archive.pdf?term=2026—2027学年&divisionCode=130681000000", admin)
	if code != 200 || !strings.Contains(pdfText(t, pdf, false), "甲校长") {
		t.Fatalf("archive: %d", code)
	}
	// Bound as a file: a cover, contents whose page numbers are where each
	// agreement starts, and every page numbered in the whole file.
	pages := strings.Split(strings.TrimRight(pdfText(t, pdf, false), "\f"), "\f")
	n := len(pages)
	if !strings.Contains(pages[0], "责任书档案") || !strings.Contains(pages[0], "涿州市 2026—2027学年") || !strings.Contains(pages[1], "目录") {
		t.Fatalf("cover and contents:\n%s\n%s", pages[0], pages[1])
	}
	entry := regexp.MustCompile(`1\. (\S+)（([^）]+)）\s+(\d+)`).FindStringSubmatch(pages[1])
	if entry == nil {
		t.Fatalf("no first entry in the contents:\n%s", pages[1])
	}
	at, _ := strconv.Atoi(entry[3])
	if at < 3 || at > n || !strings.Contains(pages[at-1], entry[1]) || !strings.Contains(pages[at-1], "本份第 1 页") {
		t.Errorf("contents say %q starts on page %d of %d:\n%s", entry[1], at, n, pages[min(at, n)-1])
	}
	for i, p := range pages {
		if !strings.Contains(p, fmt.Sprintf("全册第 %d / %d 页", i+1, n)) {
			t.Errorf("page %d is not numbered %d / %d:\n%s", i+1, i+1, n, p)
		}
	}
	if bin, err := exec.LookPath("pdfinfo"); err == nil {
		f := filepath.Join(t.TempDir(), "archive.pdf")
		os.WriteFile(f, pdf, 0o600)
		if info, _ := exec.Command(bin, f).Output(); !strings.Contains(string(info), "责任书档案（涿州市 2026—2027学年）") {
			t.Errorf("archive Title metadata:\n%s", info)
		}
	}
}

// The demo accounts promised in README sign in on a seeded database.
func TestDemoAccountsSignIn(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	if _, err := demo.SeedZhuozhou(context.Background(), db.Client); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(routes(db, config{}))
	defer srv.Close()
	for _, acct := range demo.Accounts {
		tok := login(t, srv.URL, acct.Phone)
		d := gql(t, srv.URL, tok, `{viewer{name}}`, nil)
		if d["viewer"].(map[string]any)["name"] != acct.Name {
			t.Errorf("%s signed in as %v", acct.Phone, d)
		}
	}
	if code, _ := get(t, srv.URL+"/healthz", ""); code != 200 {
		t.Errorf("healthz = %d", code)
	}
}
