import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { heartbeat, registerWorker, startTestServer, type TestServer } from '../../../test/harness.js';
import { assertInvariants, expectBoundedUnderChaos, HAMMER_JWT_SECRET, seedUsers, startFleet, type Fleet } from '../../../test/fleet.js';

const JOIN = `mutation($c: String!) { joinExam(examCode: $c) { id state } }`;

describe('exam morning: 500 candidates press start at once (20 simulated workers × 4 slots)', () => {
  let fleet: Fleet;
  let t: TestServer;
  let db: pg.Client;
  let productId: string;
  let workers: Fleet['workers'];

  /** An exam with `n` seeded candidates on its roster. */
  const examWith = async (code: string, n: number) => {
    const now = Date.now();
    const exam = (
      await t.ok<any>(
        `mutation($i: ExamInput!) { createExam(input: $i) { id } }`,
        { i: { code, name: code, productId, startsAt: new Date(now).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), expectedCandidates: n } },
        t.adminToken,
      )
    ).createExam;
    const people = await seedUsers(db, n, 0, 'CANDIDATE');
    await db.query(`insert into exam_candidates (id, exam_id, user_id) select gen_random_uuid(), $1, u from unnest($2::uuid[]) u`, [
      exam.id,
      people.map((p) => p.id),
    ]);
    return { examId: exam.id as string, people };
  };
  const clearFleet = async () => {
    await db.query(`update sessions set state = 'DELETED', slot_no = null, ended_at = now() where slot_no is not null`);
    await db.query(`update workers set drain_status = 'NONE'`);
    await Promise.all(workers.map((w) => heartbeat(t, w.credential)));
    await t.server.services.heartbeats.flush();
  };

  beforeAll(async () => {
    fleet = await startFleet('exam', { name: 'Exam hammer', price: 0 }, { VDI_LOOP_INTERVAL_SEC: '3600' });
    ({ t, db, productId, workers } = fleet);
  });
  afterAll(() => fleet?.close());

  it("seats exactly 80 of 500; the rest get NO_CAPACITY without the fleet's details", async () => {
    const { examId, people } = await examWith('HAMMER-1', 500);
    const results = await Promise.all(people.map((p) => t.gql(JOIN, { c: 'HAMMER-1' }, p.token)));
    const seated = results.filter((r) => !r.errors);
    expect(seated).toHaveLength(80);
    const refused = results.filter((r) => r.errors);
    expect(new Set(refused.map((r) => r.errors![0]!.extensions!.code))).toEqual(new Set(['NO_CAPACITY']));
    // A candidate reads no fleet internals, only how many workers refused for each kind of reason.
    for (const r of refused) expect(r.errors![0]!.extensions).toEqual({ code: 'NO_CAPACITY', reasonsByKind: { NO_FREE_SLOT: 20 } });
    expect(JSON.stringify(refused.map((r) => r.errors))).not.toMatch(/exam-\d\d|\d+\/\d+|workerId/);
    const perWorker = await db.query(
      `select worker_id, count(*)::int as n, count(distinct owner_id)::int as owners from sessions where exam_id = $1 and slot_no is not null group by worker_id`,
      [examId],
    );
    expect(perWorker.rows).toHaveLength(20);
    expect(perWorker.rows.every((r) => r.n === 4 && r.owners === 4)).toBe(true);
    await assertInvariants(db);
  });

  it("hands out warm desktops first, each to one candidate, then places the rest cold, never above a worker's maximum", async () => {
    await clearFleet();
    const { examId, people } = await examWith('HAMMER-2', 300);
    // 40 warm desktops, two per worker, as prewarm and the workers would have left them.
    await db.query(
      `insert into sessions (id, product_id, exam_id, worker_id, slot_no, state, ready_at)
       select gen_random_uuid(), $1, $2, w.id, g, 'WARM', now() from workers w, generate_series(0, 1) g`,
      [productId, examId],
    );
    const results = await Promise.all(people.map((p) => t.gql(JOIN, { c: 'HAMMER-2' }, p.token)));
    const seated = results.filter((r) => !r.errors).map((r) => r.data!.joinExam);
    expect(seated).toHaveLength(80);
    expect(seated.filter((s) => s.state === 'READY')).toHaveLength(40);
    expect(new Set(seated.map((s) => s.id)).size).toBe(80);
    const warmLeft = await db.query(`select count(*)::int as n from sessions where state = 'WARM'`);
    expect(warmLeft.rows[0].n).toBe(0);
    expect(results.filter((r) => r.errors).every((r) => r.errors![0]!.extensions!.code === 'NO_CAPACITY')).toBe(true);
    await assertInvariants(db);
  });

  it('never over-commits while workers drain and go stale at random moments', async () => {
    await clearFleet();
    const { people } = await examWith('HAMMER-3', 400);
    await expectBoundedUnderChaos(fleet, () => Promise.all(people.map((p) => t.gql(JOIN, { c: 'HAMMER-3' }, p.token))));
  });
});

describe('cold exam joins never refused while capacity remains (one worker of 40 slots)', () => {
  let t: TestServer;
  let db: pg.Client;
  let productId: string;

  /** An exam with `n` seeded candidates on its roster, and no warm desktops. */
  const coldExam = async (code: string, n: number) => {
    const now = Date.now();
    const exam = (
      await t.ok<any>(
        `mutation($i: ExamInput!) { createExam(input: $i) { id } }`,
        { i: { code, name: code, productId, startsAt: new Date(now).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), expectedCandidates: n } },
        t.adminToken,
      )
    ).createExam;
    const people = await seedUsers(db, n, 0, 'CANDIDATE');
    await db.query(`insert into exam_candidates (id, exam_id, user_id) select gen_random_uuid(), $1, u from unnest($2::uuid[]) u`, [
      exam.id,
      people.map((p) => p.id),
    ]);
    return people;
  };
  const outcomes = (results: { errors?: { extensions?: Record<string, unknown> }[] }[]) =>
    results.reduce<Record<string, number>>((acc, r) => {
      const k = r.errors ? String(r.errors[0]!.extensions?.code) : 'OK';
      acc[k] = (acc[k] ?? 0) + 1;
      return acc;
    }, {});

  beforeAll(async () => {
    t = await startTestServer({ JWT_SECRET: HAMMER_JWT_SECRET, VDI_LOOP_INTERVAL_SEC: '3600' });
    const capacity = { cpus: 41, memoryMb: 41 * 1024, vmCpus: 1, vmMemoryMb: 1024 };
    const w = await registerWorker(t, 'cold-big', capacity);
    await heartbeat(t, w.credential);
    productId = (await t.ok<any>(`mutation { createProduct(input: { name: "Cold exam", priceCoins: 0, provisionAction: TEST }) { id } }`, {}, t.adminToken))
      .createProduct.id;
    db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('seats all 30 candidates who press start at once on one worker (no NO_CAPACITY)', async () => {
    const people = await coldExam('COLD-1', 30);
    const results = await Promise.all(people.map((p) => t.gql(JOIN, { c: 'COLD-1' }, p.token)));
    expect(outcomes(results)).toEqual({ OK: 30 });
    await assertInvariants(db);
  });

  it('with 20 candidates for the last 10 slots seats exactly 10 and refuses 10 with NO_CAPACITY', async () => {
    const people = await coldExam('COLD-2', 20);
    const results = await Promise.all(people.map((p) => t.gql(JOIN, { c: 'COLD-2' }, p.token)));
    expect(outcomes(results)).toEqual({ OK: 10, NO_CAPACITY: 10 });
    const held = await db.query(`select count(*)::int as n from sessions where slot_no is not null`);
    expect(held.rows[0].n).toBe(40);
    await assertInvariants(db);
  });
});
