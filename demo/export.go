package demo

import "math/rand/v2"

// FullName and GivenName are the demo's name generators (surnames weighted as
// in northern Hebei), exported for the province-scale generator in bench/.
func FullName(r *rand.Rand, male bool) string { return fullName(r, male) }

// GivenName is a given name of one or two characters.
func GivenName(r *rand.Rand, male bool) string { return givenName(r, male) }
