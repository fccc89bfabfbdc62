import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { collect, heartbeat, registerWorker, startTestServer, type TestServer } from '../../../test/harness.js';

const PREWARM = `mutation($e: ID, $p: ID, $n: Int!) { prewarm(examId: $e, productId: $p, count: $n) { target capped warm provisioning missing blockedReason } }`;
const PROGRESS = `query($e: ID) { prewarmProgress(examId: $e) { target warm provisioning missing failed blockedReason } }`;
const READINESS = `query($e: ID!) { examReadiness(examId: $e) { go reasons warm warmWanted prewarmTarget provisioning seated slotsAvailable capacityShortfall expectedCandidates workers { worker { code } eligible reason refusal warm slotsAvailable shortfall } } }`;

describe('prewarm, warm claims and exam readiness', () => {
  let t: TestServer;
  let db: pg.Client;
  let examId: string;
  let productId: string;
  const workers: Record<string, { id: string; credential: string }> = {};
  let candidate: { token: string };
  const credentialOf = (workerId: string) => Object.values(workers).find((w) => w.id === workerId)!.credential;
  const unowned = async () =>
    (await db.query(`select id, worker_id, state from sessions where owner_id is null and state not in ('DELETED','FAILED','EXPIRED') order by created_at`))
      .rows as { id: string; worker_id: string; state: string }[];
  /** The simulated workers bring every pending desktop up, as a real worker would report it. */
  const bringUp = async () => {
    for (const s of (await unowned()).filter((x) => x.state === 'PENDING')) {
      await t.ok(
        `mutation($i: ReportSessionInput!) { reportSession(input: $i) }`,
        { i: { sessionId: s.id, state: 'PROVISIONING' } },
        credentialOf(s.worker_id),
      );
      await t.ok(
        `mutation($i: ReportSessionInput!) { reportSession(input: $i) }`,
        {
          i: {
            sessionId: s.id,
            state: 'READY',
            workerRoute: `warm_${s.id.slice(0, 5)}`,
            connection: { protocol: 'vnc', host: 'desk', port: 5901, username: 'student', password: 'pw-123456' },
          },
        },
        credentialOf(s.worker_id),
      );
    }
    await t.server.services.prewarm.run();
  };

  beforeAll(async () => {
    t = await startTestServer({ VDI_LOOP_INTERVAL_SEC: '3600', VDI_PREWARM_CONCURRENCY: '2', VDI_PREWARM_MAX: '6' });
    for (const code of ['warm-a', 'warm-b']) {
      workers[code] = await registerWorker(t, code);
      await heartbeat(t, workers[code]!.credential);
    }
    productId = (await t.ok<any>(`mutation { createProduct(input: { name: "Warm desktop", priceCoins: 0, provisionAction: TEST }) { id } }`, {}, t.adminToken))
      .createProduct.id;
    const now = Date.now();
    examId = (
      await t.ok<any>(
        `mutation($i: ExamInput!) { createExam(input: $i) { id } }`,
        {
          i: {
            code: 'WARM',
            name: 'Warm',
            productId,
            startsAt: new Date(now).toISOString(),
            endsAt: new Date(now + 3_600_000).toISOString(),
            expectedCandidates: 5,
          },
        },
        t.adminToken,
      )
    ).createExam.id;
    const c = await t.ok<any>(`mutation($e: ID!) { importRoster(examId: $e, csv: "warm-cand,warm-cand-password") { added } }`, { e: examId }, t.adminToken);
    expect(c.importRoster.added).toBe(1);
    candidate = { token: (await t.ok<any>(`mutation { login(username: "warm-cand", password: "warm-cand-password") { token } }`)).login.token };
    db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('is go without a warm target when every expected candidate has a free slot', async () => {
    const r = (await t.ok<any>(READINESS, { e: examId }, t.adminToken)).examReadiness;
    expect(r).toMatchObject({ go: true, reasons: [], warm: 0, warmWanted: 0, slotsAvailable: 8, capacityShortfall: 0, expectedCandidates: 5 });
    // An eligible worker has neither a reason nor a refusal code.
    expect(r.workers.map((w: any) => [w.worker.code, w.eligible, w.reason, w.refusal]).sort()).toEqual([
      ['warm-a', true, null, null],
      ['warm-b', true, null, null],
    ]);
  });

  it('creates warm desktops VDI_PREWARM_CONCURRENCY at a time, capped by VDI_PREWARM_MAX, with live progress', async () => {
    const operator = await t.user('OPERATOR');
    const client = t.ws(operator.token);
    const live = collect<any>(client, `subscription($e: ID) { prewarmProgress(examId: $e) { warm provisioning target } }`, { e: examId }, 3);
    await new Promise((r) => setTimeout(r, 200));
    const first = (await t.ok<any>(PREWARM, { e: examId, n: 10 }, operator.token)).prewarm;
    expect(first).toMatchObject({ target: 6, capped: true, warm: 0, provisioning: 2, missing: 4 });
    expect((await unowned()).map((s) => s.state)).toEqual(['PENDING', 'PENDING']);
    await bringUp();
    const events = await live.done;
    expect(events.some((e) => e.prewarmProgress.warm > 0)).toBe(true);
    for (let i = 0; i < 3; i++) await bringUp();
    const p = (await t.ok<any>(PROGRESS, { e: examId }, operator.token)).prewarmProgress;
    expect(p).toMatchObject({ target: 6, warm: 6, provisioning: 0, missing: 0 });
    const perWorker = await db.query(`select worker_id, count(*)::int as n from sessions where state = 'WARM' group by worker_id`);
    expect(perWorker.rows.map((r) => r.n).sort()).toEqual([3, 3]);
  });

  it('hands a candidate a warm desktop at once (READY, with its connection), and refills the pool only for candidates still to come', async () => {
    const FIELDS =
      'id state workerRoute attention failureReason createdAt updatedAt readyAt expiresAt product { id name priceCoins } connection { protocol host port username password }';
    const s = (await t.ok<any>(`mutation { joinExam(examCode: "WARM") { ${FIELDS} } }`, {}, candidate.token)).joinExam;
    expect(s.state).toBe('READY');
    expect(s.connection).toMatchObject({ protocol: 'vnc', username: 'student', password: 'pw-123456' });
    // The batched answer (built from the claim statement's rows) says what the stored session says.
    const stored = (await t.ok<any>(`query($id: ID!) { session(id: $id) { ${FIELDS} } }`, { id: s.id }, candidate.token)).session;
    expect(s).toEqual(stored);
    expect(s.readyAt).toEqual(expect.any(String));
    expect(s.product.name).toEqual(expect.any(String));
    // So does the answer to a reconnect (the candidate's existing desktop).
    expect((await t.ok<any>(`mutation { joinExam(examCode: "WARM") { ${FIELDS} } }`, {}, candidate.token)).joinExam).toEqual(stored);
    // Seated, the candidate needs no warm desktop: the pool keeps what is still to come (5 expected
    // less 1 seated, plus the 1 spare the target asks beyond them) and starts nothing at doors-open.
    await t.server.services.prewarm.run();
    const seated = (await t.ok<any>(PROGRESS, { e: examId }, t.adminToken)).prewarmProgress;
    expect(seated).toMatchObject({ target: 6, warm: 5, provisioning: 0, missing: 0 });
    // Readiness compares the warm desktops with the same figure: 5 of 5 is go, though the target is 6.
    const ready = (await t.ok<any>(READINESS, { e: examId }, t.adminToken)).examReadiness;
    expect(ready).toMatchObject({ go: true, reasons: [], warm: 5, warmWanted: 5, prewarmTarget: 6, seated: 1 });
    // Their desktop given back, they are one still to come again: the pool is refilled for them.
    expect((await t.ok<any>(`mutation($id: ID!) { releaseSession(id: $id) { state } }`, { id: s.id }, candidate.token)).releaseSession.state).toBe('STOPPING');
    await t.server.services.prewarm.run();
    const p = (await t.ok<any>(PROGRESS, { e: examId }, t.adminToken)).prewarmProgress;
    expect(p).toMatchObject({ warm: 5, provisioning: 1 });
    const refilling = (await t.ok<any>(READINESS, { e: examId }, t.adminToken)).examReadiness;
    expect(refilling).toMatchObject({ go: false, warm: 5, warmWanted: 6, seated: 0 });
  });

  it('removes the warm desktops of a draining worker and says so in the readiness', async () => {
    await bringUp();
    const a = workers['warm-a']!;
    await t.ok(`mutation($id: ID!) { drainWorker(id: $id) { drainStatus } }`, { id: a.id }, t.adminToken);
    await t.server.services.prewarm.run();
    const onA = await db.query(`select state from sessions where worker_id = $1 and owner_id is null and state not in ('DELETED','FAILED','EXPIRED')`, [a.id]);
    expect(onA.rows.every((r) => r.state === 'STOPPING')).toBe(true);
    const stops = await db.query(
      `select count(*)::int as n from worker_commands c join sessions s on s.id = c.session_id
        where c.worker_id = $1 and c.kind = 'STOP_SESSION' and s.owner_id is null`,
      [a.id],
    );
    expect(stops.rows[0].n).toBe(onA.rows.length);
    const r = (await t.ok<any>(READINESS, { e: examId }, t.adminToken)).examReadiness;
    expect(r.go).toBe(false);
    expect(r.reasons).toContain('worker warm-a: worker is draining');
    expect(r.reasons.some((x: string) => /^warm desktops: \d of 6 ready/.test(x))).toBe(true);
    expect(r.workers.find((w: any) => w.worker.code === 'warm-a')).toMatchObject({ eligible: false, slotsAvailable: 0, refusal: 'DRAINING' });
  });

  it('flags a stale worker in the readiness and takes no warm desktop from it', async () => {
    // A disabled worker says so by code too, beside its English reason.
    await t.ok(`mutation($id: ID!) { disableWorker(id: $id, force: true) { status } }`, { id: workers['warm-a']!.id }, t.adminToken);
    const off = (await t.ok<any>(READINESS, { e: examId }, t.adminToken)).examReadiness;
    expect(off.workers.find((w: any) => w.worker.code === 'warm-a')).toMatchObject({ eligible: false, reason: 'worker is disabled', refusal: 'DISABLED' });
    const enabled = await t.gql(`mutation($id: ID!) { enableWorker(id: $id) { id status } }`, { id: workers['warm-a']!.id }, t.adminToken);
    expect(enabled.errors).toBeUndefined();
    expect(enabled.data?.enableWorker).toMatchObject({ id: workers['warm-a']!.id, status: 'ACTIVE' });
    await db.query(`update workers set drain_status = 'NONE' where code = 'warm-a'`);
    await db.query(`update workers set last_heartbeat_at = now() - interval '1 day' where code = 'warm-b'`);
    const r = (await t.ok<any>(READINESS, { e: examId }, t.adminToken)).examReadiness;
    expect(r.go).toBe(false);
    expect(r.reasons.some((x: string) => x.startsWith('worker warm-b: stale heartbeat'))).toBe(true);
    expect(r.workers.find((w: any) => w.worker.code === 'warm-b')).toMatchObject({
      eligible: false,
      refusal: 'STALE_HEARTBEAT',
      shortfall: expect.any(Number),
    });
    expect(r.workers.find((w: any) => w.worker.code === 'warm-b').shortfall).toBeGreaterThan(0);
  });

  it('stops growing a pool whose desktops keep failing, and says why', async () => {
    await heartbeat(t, workers['warm-b']!.credential);
    const product2 = (await t.ok<any>(`mutation { createProduct(input: { name: "Broken", priceCoins: 0, provisionAction: TEST }) { id } }`, {}, t.adminToken))
      .createProduct.id;
    await db.query(
      `insert into sessions (id, product_id, state, failure_reason, ended_at) select gen_random_uuid(), $1, 'FAILED', 'image not found', now() from generate_series(1, 3)`,
      [product2],
    );
    await db.query(`update products set prewarm_target = 2 where id = $1`, [product2]);
    await t.server.services.prewarm.run();
    const p = (await t.ok<any>(`query($p: ID) { prewarmProgress(productId: $p) { warm provisioning blockedReason } }`, { p: product2 }, t.adminToken))
      .prewarmProgress;
    expect(p).toMatchObject({ warm: 0, provisioning: 0 });
    expect(p.blockedReason).toMatch(/3 warm desktops failed in the last 10 minutes \(last: image not found\)/);
  });

  it('refuses prewarm to a USER with FORBIDDEN and a negative count with BAD_USER_INPUT', async () => {
    const u = await t.user('USER');
    expect((await t.gql(PREWARM, { e: examId, n: 1 }, u.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(PREWARM, { e: examId, n: -1 }, t.adminToken)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'count' });
    expect((await t.gql(PREWARM, { n: 1 }, t.adminToken)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
