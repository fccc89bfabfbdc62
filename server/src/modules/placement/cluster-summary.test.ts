import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heartbeat, registerWorker, startTestServer, type TestServer } from '../../../test/harness.js';

const SUMMARY = `query($p: ID) { clusterSummary(productId: $p) { totalAvailableSessions totalMaxSessions totalActiveSessions healthyWorkers staleWorkers drainingWorkers drainedWorkers disabledWorkers } }`;

describe('cluster summary, product availability and placement explain', () => {
  let t: TestServer;
  const w: Record<string, { id: string; credential: string }> = {};
  let productId: string;
  beforeAll(async () => {
    t = await startTestServer();
    for (const code of ['healthy-1', 'healthy-2', 'stale', 'drained', 'no-engine']) w[code] = await registerWorker(t, code);
    for (const code of ['healthy-1', 'healthy-2', 'drained']) await heartbeat(t, w[code]!.credential);
    await heartbeat(t, w['no-engine']!.credential, { driver: { reachable: false, error: 'Cannot connect to the Docker daemon' } });
    await t.ok(`mutation($id: ID!) { drainWorker(id: $id) { id } }`, { id: w.drained!.id }, t.adminToken);
    const p = await t.ok<any>(
      `mutation { createProduct(input: { name: "Exam Linux", priceCoins: 0, provisionAction: LINUX }) { id available } }`,
      {},
      t.adminToken,
    );
    productId = p.createProduct.id;
  });
  afterAll(() => t.close());

  it('counts healthy, stale and drained workers and free slots (totalAvailableSessions)', async () => {
    const s = (await t.ok<any>(SUMMARY, {}, t.adminToken)).clusterSummary;
    expect(s).toEqual({
      totalAvailableSessions: 8,
      totalMaxSessions: 20,
      totalActiveSessions: 0,
      healthyWorkers: 4,
      staleWorkers: 1,
      drainingWorkers: 0,
      drainedWorkers: 1,
      disabledWorkers: 0,
    });
  });

  it("shows a product's free slots, narrowed when the product lists workers", async () => {
    const avail = async () =>
      (await t.ok<any>(`query { products { id available } }`, {}, t.adminToken)).products.find((p: any) => p.id === productId).available;
    expect(await avail()).toBe(8);
    await t.ok(
      `mutation($p: ID!, $w: [ID!]!) { setProductWorkers(productId: $p, workerIds: $w) { id } }`,
      { p: productId, w: [w['healthy-1']!.id, w.stale!.id] },
      t.adminToken,
    );
    expect(await avail()).toBe(4);
    expect((await t.ok<any>(SUMMARY, { p: productId }, t.adminToken)).clusterSummary).toMatchObject({ totalAvailableSessions: 4, totalMaxSessions: 8 });
    const exam = (
      await t.ok<any>(
        `mutation($p: ID!) { createExam(input: { code: "SUM", name: "Sum", productId: $p, startsAt: "2030-01-01T08:00:00Z", endsAt: "2030-01-01T10:00:00Z", expectedCandidates: 4 }) { id } }`,
        { p: productId },
        t.adminToken,
      )
    ).createExam;
    const byExam = await t.ok<any>(`query($e: ID) { clusterSummary(examId: $e) { totalAvailableSessions totalMaxSessions } }`, { e: exam.id }, t.adminToken);
    expect(byExam.clusterSummary).toEqual({ totalAvailableSessions: 4, totalMaxSessions: 8 });
    const other = await t.ok<any>(`mutation { createProduct(input: { name: "Other", priceCoins: 0, provisionAction: TEST }) { id } }`, {}, t.adminToken);
    const wrong = await t.gql(
      `query($p: ID!, $e: ID) { placementExplain(productId: $p, examId: $e) { eligible } }`,
      { p: other.createProduct.id, e: exam.id },
      t.adminToken,
    );
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'productId' });
    await t.ok(`mutation($p: ID!) { setProductWorkers(productId: $p, workerIds: []) { id } }`, { p: productId }, t.adminToken);
    expect(await avail()).toBe(8);
  });

  it('explains per worker why it cannot take the product', async () => {
    const r = await t.ok<any>(`query($p: ID!) { placementExplain(productId: $p) { worker { code } eligible refusal reason } }`, { p: productId }, t.adminToken);
    const by = Object.fromEntries(r.placementExplain.map((v: any) => [v.worker.code, v]));
    expect(by['healthy-1']).toMatchObject({ eligible: true, refusal: null });
    expect(by.stale).toMatchObject({ eligible: false, refusal: 'STALE_HEARTBEAT' });
    expect(by.drained).toMatchObject({ eligible: false, refusal: 'DRAINED' });
    expect(by['no-engine']).toMatchObject({ eligible: false, refusal: 'ENGINE_UNREACHABLE' });
    expect(by['no-engine'].reason).toContain('Cannot connect to the Docker daemon');
  });

  it('refuses setProductWorkers with an unknown worker as NOT_FOUND and leaves the mapping alone', async () => {
    const r = await t.gql(
      `mutation($p: ID!) { setProductWorkers(productId: $p, workerIds: ["00000000-0000-4000-8000-000000000009"]) { id } }`,
      { p: productId },
      t.adminToken,
    );
    expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('turns a worker STALE once its heartbeats are older than WORKER_HEARTBEAT_TTL_SEC', async () => {
    const short = await startTestServer({ WORKER_HEARTBEAT_TTL_SEC: '5' });
    try {
      const x = await registerWorker(short, 'short-ttl');
      await heartbeat(short, x.credential);
      const health = async () => (await short.ok<any>(`query { workers { health } }`, {}, short.adminToken)).workers[0].health;
      expect(await health()).toBe('HEALTHY');
      await new Promise((r) => setTimeout(r, 5_200));
      expect(await health()).toBe('STALE');
    } finally {
      await short.close();
    }
  });
});
