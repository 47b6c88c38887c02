package demo

import (
	"bytes"
	"context"
	"encoding/base64"
	"image"
	"image/color"
	"image/png"
	"math"

	"sanbao/agreement"
	"sanbao/auth"
	"sanbao/authz"
	"sanbao/ent"
	entagreement "sanbao/ent/agreement"
	"sanbao/ent/org"
	"sanbao/ent/position"
)

// agreements issues this school year's agreements layer by layer, as the
// county director and each school's principal would, and signs most of them:
// the completion view has real gaps, and the demo teacher's is still unsigned.
func (b *builder) agreements() error {
	term := agreement.CurrentTerm(b.today)
	asPerson := b.asPerson
	ctx, err := asPerson(b.adminID)
	if err != nil {
		return err
	}
	if _, err := agreement.Issue(ctx, b.c, b.bureau.ID, term, nil); err != nil {
		return err
	}
	schools := b.c.Org.Query().Where(org.ParentID(b.bureau.ID), org.KindEQ(org.KindSchool)).
		WithPositions(func(q *ent.PositionQuery) { q.Where(position.RoleEQ(position.RolePrincipal)).Order(position.ByID()) }).
		Order(org.ByID()).AllX(b.ctx)
	for _, s := range schools {
		if len(s.Edges.Positions) == 0 {
			continue
		}
		ctx, err := asPerson(s.Edges.Positions[0].PersonID)
		if err != nil {
			return err
		}
		if _, err := agreement.Issue(ctx, b.c, s.ID, term, nil); err != nil {
			return err
		}
	}
	demoTeacher := 0
	if b.cfg.DemoAccounts {
		demoTeacher = b.c.Person.Query().Where(personPhone("13900000003")).OnlyIDX(b.ctx)
	}
	all := b.c.Agreement.Query().Where(entagreement.Term(term), entagreement.StateEQ(entagreement.StateIssued),
		entagreement.IssuerCodeHasPrefix(b.cfg.County[:6])).WithPartyPerson().Order(entagreement.ByID()).AllX(b.ctx)
	for _, a := range all {
		share := 75
		if a.Kind == entagreement.KindBureauSchool {
			share = 88
		}
		if a.PartyPersonID == demoTeacher || b.r.IntN(100) >= share {
			continue
		}
		ctx, err := asPerson(a.PartyPersonID)
		if err != nil {
			return err
		}
		if _, err := agreement.Sign(ctx, b.c, a.ID, a.Edges.PartyPerson.Name, b.signature()); err != nil {
			return err
		}
	}
	return nil
}

// asPerson is the context of person id acting through the app.
func (b *builder) asPerson(id int) (context.Context, error) {
	if b.auth == nil {
		b.auth = auth.New(b.c, authz.Default())
	}
	v, err := b.auth.PersonViewer(b.ctx, id)
	if err != nil {
		return nil, err
	}
	return authz.NewContext(b.ctx, v), nil
}

// signature is one of a few drawn pen strokes, as a signing phone would send.
func (b *builder) signature() string {
	if len(b.signatures) < 8 {
		b.signatures = append(b.signatures, b.drawSignature())
	}
	return b.signatures[b.r.IntN(len(b.signatures))]
}

func (b *builder) drawSignature() string {
	img := image.NewNRGBA(image.Rect(0, 0, 360, 120))
	amp, freq, phase := 15+b.r.Float64()*20, 0.03+b.r.Float64()*0.05, b.r.Float64()*6
	for x := 30; x < 330; x++ {
		y := 60 + int(amp*math.Sin(float64(x)*freq+phase))
		for w := 0; w < 3; w++ {
			img.Set(x, y+w, color.NRGBA{20, 20, 60, 255})
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())
}
