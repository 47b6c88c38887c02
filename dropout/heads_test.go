package dropout_test

import (
	"testing"
	"time"

	"sanbao/authz"
	"sanbao/dropout"
	"sanbao/ent/divisioncontact"
	"sanbao/ent/dropoutcase"
	"sanbao/ent/student"
	"sanbao/idcard"
	"sanbao/internal/fixture"
	"sanbao/store/storetest"
)

// A child studying nowhere answers to the central school of the village's
// township: its principal, no head teacher; nothing named is 未登记.
func TestSevenHeadsOfAChildStudyingNowhere(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	f := fixture.BuildSmall(t, db)
	sys := authz.System(t.Context())
	s := db.Student.Create().SetName("学生九").SetHouseholdID(f.H3.ID).SetStage(student.StagePrimary).
		SetIDNumber(idcard.Build("130681", time.Date(2017, 3, 3, 0, 0, 0, 0, time.UTC), 31)).
		SetEnrollmentStatus(student.EnrollmentStatusNotEnrolled).SaveX(sys)
	k := db.DropoutCase.Create().SetStudentID(s.ID).SetVillageCode(s.VillageCode).
		SetKind(dropoutcase.KindSuspected).SetSource(dropoutcase.SourceCheckUnenrolled).SaveX(sys)
	heads, err := dropout.SevenHeads(sys, db.Client, k)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*dropout.Head{}
	for _, h := range heads {
		got[h.Role] = h
	}
	if len(heads) != 7 || got[dropout.HeadPrincipal].Name != f.P1.Name || got[dropout.HeadPrincipal].Title != f.C1.Name+"校长" {
		t.Fatalf("principal: %+v", got[dropout.HeadPrincipal])
	}
	for _, r := range []string{dropout.HeadCounty, dropout.HeadEducation, dropout.HeadTownship, dropout.HeadVillage, dropout.HeadHeadTeacher} {
		if h := got[r]; h.Name != "" || h.Label == "" {
			t.Errorf("%s: %+v, want unnamed with its label", r, h)
		}
	}
	if got[dropout.HeadGuardian].Name != f.H3.HeadName {
		t.Errorf("guardian: %+v", got[dropout.HeadGuardian])
	}
	// Setting a head is the county's: refused for the principal.
	_, err = dropout.SetContact(as(t, db, f.P1), db.Client, dropout.ContactInput{DivisionCode: f.V2.Code,
		Role: divisioncontact.RoleVillageHead, Name: "钱主任"}, time.Now())
	if err == nil {
		t.Fatal("a principal named a village head")
	}
	if _, err := dropout.SetContact(as(t, db, f.Admin), db.Client, dropout.ContactInput{DivisionCode: f.V2.Code,
		Role: divisioncontact.RoleVillageHead, Name: " 钱主任 ", Phone: "0312-3861234"}, time.Now()); err != nil {
		t.Fatal(err)
	}
	heads, _ = dropout.SevenHeads(sys, db.Client, k)
	if heads[3].Name != "钱主任" || heads[3].Phone != "0312-3861234" {
		t.Errorf("village head: %+v", heads[3])
	}
}
