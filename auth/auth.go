// Package auth signs people in and out, issues API tokens, and turns the
// bearer token of a request into the authz.Viewer it acts for.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"
	"golang.org/x/crypto/bcrypt"

	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/apitoken"
	"sanbao/ent/person"
	"sanbao/ent/position"
	"sanbao/ent/session"
	"sanbao/fielderr"
	"sanbao/invalidate"
	"sanbao/textnorm"
)

// Errors shown to users as they are.
var (
	ErrBadLogin        = errors.New("手机号或密码错误")
	ErrTooManyAttempts = errors.New("密码错误次数过多，请15分钟后再试")
	ErrBadOldPassword  = fielderr.New("oldPassword", "原密码错误")
	ErrExpired         = errors.New("登录已过期，请重新登录")
	ErrWeakPassword    = errors.New("新密码至少8位")
)

// APITokenPrefix marks integrator tokens, so a leaked one is recognisable.
const APITokenPrefix = "sbt_"

// Service holds what authentication needs.
type Service struct {
	Client      *ent.Client
	Policy      *authz.Policy
	SessionTTL  time.Duration
	BcryptCost  int
	viewers     *expirable.LRU[string, *authz.Viewer]
	bus         *invalidate.Bus
	gen         atomic.Uint64 // counts changes, so a viewer read before one is not cached after it
	limiter     *limiter
	dummyHashMu sync.Once
	dummyHash   []byte
}

// New returns a Service with 30-day sessions. Viewers are cached so a
// request costs no lookup; every change of positions, people, sessions,
// tokens or units evicts them at commit, in this process and (through the
// client's invalidate.Bus) in every other one. The TTL is a backstop for
// writes that bypass ent.
func New(client *ent.Client, policy *authz.Policy) *Service {
	s := &Service{
		Client: client, Policy: policy, SessionTTL: 30 * 24 * time.Hour, BcryptCost: bcrypt.DefaultCost,
		viewers: expirable.NewLRU[string, *authz.Viewer](10000, nil, 30*time.Second),
		limiter: newLimiter(5, 15*time.Minute),
		bus:     invalidate.Of(client),
	}
	s.bus.Subscribe(s.evict)
	return s
}

// evict drops the cached viewers a change concerns.
func (s *Service) evict(c invalidate.Change) {
	s.gen.Add(1)
	if c.Kind == invalidate.All {
		s.viewers.Purge()
		return
	}
	for _, k := range s.viewers.Keys() {
		v, ok := s.viewers.Peek(k)
		if ok && (c.Kind == invalidate.Person && v.PersonID == c.ID || c.Kind == invalidate.Token && v.TokenID == c.ID) {
			s.viewers.Remove(k)
		}
	}
}

func hashToken(t string) string {
	h := sha256.Sum256([]byte(t))
	return hex.EncodeToString(h[:])
}

func newToken(prefix string) string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

// HashPassword returns the bcrypt hash of pw.
func (s *Service) HashPassword(pw string) (string, error) {
	if len(pw) < 8 {
		return "", ErrWeakPassword
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pw), s.BcryptCost)
	return string(h), err
}

// Login checks phone and password and opens a session.
func (s *Service) Login(ctx context.Context, phone, password, client string) (token string, expires time.Time, v *authz.Viewer, err error) {
	// As stored: typed full-width or pasted with invisible characters, it is
	// the same number, with the same count of failures.
	phone = textnorm.Key(phone)
	if !s.limiter.allow(phone) || !s.limiter.allow("ip:"+client) {
		return "", time.Time{}, nil, ErrTooManyAttempts
	}
	sys := authz.System(ctx)
	p, err := s.Client.Person.Query().Where(person.Phone(phone), person.Active(true)).Only(sys)
	hash := []byte(nil)
	if err == nil && p.PasswordHash != "" {
		hash = []byte(p.PasswordHash)
	} else {
		// Spend the same time on unknown numbers, so timing does not tell.
		s.dummyHashMu.Do(func() { s.dummyHash, _ = bcrypt.GenerateFromPassword([]byte("x"), s.BcryptCost) })
		hash = s.dummyHash
	}
	if bcrypt.CompareHashAndPassword(hash, []byte(password)) != nil || p == nil || p.PasswordHash == "" {
		s.limiter.fail(phone)
		s.limiter.fail("ip:" + client)
		return "", time.Time{}, nil, ErrBadLogin
	}
	s.limiter.reset(phone)
	token = newToken("")
	expires = time.Now().Add(s.SessionTTL)
	if _, err := s.Client.Session.Create().SetTokenHash(hashToken(token)).SetPersonID(p.ID).
		SetExpiresAt(expires).Save(sys); err != nil {
		return "", time.Time{}, nil, err
	}
	v, err = s.personViewer(ctx, p)
	return token, expires, v, err
}

// Logout ends the session of token.
func (s *Service) Logout(ctx context.Context, token string) error {
	h := hashToken(token)
	_, err := s.Client.Session.Delete().Where(session.TokenHash(h)).Exec(authz.System(ctx))
	return err
}

// ChangePassword sets a new password after checking the old one, and ends the
// person's other sessions. Wrong old passwords are throttled per person as
// sign-in is per phone: a stolen session must not become a way to guess the
// password (and with it every other sign-in of that person).
func (s *Service) ChangePassword(ctx context.Context, personID int, old, new, keepToken string) error {
	key := fmt.Sprintf("person:%d", personID)
	if !s.limiter.allow(key) {
		return ErrTooManyAttempts
	}
	sys := authz.System(ctx)
	p, err := s.Client.Person.Get(sys, personID)
	if err != nil {
		return err
	}
	if bcrypt.CompareHashAndPassword([]byte(p.PasswordHash), []byte(old)) != nil {
		s.limiter.fail(key)
		return ErrBadOldPassword
	}
	s.limiter.reset(key)
	if new == old {
		return ErrSamePassword
	}
	h, err := s.HashPassword(new)
	if err != nil {
		return err
	}
	if err := s.Client.Person.UpdateOneID(personID).SetPasswordHash(h).SetMustChangePassword(false).Exec(sys); err != nil {
		return err
	}
	_, err = s.Client.Session.Delete().
		Where(session.PersonID(personID), session.TokenHashNEQ(hashToken(keepToken))).Exec(sys)
	return err
}

// Viewer resolves a bearer token (a session or an API token).
func (s *Service) Viewer(ctx context.Context, token string) (*authz.Viewer, error) {
	h := hashToken(token)
	live := s.bus.Live()
	if v, ok := s.viewers.Get(h); ok && live {
		return v, nil
	}
	gen := s.gen.Load()
	var v *authz.Viewer
	var err error
	if strings.HasPrefix(token, APITokenPrefix) {
		v, err = s.tokenViewer(ctx, h)
	} else {
		v, err = s.sessionViewer(ctx, h)
	}
	if err != nil {
		return nil, err
	}
	if live && s.gen.Load() == gen {
		s.viewers.Add(h, v)
	}
	return v, nil
}

func (s *Service) sessionViewer(ctx context.Context, h string) (*authz.Viewer, error) {
	sys := authz.System(ctx)
	se, err := s.Client.Session.Query().Where(session.TokenHash(h)).WithPerson().Only(sys)
	if err != nil || se.ExpiresAt.Before(time.Now()) || !se.Edges.Person.Active {
		return nil, ErrExpired
	}
	return s.personViewer(ctx, se.Edges.Person)
}

func (s *Service) tokenViewer(ctx context.Context, h string) (*authz.Viewer, error) {
	sys := authz.System(ctx)
	t, err := s.Client.APIToken.Query().Where(apitoken.TokenHash(h)).Only(sys)
	now := time.Now()
	if err != nil || t.RevokedAt != nil || (t.ExpiresAt != nil && t.ExpiresAt.Before(now)) {
		return nil, ErrExpired
	}
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) > time.Hour {
		s.Client.APIToken.UpdateOneID(t.ID).SetLastUsedAt(now).Exec(sys)
	}
	return authz.NewTokenViewer(s.Policy, t.ID, t.Name, t.DivisionCode, t.CanWrite), nil
}

// PersonViewer builds the viewer of a person from their positions.
func (s *Service) PersonViewer(ctx context.Context, personID int) (*authz.Viewer, error) {
	p, err := s.Client.Person.Get(authz.System(ctx), personID)
	if err != nil {
		return nil, err
	}
	return s.personViewer(ctx, p)
}

func (s *Service) personViewer(ctx context.Context, p *ent.Person) (*authz.Viewer, error) {
	ps, err := s.Client.Position.Query().Where(position.PersonID(p.ID), authz.ActivePosition()).WithOrg().All(authz.System(ctx))
	if err != nil {
		return nil, err
	}
	out := make([]authz.Position, 0, len(ps))
	for _, x := range ps {
		o := x.Edges.Org
		out = append(out, authz.Position{
			ID: x.ID, Role: x.Role, OrgID: o.ID, OrgName: o.Name, OrgKind: o.Kind, Central: o.IsCentral,
			DivisionCode: o.DivisionCode, Grade: x.Grade, ClassName: x.ClassName,
		})
	}
	v := authz.NewPersonViewer(s.Policy, p.ID, p.Name, out)
	if p.MustChangePassword {
		v.RequirePasswordChange(s.Policy)
	}
	return v, nil
}

// NewAPIToken creates an integrator token over a division, as the viewer in
// ctx (the policy checks the division is theirs). The token is returned once.
func (s *Service) NewAPIToken(ctx context.Context, name string, divisionID int, canWrite bool, expires *time.Time) (string, *ent.APIToken, error) {
	v := authz.FromContext(ctx)
	if v == nil || v.PersonID == 0 {
		return "", nil, authz.ErrDenied
	}
	d, err := s.Client.Division.Get(ctx, divisionID)
	if err != nil {
		return "", nil, err
	}
	token := newToken(APITokenPrefix)
	t, err := s.Client.APIToken.Create().SetName(name).SetTokenHash(hashToken(token)).
		SetDivisionID(d.ID).SetDivisionCode(d.Code).SetCanWrite(canWrite).
		SetCreatedByID(v.PersonID).SetNillableExpiresAt(expires).Save(ctx)
	if err != nil {
		return "", nil, err
	}
	return token, t, nil
}

// limiter counts failed sign-ins per key in a sliding window.
type limiter struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	fails  map[string][]time.Time
}

func newLimiter(max int, window time.Duration) *limiter {
	return &limiter{max: max, window: window, fails: map[string][]time.Time{}}
}

func (l *limiter) recent(key string) []time.Time {
	cut := time.Now().Add(-l.window)
	fs := l.fails[key]
	i := 0
	for i < len(fs) && fs[i].Before(cut) {
		i++
	}
	fs = fs[i:]
	if len(fs) == 0 {
		delete(l.fails, key)
	} else {
		l.fails[key] = fs
	}
	return fs
}

func (l *limiter) allow(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	max := l.max
	if strings.HasPrefix(key, "ip:") {
		max = l.max * 10
	}
	return len(l.recent(key)) < max
}

func (l *limiter) fail(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.fails[key] = append(l.recent(key), time.Now())
}

func (l *limiter) reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.fails, key)
}
