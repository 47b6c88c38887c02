package schema

import "regexp"

// phonePattern is a mainland mobile number, the login of every person.
var phonePattern = regexp.MustCompile(`^1[3-9][0-9]{9}$`)

// datePattern is a calendar date, YYYY-MM-DD.
var datePattern = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

// uuidPattern is a lower-case RFC 4122 UUID as browsers generate them.
var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
