package schema

import "regexp"

// phonePattern is a mainland mobile number, the login of every person.
var phonePattern = regexp.MustCompile(`^1[3-9][0-9]{9}$`)
