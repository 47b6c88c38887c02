//go:build ignore

package main

import (
	"log"
	"slices"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"
)

func main() {
	// sanbao's pagination and collection templates replace entgql's (same
	// names, parsed after them): page-size defaults for null, and cursors
	// that keep NULL and "" apart (see ent/template/pagination.tmpl).
	paging := gen.MustParse(gen.NewTemplate("sanbao_pagination").
		Funcs(entgql.TemplateFuncs).
		ParseFiles("./ent/template/pagination.tmpl", "./ent/template/collection.tmpl"))
	ex, err := entgql.NewExtension(
		// First: the options below append to this list.
		entgql.WithTemplates(append(slices.Clone(entgql.AllTemplates), paging)...),
		entgql.WithConfigPath("./gqlgen.yml"),
		entgql.WithSchemaGenerator(),
		entgql.WithSchemaPath("./graph/ent.graphql"),
		entgql.WithWhereInputs(true),
		entgql.WithNodeDescriptor(true),
	)
	if err != nil {
		log.Fatalf("creating entgql extension: %v", err)
	}
	err = entc.Generate("./ent/schema", &gen.Config{
		Target:  "./ent",
		Package: "sanbao/ent",
		Features: []gen.Feature{
			gen.FeaturePrivacy,
			gen.FeatureEntQL,
			gen.FeatureIntercept,
			gen.FeatureModifier,
			gen.FeatureUpsert,
			gen.FeatureGlobalID,
			gen.FeatureExecQuery,
		},
	}, entc.Extensions(ex))
	if err != nil {
		log.Fatalf("running ent codegen: %v", err)
	}
}
