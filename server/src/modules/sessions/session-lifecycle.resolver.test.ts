import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { collect, heartbeat, registerWorker, startTestServer, type TestServer } from '../../../test/harness.js';

const COMMANDS = `subscription { workerCommands { id kind sessionId payload attempts } }`;
const REPORT = `mutation($i: ReportSessionInput!) { reportSession(input: $i) }`;
const COMPLETE = `mutation($id: ID!, $ok: Boolean!) { completeWorkerCommand(id: $id, input: { ok: $ok }) }`;

describe('worker protocol on the control plane (simulated worker over the real API)', () => {
  let t: TestServer;
  let w: { id: string; credential: string };
  let other: { id: string; credential: string };
  let user: { id: string; token: string };
  let productId: string;

  beforeAll(async () => {
    t = await startTestServer();
    w = await registerWorker(t, 'sim-1');
    other = await registerWorker(t, 'sim-2');
    await heartbeat(t, w.credential);
    await t.ok(`mutation($id: ID!) { disableWorker(id: $id, force: true) { id } }`, { id: other.id }, t.adminToken);
    user = await t.user('USER');
    await t.ok(`mutation($u: ID!) { adjustCoins(input: { userId: $u, op: ADD, amount: 100, reason: "tests" }) { id } }`, { u: user.id }, t.adminToken);
    productId = (await t.ok<any>(`mutation { createProduct(input: { name: "Sim", priceCoins: 30, provisionAction: TEST }) { id } }`, {}, t.adminToken))
      .createProduct.id;
  });
  afterAll(() => t.close());

  it('queues a create for the chosen worker, delivers it again until acknowledged, and keeps no password in the queue', async () => {
    const s = (await t.ok<any>(`mutation($p: ID!) { purchaseAndCreate(productId: $p, idempotencyKey: "sim-a") { id state } }`, { p: productId }, user.token))
      .purchaseAndCreate;
    expect(s.state).toBe('PENDING');
    const first = await collect<any>(t.ws(w.credential), COMMANDS).done;
    expect(first[0].workerCommands).toMatchObject({ kind: 'CREATE_SESSION', sessionId: s.id, attempts: 1 });
    expect(first[0].workerCommands.payload).toMatchObject({ sessionId: s.id, provisionAction: 'TEST', cpus: 1.5, memoryMb: 2048 });
    expect(JSON.stringify(first[0].workerCommands.payload)).not.toMatch(/password/i);
    // Not acknowledged: a new connection gets it again.
    const again = await collect<any>(t.ws(w.credential), COMMANDS).done;
    expect(again[0].workerCommands).toMatchObject({ id: first[0].workerCommands.id, attempts: 2 });

    await t.ok(REPORT, { i: { sessionId: s.id, state: 'PROVISIONING', workerRoute: 'quack_sim000000a' } }, w.credential);
    await t.ok(
      REPORT,
      { i: { sessionId: s.id, state: 'READY', connection: { protocol: 'test', username: 'desktop', password: 'pw-from-worker' } } },
      w.credential,
    );
    expect((await t.ok<any>(COMPLETE, { id: first[0].workerCommands.id, ok: true }, w.credential)).completeWorkerCommand).toBe(true);
    expect((await t.ok<any>(COMPLETE, { id: first[0].workerCommands.id, ok: true }, w.credential)).completeWorkerCommand).toBe(true);
    const seen = (await t.ok<any>(`query($id: ID!) { session(id: $id) { state workerRoute connection { password } } }`, { id: s.id }, user.token)).session;
    expect(seen).toEqual({ state: 'READY', workerRoute: 'quack_sim000000a', connection: { password: 'pw-from-worker' } });
    // Acknowledged: a new connection gets nothing.
    const quiet = collect<any>(t.ws(w.credential), COMMANDS);
    expect(await Promise.race([quiet.done.then(() => 'delivered'), new Promise((r) => setTimeout(() => r('quiet'), 500))])).toBe('quiet');
    quiet.stop();
  });

  it("refuses reports and log lines about another worker's session with NOT_FOUND, and illegal moves with ILLEGAL_STATE_TRANSITION", async () => {
    const s = (await t.ok<any>(`{ mySessions { id } }`, {}, user.token)).mySessions[0];
    expect((await t.gql(REPORT, { i: { sessionId: s.id, state: 'FAILED' } }, other.credential)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(
      (await t.gql(`mutation($s: ID!) { appendSessionLog(sessionId: $s, lines: ["x"]) }`, { s: s.id }, other.credential)).errors?.[0]?.extensions?.code,
    ).toBe('NOT_FOUND');
    expect((await t.gql(REPORT, { i: { sessionId: s.id, state: 'PENDING' } }, w.credential)).errors?.[0]?.extensions?.code).toBe('ILLEGAL_STATE_TRANSITION');
  });

  it('keeps the last 5,000 log lines of a session', async () => {
    const s = (await t.ok<any>(`{ mySessions { id } }`, {}, user.token)).mySessions[0];
    for (let batch = 0; batch < 11; batch++) {
      const lines = Array.from({ length: 500 }, (_, i) => `line ${batch * 500 + i}`);
      await t.ok(`mutation($s: ID!, $l: [String!]!) { appendSessionLog(sessionId: $s, lines: $l) }`, { s: s.id, l: lines }, w.credential);
    }
    const log = ((await t.ok<any>(`query($id: ID!) { sessionLog(id: $id) }`, { id: s.id }, user.token)).sessionLog as string).split('\n');
    expect(log).toHaveLength(5000);
    expect(log.at(-1)).toBe('line 5499');
    expect(log[0]).toBe('line 500');
    const tooMany = await t.gql(
      `mutation($s: ID!, $l: [String!]!) { appendSessionLog(sessionId: $s, lines: $l) }`,
      { s: s.id, l: Array(501).fill('x') },
      w.credential,
    );
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('deletes through a stop command: STOPPING, then DELETED when the worker acknowledges', async () => {
    const s = (await t.ok<any>(`{ mySessions { id } }`, {}, user.token)).mySessions[0];
    const sub = collect<any>(t.ws(w.credential), COMMANDS);
    await new Promise((r) => setTimeout(r, 200));
    expect((await t.ok<any>(`mutation($id: ID!) { deleteSession(id: $id) { state } }`, { id: s.id }, user.token)).deleteSession.state).toBe('STOPPING');
    const [stop] = await sub.done;
    expect(stop.workerCommands).toMatchObject({ kind: 'STOP_SESSION', sessionId: s.id, payload: { workerRoute: 'quack_sim000000a' } });
    await t.ok(COMPLETE, { id: stop.workerCommands.id, ok: true }, w.credential);
    expect((await t.ok<any>(`query($id: ID!) { session(id: $id) { state } }`, { id: s.id }, user.token)).session.state).toBe('DELETED');
  });

  it('refunds once when the create fails, and frees the slot', async () => {
    const before = (await t.ok<any>(`{ me { coinBalance } }`, {}, user.token)).me.coinBalance;
    const s = (await t.ok<any>(`mutation($p: ID!) { purchaseAndCreate(productId: $p, idempotencyKey: "sim-fail") { id } }`, { p: productId }, user.token))
      .purchaseAndCreate;
    const [create] = await collect<any>(t.ws(w.credential), COMMANDS).done;
    await t.ok(
      `mutation($id: ID!) { completeWorkerCommand(id: $id, input: { ok: false, error: "image sim:1 could not be pulled" }) }`,
      { id: create.workerCommands.id },
      w.credential,
    );
    await t.ok(REPORT, { i: { sessionId: s.id, state: 'FAILED', error: 'late duplicate report' } }, w.credential);
    const seen = (await t.ok<any>(`query($id: ID!) { session(id: $id) { state failureReason } }`, { id: s.id }, user.token)).session;
    expect(seen.state).toBe('FAILED');
    expect(seen.failureReason).toBe('sim-1: image sim:1 could not be pulled; no other worker can take it');
    expect((await t.ok<any>(`{ me { coinBalance } }`, {}, user.token)).me.coinBalance).toBe(before);
    const db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
    const refunds = await db.query(`select count(*)::int as n from coin_ledger_entries where session_id = $1 and kind = 'REFUND'`, [s.id]);
    await db.end();
    expect(refunds.rows[0].n).toBe(1);
    const me = (await t.ok<any>(`{ workers { code activeSessions } }`, {}, t.adminToken)).workers.find((x: any) => x.code === 'sim-1');
    expect(me.activeSessions).toBe(0);
  });

  it('refuses a purchase without enough coins with INSUFFICIENT_COINS and creates no session', async () => {
    const poor = await t.user('USER');
    const r = await t.gql(`mutation($p: ID!) { purchaseAndCreate(productId: $p, idempotencyKey: "poor") { id } }`, { p: productId }, poor.token);
    expect(r.errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_COINS');
    expect((await t.ok<any>(`{ mySessions { id } }`, {}, poor.token)).mySessions).toEqual([]);
  });

  it('charges the price as it is now and refuses a product deactivated a moment ago (NOT_FOUND), whatever was read before', async () => {
    const pid = (await t.ok<any>(`mutation { createProduct(input: { name: "Repriced", priceCoins: 1, provisionAction: TEST }) { id } }`, {}, t.adminToken))
      .createProduct.id;
    const buy = (k: string) =>
      t.gql<any>(`mutation($p: ID!, $k: String!) { purchaseAndCreate(productId: $p, idempotencyKey: $k) { id } }`, { p: pid, k }, user.token);
    const balance = async () => (await t.ok<any>(`{ me { coinBalance } }`, {}, user.token)).me.coinBalance;
    const before = await balance();
    expect((await buy('reprice-1')).errors).toBeUndefined();
    await t.ok(
      `mutation($id: ID!) { updateProduct(id: $id, input: { name: "Repriced", priceCoins: 7, provisionAction: TEST }) { id } }`,
      { id: pid },
      t.adminToken,
    );
    expect((await buy('reprice-2')).errors).toBeUndefined();
    expect(await balance()).toBe(before - 1 - 7);
    await t.ok(
      `mutation($id: ID!) { updateProduct(id: $id, input: { name: "Repriced", priceCoins: 7, provisionAction: TEST, isActive: false }) { id } }`,
      { id: pid },
      t.adminToken,
    );
    expect((await buy('reprice-3')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await balance()).toBe(before - 8);
  });

  it("stores a worker's registry login encrypted and sends it only with create commands", async () => {
    await t.ok(
      `mutation($id: ID!) { setWorkerRegistryAuth(workerId: $id, auth: { serverAddress: "registry.school.internal", username: "puller", password: "registry-secret" }) { id } }`,
      { id: w.id },
      t.adminToken,
    );
    const db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
    const row = await db.query(`select registry_auth::text as a from workers where id = $1`, [w.id]);
    expect(row.rows[0].a).not.toContain('registry-secret');
    const s = (await t.ok<any>(`mutation($p: ID!) { purchaseAndCreate(productId: $p, idempotencyKey: "sim-registry") { id } }`, { p: productId }, user.token))
      .purchaseAndCreate;
    const [create] = await collect<any>(t.ws(w.credential), COMMANDS).done;
    expect(create.workerCommands.payload.registryAuth).toEqual({ serverAddress: 'registry.school.internal', username: 'puller', password: 'registry-secret' });
    const queued = await db.query(`select payload::text as p from worker_commands where session_id = $1`, [s.id]);
    await db.end();
    expect(queued.rows[0].p).not.toContain('registry-secret');
  });
});
