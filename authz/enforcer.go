package authz

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/casbin/casbin/v2"
	"github.com/casbin/casbin/v2/model"
	stringadapter "github.com/casbin/casbin/v2/persist/string-adapter"
)

//go:embed model.conf
var modelText string

//go:embed policy.csv
var policyText string

// Objects and actions named in policy.csv.
const (
	ObjDivision   = "division"
	ObjOrg        = "org"
	ObjPerson     = "person"
	ObjPosition   = "position"
	ObjHousehold  = "household"
	ObjStudent    = "student"
	ObjAuditLog   = "auditlog"
	ObjAPIToken   = "apitoken"
	ObjAssignment = "assignment"
	ObjContact    = "contact"
	ObjAgreement  = "agreement"
	ObjTemplate   = "agreementtemplate"
	ObjImportJob  = "importjob"
	ObjDropout    = "dropout"
	ObjAbsence    = "absence"
	ObjHeads      = "divisioncontact"
	ObjAidPolicy  = "aidpolicy"

	ActRead            = "read"
	ActWrite           = "write"
	ActWriteEnrollment = "write_enrollment"
	ActRevealID        = "reveal_id"
	ActIssue           = "issue"
	ActSign            = "sign"
	ActClose           = "close"
	ActCheck           = "check"
	// The province's catalog and a county's own top-ups (资助政策).
	ActEditCatalog = "edit_catalog"
	ActEditTopUps  = "edit_topups"
)

// Scope kinds named in policy.csv.
const (
	KindAll      = "all"
	KindArea     = "area"
	KindTownship = "township"
	KindSchool   = "school"
	KindSelf     = "self"
	KindAssigned = "assigned"
	KindClass    = "class"
	// KindPlace is the division of each of the viewer's positions: what
	// applies there (the province's and the county's aid catalog).
	KindPlace = "place"
)

// Perm is an action on an object.
type Perm struct{ Object, Action string }

// grant is one line of policy reached by a role: the action and its scope kind.
type grant struct {
	Perm
	Kind string
}

// Policy is the loaded casbin enforcer with each role's grants resolved once,
// so a request costs map lookups, never an Enforce per row.
type Policy struct {
	enforcer *casbin.Enforcer
	mu       sync.Mutex
	byRole   map[string][]grant
}

// LoadPolicy reads the embedded model and policy.
func LoadPolicy() (*Policy, error) {
	m, err := model.NewModelFromString(modelText)
	if err != nil {
		return nil, fmt.Errorf("authz model: %w", err)
	}
	e, err := casbin.NewEnforcer(m, stringadapter.NewAdapter(policyText))
	if err != nil {
		return nil, fmt.Errorf("authz policy: %w", err)
	}
	return &Policy{enforcer: e, byRole: map[string][]grant{}}, nil
}

// Enforce answers whether role may do act on obj under any scope.
func (p *Policy) Enforce(role, obj, act string) bool {
	ok, err := p.enforcer.Enforce(role, obj, act)
	return err == nil && ok
}

// grants lists what role may do, including what it inherits.
func (p *Policy) grants(role string) []grant {
	p.mu.Lock()
	defer p.mu.Unlock()
	if gs, ok := p.byRole[role]; ok {
		return gs
	}
	rows, err := p.enforcer.GetImplicitPermissionsForUser(role)
	if err != nil {
		return nil
	}
	gs := make([]grant, 0, len(rows))
	for _, r := range rows {
		if len(r) < 4 {
			continue
		}
		gs = append(gs, grant{Perm: Perm{Object: r[1], Action: r[2]}, Kind: r[3]})
	}
	p.byRole[role] = gs
	return gs
}

var (
	defaultOnce   sync.Once
	defaultPolicy *Policy
)

// Default is the policy shipped with sanbao; it panics if the embedded files
// are broken, which the tests catch.
func Default() *Policy {
	defaultOnce.Do(func() {
		p, err := LoadPolicy()
		if err != nil {
			panic(err)
		}
		defaultPolicy = p
	})
	return defaultPolicy
}
