// Package inspect is inspection (抽查) and the problem list (问题清单): a city
// samples its counties and a county its schools each semester, reproducibly
// from a recorded seed; problems found are owned, rectified and accepted
// (销号), and a problem a unit already had rectified is marked 再犯.
// Who may do what is decided in authz (authz/inspect.go), never here.
package inspect

import (
	"context"
	crand "crypto/rand"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"sanbao/divcode"
	"sanbao/ent"
	"sanbao/ent/draw"
	"sanbao/ent/inspection"
	"sanbao/ent/org"
	"sanbao/fielderr"
	"sanbao/term"
)

// Default shares of the seed: a city samples 20% of its counties each
// semester, a county 30% of its schools.
const (
	CountyShare = 20
	SchoolShare = 30
)

// Service does the work; Now is the clock (injected in tests).
type Service struct {
	Client *ent.Client
	Now    func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// SampleSize is the share of n, rounded up.
func SampleSize(n, share int) int { return (n*share + 99) / 100 }

// pcgStream fixes the PCG stream, so the seed alone decides the draw.
const pcgStream = 0x73616e62616f // "sanbao"

// Sample draws n units of frame with a PCG generator seeded from seed: the
// same seed, frame and n always give the same sample, in frame order.
func Sample(seed int64, frame []int, n int) []int {
	n = min(n, len(frame))
	r := rand.New(rand.NewPCG(uint64(seed), pcgStream))
	idx := r.Perm(len(frame))[:n]
	slices.Sort(idx)
	out := make([]int, n)
	for i, j := range idx {
		out[i] = frame[j]
	}
	return out
}

// Verify draws d again from its recorded seed and frame and reports whether
// the same units come out.
func Verify(d *ent.Draw) bool {
	return slices.Equal(Sample(d.Seed, d.Frame, len(d.Sample)), d.Sample)
}

// DrawInput is what a city or county bureau gives to draw its sample.
type DrawInput struct {
	Semester        string
	OrgID           int    // the drawing bureau: a city draws counties, a county schools
	Share           int    // percent; 0 for the default
	Seed            *int64 // nil: a fresh random seed, recorded
	ExcludePrevious bool   // leave out units sampled last semester
	Unannounced     bool
}

// Draw draws a sample and keeps it as a draft until published.
func (s *Service) Draw(ctx context.Context, in DrawInput) (*ent.Draw, error) {
	sem, err := term.Canonical("semester", in.Semester)
	if err != nil {
		return nil, err
	}
	t, _ := term.Parse("semester", sem)
	if t.IsYear() {
		return nil, fielderr.New("semester", "抽查按学期进行，请选择学期")
	}
	o, err := s.Client.Org.Get(ctx, in.OrgID)
	if err != nil {
		return nil, fielderr.New("orgID", "未找到该单位")
	}
	var level draw.Level
	var kind org.Kind
	share := in.Share
	switch o.Kind {
	case org.KindCityBureau:
		level, kind = draw.LevelCounty, org.KindCountyBureau
		if share == 0 {
			share = CountyShare
		}
	case org.KindCountyBureau:
		level, kind = draw.LevelSchool, org.KindSchool
		if share == 0 {
			share = SchoolShare
		}
	default:
		return nil, fielderr.New("orgID", "只有市、县教育局可以抽查")
	}
	if share < 1 || share > 100 {
		return nil, fielderr.New("share", "抽查比例应在1%%至100%%之间")
	}
	r := divcode.SubtreeOf(o.DivisionCode)
	units, err := s.Client.Org.Query().
		Where(org.KindEQ(kind), org.DivisionCodeGTE(r.Lo), org.DivisionCodeLTE(r.Hi)).
		Order(org.ByDivisionCode(), org.ByID()).IDs(ctx)
	if err != nil {
		return nil, err
	}
	if len(units) == 0 {
		return nil, fielderr.New("orgID", "%s辖区内没有可抽查的单位", o.Name)
	}
	n := SampleSize(len(units), share)
	frame := units
	if in.ExcludePrevious {
		prev, err := s.Client.Draw.Query().Where(draw.DivisionCode(o.DivisionCode), draw.LevelEQ(level),
			draw.Semester(t.Prev().String()), draw.StateEQ(draw.StatePublished)).All(ctx)
		if err != nil {
			return nil, err
		}
		frame = slices.DeleteFunc(slices.Clone(units), func(id int) bool {
			return slices.ContainsFunc(prev, func(d *ent.Draw) bool { return slices.Contains(d.Sample, id) })
		})
	}
	seed := int64(0)
	if in.Seed != nil {
		seed = *in.Seed
	} else {
		var b [8]byte
		if _, err := crand.Read(b[:]); err != nil {
			return nil, err
		}
		seed = int64(binary.BigEndian.Uint64(b[:]) >> 1)
	}
	v := viewerID(ctx)
	return s.Client.Draw.Create().SetSemester(sem).SetLevel(level).SetDivisionCode(o.DivisionCode).
		SetOrgID(o.ID).SetSeed(seed).SetShare(share).SetExcludePrevious(in.ExcludePrevious).
		SetUnannounced(in.Unannounced).SetFrame(frame).SetSample(Sample(seed, frame, n)).
		SetDrawnByID(v).Save(ctx)
}

// Publish freezes a draft draw and plans an inspection of every unit in it.
func (s *Service) Publish(ctx context.Context, id int) (*ent.Draw, error) {
	var out *ent.Draw
	err := s.tx(ctx, func(ctx context.Context, c *ent.Client) error {
		n, err := c.Draw.Update().Where(draw.ID(id), draw.StateEQ(draw.StateDraft)).
			SetState(draw.StatePublished).SetPublishedAt(s.now()).Save(ctx)
		if err != nil {
			return err
		}
		d, err := c.Draw.Get(ctx, id)
		if err != nil {
			return fielderr.New("id", "未找到该抽查")
		}
		if n == 0 {
			if d.State == draw.StatePublished {
				return fielderr.New("id", "该抽查已发布，不能再次发布或修改")
			}
			return fmt.Errorf("inspect: draw %d not published", id)
		}
		units, err := c.Org.Query().Where(org.IDIn(d.Sample...)).Order(org.ByDivisionCode(), org.ByID()).All(ctx)
		if err != nil {
			return err
		}
		kind := inspection.KindAnnounced
		if d.Unannounced {
			kind = inspection.KindUnannounced
		}
		bulk := make([]*ent.InspectionCreate, len(units))
		for i, u := range units {
			bulk[i] = c.Inspection.Create().SetDrawID(d.ID).SetSemester(d.Semester).SetInspectorCode(d.DivisionCode).
				SetTargetOrgID(u.ID).SetTargetCode(u.DivisionCode).SetKind(kind)
		}
		if err := c.Inspection.CreateBulk(bulk...).Exec(ctx); err != nil {
			return err
		}
		out = d
		return nil
	})
	return out, err
}

// Record records an inspection as done, with its findings; from then on an
// unannounced inspection is visible to the unit.
func (s *Service) Record(ctx context.Context, id int, findings string) (*ent.Inspection, error) {
	n, err := s.Client.Inspection.Update().Where(inspection.ID(id), inspection.StateEQ(inspection.StatePlanned)).
		SetState(inspection.StateRecorded).SetFindings(findings).SetRecordedAt(s.now()).
		SetRecordedByID(viewerID(ctx)).Save(ctx)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, fielderr.New("id", "未找到待记录的该次检查")
	}
	return s.Client.Inspection.Get(ctx, id)
}
