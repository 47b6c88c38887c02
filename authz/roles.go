package authz

import (
	"sanbao/ent/org"
	"sanbao/ent/position"
)

// Role keys used in policy.csv.
const (
	RoleUser          = "user"
	RoleAreaReader    = "area_reader"
	RoleCountyAdmin   = "county_admin"
	RoleCountyAid     = "county_aid"
	RoleProvinceAid   = "province_aid"
	RoleOverseer      = "overseer"
	RoleInspector     = "inspector"
	RoleSchoolReader  = "school_reader"
	RoleSchoolLeader  = "school_leader"
	RoleCentralLeader = "central_leader"
	RoleTeacher       = "teacher"
	RoleHeadTeacher   = "head_teacher"
	RoleAPIReader     = "api_reader"
	RoleAPIWriter     = "api_writer"
)

// RoleLabels are the users' own names for the roles.
var RoleLabels = map[string]string{
	RoleCountyAdmin:   "县级教育部门",
	RoleCountyAid:     "学生资助管理中心",
	RoleProvinceAid:   "省级学生资助管理",
	RoleOverseer:      "市/省级教育部门",
	RoleInspector:     "督导",
	RoleSchoolLeader:  "学校领导/资助专干",
	RoleCentralLeader: "乡镇中心校",
	RoleTeacher:       "教师",
	RoleHeadTeacher:   "班主任",
	RoleAPIReader:     "接口（只读）",
	RoleAPIWriter:     "接口（读写）",
}

// PositionRoles maps one position (a role at a unit) to policy roles. A
// combination that makes no sense (a head teacher at a bureau) grants nothing.
func PositionRoles(r position.Role, kind org.Kind, central bool) []string {
	switch kind {
	case org.KindCountyBureau:
		switch r {
		case position.RoleDirector, position.RoleDeputy:
			return []string{RoleCountyAdmin}
		case position.RoleAidOfficer:
			return []string{RoleCountyAid}
		case position.RoleInspector:
			return []string{RoleInspector}
		}
	case org.KindCityBureau, org.KindProvinceDept:
		switch r {
		case position.RoleDirector, position.RoleDeputy, position.RoleAidOfficer:
			// The province's leaders and aid staff keep its aid catalog.
			if kind == org.KindProvinceDept {
				return []string{RoleOverseer, RoleProvinceAid}
			}
		}
		switch r {
		case position.RoleInspector:
			return []string{RoleInspector}
		case position.RoleDirector, position.RoleDeputy, position.RoleAidOfficer:
			return []string{RoleOverseer}
		}
	case org.KindSchool:
		switch r {
		case position.RolePrincipal, position.RoleVicePrincipal, position.RoleDeputy, position.RoleAidOfficer:
			// The leaders and aid staff of a central school also keep the
			// village ledger of its township.
			if central {
				return []string{RoleSchoolLeader, RoleCentralLeader}
			}
			return []string{RoleSchoolLeader}
		case position.RoleCentralHead:
			if central {
				return []string{RoleSchoolLeader, RoleCentralLeader}
			}
		case position.RoleHeadTeacher:
			return []string{RoleHeadTeacher}
		case position.RoleTeacher:
			return []string{RoleTeacher}
		}
	}
	return nil
}
