import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { assertNothingLostOrDoubled, CHAOS_CLUSTER_TOKEN, LoopbackProxy, waitFor } from './chaos-kit.js';
import { SimWorker } from './sim-worker.js';

const TTL_SEC = 5;
const BUY = `mutation($p: ID!, $k: String!) { purchaseAndCreate(productId: $p, idempotencyKey: $k) { id } }`;

describe('a worker cut off from the control plane for longer than the heartbeat TTL', () => {
  let t: TestServer;
  let proxy: LoopbackProxy;
  let worker: SimWorker;
  let db: pg.Client;
  beforeAll(async () => {
    t = await startTestServer({ WORKER_CLUSTER_TOKEN: CHAOS_CLUSTER_TOKEN, WORKER_HEARTBEAT_TTL_SEC: String(TTL_SEC), VDI_LOOP_INTERVAL_SEC: '0.5' });
    proxy = new LoopbackProxy(t.server.port);
    // The worker reaches the control plane only through the proxy the test can cut.
    worker = await SimWorker.register(`http://127.0.0.1:${await proxy.listen()}`, 'cut-1');
    worker.start(500);
    db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
  });
  afterAll(async () => {
    await worker.stop();
    await proxy.close();
    await db.end();
    await t.close();
  });

  it('goes STALE with its sessions flagged WORKER_STALE, takes no purchase meanwhile, and on return is HEALTHY again, unflagged, and given the stop queued while it was away', {
    timeout: 60_000,
  }, async () => {
    const productId = (
      await t.ok<any>(`mutation { createProduct(input: { name: "Cut test", priceCoins: 5, provisionAction: TEST }) { id } }`, {}, t.adminToken)
    ).createProduct.id;
    const person = await t.user('USER');
    await t.ok(`mutation($u: ID!) { adjustCoins(input: { userId: $u, op: ADD, amount: 50, reason: "chaos" }) { id } }`, { u: person.id }, t.adminToken);
    const ids: string[] = [];
    for (const k of ['cut-a', 'cut-b']) ids.push((await t.ok<any>(BUY, { p: productId, k }, person.token)).purchaseAndCreate.id);
    const state = async (id: string) => (await t.ok<any>(`query($id: ID!) { session(id: $id) { state attention } }`, { id }, person.token)).session;
    await waitFor('both desktops ready', async () => (await Promise.all(ids.map(state))).every((s) => s.state === 'READY'));
    const health = async () => (await t.ok<any>(`{ workers { code health } }`, {}, t.adminToken)).workers.find((w: any) => w.code === 'cut-1').health;
    expect(await health()).toBe('HEALTHY');

    const cutAt = Date.now();
    proxy.cut();
    // While it is away the owner deletes one desktop: the stop waits in the queue.
    expect((await t.ok<any>(`mutation($id: ID!) { deleteSession(id: $id) { state } }`, { id: ids[1] }, person.token)).deleteSession.state).toBe('STOPPING');
    await waitFor('the worker to turn STALE', async () => (await health()) === 'STALE', 20_000);
    expect(Date.now() - cutAt).toBeGreaterThanOrEqual((TTL_SEC - 1) * 1000);
    await waitFor('its live session to be flagged', async () => (await state(ids[0]!)).attention?.startsWith('WORKER_STALE'), 10_000);
    const balance = async () => (await t.ok<any>(`{ me { coinBalance } }`, {}, person.token)).me.coinBalance;
    const before = await balance();
    const refused = await t.gql(BUY, { p: productId, k: 'cut-while-away' }, person.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('NO_CAPACITY');
    expect(await balance()).toBe(before);
    await assertNothingLostOrDoubled(db, { settled: false });

    proxy.restore();
    await waitFor('the worker to be HEALTHY again', async () => (await health()) === 'HEALTHY', 20_000);
    await waitFor('the flag to be cleared', async () => (await state(ids[0]!)).attention === null, 10_000);
    expect((await state(ids[0]!)).state).toBe('READY');
    // The stop queued while it was away reaches it over its reopened command channel.
    await waitFor('the queued stop to be carried out', async () => (await state(ids[1]!)).state === 'DELETED', 20_000);
    expect([...worker.containers.keys()]).toEqual([ids[0]]);
    const report = (await t.ok<any>(`mutation { reconcileNow(dryRun: true) { items { kind sessionId } } }`, {}, t.adminToken)).reconcileNow;
    expect(report.items.filter((i: any) => ids.includes(i.sessionId))).toEqual([]);
    expect((await t.ok<any>(BUY, { p: productId, k: 'cut-after' }, person.token)).purchaseAndCreate.id).toBeTruthy();
    await waitFor('the new desktop ready', async () => (await db.query(`select 1 from sessions where state in ('PENDING','PROVISIONING')`)).rowCount === 0);
    await assertNothingLostOrDoubled(db, { settled: true });
  });
});
