import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertNothingLostOrDoubled } from '../../../server/test/chaos/chaos-kit.js';
import { startTestServer, type TestServer } from '../../../server/test/harness.js';
import { containersOf, docker, eventually, requireDocker, startWorkerProcess, TEST_IMAGE, type WorkerProcess } from '../worker-harness.js';
import { engineAnswers, startEngine, stopEngine } from './docker-engine.js';

const CODE = 'engine-restart';
const WORKERS = `{ workers { id code activeSessions driver { reachable error } } }`;
const EXPLAIN = `query($p: ID!) { placementExplain(productId: $p) { worker { code } eligible refusal reason } }`;
const BUY = `mutation($p: ID!, $k: String!) { purchaseAndCreate(productId: $p, idempotencyKey: $k) { id } }`;
const SESSION = `query($id: ID!) { session(id: $id) { state failureReason } }`;

/**
 * The Docker Engine restarted under a running worker agent with desktops (a package upgrade, a
 * crash, an operator's `systemctl restart docker`). Runs alone, after every other suite: it takes
 * the engine away from everything else on the machine.
 */
describe('the container engine restarted under a worker with desktops', () => {
  let t: TestServer;
  let worker: WorkerProcess;
  let db: pg.Client;
  let productId: string;
  let person: { id: string; token: string };

  const me = async () => (await t.ok<any>(WORKERS, {}, t.adminToken)).workers.find((w: any) => w.code === CODE);
  const verdict = async () => (await t.ok<any>(EXPLAIN, { p: productId }, t.adminToken)).placementExplain.find((v: any) => v.worker.code === CODE);
  const balance = async () => (await t.ok<any>(`{ me { coinBalance } }`, {}, person.token)).me.coinBalance as number;
  const stateOf = async (id: string) => (await t.ok<any>(SESSION, { id }, person.token)).session as { state: string; failureReason: string | null };
  const refunds = async () =>
    (await db.query(`select session_id, count(*)::int as n from coin_ledger_entries where kind = 'REFUND' group by session_id order by session_id`)).rows;

  beforeAll(async () => {
    await requireDocker();
    // Loops every half second: the orphan sweep removes the stopped containers within the test's time.
    t = await startTestServer({ VDI_LOOP_INTERVAL_SEC: '0.5' });
    worker = await startWorkerProcess(t, CODE, { WORKER_SANDBOX_SPARES: '2' });
    await worker.waitFor('command channel connected');
    for (const other of (await t.ok<any>(WORKERS, {}, t.adminToken)).workers.filter((w: any) => w.code !== CODE))
      await t.ok(`mutation($id: ID!) { disableWorker(id: $id, force: true) { id } }`, { id: other.id }, t.adminToken);
    db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
    const product = { name: 'Engine restart VM', priceCoins: 10, provisionAction: 'TEST', image: TEST_IMAGE, cpus: 0.5, memoryMb: 128, shmMb: 16 };
    productId = (await t.ok<any>(`mutation($i: ProductInput!) { createProduct(input: $i) { id } }`, { i: product }, t.adminToken)).createProduct.id;
    person = await t.user('USER');
    await t.ok(`mutation($u: ID!) { adjustCoins(input: { userId: $u, op: ADD, amount: 50, reason: "chaos" }) { id } }`, { u: person.id }, t.adminToken);
  });

  afterAll(async () => {
    // Whatever happened above, the machine keeps a running engine for what comes next.
    if (!(await engineAnswers())) await startEngine();
    await worker?.kill();
    for (const c of await docker.listContainers({ all: true, filters: { label: [`vdi.worker=${CODE}`] } }))
      await docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => undefined);
    await db?.end();
    await t?.close();
  });

  it('reports the engine unreachable and refuses placement (ENGINE_UNREACHABLE, NO_CAPACITY) while it is down; its lost desktops end FAILED, refunded once, slots freed; new desktops reach READY', {
    timeout: 120_000,
  }, async () => {
    const bought: string[] = [];
    for (const k of ['before-a', 'before-b']) bought.push((await t.ok<any>(BUY, { p: productId, k }, person.token)).purchaseAndCreate.id);
    for (const id of bought) await eventually(async () => (await stateOf(id)).state === 'READY', 30_000, `desktop ${id} READY`);
    expect(await balance()).toBe(30);
    expect((await me()).driver.reachable).toBe(true);

    const down = Date.now();
    await stopEngine();
    const stopMs = Date.now() - down;
    const unreachable = await eventually(
      async () => ((await me()).driver?.reachable === false ? me() : null),
      15_000,
      'the worker to report the engine unreachable',
    );
    expect(unreachable.driver.error).toMatch(/container engine unreachable/);
    expect(await verdict()).toMatchObject({ eligible: false, refusal: 'ENGINE_UNREACHABLE' });
    // The desktops may already be reported FAILED here (the engine stops them before it stops answering).
    const held = await balance();
    const refused = await t.gql(BUY, { p: productId, k: 'while-down' }, person.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('NO_CAPACITY');
    expect(await balance()).toBe(held);

    const up = Date.now();
    await startEngine();
    const startMs = Date.now() - up;
    await eventually(async () => (await me()).driver?.reachable === true, 15_000, 'the worker to report the engine reachable again');
    expect(await verdict()).toMatchObject({ eligible: true, refusal: null });

    // No live-restore: the engine stopped both desktops on its way out; the worker finds them stopped.
    for (const id of bought) {
      const s = await eventually(
        async () => {
          const x = await stateOf(id);
          return x.state === 'FAILED' ? x : null;
        },
        20_000,
        `desktop ${id} FAILED`,
      );
      expect(s.failureReason).toMatch(/stopped without an order/);
    }
    expect(await balance()).toBe(50);
    // The stopped containers go (orphan sweep), and later heartbeats report nothing twice.
    for (const id of bought) await eventually(async () => (await containersOf(id)).length === 0, 20_000, `the stopped container of ${id} removed`);
    await new Promise((r) => setTimeout(r, 2_500));
    expect((await refunds()).map((r) => [r.session_id, r.n])).toEqual([...bought].sort().map((id) => [id, 1]));
    expect(await balance()).toBe(50);
    expect((await me()).activeSessions).toBe(0);
    await assertNothingLostOrDoubled(db, { settled: true });

    // The worker takes new desktops again (its spare sandboxes, stopped by the restart, are not handed out).
    const after = (await t.ok<any>(BUY, { p: productId, k: 'after' }, person.token)).purchaseAndCreate.id;
    const ready = await eventually(
      async () => {
        const x = await stateOf(after);
        return x.state === 'READY' || x.state === 'FAILED' ? x : null;
      },
      30_000,
      'the new desktop to settle',
    );
    expect(ready).toEqual({ state: 'READY', failureReason: null });
    expect(await balance()).toBe(40);
    await assertNothingLostOrDoubled(db, { settled: true });
    console.info(`engine stop ${stopMs} ms, start ${startMs} ms`);
  });
});
