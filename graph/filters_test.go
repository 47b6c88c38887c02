package graph_test

import (
	"fmt"
	"testing"

	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

// The registry screens filter in the data layer: households by a school their
// children attend, students by their household's status and by whether they
// need a contact person; the scope still applies.
func TestRegistryFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := fixture.BuildSmall(t, db)
		a := newAPI(t, db)
		admin := a.loginPerson(f.Admin)
		for _, c := range []struct {
			who   *session
			field string
			args  string
			want  []int
		}{
			{admin, "households", fmt.Sprintf(`, schoolID: %q`, id(f.C2.ID)), []int{f.H2.ID, f.H4.ID}},
			{admin, "households", fmt.Sprintf(`, schoolID: %q, divisionCode: %q`, id(f.C2.ID), f.V1.Code), []int{f.H2.ID}},
			{admin, "households", fmt.Sprintf(`, schoolID: %q, where: {guarantorIDIsNil: true}`, id(f.K.ID)), nil},
			{admin, "students", `, householdStatus: [MARGINAL]`, []int{f.S3.ID, f.S4.ID}},
			{admin, "students", `, householdStatus: [NOT_LIFTED, LIFTED], where: {stage: PRIMARY}`, []int{f.S1.ID, f.S2.ID, f.S5.ID, f.S6.ID}},
			{admin, "students", `, needsContact: true`, []int{f.S1.ID, f.S2.ID, f.S3.ID, f.S6.ID}},
			{admin, "students", `, needsContact: false`, []int{f.S4.ID, f.S5.ID}},
			{admin, "students", `, needsContact: true, divisionCode: "130681101000"`, nil},
			// C2's principal reads C2's students only: H1's child at C1 does not
			// make H1 a household "with a child at C1" for them.
			{a.loginPerson(f.P2), "households", fmt.Sprintf(`, schoolID: %q`, id(f.C1.ID)), nil},
			{a.loginPerson(f.P2), "households", fmt.Sprintf(`, schoolID: %q`, id(f.C2.ID)), []int{f.H2.ID, f.H4.ID}},
		} {
			got, total := all(c.who, c.field, c.args)
			var want []string
			for _, w := range c.want {
				want = append(want, id(w))
			}
			if !equalSets(got, want...) || total != len(want) {
				t.Errorf("%s(%s): got %v (total %d), want %v", c.field, c.args, got, total, want)
			}
		}
	})
}
