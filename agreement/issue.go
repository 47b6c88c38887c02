package agreement

import (
	"context"
	"fmt"
	"time"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"sanbao/authz"
	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/agreement"
	"sanbao/ent/assignment"
	"sanbao/ent/org"
	"sanbao/ent/person"
	"sanbao/ent/position"
	"sanbao/fielderr"
	"sanbao/term"
)

// Skipped is a party that could not be issued an agreement.
type Skipped struct{ Name, Reason string }

// Result is what one issuing did.
type Result struct {
	Created, Existing []*ent.Agreement
	Skipped           []Skipped
}

type party struct {
	orgID    *int
	personID int
	name     string
	role     string
	signer   string
	kinder   bool // the school in the agreement is a kindergarten
}

func (p party) key() string {
	if p.orgID != nil {
		return fmt.Sprintf("org:%d", *p.orgID)
	}
	return fmt.Sprintf("person:%d", p.personID)
}

// KindsFor are the agreements a unit issues: a bureau to its schools, a school
// to its principal, deputies and contacts.
func KindsFor(o *ent.Org) []agreement.Kind {
	if o.Kind == org.KindSchool {
		return []agreement.Kind{agreement.KindSchoolPrincipal, agreement.KindSchoolDeputy, agreement.KindSchoolContact}
	}
	return []agreement.Kind{agreement.KindBureauSchool}
}

func isKindergarten(o *ent.Org) bool {
	return o != nil && o.SchoolType != nil && *o.SchoolType == org.SchoolTypeKindergarten
}

func staff(ctx context.Context, c *ent.Client, orgID int, roles ...position.Role) ([]*ent.Position, error) {
	return c.Position.Query().Where(position.OrgID(orgID), position.RoleIn(roles...), authz.ActivePosition()).
		WithPerson().Order(position.ByID()).All(ctx)
}

// parties lists who signs an agreement of kind with issuer.
func parties(ctx context.Context, c *ent.Client, issuer *ent.Org, kind agreement.Kind) ([]party, []Skipped, error) {
	var out []party
	var skipped []Skipped
	isSchool := issuer.Kind == org.KindSchool
	if (kind == agreement.KindBureauSchool) == isSchool {
		return nil, nil, fielderr.New("kinds", "%s 不能下发“%s”责任书", issuer.Name, Labels[kind])
	}
	switch kind {
	case agreement.KindBureauSchool:
		schools, err := c.Org.Query().Where(org.ParentID(issuer.ID), org.KindEQ(org.KindSchool)).
			WithPositions(func(q *ent.PositionQuery) {
				q.Where(position.RoleEQ(position.RolePrincipal), authz.ActivePosition()).WithPerson().Order(position.ByID())
			}).Order(org.ByDivisionCode(), org.ByID()).All(ctx)
		if err != nil {
			return nil, nil, err
		}
		for _, s := range schools {
			if len(s.Edges.Positions) == 0 {
				skipped = append(skipped, Skipped{s.Name, "没有" + authz.PositionLabel(position.RolePrincipal, s) + "，无人签署"})
				continue
			}
			p := s.Edges.Positions[0].Edges.Person
			id := s.ID
			out = append(out, party{orgID: &id, personID: p.ID, name: s.Name, role: authz.PositionLabel(position.RolePrincipal, s),
				signer: p.Name, kinder: isKindergarten(s)})
		}
	case agreement.KindSchoolPrincipal, agreement.KindSchoolDeputy:
		roles := []position.Role{position.RolePrincipal}
		if kind == agreement.KindSchoolDeputy {
			roles = []position.Role{position.RoleVicePrincipal, position.RoleDeputy}
		}
		ps, err := staff(ctx, c, issuer.ID, roles...)
		if err != nil {
			return nil, nil, err
		}
		seen := map[int]bool{}
		for _, p := range ps {
			if !seen[p.PersonID] {
				seen[p.PersonID] = true
				out = append(out, party{personID: p.PersonID, name: p.Edges.Person.Name, role: authz.PositionLabel(p.Role, issuer),
					signer: p.Edges.Person.Name, kinder: isKindergarten(issuer)})
			}
		}
	case agreement.KindSchoolContact:
		// Everyone at the school responsible for a village, household or
		// student, except the leaders, whose own agreements carry those duties.
		leaders, err := staff(ctx, c, issuer.ID, position.RolePrincipal, position.RoleVicePrincipal, position.RoleDeputy)
		if err != nil {
			return nil, nil, err
		}
		skip := map[int]bool{}
		for _, l := range leaders {
			skip[l.PersonID] = true
		}
		people, err := c.Person.Query().Where(person.HasPositionsWith(position.OrgID(issuer.ID), authz.ActivePosition()), func(s *sql.Selector) {
			t := sql.Table(assignment.Table)
			s.Where(sql.In(s.C(person.FieldID), sql.Select(t.C(assignment.FieldPersonID)).From(t).
				Where(sql.IsNull(t.C(assignment.FieldEndsAt)))))
		}).Order(person.ByID()).All(ctx)
		if err != nil {
			return nil, nil, err
		}
		for _, p := range people {
			if !skip[p.ID] {
				out = append(out, party{personID: p.ID, name: p.Name, role: "帮扶责任人", signer: p.Name, kinder: isKindergarten(issuer)})
			}
		}
	}
	return out, skipped, nil
}

// representative is the issuer's responsible person: a bureau's director, a
// school's principal.
func representative(ctx context.Context, c *ent.Client, issuer *ent.Org) string {
	role := position.RoleDirector
	if issuer.Kind == org.KindSchool {
		role = position.RolePrincipal
	}
	ps, err := staff(authz.System(ctx), c, issuer.ID, role)
	if err != nil || len(ps) == 0 {
		return ""
	}
	return ps[0].Edges.Person.Name
}

// Issue gives every party under issuer an agreement of each kind for the term
// chosen (term.Choose: "2026-2027学年" and "2026—2027学年" are one term),
// unless they already have one that is not void: issuing twice never duplicates.
func Issue(ctx context.Context, c *ent.Client, issuerID int, chosen string, kinds []agreement.Kind) (*Result, error) {
	v := authz.FromContext(ctx)
	if v == nil || v.PersonID == 0 {
		return nil, authz.ErrDenied
	}
	t, err := term.Choose("term", chosen, time.Now())
	if err != nil {
		return nil, err
	}
	label := t.String()
	issuer, err := c.Org.Get(ctx, issuerID)
	if err != nil {
		return nil, err
	}
	// Checked up front too: issuing again creates nothing for the policy to see.
	if err := authz.MayIssue(ctx, issuer); err != nil {
		return nil, err
	}
	if err := lockIssuer(ctx, c, issuer.ID); err != nil {
		return nil, err
	}
	if len(kinds) == 0 {
		kinds = KindsFor(issuer)
	}
	county := divcode.Subtree(issuer.DivisionCode, divcode.County).Lo
	rep := representative(ctx, c, issuer)
	res := &Result{}
	for _, kind := range kinds {
		ps, skipped, err := parties(ctx, c, issuer, kind)
		if err != nil {
			return nil, err
		}
		res.Skipped = append(res.Skipped, skipped...)
		have, err := c.Agreement.Query().Where(agreement.Term(label), agreement.KindEQ(kind),
			agreement.IssuerOrgID(issuer.ID), agreement.StateNEQ(agreement.StateVoid)).All(authz.System(ctx))
		if err != nil {
			return nil, err
		}
		byKey := map[string]*ent.Agreement{}
		for _, a := range have {
			byKey[a.PartyKey] = a
		}
		tpl, err := Effective(ctx, c, county, kind)
		if err != nil {
			return nil, err
		}
		var bulk []*ent.AgreementCreate
		for _, p := range ps {
			if a := byKey[p.key()]; a != nil {
				res.Existing = append(res.Existing, a)
				continue
			}
			bulk = append(bulk, build(c, v, issuer, rep, tpl, p, label))
		}
		created, err := c.Agreement.CreateBulk(bulk...).Save(ctx)
		if err != nil {
			return nil, err
		}
		res.Created = append(res.Created, created...)
	}
	return res, nil
}

// lockIssuer holds the issuer's row until the transaction ends, so that two
// issuings by one unit run one after the other and the second finds what the
// first issued instead of colliding with it. PostgreSQL: SELECT … FOR NO KEY
// UPDATE; SQLite's write transactions are exclusive already.
func lockIssuer(ctx context.Context, c *ent.Client, id int) error {
	_, err := c.Org.Query().Where(org.ID(id)).Select(org.FieldID).Modify(func(s *sql.Selector) {
		if s.Dialect() != dialect.SQLite {
			s.For(sql.LockNoKeyUpdate)
		}
	}).Ints(authz.System(ctx))
	return err
}

func build(c *ent.Client, v *authz.Viewer, issuer *ent.Org, rep string, t *ent.AgreementTemplate, p party, label string) *ent.AgreementCreate {
	title, text := Render(t, Parties{Issuer: issuer.Name, Representative: rep, Party: p.name, PartyRole: p.role, Signer: p.signer, Kindergarten: p.kinder}, label)
	return c.Agreement.Create().SetKind(agreement.Kind(t.Kind)).SetTerm(label).
		SetTemplateID(t.ID).SetTemplateVersion(t.Version).
		SetIssuerOrgID(issuer.ID).SetIssuerCode(issuer.DivisionCode).SetIssuerRepresentative(rep).
		SetNillablePartyOrgID(p.orgID).SetPartyPersonID(p.personID).SetPartyKey(p.key()).
		SetPartyName(p.name).SetPartyRole(p.role).
		SetTitle(title).SetText(text).SetContentHash(Hash(text)).SetIssuedByID(v.PersonID)
}

// Supersede voids an agreement with a reason and issues its correction from
// the current template; the new one names the one it supersedes.
func Supersede(ctx context.Context, c *ent.Client, id int, reason string) (*ent.Agreement, error) {
	v := authz.FromContext(ctx)
	old, err := c.Agreement.Query().Where(agreement.ID(id)).WithIssuerOrg().WithPartyPerson().WithPartyOrg().Only(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := Void(ctx, c, id, reason); err != nil {
		return nil, err
	}
	issuer := old.Edges.IssuerOrg
	t, err := Effective(ctx, c, divcode.Subtree(issuer.DivisionCode, divcode.County).Lo, old.Kind)
	if err != nil {
		return nil, err
	}
	p := party{orgID: old.PartyOrgID, personID: old.PartyPersonID, signer: old.Edges.PartyPerson.Name,
		name: old.PartyName, role: old.PartyRole, kinder: isKindergarten(old.Edges.PartyOrg) || isKindergarten(issuer)}
	return build(c, v, issuer, representative(ctx, c, issuer), t, p, old.Term).SetSupersedesID(old.ID).Save(ctx)
}
