import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, registerWorker, startTestServer, type TestServer } from '../../test/harness.js';

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
  doc: (ctx: Ctx) => { query: string; variables?: Record<string, unknown> };
}
interface Ctx {
  userId: string;
  workerId: string;
  productId: string;
  sessionId: string;
  examId: string;
}

const OPS: Op[] = [
  { name: 'me', allowed: 'ALL', doc: () => ({ query: `{ me { id } }` }) },
  { name: 'createUser', allowed: ADMIN, doc: () => ({ query: `mutation($u: String!) { createUser(input: { username: $u, password: "long-enough-pw", role: USER }) { id } }`, variables: { u: `m-${uniq()}` } }) },
  { name: 'users', allowed: STAFF, doc: () => ({ query: `{ users { totalCount } }` }) },
  { name: 'adjustCoins', allowed: ADMIN, doc: (c) => ({ query: `mutation($u: ID!) { adjustCoins(input: { userId: $u, op: ADD, amount: 1, reason: "matrix" }) { id } }`, variables: { u: c.userId } }) },
  { name: 'coinLedger', allowed: PEOPLE, doc: () => ({ query: `{ coinLedger { totalCount } }` }) },
  { name: 'products', allowed: PEOPLE, doc: () => ({ query: `{ products { id available } }` }) },
  { name: 'createProduct', allowed: ADMIN, doc: () => ({ query: `mutation($n: String!) { createProduct(input: { name: $n, priceCoins: 1, provisionAction: TEST }) { id } }`, variables: { n: `p-${uniq()}` } }) },
  { name: 'updateProduct', allowed: ADMIN, doc: (c) => ({ query: `mutation($id: ID!) { updateProduct(id: $id, input: { name: "matrix product", priceCoins: 1, provisionAction: TEST }) { id } }`, variables: { id: c.productId } }) },
  { name: 'setProductWorkers', allowed: ADMIN, doc: (c) => ({ query: `mutation($id: ID!) { setProductWorkers(productId: $id, workerIds: []) { id } }`, variables: { id: c.productId } }) },
  { name: 'workers', allowed: MONITORING, doc: () => ({ query: `{ workers { id } }` }) },
  { name: 'clusterSummary', allowed: MONITORING, doc: () => ({ query: `{ clusterSummary { totalAvailableSessions } }` }) },
  { name: 'placementExplain', allowed: STAFF, doc: (c) => ({ query: `query($p: ID!) { placementExplain(productId: $p) { eligible } }`, variables: { p: c.productId } }) },
  { name: 'preRegisterWorker', allowed: ADMIN, doc: () => ({ query: `mutation($n: String!) { preRegisterWorker(input: { name: $n, apiBaseUrl: "http://127.0.0.1:3000" }) { id } }`, variables: { n: `w-${uniq()}` } }) },
  { name: 'updateWorker', allowed: ADMIN, doc: (c) => ({ query: `mutation($id: ID!) { updateWorker(id: $id, input: { name: "matrix" }) { id } }`, variables: { id: c.workerId } }) },
  { name: 'revokeWorkerCredential', allowed: ADMIN, doc: () => ({ query: `mutation { revokeWorkerCredential(id: "00000000-0000-4000-8000-00000000000a") { id } }` }) },
  { name: 'drainWorker', allowed: STAFF, doc: (c) => ({ query: `mutation($id: ID!) { drainWorker(id: $id) { id } }`, variables: { id: c.workerId } }) },
  { name: 'disableWorker', allowed: STAFF, doc: (c) => ({ query: `mutation($id: ID!) { disableWorker(id: $id) { id } }`, variables: { id: c.workerId } }) },
  { name: 'enableWorker', allowed: STAFF, doc: (c) => ({ query: `mutation($id: ID!) { enableWorker(id: $id) { id } }`, variables: { id: c.workerId } }) },
  { name: 'workerHeartbeat', allowed: ['WORKER'], doc: () => ({ query: `mutation { workerHeartbeat(input: {}) { status } }` }) },
  { name: 'mySessions', allowed: PEOPLE, doc: () => ({ query: `{ mySessions { id } }` }) },
  { name: 'session', allowed: PEOPLE, doc: (c) => ({ query: `query($id: ID!) { session(id: $id) { id } }`, variables: { id: c.sessionId } }) },
  { name: 'sessions', allowed: STAFF, doc: () => ({ query: `{ sessions { totalCount } }` }) },
  { name: 'purchaseAndCreate', allowed: PEOPLE, doc: (c) => ({ query: `mutation($p: ID!, $k: String!) { purchaseAndCreate(productId: $p, idempotencyKey: $k) { id } }`, variables: { p: c.productId, k: uniq() } }) },
  { name: 'deleteSession', allowed: PEOPLE, doc: (c) => ({ query: `mutation($id: ID!) { deleteSession(id: $id) { id } }`, variables: { id: c.sessionId } }) },
  { name: 'sessionLog', allowed: PEOPLE, doc: (c) => ({ query: `query($id: ID!) { sessionLog(id: $id) }`, variables: { id: c.sessionId } }) },
  { name: 'reportSession', allowed: ['WORKER'], doc: (c) => ({ query: `mutation($i: ReportSessionInput!) { reportSession(input: $i) }`, variables: { i: { sessionId: c.sessionId, state: 'READY' } } }) },
  { name: 'appendSessionLog', allowed: ['WORKER'], doc: (c) => ({ query: `mutation($s: ID!) { appendSessionLog(sessionId: $s, lines: ["x"]) }`, variables: { s: c.sessionId } }) },
  { name: 'completeWorkerCommand', allowed: ['WORKER'], doc: () => ({ query: `mutation { completeWorkerCommand(id: "00000000-0000-4000-8000-0000000000cc", input: { ok: true }) }` }) },
  { name: 'createExam', allowed: STAFF, doc: (c) => ({ query: `mutation($i: ExamInput!) { createExam(input: $i) { id } }`, variables: { i: { code: `E-${uniq()}`, name: 'matrix', productId: c.productId, startsAt: '2030-01-01T08:00:00Z', endsAt: '2030-01-01T10:00:00Z', expectedCandidates: 1 } } }) },
  { name: 'exams', allowed: MONITORING, doc: () => ({ query: `{ exams { id } }` }) },
  { name: 'importRoster', allowed: STAFF, doc: (c) => ({ query: `mutation($e: ID!, $csv: String!) { importRoster(examId: $e, csv: $csv) { added } }`, variables: { e: c.examId, csv: `cand-${uniq()}` } }) },
  { name: 'joinExam', allowed: PEOPLE, doc: () => ({ query: `mutation { joinExam(examCode: "MATRIX-NONE") { id } }` }) },
  { name: 'releaseSession', allowed: PEOPLE, doc: (c) => ({ query: `mutation($id: ID!) { releaseSession(id: $id) { id } }`, variables: { id: c.sessionId } }) },
  { name: 'prewarm', allowed: STAFF, doc: (c) => ({ query: `mutation($e: ID!) { prewarm(examId: $e, count: 0) { target } }`, variables: { e: c.examId } }) },
  { name: 'prewarmProgress', allowed: STAFF, doc: (c) => ({ query: `query($e: ID!) { prewarmProgress(examId: $e) { target } }`, variables: { e: c.examId } }) },
  { name: 'desktopAccess', allowed: PEOPLE, doc: (c) => ({ query: `mutation($id: ID!) { desktopAccess(sessionId: $id) { url } }`, variables: { id: c.sessionId } }) },
  { name: 'reconcileNow', allowed: STAFF, doc: () => ({ query: `mutation { reconcileNow(dryRun: true) { total } }` }) },
  { name: 'examReadiness', allowed: MONITORING, doc: (c) => ({ query: `query($e: ID!) { examReadiness(examId: $e) { go } }`, variables: { e: c.examId } }) },
  { name: 'setWorkerRegistryAuth', allowed: ADMIN, doc: (c) => ({ query: `mutation($id: ID!) { setWorkerRegistryAuth(workerId: $id, auth: null) { id } }`, variables: { id: c.workerId } }) },
  { name: 'workerHeartbeatHistory', allowed: MONITORING, doc: (c) => ({ query: `query($w: ID!) { workerHeartbeatHistory(workerId: $w) { bucket } }`, variables: { w: c.workerId } }) },
  { name: 'auditLog', allowed: ADMIN, doc: () => ({ query: `{ auditLog(first: 1) { totalCount } }` }) },
  { name: 'wallLinks', allowed: ADMIN, doc: () => ({ query: `{ wallLinks { id } }` }) },
  { name: 'createWallLink', allowed: ADMIN, doc: () => ({ query: `mutation { createWallLink(name: "matrix tv") { secret } }` }) },
  { name: 'revokeWallLink', allowed: ADMIN, doc: () => ({ query: `mutation { revokeWallLink(id: "00000000-0000-4000-8000-0000000000aa") { id } }` }) },
  { name: 'changeMyPassword', allowed: PEOPLE, doc: () => ({ query: `mutation { changeMyPassword(currentPassword: "not-the-password", newPassword: "a-fine-new-password") }` }) },
  { name: 'resetUserPassword', allowed: ADMIN, doc: (c) => ({ query: `mutation($u: ID!) { resetUserPassword(userId: $u) { password } }`, variables: { u: c.userId } }) },
  { name: 'setUserDisabled', allowed: ADMIN, doc: (c) => ({ query: `mutation($u: ID!) { setUserDisabled(userId: $u, disabled: false) { id } }`, variables: { u: c.userId } }) },
  { name: 'examExport', allowed: STAFF, doc: (c) => ({ query: `query($e: ID!) { examExport(examId: $e) }`, variables: { e: c.examId } }) },
];

const SUBSCRIPTIONS: Op[] = [
  { name: 'workerHeartbeats', allowed: MONITORING, doc: () => ({ query: `subscription { workerHeartbeats { workerId } }` }) },
  { name: 'workerUpdated', allowed: MONITORING, doc: () => ({ query: `subscription { workerUpdated { id } }` }) },
  { name: 'clusterSummaryUpdated', allowed: MONITORING, doc: () => ({ query: `subscription { clusterSummaryUpdated { totalMaxSessions } }` }) },
  { name: 'sessionUpdated', allowed: PEOPLE, doc: () => ({ query: `subscription { sessionUpdated { id } }` }) },
  { name: 'sessionLog', allowed: PEOPLE, doc: (c) => ({ query: `subscription { sessionLog(id: "${c.sessionId}") }` }) },
  { name: 'prewarmProgress', allowed: STAFF, doc: (c) => ({ query: `subscription { prewarmProgress(examId: "${c.examId}") { target } }` }) },
  { name: 'productAvailabilityUpdated', allowed: PEOPLE, doc: () => ({ query: `subscription { productAvailabilityUpdated { productId available } }` }) },
  { name: 'myBalanceUpdated', allowed: PEOPLE, doc: () => ({ query: `subscription { myBalanceUpdated { id coinBalance } }` }) },
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
  const ctx = {} as Ctx;
  beforeAll(async () => {
    t = await startTestServer();
    tokens.ADMIN = t.adminToken;
    for (const role of ['OPERATOR', 'USER', 'CANDIDATE'] as const) tokens[role] = (await t.user(role)).token;
    const w = await registerWorker(t, 'matrix-worker');
    tokens.WORKER = w.credential;
    tokens.WALL = (await t.ok<any>(`mutation { createWallLink(name: "matrix wall") { secret } }`, {}, t.adminToken)).createWallLink.secret;
    ctx.workerId = w.id;
    ctx.userId = (await t.user('USER')).id;
    ctx.productId = (await t.ok<any>(`mutation { createProduct(input: { name: "matrix product", priceCoins: 1, provisionAction: TEST }) { id } }`, {}, t.adminToken)).createProduct.id;
    ctx.sessionId = '00000000-0000-4000-8000-0000000000ff';
    ctx.examId = (await t.ok<any>(`mutation($p: ID!) { createExam(input: { code: "MATRIX", name: "matrix", productId: $p, startsAt: "2030-01-01T08:00:00Z", endsAt: "2030-01-01T10:00:00Z", expectedCandidates: 1 }) { id } }`, { p: ctx.productId }, t.adminToken)).createExam.id;
  });
  afterAll(() => t.close());

  it('lists every operation of the schema (a new one must say who may call it)', async () => {
    const types = (await t.ok<any>(`{ __schema { queryType { fields { name } } mutationType { fields { name } } subscriptionType { fields { name } } } }`)).__schema;
    const public_ = new Set(['login', 'registerWorker']);
    const roots = [...types.queryType.fields, ...types.mutationType.fields].map((f: { name: string }) => f.name).filter((n: string) => !public_.has(n));
    expect(roots.filter((n: string) => !OPS.some((o) => o.name === n))).toEqual([]);
    expect(types.subscriptionType.fields.map((f: { name: string }) => f.name).filter((n: string) => !SUBSCRIPTIONS.some((o) => o.name === n))).toEqual([]);
  });

  const cases = OPS.flatMap((op) => CALLERS.map((caller) => [op.name, caller, expected(op, caller), op] as const));
  it.each(cases)('%s as %s → %s', async (_name, caller, outcome, op) => {
    const { query, variables } = op.doc(ctx);
    const r = await t.gql(query, variables, tokens[caller]);
    const code = r.errors?.[0]?.extensions?.code;
    if (outcome === 'ALLOWED') expect(['UNAUTHENTICATED', 'FORBIDDEN']).not.toContain(code);
    else expect(code).toBe(outcome);
  });

  const subCases = SUBSCRIPTIONS.flatMap((op) => CALLERS.map((caller) => [op.name, caller, expected(op, caller), op] as const));
  it.each(subCases)('subscription %s as %s → %s', async (_name, caller, outcome, op) => {
    const { query } = op.doc(ctx);
    const sub = collect<any>(t.ws(tokens[caller]), query);
    const result = await Promise.race([sub.errors, new Promise((r) => setTimeout(() => r('LISTENING'), 400))]);
    sub.stop();
    if (outcome === 'ALLOWED') expect(result).toBe('LISTENING');
    else if (outcome === 'UNAUTHENTICATED') expect((result as { code?: number }).code).toBe(4403);
    else expect((result as { extensions?: { code?: string } }[])[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
