package main

// ent first (it also writes graph/ent.graphql), then gqlgen over both schemas.
//go:generate go run -mod=mod ./ent/entc.go
//go:generate go run -mod=mod github.com/99designs/gqlgen
