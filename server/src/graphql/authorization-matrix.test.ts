import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, heartbeat, registerWorker, startTestServer, type TestServer } from '../../test/harness.js';

type Caller = 'ANON' | 'ADMIN' | 'OPERATOR' | 'USER' | 'CANDIDATE' | 'WORKER' | 'WALL';
type Outcome = 'ALLOWED' | 'FORBIDDEN' | 'UNAUTHENTICATED';
const CALLERS: Caller[] = ['ANON', 'ADMIN', 'OPERATOR', 'USER', 'CANDIDATE', 'WORKER', 'WALL'];

/** Who may call what: everything not listed for a signed-in caller is FORBIDDEN; anonymous is UNAUTHENTICATED. */
const PEOPLE: Caller[] = ['ADMIN', 'OPERATOR', 'USER', 'CANDIDATE'];
const STAFF: Caller[] = ['ADMIN', 'OPERATOR'];
const ADMIN: Caller[] = ['ADMIN'];
/** The monitoring reads a wall link may make too. */
const MONITORING: Caller[] = ['ADMIN', 'OPERATOR', 'WALL'];

let seq = 0;
const uniq = () => `${Date.now().toString(36)}${++seq}`;

interface Op {
  name: string;
  allowed: Caller[] | 'ALL';
  doc: (ctx: Ctx, caller: Caller) => { query: string; variables?: Record<string, unknown> };
  /**
   * The domain errors an allowed caller may get from this call as the matrix makes it (an id that
   * names nothing, a price above the balance, a worker not drained). Anything else — above all
   * INTERNAL_SERVER_ERROR — fails the case.
   */
  domain?: string[];
  /** Subscriptions: makes one event the caller may see, so an allowed subscription must deliver it. */
  trigger?: (ctx: Ctx, caller: Caller) => Promise<unknown>;
}
interface Ctx {
  userId: string;
  workerId: string;
  productId: string;
  sessionId: string;
  examId: string;
  /** A session of each person's own (on the matrix worker), for the session subscriptions. */
  own: Partial<Record<Caller, string>>;
  /** Worker protocol and admin calls for triggers. */
  asWorker: (query: string, variables?: Record<string, unknown>) => Promise<unknown>;
  asAdmin: (query: string, variables?: Record<string, unknown>) => Promise<unknown>;
  /** The raw answer, errors included. */
  asAdminRaw: (query: string, variables?: Record<string, unknown>) => Promise<unknown>;
  warmTarget: number;
  /** A caller's own user id. */
  idOf: (caller: Caller) => Promise<string>;
}

const REPORT = `mutation($i: ReportSessionInput!) { reportSession(input: $i) }`;

const OPS: Op[] = [
  { name: 'me', allowed: 'ALL', doc: () => ({ query: `{ me { id } }` }) },
  {
    name: 'createUser',
    allowed: ADMIN,
    doc: () => ({
      query: `mutation($u: String!) { createUser(input: { username: $u, password: "long-enough-pw", role: USER }) { id } }`,
      variables: { u: `m-${uniq()}` },
    }),
  },
  { name: 'users', allowed: STAFF, doc: () => ({ query: `{ users { totalCount } }` }) },
  {
    name: 'adjustCoins',
    allowed: ADMIN,
    doc: (c) => ({
      query: `mutation($u: ID!) { adjustCoins(input: { userId: $u, op: ADD, amount: 1, reason: "matrix" }) { id } }`,
      variables: { u: c.userId },
    }),
  },
  { name: 'coinLedger', allowed: PEOPLE, doc: () => ({ query: `{ coinLedger { totalCount } }` }) },
  { name: 'products', allowed: PEOPLE, doc: () => ({ query: `{ products { id available } }` }) },
  {
    name: 'createProduct',
    allowed: ADMIN,
    doc: () => ({
      query: `mutation($n: String!) { createProduct(input: { name: $n, priceCoins: 1, provisionAction: TEST }) { id } }`,
      variables: { n: `p-${uniq()}` },
    }),
  },
  {
    name: 'updateProduct',
    allowed: ADMIN,
    doc: (c) => ({
      query: `mutation($id: ID!) { updateProduct(id: $id, input: { name: "matrix product", priceCoins: 1, provisionAction: TEST }) { id } }`,
      variables: { id: c.productId },
    }),
  },
  {
    name: 'setProductWorkers',
    allowed: ADMIN,
    doc: (c) => ({ query: `mutation($id: ID!) { setProductWorkers(productId: $id, workerIds: []) { id } }`, variables: { id: c.productId } }),
  },
  { name: 'workers', allowed: MONITORING, doc: () => ({ query: `{ workers { id } }` }) },
  { name: 'clusterSummary', allowed: MONITORING, doc: () => ({ query: `{ clusterSummary { totalAvailableSessions } }` }) },
  {
    name: 'placementExplain',
    allowed: STAFF,
    doc: (c) => ({ query: `query($p: ID!) { placementExplain(productId: $p) { eligible } }`, variables: { p: c.productId } }),
  },
  {
    name: 'preRegisterWorker',
    allowed: ADMIN,
    doc: () => ({
      query: `mutation($n: String!) { preRegisterWorker(input: { name: $n, apiBaseUrl: "http://127.0.0.1:3000" }) { id } }`,
      variables: { n: `w-${uniq()}` },
    }),
  },
  {
    name: 'updateWorker',
    allowed: ADMIN,
    doc: (c) => ({ query: `mutation($id: ID!) { updateWorker(id: $id, input: { name: "matrix" }) { id } }`, variables: { id: c.workerId } }),
  },
  {
    name: 'revokeWorkerCredential',
    allowed: ADMIN,
    domain: ['NOT_FOUND'],
    doc: () => ({ query: `mutation { revokeWorkerCredential(id: "00000000-0000-4000-8000-00000000000a") { id } }` }),
  },
  { name: 'drainWorker', allowed: STAFF, doc: (c) => ({ query: `mutation($id: ID!) { drainWorker(id: $id) { id } }`, variables: { id: c.workerId } }) },
  {
    name: 'disableWorker',
    allowed: STAFF,
    domain: ['CONFLICT'],
    doc: (c) => ({ query: `mutation($id: ID!) { disableWorker(id: $id) { id } }`, variables: { id: c.workerId } }),
  },
  { name: 'enableWorker', allowed: STAFF, doc: (c) => ({ query: `mutation($id: ID!) { enableWorker(id: $id) { id } }`, variables: { id: c.workerId } }) },
  { name: 'workerHeartbeat', allowed: ['WORKER'], doc: () => ({ query: `mutation { workerHeartbeat(input: {}) { status } }` }) },
  { name: 'mySessions', allowed: PEOPLE, doc: () => ({ query: `{ mySessions { id } }` }) },
  {
    name: 'session',
    allowed: PEOPLE,
    domain: ['NOT_FOUND'],
    doc: (c) => ({ query: `query($id: ID!) { session(id: $id) { id } }`, variables: { id: c.sessionId } }),
  },
  { name: 'sessions', allowed: STAFF, doc: () => ({ query: `{ sessions { totalCount } }` }) },
  {
    name: 'purchaseAndCreate',
    allowed: PEOPLE,
    domain: ['INSUFFICIENT_COINS', 'NO_CAPACITY'],
    doc: (c) => ({
      query: `mutation($p: ID!, $k: String!) { purchaseAndCreate(productId: $p, idempotencyKey: $k) { id } }`,
      variables: { p: c.productId, k: uniq() },
    }),
  },
  {
    name: 'deleteSession',
    allowed: PEOPLE,
    domain: ['NOT_FOUND'],
    doc: (c) => ({ query: `mutation($id: ID!) { deleteSession(id: $id) { id } }`, variables: { id: c.sessionId } }),
  },
  {
    name: 'sessionLog',
    allowed: PEOPLE,
    domain: ['NOT_FOUND'],
    doc: (c) => ({ query: `query($id: ID!) { sessionLog(id: $id) }`, variables: { id: c.sessionId } }),
  },
  {
    name: 'reportSession',
    allowed: ['WORKER'],
    domain: ['NOT_FOUND'],
    doc: (c) => ({ query: `mutation($i: ReportSessionInput!) { reportSession(input: $i) }`, variables: { i: { sessionId: c.sessionId, state: 'READY' } } }),
  },
  {
    name: 'appendSessionLog',
    allowed: ['WORKER'],
    domain: ['NOT_FOUND'],
    doc: (c) => ({ query: `mutation($s: ID!) { appendSessionLog(sessionId: $s, lines: ["x"]) }`, variables: { s: c.sessionId } }),
  },
  {
    name: 'completeWorkerCommand',
    allowed: ['WORKER'],
    domain: ['NOT_FOUND'],
    doc: () => ({ query: `mutation { completeWorkerCommand(id: "00000000-0000-4000-8000-0000000000cc", input: { ok: true }) }` }),
  },
  {
    name: 'createExam',
    allowed: STAFF,
    doc: (c) => ({
      query: `mutation($i: ExamInput!) { createExam(input: $i) { id } }`,
      variables: {
        i: {
          code: `E-${uniq()}`,
          name: 'matrix',
          productId: c.productId,
          startsAt: '2030-01-01T08:00:00Z',
          endsAt: '2030-01-01T10:00:00Z',
          expectedCandidates: 1,
        },
      },
    }),
  },
  { name: 'exams', allowed: MONITORING, doc: () => ({ query: `{ exams { id } }` }) },
  {
    name: 'importRoster',
    allowed: STAFF,
    doc: (c) => ({
      query: `mutation($e: ID!, $csv: String!) { importRoster(examId: $e, csv: $csv) { added } }`,
      variables: { e: c.examId, csv: `cand-${uniq()}` },
    }),
  },
  { name: 'joinExam', allowed: PEOPLE, domain: ['NOT_FOUND'], doc: () => ({ query: `mutation { joinExam(examCode: "MATRIX-NONE") { id } }` }) },
  {
    name: 'releaseSession',
    allowed: PEOPLE,
    domain: ['NOT_FOUND'],
    doc: (c) => ({ query: `mutation($id: ID!) { releaseSession(id: $id) { id } }`, variables: { id: c.sessionId } }),
  },
  { name: 'prewarm', allowed: STAFF, doc: (c) => ({ query: `mutation($e: ID!) { prewarm(examId: $e, count: 0) { target } }`, variables: { e: c.examId } }) },
  { name: 'prewarmProgress', allowed: STAFF, doc: (c) => ({ query: `query($e: ID!) { prewarmProgress(examId: $e) { target } }`, variables: { e: c.examId } }) },
  {
    name: 'desktopAccess',
    allowed: PEOPLE,
    domain: ['NOT_FOUND'],
    doc: (c) => ({ query: `mutation($id: ID!) { desktopAccess(sessionId: $id) { url } }`, variables: { id: c.sessionId } }),
  },
  { name: 'reconcileNow', allowed: STAFF, doc: () => ({ query: `mutation { reconcileNow(dryRun: true) { total } }` }) },
  { name: 'examReadiness', allowed: MONITORING, doc: (c) => ({ query: `query($e: ID!) { examReadiness(examId: $e) { go } }`, variables: { e: c.examId } }) },
  {
    name: 'setWorkerRegistryAuth',
    allowed: ADMIN,
    doc: (c) => ({ query: `mutation($id: ID!) { setWorkerRegistryAuth(workerId: $id, auth: null) { id } }`, variables: { id: c.workerId } }),
  },
  {
    name: 'workerHeartbeatHistory',
    allowed: MONITORING,
    doc: (c) => ({ query: `query($w: ID!) { workerHeartbeatHistory(workerId: $w) { bucket } }`, variables: { w: c.workerId } }),
  },
  { name: 'auditLog', allowed: ADMIN, doc: () => ({ query: `{ auditLog(first: 1) { totalCount } }` }) },
  { name: 'wallLinks', allowed: ADMIN, doc: () => ({ query: `{ wallLinks { id } }` }) },
  { name: 'createWallLink', allowed: ADMIN, doc: () => ({ query: `mutation { createWallLink(name: "matrix tv") { secret } }` }) },
  {
    name: 'revokeWallLink',
    allowed: ADMIN,
    domain: ['NOT_FOUND'],
    doc: () => ({ query: `mutation { revokeWallLink(id: "00000000-0000-4000-8000-0000000000aa") { id } }` }),
  },
  {
    name: 'changeMyPassword',
    allowed: PEOPLE,
    domain: ['WRONG_PASSWORD'],
    doc: () => ({ query: `mutation { changeMyPassword(currentPassword: "not-the-password", newPassword: "a-fine-new-password") }` }),
  },
  {
    name: 'resetUserPassword',
    allowed: ADMIN,
    doc: (c) => ({ query: `mutation($u: ID!) { resetUserPassword(userId: $u) { password } }`, variables: { u: c.userId } }),
  },
  {
    name: 'setUserDisabled',
    allowed: ADMIN,
    doc: (c) => ({ query: `mutation($u: ID!) { setUserDisabled(userId: $u, disabled: false) { id } }`, variables: { u: c.userId } }),
  },
  { name: 'examExport', allowed: STAFF, doc: (c) => ({ query: `query($e: ID!) { examExport(examId: $e) }`, variables: { e: c.examId } }) },
  { name: 'exam', allowed: MONITORING, doc: (c) => ({ query: `query($e: ID!) { exam(id: $e) { id } }`, variables: { e: c.examId } }) },
  { name: 'examCandidates', allowed: STAFF, doc: (c) => ({ query: `query($e: ID!) { examCandidates(examId: $e) { id } }`, variables: { e: c.examId } }) },
  {
    name: 'updateExam',
    allowed: STAFF,
    doc: (c) => ({
      query: `mutation($e: ID!, $p: ID!) { updateExam(id: $e, input: { code: "MATRIX", name: "matrix", productId: $p, startsAt: "2030-01-01T08:00:00Z", endsAt: "2030-01-01T10:00:00Z", expectedCandidates: 1 }) { id } }`,
      variables: { e: c.examId, p: c.productId },
    }),
  },
];

const SUBSCRIPTIONS: Op[] = [
  {
    name: 'workerHeartbeats',
    allowed: MONITORING,
    doc: () => ({ query: `subscription { workerHeartbeats { workerId } }` }),
    trigger: (c) => c.asWorker(`mutation { workerHeartbeat(input: { driver: { reachable: true } }) { status } }`),
  },
  {
    name: 'workerUpdated',
    allowed: MONITORING,
    doc: () => ({ query: `subscription { workerUpdated { id } }` }),
    trigger: (c) =>
      c.asAdmin(`mutation($id: ID!, $n: String!) { updateWorker(id: $id, input: { name: $n }) { id } }`, { id: c.workerId, n: `matrix ${uniq()}` }),
  },
  {
    name: 'clusterSummaryUpdated',
    allowed: MONITORING,
    doc: () => ({ query: `subscription { clusterSummaryUpdated { totalMaxSessions } }` }),
    trigger: (c) =>
      c.asAdmin(`mutation($id: ID!, $n: String!) { updateWorker(id: $id, input: { name: $n }) { id } }`, { id: c.workerId, n: `matrix ${uniq()}` }),
  },
  {
    name: 'sessionUpdated',
    allowed: PEOPLE,
    doc: () => ({ query: `subscription { sessionUpdated { id } }` }),
    trigger: (c, caller) => c.asWorker(REPORT, { i: { sessionId: c.own[caller] ?? c.own.USER, state: 'PROVISIONING' } }),
  },
  {
    name: 'sessionLog',
    allowed: PEOPLE,
    doc: (c, caller) => ({ query: `subscription { sessionLog(id: "${c.own[caller] ?? c.own.USER}") }` }),
    trigger: (c, caller) => c.asWorker(`mutation($s: ID!) { appendSessionLog(sessionId: $s, lines: ["matrix line"]) }`, { s: c.own[caller] ?? c.own.USER }),
  },
  {
    name: 'prewarmProgress',
    allowed: STAFF,
    doc: (c) => ({ query: `subscription { prewarmProgress(examId: "${c.examId}") { target } }` }),
    // One more warm desktop: it is placed (PENDING) and announced as the pool's progress.
    trigger: async (c) => {
      // The matrix's disableWorker cases may have left the worker disabled; if it is active, the answer does not matter.
      await c.asAdminRaw(`mutation($id: ID!) { enableWorker(id: $id) { id } }`, { id: c.workerId });
      await c.asWorker(`mutation { workerHeartbeat(input: { driver: { reachable: true } }) { status } }`);
      return c.asAdmin(`mutation($e: ID!, $n: Int!) { prewarm(examId: $e, count: $n) { target } }`, { e: c.examId, n: ++c.warmTarget });
    },
  },
  {
    name: 'productAvailabilityUpdated',
    allowed: PEOPLE,
    doc: () => ({ query: `subscription { productAvailabilityUpdated { productId available } }` }),
    // Availability must move: the worker goes from taking sessions to draining (and back for the next case).
    trigger: async (c) => {
      await c.asAdminRaw(`mutation($id: ID!) { enableWorker(id: $id) { id } }`, { id: c.workerId });
      await c.asWorker(`mutation { workerHeartbeat(input: { driver: { reachable: true } }) { status } }`);
      await new Promise((r) => setTimeout(r, 400));
      await c.asAdmin(`mutation($id: ID!) { drainWorker(id: $id) { id } }`, { id: c.workerId });
      await new Promise((r) => setTimeout(r, 400));
      return c.asAdmin(`mutation($id: ID!) { enableWorker(id: $id) { id } }`, { id: c.workerId });
    },
  },
  {
    name: 'myBalanceUpdated',
    allowed: PEOPLE,
    doc: () => ({ query: `subscription { myBalanceUpdated { id coinBalance } }` }),
    trigger: async (c, caller) =>
      c.asAdmin(`mutation($u: ID!) { adjustCoins(input: { userId: $u, op: ADD, amount: 1, reason: "matrix" }) { id } }`, { u: await c.idOf(caller) }),
  },
  {
    name: 'examReadinessUpdated',
    allowed: MONITORING,
    doc: (c) => ({ query: `subscription { examReadinessUpdated(examId: "${c.examId}") { go } }` }),
    trigger: (c) =>
      c.asAdmin(`mutation($id: ID!, $n: String!) { updateWorker(id: $id, input: { name: $n }) { id } }`, { id: c.workerId, n: `matrix ${uniq()}` }),
  },
  // Every create queued for the matrix worker (one per person's own session) is replayed on connect.
  { name: 'workerCommands', allowed: ['WORKER'], doc: () => ({ query: `subscription { workerCommands { id } }` }) },
];

function expected(op: Op, caller: Caller): Outcome {
  if (op.allowed === 'ALL') return 'ALLOWED';
  if (op.allowed.includes(caller)) return 'ALLOWED';
  return caller === 'ANON' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
}

describe('authorization matrix: every operation × every caller', () => {
  let t: TestServer;
  const tokens: Partial<Record<Caller, string>> = {};
  const ctx = { own: {}, warmTarget: 0 } as Ctx;
  beforeAll(async () => {
    t = await startTestServer();
    tokens.ADMIN = t.adminToken;
    for (const role of ['OPERATOR', 'USER', 'CANDIDATE'] as const) tokens[role] = (await t.user(role)).token;
    const w = await registerWorker(t, 'matrix-worker', { cpus: 64, memoryMb: 131072 });
    await heartbeat(t, w.credential);
    tokens.WORKER = w.credential;
    tokens.WALL = (await t.ok<any>(`mutation { createWallLink(name: "matrix wall") { secret } }`, {}, t.adminToken)).createWallLink.secret;
    ctx.idOf = async (caller) => (await t.ok<any>(`{ me { id } }`, {}, tokens[caller])).me.id;
    ctx.workerId = w.id;
    ctx.asWorker = (query, variables) => t.ok(query, variables, w.credential);
    ctx.asAdmin = (query, variables) => t.ok(query, variables, t.adminToken);
    ctx.asAdminRaw = (query, variables) => t.gql(query, variables, t.adminToken);
    ctx.userId = (await t.user('USER')).id;
    ctx.productId = (
      await t.ok<any>(`mutation { createProduct(input: { name: "matrix product", priceCoins: 1, provisionAction: TEST }) { id } }`, {}, t.adminToken)
    ).createProduct.id;
    const free = (
      await t.ok<any>(`mutation { createProduct(input: { name: "matrix free desktop", priceCoins: 0, provisionAction: TEST }) { id } }`, {}, t.adminToken)
    ).createProduct.id;
    for (const caller of PEOPLE) {
      const buy = `mutation($p: ID!, $k: String!) { purchaseAndCreate(productId: $p, idempotencyKey: $k) { id } }`;
      ctx.own[caller] = (await t.ok<any>(buy, { p: free, k: uniq() }, tokens[caller])).purchaseAndCreate.id;
    }
    ctx.sessionId = '00000000-0000-4000-8000-0000000000ff';
    ctx.examId = (
      await t.ok<any>(
        `mutation($p: ID!) { createExam(input: { code: "MATRIX", name: "matrix", productId: $p, startsAt: "2030-01-01T08:00:00Z", endsAt: "2030-01-01T10:00:00Z", expectedCandidates: 1 }) { id } }`,
        { p: ctx.productId },
        t.adminToken,
      )
    ).createExam.id;
  });
  afterAll(() => t.close());

  it('lists every operation of the schema (a new one must say who may call it)', async () => {
    const types = (await t.ok<any>(`{ __schema { queryType { fields { name } } mutationType { fields { name } } subscriptionType { fields { name } } } }`))
      .__schema;
    const public_ = new Set(['login', 'registerWorker']);
    const roots = [...types.queryType.fields, ...types.mutationType.fields].map((f: { name: string }) => f.name).filter((n: string) => !public_.has(n));
    expect(roots.filter((n: string) => !OPS.some((o) => o.name === n))).toEqual([]);
    expect(types.subscriptionType.fields.map((f: { name: string }) => f.name).filter((n: string) => !SUBSCRIPTIONS.some((o) => o.name === n))).toEqual([]);
  });

  const cases = OPS.flatMap((op) => CALLERS.map((caller) => [op.name, caller, expected(op, caller), op] as const));
  it.each(cases)('%s as %s → %s', async (_name, caller, outcome, op) => {
    const { query, variables } = op.doc(ctx, caller);
    const r = await t.gql(query, variables, tokens[caller]);
    const codes = (r.errors ?? []).map((e: { extensions?: { code?: string } }) => e.extensions?.code);
    // Allowed means answered: data, or one of the domain errors this call may meet — never a crash.
    if (outcome === 'ALLOWED')
      expect(
        codes.filter((c: string | undefined) => !(op.domain ?? []).includes(c ?? '')),
        JSON.stringify(r.errors),
      ).toEqual([]);
    else expect(codes[0]).toBe(outcome);
  });

  const subCases = SUBSCRIPTIONS.flatMap((op) => CALLERS.map((caller) => [op.name, caller, expected(op, caller), op] as const));
  it.each(subCases)('subscription %s as %s → %s', async (_name, caller, outcome, op) => {
    const { query } = op.doc(ctx, caller);
    const sub = collect<any>(t.ws(tokens[caller]), query);
    if (outcome === 'ALLOWED') {
      // Allowed means delivering: the trigger makes an event this caller may see, and it must arrive.
      const triggered = new Promise((r) => setTimeout(r, 300)).then(() => op.trigger?.(ctx, caller));
      const timeout = new Promise((r) => setTimeout(() => r('NOTHING ARRIVED WITHIN 10 s'), 10_000));
      const result = await Promise.race([sub.done, sub.errors.then((e) => ({ errors: e })), timeout]);
      await triggered;
      sub.stop();
      expect(Array.isArray(result) ? 'DELIVERED' : result).toBe('DELIVERED');
      return;
    }
    const result = await Promise.race([sub.errors, new Promise((r) => setTimeout(() => r('NO ERROR WITHIN 5 s'), 5_000))]);
    sub.stop();
    if (outcome === 'UNAUTHENTICATED') expect((result as { code?: number }).code).toBe(4403);
    else expect((result as { extensions?: { code?: string } }[])[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
