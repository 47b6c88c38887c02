package graph_test

import (
	"strings"
	"testing"

	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

// Wrong old passwords are throttled per person as sign-in is per phone: a
// session left open on a shared computer must not become a way to guess the
// password.
func TestChangePasswordThrottled(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		a := newAPI(t, db)
		s, other := a.loginPerson(f.T1), a.loginPerson(f.T2)
		change := `mutation($o:String!,$n:String!){changePassword(oldPassword:$o,newPassword:$n)}`
		for i := range 5 {
			res := s.do(change, map[string]any{"o": "guess-" + id(i), "n": "a-longer-secret"})
			// A wrong old password is a mistake in a field, not a lost session.
			if res.code() != "BAD_USER_INPUT" || res.Errors[0].Extensions["field"] != "oldPassword" {
				t.Fatalf("guess %d: %+v", i, res.Errors)
			}
		}
		res := s.do(change, map[string]any{"o": "sanbao-demo", "n": "a-longer-secret"})
		if res.code() != "TOO_MANY_REQUESTS" || !contains(res.Errors[0].Message, "次数过多") {
			t.Fatalf("sixth try, with the right password: %+v", res.Errors)
		}
		// The session stays, and the throttle is this person's only.
		s.ok(`{viewer{name}}`, nil)
		other.ok(change, map[string]any{"o": "sanbao-demo", "n": "a-longer-secret"})
	})
}

// A phone number typed full-width (or pasted with a zero-width space) is the
// number it looks like, for signing in and for counting failures.
func TestLoginPhoneAsItLooks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		a := newAPI(t, db)
		login := `mutation($p:String!,$w:String!){login(phone:$p,password:$w){token}}`
		wide := strings.Map(func(r rune) rune { return r - '0' + '０' }, f.T1.Phone)
		if res := a.anon().do(login, map[string]any{"p": wide + "\u200b", "w": "sanbao-demo"}); str(res.Data, "login", "token") == "" {
			t.Fatalf("full-width phone: %+v", res.Errors)
		}
		for i := range 5 {
			phone := f.T2.Phone
			if i%2 == 1 {
				phone = "\ufeff" + phone
			}
			a.anon().do(login, map[string]any{"p": phone, "w": "wrong"})
		}
		if res := a.anon().do(login, map[string]any{"p": strings.Map(func(r rune) rune { return r - '0' + '０' }, f.T2.Phone), "w": "sanbao-demo"}); res.code() != "TOO_MANY_REQUESTS" {
			t.Errorf("failures under variants of one number were not counted together: %+v", res.Errors)
		}
	})
}
