package graph_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"sanbao/authz"
	"sanbao/contactlog"
	"sanbao/ent/contact"
	"sanbao/ent/household"
	"sanbao/ent/student"
	"sanbao/fielderr"
	"sanbao/idcard"
	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

// fullWidth writes ASCII digits and letters as a Chinese input method in
// full-width mode types them.
func fullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9':
			return r - '0' + '０'
		case r >= 'A' && r <= 'Z':
			return r - 'A' + 'Ａ'
		}
		return r
	}, s)
}

// Keys and names are stored as they look, whoever writes them: through the
// API and by a direct ent write alike.
func TestTextStoredAsItLooks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		a := newAPI(t, db)
		sys := authz.System(context.Background())
		admin := a.loginPerson(f.Admin)
		hh := `mutation($n:String!,$h:String!,$v:ID!){createHousehold(input:{number:$n,headName:$h,villageID:$v,status:NOT_LIFTED}){id number headName}}`
		vars := func(number, head string) map[string]any {
			return map[string]any{"n": number, "h": head, "v": id(f.V1.ID)}
		}
		// A zero-width space, a BOM, full-width letters and spaces around.
		d := admin.ok(hh, vars(" N1\u200b", "\ufeff张三 "))
		if str(d, "createHousehold", "number") != "N1" || str(d, "createHousehold", "headName") != "张三" {
			t.Errorf("stored as %v", d)
		}
		for _, dup := range []string{"\ufeffN1", fullWidth("N1"), "N\u200d1"} {
			if res := admin.do(hh, vars(dup, "李四")); res.code() != "CONFLICT" {
				t.Errorf("%q next to N1: %+v", dup, res.Errors)
			}
		}
		if _, err := db.Household.Create().SetNumber("N1\u2060").SetHeadName("李四").SetVillageID(f.V1.ID).SetStatus("LIFTED").Save(sys); err == nil {
			t.Errorf("a direct write stored a second N1")
		}
		h := db.Household.Create().SetNumber(fullWidth("N2") + "\u200b").SetHeadName("\u3000王五").SetVillageID(f.V1.ID).SetStatus("LIFTED").SaveX(sys)
		if h.Number != "N2" || h.HeadName != "王五" || db.Household.Query().Where(household.Number("N2")).CountX(sys) != 1 {
			t.Errorf("direct write stored %q %q", h.Number, h.HeadName)
		}

		// Control and direction characters are refused, naming the field.
		for _, c := range []struct{ head, reason string }{
			{"张\u202e三", "文字方向"}, {"\u2067张三\u2069", "文字方向"}, {"张\x07三", "控制字符"}, {"张\n三", "控制字符"},
		} {
			res := admin.do(hh, vars("N3", c.head))
			if res.code() != "BAD_USER_INPUT" || res.Errors[0].Extensions["field"] != "headName" || !contains(res.Errors[0].Message, c.reason) {
				t.Errorf("head name %q: %+v", c.head, res.Errors)
			}
			_, err := db.Household.Create().SetNumber("N3").SetHeadName(c.head).SetVillageID(f.V1.ID).SetStatus("LIFTED").Save(sys)
			if fe, ok := fielderr.As(err); !ok || fe.Field != "headName" || !contains(fe.Reason, c.reason) {
				t.Errorf("direct write of head name %q: %v", c.head, err)
			}
		}

		// Lengths count characters: 64 Chinese characters fit, 65 do not.
		long := strings.Repeat("张", 64)
		if d := admin.ok(hh, vars("N4", long)); len([]rune(str(d, "createHousehold", "headName"))) != 64 {
			t.Errorf("64-character name: %v", d)
		}
		res := admin.do(hh, vars("N5", long+"张"))
		if res.code() != "BAD_USER_INPUT" || res.Errors[0].Extensions["field"] != "headName" || !contains(res.Errors[0].Message, "最多64个字") {
			t.Errorf("65-character name: %+v", res.Errors)
		}
		db.Person.Create().SetName(long).SetPhone("13611112222").ExecX(sys)
		if _, err := db.Person.Create().SetName(long + "张").SetPhone("13611112223").Save(sys); !contains(fmtIf(err), "最多64个字") {
			t.Errorf("direct write of a 65-character name: %v", err)
		}

		// Notes keep their lines and Chinese punctuation; digits typed
		// full-width are plain digits.
		admin.ok(assignQ, assignVars("HOUSEHOLD", f.T1.ID, f.H1.ID))
		note := "家访，了解情况：良好（稳定）。\r\n电话１３９"
		a.loginPerson(f.T1).ok(logQ, contactVars("9d1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a01", f.H1.ID, map[string]any{"notes": note}))
		if got := db.Contact.Query().Where(contact.UUID("9d1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a01")).OnlyX(sys).Notes; got != "家访，了解情况：良好（稳定）。\n电话139" {
			t.Errorf("notes stored as %q", got)
		}
		got := db.Contact.Create().SetUUID("9d1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a02").SetHouseholdID(f.H1.ID).SetPersonID(f.T1.ID).
			SetRecordedByID(f.T1.ID).SetDate(contactlog.Today(time.Now())).SetMode("PHONE").SetNotes(note).SaveX(sys).Notes
		if got != "家访，了解情况：良好（稳定）。\n电话139" {
			t.Errorf("direct write stored notes as %q", got)
		}
	})
}

func fmtIf(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// A student is checked as the CSV import checks one: a name, a valid ID
// number (full-width digits are digits; a wrong check digit is not
// corrected for the user), and a birth date that fits the stage.
func TestStudentValidatedAsImported(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		a := newAPI(t, db)
		sys := authz.System(context.Background())
		admin := a.loginPerson(f.Admin)
		create := `mutation($in:CreateStudentInput!){createStudent(input:$in){id name idNumber}}`
		in := func(name, number, stage string) map[string]any {
			return map[string]any{"in": map[string]any{"name": name, "idNumber": number, "stage": stage, "householdID": id(f.H1.ID)}}
		}
		born := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
		eleven := idcard.Build("130681", time.Now().AddDate(-11, 0, -10).UTC(), 101)
		old := idcard.Build("130681", born(1900, 1, 1), 103)
		for _, c := range []struct {
			name, number, stage, field, reason string
		}{
			{" ", eleven, "PRIMARY", "name", ""},
			{"\u200b", eleven, "PRIMARY", "name", ""},
			{"新生", old, "PRIMARY", "idNumber", "小学学生应为5至16岁"},
			{"新生", eleven, "SENIOR", "idNumber", "高中学生应为13至23岁"},
			{"新生", fullWidth(eleven[:17]), "PRIMARY", "idNumber", "应为18位，实际为17位"},
			{"新生", eleven[:17] + string("10X98765432"[(strings.IndexByte("10X98765432", eleven[17])+1)%11]), "PRIMARY", "idNumber", "校验位错误"},
		} {
			res := admin.do(create, in(c.name, c.number, c.stage))
			if res.code() != "BAD_USER_INPUT" || res.Errors[0].Extensions["field"] != c.field || !contains(res.Errors[0].Message, c.reason) {
				t.Errorf("%q %s %s: want %s %q, got %+v", c.name, c.number, c.stage, c.field, c.reason, res.Errors)
			}
			if res.code() == "BAD_USER_INPUT" && contains(res.Errors[0].Message, "校验位") && strings.ContainsAny(res.Errors[0].Message, "0123456789X") {
				t.Errorf("the check digit error tells a digit: %s", res.Errors[0].Message)
			}
			_, err := db.Student.Create().SetName(c.name).SetIDNumber(c.number).SetStage(student.Stage(c.stage)).SetHouseholdID(f.H1.ID).Save(sys)
			if err == nil || !contains(err.Error(), c.reason) {
				t.Errorf("direct write of %q %s %s: %v", c.name, c.number, c.stage, err)
			}
		}
		if n := db.Student.Query().Where(student.HouseholdID(f.H1.ID)).CountX(sys); n != 1 {
			t.Fatalf("refused students were stored: household has %d", n)
		}
		// Typed full-width, stored as digits.
		d := admin.ok(create, in("新生", fullWidth(eleven), "PRIMARY"))
		sid, _ := strconv.Atoi(str(d, "createStudent", "id"))
		if s := db.Student.GetX(sys, sid); s.IDNumber != eleven {
			t.Errorf("stored ID number %q, want %q", s.IDNumber, eleven)
		}
		// Changing the stage is checked against the stored birth date.
		res := admin.do(`mutation($id:ID!){updateStudent(id:$id,input:{stage:HIGHER}){id}}`, map[string]any{"id": str(d, "createStudent", "id")})
		if res.code() != "BAD_USER_INPUT" || res.Errors[0].Extensions["field"] != "stage" {
			t.Errorf("an eleven-year-old at university: %+v", res.Errors)
		}
		if _, err := db.Student.Update().Where(student.HouseholdID(f.H1.ID)).SetStage(student.StagePreschool).Save(sys); err == nil {
			t.Errorf("a bulk direct write made schoolchildren preschoolers")
		}
		admin.ok(`mutation($id:ID!){updateStudent(id:$id,input:{stage:JUNIOR}){id}}`, map[string]any{"id": str(d, "createStudent", "id")})
	})
}
