package schema

import (
	"regexp"
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// telPattern is a mobile or landline number (0312-1234567).
var telPattern = regexp.MustCompile(`^[0-9][0-9-]{4,19}$`)

// DivisionContact is a named head of a division who is not school staff: the
// county head and the education bureau's head for a county, the township
// head, the village head (七长 of a dropout case). One per division and role,
// kept by the county.
type DivisionContact struct{ ent.Schema }

func (DivisionContact) Mixin() []ent.Mixin { return []ent.Mixin{scoped{}} }

func (DivisionContact) Fields() []ent.Field {
	ro := entgql.Skip(entgql.SkipAll)
	return []ent.Field{
		field.String("division_code").MinLen(12).MaxLen(12).Immutable(),
		field.Enum("role").NamedValues("CountyHead", "COUNTY_HEAD", "EducationHead", "EDUCATION_HEAD",
			"TownshipHead", "TOWNSHIP_HEAD", "VillageHead", "VILLAGE_HEAD").Immutable().
			Comment("县长 / 教育局长 / 乡镇长 / 村主任"),
		maxChars(field.String("name").NotEmpty(), 64),
		maxChars(field.String("title").Optional(), 64).Comment("职务, e.g. 副县长（分管教育）"),
		field.String("phone").Optional().Match(telPattern),
		field.Time("updated_at").Default(time.Now).UpdateDefault(time.Now),
		field.Int("updated_by_id").Optional().Nillable().Annotations(ro),
	}
}

func (DivisionContact) Indexes() []ent.Index {
	return []ent.Index{index.Fields("division_code", "role").Unique()}
}
