package auth

import (
	"context"
	"crypto/rand"
	"math/big"

	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/session"
	"sanbao/fielderr"
)

// ErrSamePassword refuses "changing" a password to itself, which would keep a
// one-time password an admin has seen.
var ErrSamePassword = fielderr.New("newPassword", "新密码不能与原密码相同")

// otpAlphabet leaves out characters easily misread when copied from a screen
// (0/o, 1/l/i).
const otpAlphabet = "23456789abcdefghjkmnpqrstuvwxyz"

// otpLength gives about 50 bits, with five tries per phone in 15 minutes.
const otpLength = 10

// OneTimePassword returns a new random password to hand over once.
func OneTimePassword() string {
	b := make([]byte, otpLength)
	max := big.NewInt(int64(len(otpAlphabet)))
	for i := range b {
		n, err := rand.Int(rand.Reader, max)
		if err != nil {
			panic(err)
		}
		b[i] = otpAlphabet[n.Int64()]
	}
	return string(b)
}

// HashOneTimePassword returns a new one-time password and its hash, for a new
// person or a reset; the person must change it at first sign-in.
func (s *Service) HashOneTimePassword() (otp, hash string, err error) {
	otp = OneTimePassword()
	hash, err = s.HashPassword(otp)
	return otp, hash, err
}

// ResetPassword gives person id a one-time password, as the viewer in ctx
// (authz decides whether they manage that person), and ends the person's
// sessions. The password is returned once and stored only hashed.
func (s *Service) ResetPassword(ctx context.Context, c *ent.Client, id int) (string, error) {
	otp, hash, err := s.HashOneTimePassword()
	if err != nil {
		return "", err
	}
	if err := c.Person.UpdateOneID(id).SetPasswordHash(hash).SetMustChangePassword(true).Exec(ctx); err != nil {
		return "", err
	}
	return otp, s.EndSessions(ctx, c, id)
}

// EndSessions signs person id out everywhere: their sessions are deleted (in
// the transaction of c, if any); their cached viewers go when it commits.
func (s *Service) EndSessions(ctx context.Context, c *ent.Client, id int) error {
	_, err := c.Session.Delete().Where(session.PersonID(id)).Exec(authz.System(ctx))
	return err
}
