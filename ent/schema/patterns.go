package schema

import (
	"regexp"

	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"

	"sanbao/fielderr"
	"sanbao/textnorm"
)

// phonePattern is a mainland mobile number, the login of every person.
var phonePattern = regexp.MustCompile(`^1[3-9][0-9]{9}$`)

// datePattern is a calendar date, YYYY-MM-DD.
var datePattern = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

// uuidPattern is a lower-case RFC 4122 UUID as browsers generate them.
var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// textField is what maxChars needs of ent's string field builder.
type textField[B any] interface {
	Validate(func(string) error) B
	Annotations(...schema.Annotation) B
	Descriptor() *field.Descriptor
}

// maxChars bounds a text field to n characters. ent's MaxLen counts bytes, so
// a 64-character Chinese name (192 bytes) was refused. The column keeps its
// size: PostgreSQL's varchar(n) counts characters too. The error names the
// field as the API does and says the limit.
func maxChars[B textField[B]](b B, n int) B {
	name := fielderr.APIName(b.Descriptor().Name)
	return b.Validate(func(s string) error {
		if l := textnorm.Len(s); l > n {
			return fielderr.New(name, "最多%d个字,现为%d个字", n, l)
		}
		return nil
	}).Annotations(entsql.Annotation{Size: int64(n)})
}
