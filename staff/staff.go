// Package staff keeps people and their positions (人员与任职): adding a person
// with a one-time password, giving and ending positions, moving a person to
// another unit (调动) and deactivating one who leaves (离职), with history
// kept. Who may do each is decided by authz (policy.csv, authz/staff.go) in
// the data layer; this package holds the rules of the changes themselves.
package staff

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"time"

	"golang.org/x/text/width"

	"sanbao/auth"
	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/person"
	"sanbao/ent/position"
	"sanbao/fielderr"
)

// Reasons a position (and the assignments it carried) ends.
const (
	ReasonMoved = "调动"
	ReasonLeft  = "离职"
	// ReasonEnded is the default for ending one position (免职, 不再担任).
	ReasonEnded = "免职"
)

// NewPosition is a role to give at a unit; Grade and ClassName name the class
// of a head teacher (班主任).
type NewPosition struct {
	OrgID     int
	Role      position.Role
	Grade     *int
	ClassName string
}

// NewPerson is someone to add, with their first positions.
type NewPerson struct {
	Name      string
	Phone     string
	Positions []NewPosition
}

var phonePattern = regexp.MustCompile(`^1[3-9][0-9]{9}$`)

// NormalizePhone accepts a mobile number as people type or paste it: full-width
// digits, spaces, dashes, a +86 prefix.
func NormalizePhone(s string) (string, error) {
	s = width.Narrow.String(strings.TrimSpace(s))
	s = strings.NewReplacer(" ", "", "-", "", "\u00a0", "").Replace(s)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "+86"), "0086")
	if !phonePattern.MatchString(s) {
		return "", fielderr.New("phone", "手机号应为11位手机号码")
	}
	return s, nil
}

// NormalizeName trims a name and checks its length.
func NormalizeName(s string) (string, error) {
	s = strings.Join(strings.Fields(s), " ")
	switch n := len([]rune(s)); {
	case n == 0:
		return "", fielderr.New("name", "请填写姓名")
	case n > 32:
		return "", fielderr.New("name", "姓名不超过32个字")
	}
	return s, nil
}

// load returns person id if the viewer may see them, and whether they may
// manage them: out of sight is "not found", in sight but not theirs is
// refused.
func load(ctx context.Context, c *ent.Client, id int) (*ent.Person, error) {
	p, err := c.Person.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if !p.Active {
		return nil, errLeft(p)
	}
	return p, leftMeanwhile(ctx, c, p, authz.MayManage(ctx, c, id))
}

// leftMeanwhile tells a refusal because the person left in the meantime (a
// departure committed by someone else a moment ago) as that, not as a lack of
// rights.
func leftMeanwhile(ctx context.Context, c *ent.Client, p *ent.Person, err error) error {
	if !errors.Is(err, authz.ErrDenied) {
		return err
	}
	if gone, qerr := c.Person.Query().Where(person.ID(p.ID), person.Active(false)).Exist(authz.System(ctx)); qerr == nil && gone {
		return errLeft(p)
	}
	return err
}

// conflictOnPhone answers a number someone already signs in with (the unique
// index decides, also between two adds at once). It does not say who: that
// person may be outside the caller's scope.
func conflictOnPhone(err error, phone string) error {
	if ent.IsConstraintError(err) && strings.Contains(err.Error(), "phone") {
		return fielderr.New("phone", "手机号 %s 已被使用（包括已离职人员）", phone)
	}
	return err
}

// Add creates a person with a one-time password and their first positions, as
// the viewer in ctx; the password is returned once.
func Add(ctx context.Context, c *ent.Client, a *auth.Service, in NewPerson) (*ent.Person, string, error) {
	name, err := NormalizeName(in.Name)
	if err != nil {
		return nil, "", err
	}
	phone, err := NormalizePhone(in.Phone)
	if err != nil {
		return nil, "", err
	}
	if len(in.Positions) == 0 {
		return nil, "", fielderr.New("positions", "请至少填写一个职务")
	}
	otp, hash, err := a.HashOneTimePassword()
	if err != nil {
		return nil, "", err
	}
	p, err := c.Person.Create().SetName(name).SetPhone(phone).SetPasswordHash(hash).
		SetMustChangePassword(true).Save(ctx)
	if err != nil {
		return nil, "", conflictOnPhone(err, phone)
	}
	for _, np := range in.Positions {
		if _, err := give(ctx, c, p.ID, np, time.Now()); err != nil {
			return nil, "", err
		}
	}
	return p, otp, nil
}

// Edit changes a person's name or phone (the phone is their sign-in).
func Edit(ctx context.Context, c *ent.Client, id int, name, phone *string) (*ent.Person, error) {
	if _, err := load(ctx, c, id); err != nil {
		return nil, err
	}
	u := c.Person.UpdateOneID(id)
	if name != nil {
		n, err := NormalizeName(*name)
		if err != nil {
			return nil, err
		}
		u.SetName(n)
	}
	var ph string
	if phone != nil {
		var err error
		if ph, err = NormalizePhone(*phone); err != nil {
			return nil, err
		}
		u.SetPhone(ph)
	}
	p, err := u.Save(ctx)
	return p, conflictOnPhone(err, ph)
}

// Give gives person id a position, as the viewer in ctx; it applies to
// their next request once committed (see package invalidate).
func Give(ctx context.Context, c *ent.Client, a *auth.Service, personID int, np NewPosition) (*ent.Position, error) {
	p, err := give(ctx, c, personID, np, time.Now())
	if err != nil {
		return nil, err
	}
	return p, nil
}

func give(ctx context.Context, c *ent.Client, personID int, np NewPosition, at time.Time) (*ent.Position, error) {
	q := c.Position.Create().SetPersonID(personID).SetOrgID(np.OrgID).SetRole(np.Role).SetStartedAt(at)
	if np.Role == position.RoleHeadTeacher {
		g, class, err := checkClass(np.Grade, np.ClassName)
		if err != nil {
			return nil, err
		}
		q.SetGrade(g).SetClassName(class)
	}
	held, err := c.Position.Query().Where(position.PersonID(personID), position.OrgID(np.OrgID),
		position.RoleEQ(np.Role), authz.ActivePosition()).Exist(authz.System(ctx))
	if err != nil {
		return nil, err
	}
	if held {
		return nil, fielderr.New("role", "该人员已在该单位担任此职务")
	}
	p, err := q.Save(ctx)
	if ent.IsConstraintError(err) {
		return nil, fielderr.New("role", "该人员已在该单位担任此职务")
	}
	return p, err
}

// checkClass validates a head teacher's class: a grade 1–12 and a class name
// such as 2班 (a bare number gets 班).
func checkClass(grade *int, class string) (int, string, error) {
	if grade == nil || *grade < 1 || *grade > 12 {
		return 0, "", fielderr.New("grade", "班主任请填写年级（1–12）")
	}
	class = width.Narrow.String(strings.TrimSpace(class))
	if class == "" {
		return 0, "", fielderr.New("className", "班主任请填写班级，如 2班")
	}
	if strings.Trim(class, "0123456789") == "" {
		class += "班"
	}
	if len([]rune(class)) > 16 {
		return 0, "", fielderr.New("className", "班级名称不超过16个字")
	}
	return *grade, class, nil
}

// ResetPassword gives person id a new one-time password, as the viewer in
// ctx, and signs them out everywhere.
func ResetPassword(ctx context.Context, c *ent.Client, a *auth.Service, id int) (*ent.Person, string, error) {
	p, err := load(ctx, c, id)
	if err != nil {
		return nil, "", err
	}
	otp, err := a.ResetPassword(ctx, c, id)
	if err != nil {
		return nil, "", err
	}
	p.MustChangePassword = true
	return p, otp, nil
}
