package agreement

import (
	"bytes"
	"context"
	"encoding/base64"
	"image"
	"image/png"
	"strings"
	"time"

	"sanbao/authz"
	"sanbao/ent"
	"sanbao/ent/agreement"
	"sanbao/fielderr"
)

// MaxSignature bounds a drawn signature's PNG.
const MaxSignature = 300 << 10

// DecodeSignature checks a drawn signature sent as a PNG data URL: a real
// image of reasonable size with enough ink to be a signature.
func DecodeSignature(dataURL string) ([]byte, error) {
	const prefix = "data:image/png;base64,"
	if !strings.HasPrefix(dataURL, prefix) {
		return nil, fielderr.New("signature", "签名应为 PNG 图片")
	}
	b, err := base64.StdEncoding.DecodeString(dataURL[len(prefix):])
	if err != nil {
		return nil, fielderr.New("signature", "签名图片编码错误")
	}
	if len(b) > MaxSignature {
		return nil, fielderr.New("signature", "签名图片过大")
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, fielderr.New("signature", "签名图片无法读取")
	}
	if bd := img.Bounds(); bd.Dx() < 100 || bd.Dy() < 40 || bd.Dx() > 2000 || bd.Dy() > 1000 {
		return nil, fielderr.New("signature", "签名图片尺寸不合适")
	}
	if !inked(img, 150) {
		return nil, fielderr.New("signature", "请在签名区手写签名")
	}
	return b, nil
}

// inked reports whether a signature has at least min visible, dark pixels.
func inked(img image.Image, min int) bool {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			if a > 0x8000 && r+g+bl < 3*0x8000 {
				if n++; n >= min {
					return true
				}
			}
		}
	}
	return false
}

// Sign records the signer's drawn signature and typed name. Only the person
// the agreement names may sign, once; the policy makes anyone else's attempt
// find nothing.
func Sign(ctx context.Context, c *ent.Client, id int, name, signature string) (*ent.Agreement, error) {
	v := authz.FromContext(ctx)
	if v == nil || v.PersonID == 0 {
		return nil, authz.ErrDenied
	}
	a, err := c.Agreement.Query().Where(agreement.ID(id), agreement.PartyPersonID(v.PersonID)).Only(ctx)
	if err != nil {
		return nil, err
	}
	// A phone that signed offline may send its signature twice.
	if a.State == agreement.StateSigned {
		return a, nil
	}
	if a.State != agreement.StateIssued {
		return nil, fielderr.New("id", "该责任书已作废")
	}
	if strings.TrimSpace(name) != v.Name {
		return nil, fielderr.New("signedName", "请输入本人姓名（%s）确认签署", v.Name)
	}
	png, err := DecodeSignature(signature)
	if err != nil {
		return nil, err
	}
	return c.Agreement.UpdateOneID(id).SetState(agreement.StateSigned).SetSignedAt(time.Now()).
		SetSignedName(v.Name).SetSignature(png).Save(ctx)
}

// Void ends an agreement that will not be signed or was superseded.
func Void(ctx context.Context, c *ent.Client, id int, reason string) (*ent.Agreement, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, fielderr.New("reason", "请填写作废原因")
	}
	return c.Agreement.UpdateOneID(id).SetState(agreement.StateVoid).SetVoidedAt(time.Now()).
		SetVoidReason(reason).Save(ctx)
}
