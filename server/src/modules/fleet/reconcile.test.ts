import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { heartbeat, registerWorker, startTestServer, type TestServer } from '../../../test/harness.js';

const RECONCILE = `mutation($d: Boolean) { reconcileNow(dryRun: $d) { dryRun total items { kind workerCode sessionId container detail action } } }`;
const BUY = `mutation($p: ID!, $k: String!) { purchaseAndCreate(productId: $p, idempotencyKey: $k) { id } }`;
const ORPHAN_SESSION = '00000000-0000-4000-8000-00000000abcd';

describe('reconcileNow and stale-worker flags', () => {
  let t: TestServer;
  let db: pg.Client;
  let productId: string;
  let user: { id: string; token: string };
  const a = { id: '', credential: '' };
  const b = { id: '', credential: '' };
  let ready: string;
  let stuck: string;
  let onB: string;

  const report = (cred: string, sessionId: string, state: string) =>
    t.ok(`mutation($i: ReportSessionInput!) { reportSession(input: $i) }`, { i: { sessionId, state } }, cred);
  const balance = async () => (await t.ok<any>(`{ me { coinBalance } }`, {}, user.token)).me.coinBalance;
  const buyOn = async (worker: { id: string }, key: string) => {
    const id = (await t.ok<any>(BUY, { p: productId, k: key }, user.token)).purchaseAndCreate.id;
    await db.query(
      `update sessions set worker_id = $1, slot_no = (select min(g) from generate_series(0, 3) g where not exists (select 1 from sessions x where x.worker_id = $1 and x.slot_no = g)) where id = $2`,
      [worker.id, id],
    );
    return id as string;
  };

  beforeAll(async () => {
    t = await startTestServer({ VDI_LOOP_INTERVAL_SEC: '3600', VDI_ALLOCATE_TIMEOUT_SEC: '60' });
    Object.assign(a, await registerWorker(t, 'rec-a'));
    Object.assign(b, await registerWorker(t, 'rec-b'));
    await heartbeat(t, a.credential);
    await heartbeat(t, b.credential);
    productId = (await t.ok<any>(`mutation { createProduct(input: { name: "Reconcile", priceCoins: 10, provisionAction: TEST }) { id } }`, {}, t.adminToken))
      .createProduct.id;
    user = await t.user('USER');
    await t.ok(`mutation($u: ID!) { adjustCoins(input: { userId: $u, op: ADD, amount: 100, reason: "tests" }) { id } }`, { u: user.id }, t.adminToken);
    db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();

    ready = await buyOn(a, 'ready');
    await report(a.credential, ready, 'PROVISIONING');
    await report(a.credential, ready, 'READY');
    await db.query(`update sessions set ready_at = now() - interval '1 minute' where id = $1`, [ready]);
    stuck = await buyOn(a, 'stuck');
    await db.query(`update sessions set updated_at = now() - interval '2 minutes' where id = $1`, [stuck]);
    onB = await buyOn(b, 'on-b');
    await report(b.credential, onB, 'PROVISIONING');
    await report(b.credential, onB, 'READY');
    // Worker A's inventory: an orphan, and not the READY desktop (its container is gone).
    await heartbeat(t, a.credential, { inventory: [{ name: 'quack_orphan', sessionId: ORPHAN_SESSION, state: 'running' }] });
    await db.query(`update workers set last_heartbeat_at = now() - interval '1 day' where id = $1`, [b.id]);
    const now = Date.now();
    await t.ok(
      `mutation($i: ExamInput!) { createExam(input: $i) { id } }`,
      {
        i: {
          code: 'REC',
          name: 'Reconcile',
          productId,
          startsAt: new Date(now).toISOString(),
          endsAt: new Date(now + 3_600_000).toISOString(),
          expectedCandidates: 2,
          prewarmTarget: 1,
        },
      },
      t.adminToken,
    );
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('lists every kind of drift on a dry run and changes nothing', async () => {
    const before = await db.query(`select count(*)::int as n from worker_commands`);
    const r = (await t.ok<any>(RECONCILE, { d: true }, t.adminToken)).reconcileNow;
    expect(r.dryRun).toBe(true);
    const kinds = (k: string) => r.items.filter((i: any) => i.kind === k);
    expect(kinds('ORPHAN_CONTAINER')).toEqual([
      expect.objectContaining({ workerCode: 'rec-a', container: 'quack_orphan', sessionId: ORPHAN_SESSION, action: 'stop the container' }),
    ]);
    expect(kinds('MISSING_CONTAINER')).toEqual([expect.objectContaining({ workerCode: 'rec-a', sessionId: ready })]);
    expect(kinds('STUCK_SESSION')).toEqual([expect.objectContaining({ sessionId: stuck, detail: expect.stringMatching(/^PENDING for 1\d\d s/) })]);
    expect(kinds('STALE_WORKER')).toEqual([expect.objectContaining({ workerCode: 'rec-b', detail: expect.stringMatching(/1 live sessions flagged/) })]);
    expect(kinds('MISSING_WARM')).toEqual([expect.objectContaining({ detail: 'exam REC: 0 of 1 warm desktops', action: 'create 1' })]);
    expect(r.total).toBe(5);
    expect((await db.query(`select count(*)::int as n from worker_commands`)).rows[0].n).toBe(before.rows[0].n);
    expect((await db.query(`select state from sessions where id = any($1)`, [[ready, stuck]])).rows.map((x) => x.state).sort()).toEqual(['PENDING', 'READY']);
  });

  it('applies: stops the orphan, fails and refunds the lost and stuck desktops, starts the warm pool', async () => {
    const before = await balance();
    const r = (await t.ok<any>(RECONCILE, { d: false }, t.adminToken)).reconcileNow;
    expect(r.dryRun).toBe(false);
    const stop = await db.query(`select payload from worker_commands where worker_id = $1 and kind = 'STOP_CONTAINER'`, [a.id]);
    expect(stop.rows.map((x) => x.payload.name)).toEqual(['quack_orphan']);
    const states = await db.query(`select id, state, failure_reason, slot_no from sessions where id = any($1)`, [[ready, stuck]]);
    for (const s of states.rows) expect(s).toMatchObject({ state: 'FAILED', slot_no: null });
    expect(states.rows.find((s) => s.id === ready).failure_reason).toBe('container gone from worker rec-a (reconcile)');
    expect(states.rows.find((s) => s.id === stuck).failure_reason).toMatch(/^ALLOCATION_TIMEOUT/);
    expect(await balance()).toBe(before + 20);
    const warm = await db.query(`select count(*)::int as n from sessions where owner_id is null and state = 'PENDING'`);
    expect(warm.rows[0].n).toBe(1);
    const again = (await t.ok<any>(RECONCILE, { d: true }, t.adminToken)).reconcileNow;
    expect(again.items.map((i: any) => i.kind)).toEqual(['STALE_WORKER']);
  });

  it('flags the live sessions of a stale worker and clears the flag when it comes back', async () => {
    await t.server.services.healthMonitor.tick();
    const flagged = (await t.ok<any>(`{ sessions(flagged: true) { edges { node { id attention } } } }`, {}, t.adminToken)).sessions.edges.map(
      (e: any) => e.node,
    );
    expect(flagged).toEqual([{ id: onB, attention: expect.stringMatching(/^WORKER_STALE: worker rec-b has sent no heartbeat since /) }]);
    expect((await t.ok<any>(`query($id: ID!) { session(id: $id) { attention } }`, { id: onB }, user.token)).session.attention).toMatch(/^WORKER_STALE/);
    await heartbeat(t, b.credential);
    await t.server.services.heartbeats.flush();
    await t.server.services.healthMonitor.tick();
    expect((await t.ok<any>(`{ sessions(flagged: true) { totalCount } }`, {}, t.adminToken)).sessions.totalCount).toBe(0);
  });
});

describe('reconcileNow refills the warm pool it reports', () => {
  let t: TestServer;
  let db: pg.Client;
  let worker: { id: string; credential: string };
  let examId: string;

  const pool = async () =>
    (await db.query(`select state, count(*)::int as n from sessions where owner_id is null and exam_id = $1 group by state order by state`, [examId])).rows;

  beforeAll(async () => {
    t = await startTestServer({ VDI_LOOP_INTERVAL_SEC: '3600', VDI_PREWARM_CONCURRENCY: '4' });
    worker = await registerWorker(t, 'refill');
    await heartbeat(t, worker.credential);
    const productId = (await t.ok<any>(`mutation { createProduct(input: { name: "Refill", priceCoins: 0, provisionAction: TEST }) { id } }`, {}, t.adminToken))
      .createProduct.id;
    const now = Date.now();
    examId = (
      await t.ok<any>(
        `mutation($i: ExamInput!) { createExam(input: $i) { id } }`,
        {
          i: {
            code: 'REFILL',
            name: 'Refill',
            productId,
            startsAt: new Date(now).toISOString(),
            endsAt: new Date(now + 3_600_000).toISOString(),
            expectedCandidates: 3,
            prewarmTarget: 3,
          },
        },
        t.adminToken,
      )
    ).createExam.id;
    db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('fails the warm desktops whose containers vanished and creates their replacements (its own failures do not brake the pool)', async () => {
    await t.server.services.prewarm.run();
    const warm = (await db.query(`select id from sessions where owner_id is null and exam_id = $1`, [examId])).rows.map((r) => r.id as string);
    expect(warm).toHaveLength(3);
    for (const id of warm) {
      for (const state of ['PROVISIONING', 'READY'])
        await t.ok(`mutation($i: ReportSessionInput!) { reportSession(input: $i) }`, { i: { sessionId: id, state } }, worker.credential);
    }
    expect(await pool()).toEqual([{ state: 'WARM', n: 3 }]);
    // The worker restarted and its containers are gone: its inventory no longer lists them.
    await db.query(`update sessions set updated_at = now() - interval '1 minute' where id = any($1)`, [warm]);
    await heartbeat(t, worker.credential, { inventory: [] });
    const r = (await t.ok<any>(RECONCILE, { d: false }, t.adminToken)).reconcileNow;
    expect(r.items.filter((i: any) => i.kind === 'MISSING_CONTAINER')).toHaveLength(3);
    expect(r.items.filter((i: any) => i.kind === 'MISSING_WARM')).toEqual([
      expect.objectContaining({ detail: 'exam REFILL: 0 of 3 warm desktops', action: 'prewarm started' }),
    ]);
    expect(await pool()).toEqual([
      { state: 'FAILED', n: 3 },
      { state: 'PENDING', n: 3 },
    ]);
    const progress = (await t.ok<any>(`query($e: ID) { prewarmProgress(examId: $e) { provisioning blockedReason } }`, { e: examId }, t.adminToken))
      .prewarmProgress;
    expect(progress).toEqual({ provisioning: 3, blockedReason: null });
  });

  it('still brakes a pool whose desktops fail by themselves', async () => {
    const pending = (await db.query(`select id from sessions where owner_id is null and exam_id = $1 and state = 'PENDING'`, [examId])).rows.map(
      (r) => r.id as string,
    );
    for (const id of pending)
      await t.ok(
        `mutation($i: ReportSessionInput!) { reportSession(input: $i) }`,
        { i: { sessionId: id, state: 'FAILED', error: 'image not found' } },
        worker.credential,
      );
    await t.server.services.prewarm.run();
    // Braked: another pass creates nothing more (a pass between the reports may have made one).
    const before = await pool();
    await t.server.services.prewarm.run();
    expect(await pool()).toEqual(before);
    const progress = (await t.ok<any>(`query($e: ID) { prewarmProgress(examId: $e) { blockedReason } }`, { e: examId }, t.adminToken)).prewarmProgress;
    expect(progress.blockedReason).toMatch(/^3 warm desktops failed in the last 10 minutes \(last: image not found\)/);
  });
});
