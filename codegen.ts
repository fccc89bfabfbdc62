import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the worker agent and the admin SPA, generated from the committed schema.
 * Operations live next to the code that sends them; `npm run codegen` writes `src/gql/` in each.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  ignoreNoDocuments: true,
  generates: {
    'worker/src/gql/': {
      preset: 'client',
      documents: ['worker/src/**/*.graphql'],
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, documentMode: 'string', scalars: { DateTime: 'string', JSONObject: 'Record<string, unknown>' } },
    },
    'admin-ui/src/gql/': {
      preset: 'client',
      documents: ['admin-ui/src/**/*.{ts,tsx}', '!admin-ui/src/gql/**'],
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string', JSONObject: 'Record<string, unknown>' } },
    },
  },
};

export default config;
