package schema

import (
	"context"

	"entgo.io/ent"
	"entgo.io/ent/dialect"

	"sanbao/fielderr"
	"sanbao/textnorm"
)

// jsonText is the column type of every list (JSON) field: json, not jsonb,
// on PostgreSQL. With lib/pq's binary_parameters (one round trip per
// statement, see store.PostgresDSN) the marshalled []byte goes in binary
// form, which jsonb refuses (it wants a version byte) and json reads as text.
var jsonText = map[string]string{dialect.Postgres: "json"}

// verbatim are strings stored exactly as built: an agreement's text is
// frozen with its SHA-256 at issue.
var verbatim = map[string]bool{"Agreement.text": true}

// multiline are the text fields that may hold line breaks.
var multiline = map[string]bool{"Contact.notes": true, "AgreementTemplate.closing": true, "Agreement.void_reason": true}

// normalizeText brings every string (and list of strings) a write sets to
// textnorm's form before validators, the other hooks and the database see
// it: keys and names are stored as they look, lengths count what was meant,
// and control or direction characters are refused naming the field.
func normalizeText(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		for _, f := range m.Fields() {
			key := m.Type() + "." + f
			if verbatim[key] {
				continue
			}
			norm := textnorm.Line
			if multiline[key] {
				norm = textnorm.Text
			}
			v, _ := m.Field(f)
			var set ent.Value
			switch v := v.(type) {
			case string:
				s, err := norm(v)
				if err != nil {
					return nil, fielderr.New(fielderr.APIName(f), "%s", err)
				}
				if s != v {
					set = s
				}
			case []string:
				out := make([]string, len(v))
				changed := false
				for i, it := range v {
					s, err := norm(it)
					if err != nil {
						return nil, fielderr.New(fielderr.APIName(f), "第%d项%s", i+1, err)
					}
					out[i], changed = s, changed || s != it
				}
				if changed {
					set = out
				}
			}
			if set != nil {
				if err := m.SetField(f, set); err != nil {
					return nil, err
				}
			}
		}
		return next.Mutate(ctx, m)
	})
}
