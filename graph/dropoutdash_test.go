package graph_test

import (
	"testing"

	"sanbao/internal/fixture"
	"sanbao/store"
	"sanbao/store/storetest"
)

// The 零辍学 dashboard through the API: the county sees its townships and
// schools; the principal sees the school; a teacher is refused the county
// (not found, like coverage).
func TestDropoutDashboardThroughTheAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := fixture.Build(t, db)
		a := newAPI(t, db)
		q := `query($d: String, $o: ID) { dropoutDashboard(divisionCode: $d, orgID: $o) { cutoff termStart
			total { label schoolAge studying studyingNowhere suspected dropouts absencesOpen absencesOverdue closedThisTerm }
			children { key label schoolAge } schools { label schoolAge } } }`
		d := a.login(aidCentre).ok(q, map[string]any{"d": county})
		if str(d, "dropoutDashboard", "total", "label") != "涿州市" || num(d, "dropoutDashboard", "total", "schoolAge") == 0 ||
			len(get(d, "dropoutDashboard", "children").([]any)) == 0 || len(get(d, "dropoutDashboard", "schools").([]any)) == 0 {
			t.Fatalf("county dashboard: %v", d)
		}
		tch := a.login(teacher)
		if r := tch.do(q, map[string]any{"d": county}); len(r.Errors) == 0 || get(r.Data, "dropoutDashboard") != nil {
			t.Fatalf("a teacher saw the county: %+v", r)
		}
		school := w.Org(t, "松林店镇中心校")
		s := a.login(principal).ok(q, map[string]any{"o": id(school.ID)})
		if str(s, "dropoutDashboard", "total", "label") != "松林店镇中心校" || num(s, "dropoutDashboard", "total", "schoolAge") == 0 {
			t.Fatalf("school dashboard: %v", s)
		}
	})
}
