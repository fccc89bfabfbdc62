import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { assertNothingLostOrDoubled, CHAOS_CLUSTER_TOKEN, waitFor } from './chaos-kit.js';
import { SimWorker } from './sim-worker.js';

const BUY = `mutation($p: ID!, $k: String!) { purchaseAndCreate(productId: $p, idempotencyKey: $k) { id } }`;
const RECONCILE = `mutation { reconcileNow { items { kind sessionId } } }`;

describe('a worker whose host reboots and comes back with an empty container engine', () => {
  let t: TestServer;
  let worker: SimWorker;
  let db: pg.Client;
  beforeAll(async () => {
    t = await startTestServer({ WORKER_CLUSTER_TOKEN: CHAOS_CLUSTER_TOKEN, VDI_LOOP_INTERVAL_SEC: '0.5' });
    worker = await SimWorker.register(t.server.url, 'reboot-1');
    worker.start(400);
    db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
  });
  afterAll(async () => {
    await worker.stop();
    await db.end();
    await t.close();
  });

  it('has its lost desktops failed and refunded exactly once, even when reconciled twice at the same time and again later', { timeout: 60_000 }, async () => {
    const productId = (
      await t.ok<any>(`mutation { createProduct(input: { name: "Reboot test", priceCoins: 7, provisionAction: TEST }) { id } }`, {}, t.adminToken)
    ).createProduct.id;
    const person = await t.user('USER');
    await t.ok(`mutation($u: ID!) { adjustCoins(input: { userId: $u, op: ADD, amount: 30, reason: "chaos" }) { id } }`, { u: person.id }, t.adminToken);
    const ids: string[] = [];
    for (const k of ['reboot-a', 'reboot-b', 'reboot-c']) ids.push((await t.ok<any>(BUY, { p: productId, k }, person.token)).purchaseAndCreate.id);
    await waitFor('the desktops ready', async () => (await db.query(`select 1 from sessions where state = 'READY'`)).rowCount === 3);
    const balance = async () => (await t.ok<any>(`{ me { coinBalance } }`, {}, person.token)).me.coinBalance;
    expect(await balance()).toBe(30 - 3 * 7);

    worker.reboot();
    // The reconcile trusts an empty inventory only after heartbeats well past the desktops' start (10 s grace).
    const found = await waitFor(
      'the lost desktops to be found',
      async () => {
        const items = (await t.ok<any>(`mutation { reconcileNow(dryRun: true) { items { kind sessionId } } }`, {}, t.adminToken)).reconcileNow.items;
        return items.filter((i: any) => i.kind === 'MISSING_CONTAINER').length === 3 && items;
      },
      30_000,
      500,
    );
    expect(found.map((i: any) => i.sessionId).sort()).toEqual([...ids].sort());
    const [a, b] = await Promise.all([t.ok<any>(RECONCILE, {}, t.adminToken), t.ok<any>(RECONCILE, {}, t.adminToken)]);
    const failedBy = [...a.reconcileNow.items, ...b.reconcileNow.items].filter((i: any) => i.kind === 'MISSING_CONTAINER');
    expect(failedBy.map((i: any) => i.sessionId).sort()).toEqual([...ids].sort());
    expect((await t.ok<any>(RECONCILE, {}, t.adminToken)).reconcileNow.items.filter((i: any) => i.kind === 'MISSING_CONTAINER')).toEqual([]);

    const states = await db.query(`select state, failure_reason from sessions where id = any($1::uuid[])`, [ids]);
    expect(states.rows.every((r) => r.state === 'FAILED' && /container gone from worker reboot-1/.test(r.failure_reason))).toBe(true);
    expect(await balance()).toBe(30);
    const refunds = await db.query(`select session_id, count(*)::int as n from coin_ledger_entries where kind = 'REFUND' group by session_id`);
    expect(refunds.rows.map((r) => r.n)).toEqual([1, 1, 1]);
    const held = (await t.ok<any>(`{ workers { code activeSessions } }`, {}, t.adminToken)).workers.find((w: any) => w.code === 'reboot-1');
    expect(held.activeSessions).toBe(0);
    await assertNothingLostOrDoubled(db, { settled: true });
    // The rebooted worker takes new desktops again.
    expect((await t.ok<any>(BUY, { p: productId, k: 'reboot-after' }, person.token)).purchaseAndCreate.id).toBeTruthy();
    await waitFor('the new desktop ready', async () => worker.containers.size === 1);
  });
});
