package graph_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"image"
	"image/color"
	"image/png"
	"testing"

	"sanbao/agreement"
	"sanbao/authz"
	entagreement "sanbao/ent/agreement"
	"sanbao/ent/agreementtemplate"
	"sanbao/ent/position"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

// Signature draws a signature-like stroke as a PNG data URL.
func Signature() string {
	img := image.NewRGBA(image.Rect(0, 0, 300, 100))
	for x := 20; x < 280; x++ {
		for w := 0; w < 3; w++ {
			img.Set(x, 50+(x%40)-20+w, color.Black)
		}
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(b.Bytes())
}

const (
	issueQ = `mutation($o:ID!,$t:String!){issueAgreements(input:{issuerOrgID:$o,term:$t}){created existing skipped{name reason} agreements{id partyName state contentHash}}}`
	signQ  = `mutation($id:ID!,$n:String!,$s:String!){signAgreement(input:{id:$id,signedName:$n,signature:$s}){id state signedAt signedName signatureDataURL}}`
	term   = "2026—2027学年"
)

func TestAgreements(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		a := newAPI(t, db)
		sys := authz.System(context.Background())
		admin, p1, p2 := a.loginPerson(f.Admin), a.loginPerson(f.P1), a.loginPerson(f.P2)
		bureau := db.Org.GetX(sys, f.C1.ParentID)
		vars := map[string]any{"o": id(bureau.ID), "t": term}

		// Issue to every school; issuing again duplicates nothing.
		d := admin.ok(issueQ, vars)
		if num(d, "issueAgreements", "created") != 3 || num(d, "issueAgreements", "existing") != 0 {
			t.Fatalf("first issue: %v", d)
		}
		d = admin.ok(issueQ, vars)
		if num(d, "issueAgreements", "created") != 0 || num(d, "issueAgreements", "existing") != 3 {
			t.Fatalf("second issue: %v", d)
		}
		if n := db.Agreement.Query().CountX(sys); n != 3 {
			t.Fatalf("stored %d agreements, want 3", n)
		}
		// Who may issue: not the teacher, not another school, not a school for the bureau.
		if res := a.loginPerson(f.T1).do(issueQ, vars); res.code() != "FORBIDDEN" {
			t.Errorf("teacher issued: %+v", res.Errors)
		}
		if res := p2.do(issueQ, map[string]any{"o": id(f.C1.ID), "t": term}); res.code() != "FORBIDDEN" {
			t.Errorf("another school issued for C1: %+v", res.Errors)
		}
		// A school issues to its principal and its contacts (those with assignments).
		admin.ok(assignQ, assignVars("HOUSEHOLD", f.T1.ID, f.H1.ID))
		d = p1.ok(issueQ, map[string]any{"o": id(f.C1.ID), "t": term})
		if num(d, "issueAgreements", "created") != 2 {
			t.Fatalf("C1 issues to its principal and its contact: %v", d)
		}

		// Frozen text: a template edit changes new agreements only.
		c1 := db.Agreement.Query().Where(entagreement.PartyOrgID(f.C1.ID)).OnlyX(sys)
		if c1.ContentHash != agreement.Hash(c1.Text) || !contains(c1.Text, "控辍保学") || !contains(c1.Text, "乙方：松林店镇中心校（校长：甲校长）") {
			t.Fatalf("issued text: %s", c1.Text)
		}
		edit := `mutation($d:[String!]!){updateAgreementTemplate(input:{divisionCode:"130681000000",kind:BUREAU_SCHOOL,title:"涿州市教育扶贫资助工作责任书",duties:$d}){version ownerCode}}`
		d = admin.ok(edit, map[string]any{"d": []string{"新增职责:每周报送控辍保学进展。"}})
		if str(d, "updateAgreementTemplate", "ownerCode") != "130681000000" {
			t.Fatalf("template edit: %v", d)
		}
		if res := p1.do(edit, map[string]any{"d": []string{"x"}}); res.code() != "FORBIDDEN" {
			t.Errorf("principal edited the county template: %+v", res.Errors)
		}
		if after := db.Agreement.GetX(sys, c1.ID); after.Text != c1.Text || after.ContentHash != c1.ContentHash {
			t.Fatal("a template edit changed an issued agreement")
		}
		if n := db.AgreementTemplate.Query().Where(agreementtemplate.OwnerCode("")).CountX(sys); n != 4 {
			t.Errorf("default templates = %d, want 4 untouched", n)
		}

		// Only the named signer signs, once, with their own name and a drawn signature.
		sig := Signature()
		sign := func(s *session, id int, name, sig string) result {
			return s.do(signQ, map[string]any{"id": idStr(id), "n": name, "s": sig})
		}
		inspector := db.Person.Create().SetName("督导员").SetPhone("13711111111").SetPasswordHash(db.Person.GetX(sys, f.P1.ID).PasswordHash).SaveX(sys)
		db.Position.Create().SetPersonID(inspector.ID).SetOrgID(bureau.ID).SetRole(position.RoleInspector).ExecX(sys)
		for _, c := range []struct {
			name string
			who  *session
			n    string
			sig  string
			code string
		}{
			{"another principal", p2, "乙校长", sig, "NOT_FOUND"},
			{"the inspector", a.loginPerson(inspector), "督导员", sig, "NOT_FOUND"},
			{"the issuer", admin, "局长", sig, "NOT_FOUND"},
			{"wrong typed name", p1, "乙校长", sig, "BAD_USER_INPUT"},
			{"blank signature", p1, "甲校长", blank(), "BAD_USER_INPUT"},
			{"not a PNG", p1, "甲校长", "data:image/jpeg;base64,AAAA", "BAD_USER_INPUT"},
		} {
			if res := sign(c.who, c1.ID, c.n, c.sig); res.code() != c.code {
				t.Errorf("%s signing: want %s, got %+v", c.name, c.code, res.Errors)
			}
		}
		d = sign(p1, c1.ID, "甲校长", sig).Data
		if str(d, "signAgreement", "state") != "SIGNED" || str(d, "signAgreement", "signatureDataURL") == "" {
			t.Fatalf("sign: %v", d)
		}
		// Sending the signature again (an offline phone retrying) changes nothing.
		if res := sign(p1, c1.ID, "甲校长", sig); res.code() != "" || str(res.Data, "signAgreement", "signedAt") != str(d, "signAgreement", "signedAt") {
			t.Errorf("signing twice: %+v", res)
		}
		if res := admin.do(`mutation($id:ID!){voidAgreement(id:$id,reason:"重签"){id}}`, map[string]any{"id": id(c1.ID)}); res.code() != "" {
			t.Errorf("voiding a signed agreement by its issuer: %+v", res.Errors)
		}

		// Supersede: the old one is void with its reason and stays; the new
		// one carries the edited template's text.
		c2 := db.Agreement.Query().Where(entagreement.PartyOrgID(f.C2.ID)).OnlyX(sys)
		d = admin.ok(`mutation($id:ID!){supersedeAgreement(id:$id,reason:"乙方更正"){id state supersedes{id state voidReason} text}}`, map[string]any{"id": id(c2.ID)})
		if str(d, "supersedeAgreement", "supersedes", "state") != "VOID" || str(d, "supersedeAgreement", "supersedes", "voidReason") != "乙方更正" ||
			!contains(str(d, "supersedeAgreement", "text"), "每周报送") {
			t.Fatalf("supersede: %v", d)
		}
		if db.Agreement.GetX(sys, c2.ID).Text != c2.Text {
			t.Fatal("superseding changed the old agreement's text")
		}

		// Completion for the term: the bureau's 3 (C1 voided+reissued? no:
		// C1 void, C2 superseded) — count by the known state.
		comp := `query($t:String!){agreementCompletion(term:$t,divisionCode:"130681000000"){total{issued signed unsigned}
			byKind{kind issued signed} children{label issued signed} unsigned{totalCount edges{node{partyName daysOutstanding}}} archiveURL}}`
		d = admin.ok(comp, map[string]any{"t": term})
		// Live agreements: bureau→C2 (superseding), bureau→K, C1→甲校长, C1→甲老师; the signed
		// bureau→C1 was voided above.
		if got := get(d, "agreementCompletion", "total"); num(got, "issued") != 4 || num(got, "signed") != 0 || num(got, "unsigned") != 4 {
			t.Errorf("completion total = %v", got)
		}
		kids := get(d, "agreementCompletion", "children").([]any)
		if len(kids) != 2 {
			t.Errorf("completion children = %v", kids)
		}
		if n := num(d, "agreementCompletion", "unsigned", "totalCount"); n != 4 {
			t.Errorf("unsigned list = %d", n)
		}
		// The teacher signs her own; the count rises by one.
		mine := a.loginPerson(f.T1).ok(`{myAgreements{totalCount edges{node{id state title text}}}}`, nil)
		if num(mine, "myAgreements", "totalCount") != 1 {
			t.Fatalf("teacher's agreements: %v", mine)
		}
		tid := str(mine, "myAgreements", "edges", 0, "node", "id")
		if r := a.loginPerson(f.T1).do(signQ, map[string]any{"id": tid, "n": "甲老师", "s": sig}); r.code() != "" {
			t.Fatalf("teacher signs: %+v", r.Errors)
		}
		d = admin.ok(comp, map[string]any{"t": term})
		if got := get(d, "agreementCompletion", "total"); num(got, "signed") != 1 || num(got, "unsigned") != 3 {
			t.Errorf("completion after the teacher signed = %v", got)
		}
		// Out of scope: another school's completion is not found.
		if res := p2.do(`query($t:String!,$o:ID!){agreementCompletion(term:$t,orgID:$o){total{issued}}}`, map[string]any{"t": term, "o": id(f.C1.ID)}); res.code() != "NOT_FOUND" {
			t.Errorf("completion of another school: %+v", res.Errors)
		}
	})
}

func idStr(n int) string { return id(n) }

// blank is a PNG with nothing drawn on it.
func blank() string {
	var b bytes.Buffer
	png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 300, 100)))
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(b.Bytes())
}
