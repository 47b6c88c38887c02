package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/mixin"

	"sanbao/authz"
	"sanbao/ent/hook"
)

// scoped puts every type under the authz policy: reads are filtered to the
// viewer's scope and writes checked, in the data layer, for every caller.
// Every write's text is normalized here too (normalizeText), before any
// other hook or validator sees it.
type scoped struct{ mixin.Schema }

func (scoped) Policy() ent.Policy { return authz.EntPolicy() }

func (scoped) Hooks() []ent.Hook { return []ent.Hook{hook.On(normalizeText, writeOps)} }
