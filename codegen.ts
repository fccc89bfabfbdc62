import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Where the generated folders go: the repository itself, or a scratch folder when
 * `npm run codegen:check` compares a fresh generation with the committed files.
 */
const out = process.env.CODEGEN_OUT_DIR ?? '.';

/**
 * Typed documents for the worker agent and the admin SPA, generated from the committed schema.
 * Operations live next to the code that sends them; `npm run codegen` writes `src/gql/` in each.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  ignoreNoDocuments: true,
  generates: {
    [`${out}/worker/src/gql/`]: {
      preset: 'client',
      documents: ['worker/src/**/*.graphql'],
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, documentMode: 'string', scalars: { DateTime: 'string', JSONObject: 'Record<string, unknown>' } },
    },
    [`${out}/admin-ui/src/gql/`]: {
      preset: 'client',
      documents: ['admin-ui/src/**/*.{ts,tsx}', '!admin-ui/src/gql/**'],
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string', JSONObject: 'Record<string, unknown>' } },
    },
  },
};

export default config;
