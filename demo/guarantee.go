package demo

import (
	"fmt"
	"time"

	"sanbao/contactlog"
	"sanbao/coverage"
	"sanbao/ent"
	"sanbao/ent/assignment"
	"sanbao/ent/contact"
	"sanbao/ent/household"
	"sanbao/ent/org"
	"sanbao/ent/position"
	"sanbao/ent/student"
)

// The demo county's three guarantees are partly done, as a county's are in
// practice: most villages, registered households and students needing a
// contact person have one, a few do not, and this month's visits are under way.
const (
	villageShare   = 92 // percent of villages with a guarantor
	householdShare = 94
	studentShare   = 91
	monthsOfVisits = 3
)

type staffAt struct {
	leaders  []int // principals, vice principals, heads of central schools
	teachers []int
}

func (b *builder) staffBySchool() map[int]*staffAt {
	out := map[int]*staffAt{}
	ps := b.c.Position.Query().Where(position.HasOrgWith(org.KindEQ(org.KindSchool), org.DivisionCodeHasPrefix(b.cfg.County[:6]))).
		Order(position.ByID()).AllX(b.ctx)
	for _, p := range ps {
		s := out[p.OrgID]
		if s == nil {
			s = &staffAt{}
			out[p.OrgID] = s
		}
		switch p.Role {
		case position.RolePrincipal, position.RoleVicePrincipal, position.RoleCentralHead, position.RoleDeputy:
			s.leaders = append(s.leaders, p.PersonID)
		case position.RoleTeacher:
			s.teachers = append(s.teachers, p.PersonID)
		}
	}
	return out
}

func (b *builder) pick(ids []int) int { return ids[b.r.IntN(len(ids))] }

func (b *builder) assign(kind assignment.Kind, person int, set func(*ent.AssignmentCreate)) {
	q := b.c.Assignment.Create().SetKind(kind).SetPersonID(person).SetAssignedByID(b.adminID).
		SetStartsAt(b.start)
	set(q)
	q.ExecX(b.ctx)
}

// guarantees assigns villages, households and students, then logs visits.
func (b *builder) guarantees() error {
	staff := b.staffBySchool()
	townshipOf := map[string]int{} // township code -> township id
	for _, t := range b.townships {
		townshipOf[t.Code[:9]] = t.ID
	}
	// 包村: the central school's leaders guarantee the township's villages.
	for _, t := range b.townships {
		leaders := staff[b.central[t.ID].ID].leaders
		for _, v := range b.villages[t.ID] {
			if b.r.IntN(100) < villageShare {
				b.assign(assignment.KindVillage, b.pick(leaders), func(q *ent.AssignmentCreate) { q.SetVillageID(v.ID) })
			}
		}
	}
	// 包户: teachers of the township's schools; the demo teacher takes a share
	// of 松林店镇's families.
	teachersIn := map[int][]int{}
	for _, t := range b.townships {
		for _, o := range []*ent.Org{b.central[t.ID], b.junior[t.ID]} {
			if o != nil {
				teachersIn[t.ID] = append(teachersIn[t.ID], staff[o.ID].teachers...)
			}
		}
	}
	demoTeacher := 0
	if b.cfg.DemoAccounts {
		demoTeacher = b.c.Person.Query().Where(personPhone("13900000003")).OnlyIDX(b.ctx)
	}
	households := b.c.Household.Query().Where(coverage.Registered(), household.VillageCodeHasPrefix(b.cfg.County[:6])).
		Order(household.ByID()).AllX(b.ctx)
	mine := 0
	for _, h := range households {
		if b.r.IntN(100) >= householdShare {
			continue
		}
		t := townshipOf[h.VillageCode[:9]]
		who := b.pick(teachersIn[t])
		if demoTeacher != 0 && h.VillageCode[:9] == "130681100" && mine < 9 && b.r.IntN(3) == 0 {
			who = demoTeacher
			mine++
		}
		b.assign(assignment.KindHousehold, who, func(q *ent.AssignmentCreate) { q.SetHouseholdID(h.ID) })
	}
	// 包人: a teacher of the school where the student is enrolled, or of the
	// central school for those studying outside the county.
	students := b.c.Student.Query().Where(coverage.NeedsContact(), student.VillageCodeHasPrefix(b.cfg.County[:6])).
		Order(student.ByID()).AllX(b.ctx)
	for _, s := range students {
		if b.r.IntN(100) >= studentShare {
			continue
		}
		school := b.central[townshipOf[s.VillageCode[:9]]].ID
		if s.SchoolID != nil {
			school = *s.SchoolID
		}
		st := staff[school]
		if st == nil || len(st.teachers)+len(st.leaders) == 0 {
			continue
		}
		who := make([]int, 0, len(st.teachers)+len(st.leaders))
		for _, p := range append(append([]int{}, st.teachers...), st.leaders...) {
			if p != demoTeacher {
				who = append(who, p)
			}
		}
		pick := b.pick(who)
		// The demo teacher, head teacher of 四年级2班, contacts her class.
		if demoTeacher != 0 && s.SchoolID != nil && *s.SchoolID == b.central[townshipOf["130681100"]].ID &&
			s.Grade != nil && *s.Grade == 4 && s.ClassName == "2班" {
			pick = demoTeacher
		}
		b.assign(assignment.KindStudent, pick, func(q *ent.AssignmentCreate) { q.SetStudentID(s.ID) })
	}
	return b.visits()
}

// visits logs the monthly contacts of the last months by each guarantor;
// this month's round is about half done.
func (b *builder) visits() error {
	hs := b.c.Household.Query().Where(household.GuarantorIDNotNil(), household.VillageCodeHasPrefix(b.cfg.County[:6])).
		Order(household.ByID()).AllX(b.ctx)
	today := b.today
	modes := []contact.Mode{contact.ModeHomeVisit, contact.ModePhone, contact.ModeWechat, contact.ModeSchoolMeeting}
	var batch []*ent.ContactCreate
	flush := func() {
		if len(batch) > 0 {
			b.c.Contact.CreateBulk(batch...).ExecX(b.ctx)
			batch = batch[:0]
		}
	}
	for _, h := range hs {
		for m := monthsOfVisits - 1; m >= 0; m-- {
			first := time.Date(today.Year(), today.Month()-time.Month(m), 1, 0, 0, 0, 0, contactlog.China)
			days := 28
			chance := 88
			if m == 0 {
				days, chance = today.Day(), 50
			}
			if b.r.IntN(100) >= chance {
				continue
			}
			date := first.AddDate(0, 0, b.r.IntN(days))
			q := b.c.Contact.Create().SetUUID(b.uuid()).SetHouseholdID(h.ID).SetPersonID(*h.GuarantorID).
				SetRecordedByID(*h.GuarantorID).SetDate(date.Format("2006-01-02")).
				SetMode(weighted(b.r, modes, []int{50, 35, 10, 5})).SetLearnedSituation(true)
			if b.r.IntN(3) == 0 {
				q.SetAidApplied([]string{contactlog.AidKinds[b.r.IntN(len(contactlog.AidKinds))]})
			}
			q.SetPoliciesExplained([]string{contactlog.Policies[b.r.IntN(len(contactlog.Policies))]})
			batch = append(batch, q)
			if len(batch) == 500 {
				flush()
			}
		}
	}
	flush()
	return nil
}

// uuid is a deterministic version-4 style UUID from the builder's random source.
func (b *builder) uuid() string {
	x, y := b.r.Uint64(), b.r.Uint64()
	return fmt.Sprintf("%08x-%04x-4%03x-%04x-%012x", x>>32, (x>>16)&0xffff, x&0xfff, 0x8000|(y>>48)&0x3fff, y&0xffffffffffff)
}
