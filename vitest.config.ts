import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// graphql 16 has no "exports": Vite would pick index.mjs while Node (Apollo, type-graphql) loads
// index.js. One copy keeps GraphQLError and schema instances the same in tests as in production.
const resolve = { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] };
const runner = { testTimeout: 60_000, hookTimeout: 120_000, pool: 'forks' } as const;
/** Suites that restart the Docker Engine itself: every other Docker suite would lose its engine. */
const ENGINE_RESTART = ['worker/test/chaos/**/*.test.ts'];
/**
 * Suites that drive the web app in Chromium with simulated workers. They run before the Docker
 * suites, not beside them: Chromium fails requests in flight with ERR_NETWORK_CHANGED whenever the
 * engine adds or removes a network interface on the host.
 */
const BROWSER = ['admin-ui/**/*.browser.test.ts', 'server/**/*.browser.test.ts'];

export default defineConfig({
  resolve,
  test: {
    // Runs once for the whole run (the root project's), whichever projects run: one PostgreSQL,
    // its `pgAdminUrl` inherited by every project.
    globalSetup: ['server/test/global-setup.ts'],
    reporters: ['default'],
    projects: [
      {
        resolve,
        test: {
          name: 'ui',
          include: BROWSER,
          exclude: ['**/node_modules/**'],
          ...runner,
          sequence: { groupOrder: 0 },
        },
      },
      {
        resolve,
        test: {
          name: 'main',
          include: ['server/**/*.test.ts', 'worker/**/*.test.ts', 'admin-ui/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...ENGINE_RESTART, ...BROWSER],
          ...runner,
          sequence: { groupOrder: 1 },
        },
      },
      {
        resolve,
        test: {
          name: 'engine-restart',
          include: ENGINE_RESTART,
          exclude: ['**/node_modules/**'],
          ...runner,
          // Starts only once every file of `main` has finished, and runs alone.
          sequence: { groupOrder: 2 },
          fileParallelism: false,
        },
      },
    ],
  },
});
