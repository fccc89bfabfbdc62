import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { heartbeat, registerWorker, startTestServer, type TestServer } from '../../../test/harness.js';

const BUY = `mutation($p: ID!, $k: String!) { purchaseAndCreate(productId: $p, idempotencyKey: $k) { id } }`;
const SESSION = `query($id: ID!) { session(id: $id) { state failureReason } }`;

describe('allocation retries and timeout', () => {
  let t: TestServer;
  let db: pg.Client;
  const w: Record<string, { id: string; credential: string }> = {};
  let user: { id: string; token: string };
  let productId: string;

  /** The open CREATE command of a session: which worker holds it. */
  const openCreate = async (sessionId: string) =>
    (
      await db.query(
        `select c.id, c.worker_id from worker_commands c where c.session_id = $1 and c.kind = 'CREATE_SESSION' and c.state in ('QUEUED','DELIVERED')`,
        [sessionId],
      )
    ).rows as { id: string; worker_id: string }[];
  const credentialOf = (workerId: string) => Object.values(w).find((x) => x.id === workerId)!.credential;
  const fail = (commandId: string, workerId: string, error: string) =>
    t.ok(
      `mutation($id: ID!, $e: String!) { completeWorkerCommand(id: $id, input: { ok: false, error: $e }) }`,
      { id: commandId, e: error },
      credentialOf(workerId),
    );
  const balance = async () => (await t.ok<any>(`{ me { coinBalance } }`, {}, user.token)).me.coinBalance;

  beforeAll(async () => {
    t = await startTestServer({ WORKER_ALLOCATE_RETRY_COUNT: '3', VDI_LOOP_INTERVAL_SEC: '3600' });
    for (const code of ['retry-a', 'retry-b']) {
      w[code] = await registerWorker(t, code);
      await heartbeat(t, w[code]!.credential);
    }
    user = await t.user('USER');
    await t.ok(`mutation($u: ID!) { adjustCoins(input: { userId: $u, op: ADD, amount: 100, reason: "tests" }) { id } }`, { u: user.id }, t.adminToken);
    productId = (await t.ok<any>(`mutation { createProduct(input: { name: "Retry", priceCoins: 10, provisionAction: TEST }) { id } }`, {}, t.adminToken))
      .createProduct.id;
    db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('moves a failed create to another worker, which brings it to READY', async () => {
    const s = (await t.ok<any>(BUY, { p: productId, k: 'retry-1' }, user.token)).purchaseAndCreate;
    const [first] = await openCreate(s.id);
    await fail(first!.id, first!.worker_id, 'image pull failed');
    const [second] = await openCreate(s.id);
    expect(second!.worker_id).not.toBe(first!.worker_id);
    const report = (state: string) =>
      t.ok(`mutation($i: ReportSessionInput!) { reportSession(input: $i) }`, { i: { sessionId: s.id, state } }, credentialOf(second!.worker_id));
    await report('PROVISIONING');
    await report('READY');
    const seen = (await t.ok<any>(SESSION, { id: s.id }, user.token)).session;
    expect(seen.state).toBe('READY');
    expect(seen.failureReason).toMatch(/image pull failed/);
    const held = await db.query(`select worker_id, slot_no from sessions where id = $1`, [s.id]);
    expect(held.rows[0].worker_id).toBe(second!.worker_id);
  });

  it("fails with every worker's reason when all fail, refunding once and freeing the slot", async () => {
    const before = await balance();
    const s = (await t.ok<any>(BUY, { p: productId, k: 'retry-2' }, user.token)).purchaseAndCreate;
    const [first] = await openCreate(s.id);
    await fail(first!.id, first!.worker_id, 'engine error one');
    const [second] = await openCreate(s.id);
    await fail(second!.id, second!.worker_id, 'engine error two');
    const seen = (await t.ok<any>(SESSION, { id: s.id }, user.token)).session;
    expect(seen.state).toBe('FAILED');
    expect(seen.failureReason).toMatch(/engine error one.*engine error two.*no other worker/);
    expect(await balance()).toBe(before);
    expect(await openCreate(s.id)).toEqual([]);
    const slot = await db.query(`select slot_no from sessions where id = $1`, [s.id]);
    expect(slot.rows[0].slot_no).toBeNull();
  });

  it('fails an allocation past VDI_ALLOCATE_TIMEOUT_SEC with ALLOCATION_TIMEOUT, refunds and orders the container stopped', async () => {
    const before = await balance();
    const s = (await t.ok<any>(BUY, { p: productId, k: 'retry-3' }, user.token)).purchaseAndCreate;
    await db.query(`update sessions set created_at = now() - interval '91 seconds' where id = $1`, [s.id]);
    await t.server.services.sweeper.sweep();
    const seen = (await t.ok<any>(SESSION, { id: s.id }, user.token)).session;
    expect(seen.state).toBe('FAILED');
    expect(seen.failureReason).toMatch(/^ALLOCATION_TIMEOUT: not ready within 90 s/);
    expect(await balance()).toBe(before);
    const stop = await db.query(`select count(*)::int as n from worker_commands where session_id = $1 and kind = 'STOP_SESSION'`, [s.id]);
    expect(stop.rows[0].n).toBe(1);
  });
});
