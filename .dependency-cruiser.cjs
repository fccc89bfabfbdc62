/**
 * The import rules of the monorepo, checked by `npm run depcruise` (part of `npm test`).
 *
 * - No cycles between files, nor between the domain modules (folders) of the server.
 * - The server's core (`db`, `graphql`, `http`, `observability`, `shared`, `config`) knows no
 *   domain module; only the composition root (`server/src/main.ts` and the registries of entities
 *   and resolvers in `server/src/app-modules.ts`) imports from `server/src/modules/**`. What the
 *   core needs from a module is an interface in the core that the module implements.
 * - The worker agent and the admin SPA import nothing from `server/`: they talk to it over
 *   GraphQL, and share only the contract in `schema/` (the worker protocol, the SDL).
 * - Production code never imports a test file or the test harness.
 *
 * Violations that predate these rules live in `.dependency-cruiser-known-violations.json`
 * (`npm run depcruise:baseline` rewrites it); new code must be clean. Shrink the baseline as the
 * debt is paid, never grow it by hand.
 */

const TEST_FILES = '([.](test|spec|e2e)[.]tsx?$)|(^(server|worker|admin-ui)/test/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle means neither side can be understood, tested or changed without the other.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-circular-modules',
      severity: 'error',
      comment:
        'Domain modules (server/src/modules/<domain>) form no cycle either: sessions may use placement, but then placement may not use sessions. Fleet-wide operations (modules/fleet) sit on top: they use the domain modules and none uses them.',
      scope: 'folder',
      from: { path: '^server/src/modules/' },
      to: { circular: true },
    },
    {
      name: 'core-not-to-modules',
      severity: 'error',
      comment: 'The core serves every domain module; a core file that imports one drags that domain into all the others.',
      from: { path: '^server/src/(db|graphql|http|observability|shared|config)/' },
      to: { path: '^server/src/modules/' },
    },
    {
      name: 'worker-not-to-server',
      severity: 'error',
      comment: 'The worker agent runs on worker machines without the control plane: it shares only schema/ with it.',
      from: { path: '^worker/' },
      to: { path: '^(server|admin-ui)/' },
    },
    {
      name: 'admin-ui-not-to-server',
      severity: 'error',
      comment: 'The admin SPA talks to the server over GraphQL only; its types come from codegen (admin-ui/src/gql).',
      from: { path: '^admin-ui/' },
      to: { path: '^(server|worker)/' },
    },
    {
      name: 'schema-is-a-leaf',
      severity: 'error',
      comment: 'schema/ is the contract between server and worker: it may not depend on either side.',
      from: { path: '^schema/' },
      to: { path: '^(server|worker|admin-ui)/' },
    },
    {
      name: 'not-to-test',
      severity: 'error',
      comment: 'Production code never depends on a test file or the test harness.',
      from: { pathNot: `${TEST_FILES}|^bench/` },
      to: { path: TEST_FILES },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Tests are cruised as leaves: a production import of a test file still shows (not-to-test),
    // but what tests import is theirs to choose (worker end-to-end suites start a real control
    // plane through the server's harness, core tests build entities of the modules).
    doNotFollow: { path: ['node_modules', TEST_FILES] },
    exclude: { path: `(^|/)(node_modules|dist|coverage)/|^admin-ui/src/gql/|^worker/src/gql/` },
    includeOnly: '^(server|worker|admin-ui|schema|bench)/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.json'],
    },
  },
};
