import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed document strings (documentMode: 'string'): the app sends plain query
// text, so graphql-js never reaches the browser. Operations live in
// src/graphql/*.graphql; the generated files under src/gql/ are committed and
// `npm run codegen:check` fails when they are stale.
const config: CodegenConfig = {
  schema: ['../graph/*.graphqls', '../graph/ent.graphql'],
  documents: ['src/graphql/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
        gqlTagName: 'graphql',
      },
      config: {
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        onlyOperationTypes: true,
        skipTypename: true,
        avoidOptionals: false,
        scalars: {
          ID: 'string',
          Time: 'string',
          Cursor: 'string',
        },
      },
    },
  },
};

export default config;
