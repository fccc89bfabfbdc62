import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { collect, heartbeat, registerWorker, startTestServer, type TestServer } from '../../../test/harness.js';

const BUY = `mutation($p: ID!, $k: String!) { purchaseAndCreate(productId: $p, idempotencyKey: $k) { id } }`;
const STATE = `query($id: ID!) { session(id: $id) { state failureReason expiresAt } }`;

describe('session sweeper: expiry and dispatch cleanup', () => {
  let t: TestServer;
  let db: pg.Client;
  let w: { id: string; credential: string };
  let user: { id: string; token: string };
  let timed: string;
  let plain: string;

  beforeAll(async () => {
    // Loops are driven by hand here (sweep()), so the interval is long.
    t = await startTestServer({ WORKER_DISPATCH_STALE_SEC: '60', VDI_LOOP_INTERVAL_SEC: '3600' });
    w = await registerWorker(t, 'sweep-w');
    await heartbeat(t, w.credential);
    user = await t.user('USER');
    await t.ok(`mutation($u: ID!) { adjustCoins(input: { userId: $u, op: ADD, amount: 100, reason: "tests" }) { id } }`, { u: user.id }, t.adminToken);
    timed = (
      await t.ok<any>(
        `mutation { createProduct(input: { name: "One hour", priceCoins: 10, provisionAction: TEST, durationMinutes: 60 }) { id } }`,
        {},
        t.adminToken,
      )
    ).createProduct.id;
    plain = (await t.ok<any>(`mutation { createProduct(input: { name: "Forever", priceCoins: 10, provisionAction: TEST }) { id } }`, {}, t.adminToken))
      .createProduct.id;
    db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
  });
  const report = (sessionId: string, state: string) =>
    t.ok(`mutation($i: ReportSessionInput!) { reportSession(input: $i) }`, { i: { sessionId, state, workerRoute: 'quack_sweep0001' } }, w.credential);
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('expires a timed desktop: EXPIRED, slot freed, its container ordered stopped, exactly once across two replicas', async () => {
    const s = (await t.ok<any>(BUY, { p: timed, k: 'timed' }, user.token)).purchaseAndCreate;
    await report(s.id, 'PROVISIONING');
    await report(s.id, 'READY');
    const ready = (await t.ok<any>(STATE, { id: s.id }, user.token)).session;
    expect(new Date(ready.expiresAt).getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);
    await db.query(`update sessions set expires_at = now() - interval '1 second' where id = $1`, [s.id]);

    const replica = await startTestServer({ VDI_LOOP_INTERVAL_SEC: '3600' }, { dbUrl: t.dbUrl, port: 0 });
    try {
      await Promise.all([t.server.services.sweeper.sweep(), replica.server.services.sweeper.sweep(), t.server.services.sweeper.sweep()]);
    } finally {
      await replica.close();
    }
    expect((await t.ok<any>(STATE, { id: s.id }, user.token)).session.state).toBe('EXPIRED');
    const stops = await db.query(`select count(*)::int as n from worker_commands where session_id = $1 and kind = 'STOP_SESSION'`, [s.id]);
    expect(stops.rows[0].n).toBe(1);
    const slot = await db.query(`select slot_no from sessions where id = $1`, [s.id]);
    expect(slot.rows[0].slot_no).toBeNull();
  });

  it('leaves desktops without a duration alone', async () => {
    const s = (await t.ok<any>(BUY, { p: plain, k: 'plain' }, user.token)).purchaseAndCreate;
    await report(s.id, 'PROVISIONING');
    await report(s.id, 'READY');
    await t.server.services.sweeper.sweep();
    expect((await t.ok<any>(STATE, { id: s.id }, user.token)).session).toMatchObject({ state: 'READY', expiresAt: null });
  });

  it('fails a session stuck past WORKER_DISPATCH_STALE_SEC, refunds it and fails its unacknowledged command', async () => {
    const before = (await t.ok<any>(`{ me { coinBalance } }`, {}, user.token)).me.coinBalance;
    const s = (await t.ok<any>(BUY, { p: plain, k: 'stuck' }, user.token)).purchaseAndCreate;
    await t.server.services.sweeper.sweep();
    expect((await t.ok<any>(STATE, { id: s.id }, user.token)).session.state).toBe('PENDING');
    await db.query(`update sessions set updated_at = now() - interval '61 seconds' where id = $1`, [s.id]);
    await db.query(`update worker_commands set created_at = now() - interval '61 seconds' where session_id = $1`, [s.id]);
    const updates = collect<any>(t.ws(user.token), `subscription($id: ID) { sessionUpdated(id: $id) { state } }`, { id: s.id });
    await new Promise((r) => setTimeout(r, 200));
    await t.server.services.sweeper.sweep();
    expect((await updates.done)[0].sessionUpdated.state).toBe('FAILED');
    const seen = (await t.ok<any>(STATE, { id: s.id }, user.token)).session;
    expect(seen.failureReason).toMatch(/stuck in PENDING for more than 60 s/);
    expect((await t.ok<any>(`{ me { coinBalance } }`, {}, user.token)).me.coinBalance).toBe(before);
    const cmd = await db.query(`select state from worker_commands where session_id = $1`, [s.id]);
    expect(cmd.rows.map((r) => r.state)).toEqual(['FAILED']);
  });
});
