import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // graphql 16 has no "exports": Vite would pick index.mjs while Node (Apollo, type-graphql) loads
  // index.js. One copy keeps GraphQLError and schema instances the same in tests as in production.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    include: ['server/**/*.test.ts', 'worker/**/*.test.ts', 'admin-ui/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
