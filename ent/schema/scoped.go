package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/mixin"

	"sanbao/authz"
)

// scoped puts every type under the authz policy: reads are filtered to the
// viewer's scope and writes checked, in the data layer, for every caller.
type scoped struct{ mixin.Schema }

func (scoped) Policy() ent.Policy { return authz.EntPolicy() }
