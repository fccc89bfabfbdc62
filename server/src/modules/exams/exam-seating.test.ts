import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { heartbeat, registerWorker, startTestServer, type TestServer } from '../../../test/harness.js';

const JOIN = `mutation($c: String!) { joinExam(examCode: $c) { id state } }`;
const RELEASE = `mutation($id: ID!) { releaseSession(id: $id) { id state } }`;

describe('joinExam: reconnects, sticky seats, release and refusals', () => {
  let t: TestServer;
  let db: pg.Client;
  let examId: string;
  const workers: Record<string, { id: string; credential: string }> = {};
  const candidates: Record<string, { id: string; password: string; token: string }> = {};
  const workerOf = async (sessionId: string) => (await db.query(`select worker_id from sessions where id = $1`, [sessionId])).rows[0].worker_id as string;
  const ackStop = async (sessionId: string) => {
    const cmd = (
      await db.query(`select id, worker_id from worker_commands where session_id = $1 and kind = 'STOP_SESSION' and state in ('QUEUED','DELIVERED')`, [
        sessionId,
      ])
    ).rows[0];
    const cred = Object.values(workers).find((w) => w.id === cmd.worker_id)!.credential;
    await t.ok(`mutation($id: ID!) { completeWorkerCommand(id: $id, input: { ok: true }) }`, { id: cmd.id }, cred);
  };

  beforeAll(async () => {
    t = await startTestServer({ VDI_LOOP_INTERVAL_SEC: '3600', WORKER_STICKY_EXAM_TTL_SEC: '600' });
    for (const code of ['seat-a', 'seat-b']) {
      workers[code] = await registerWorker(t, code);
      await heartbeat(t, workers[code]!.credential);
    }
    const productId = (
      await t.ok<any>(`mutation { createProduct(input: { name: "Seat desktop", priceCoins: 0, provisionAction: TEST }) { id } }`, {}, t.adminToken)
    ).createProduct.id;
    const now = Date.now();
    examId = (
      await t.ok<any>(
        `mutation($i: ExamInput!) { createExam(input: $i) { id } }`,
        {
          i: {
            code: 'SEAT',
            name: 'Seating',
            productId,
            startsAt: new Date(now - 60_000).toISOString(),
            endsAt: new Date(now + 3_600_000).toISOString(),
            expectedCandidates: 3,
          },
        },
        t.adminToken,
      )
    ).createExam.id;
    const roster = (
      await t.ok<any>(`mutation($e: ID!) { importRoster(examId: $e, csv: "c1\\nc2\\nc3") { candidates { username password } } }`, { e: examId }, t.adminToken)
    ).importRoster.candidates;
    for (const c of roster) {
      const l = (
        await t.ok<any>(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token user { id } } }`, { u: c.username, p: c.password })
      ).login;
      candidates[c.username] = { id: l.user.id, password: c.password, token: l.token };
    }
    db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('seats a candidate on a worker and gives the same desktop back on reconnect', async () => {
    const first = (await t.ok<any>(JOIN, { c: 'SEAT' }, candidates.c1!.token)).joinExam;
    expect(first.state).toBe('PENDING');
    const again = await Promise.all([1, 2, 3].map(() => t.ok<any>(JOIN, { c: 'SEAT' }, candidates.c1!.token)));
    expect(new Set(again.map((r) => r.joinExam.id))).toEqual(new Set([first.id]));
    const cmds = await db.query(`select count(*)::int as n from worker_commands where session_id = $1 and kind = 'CREATE_SESSION'`, [first.id]);
    expect(cmds.rows[0].n).toBe(1);
  });

  it('puts a returning candidate back on their worker first (sticky), even when another is less loaded', async () => {
    const s = (await t.ok<any>(JOIN, { c: 'SEAT' }, candidates.c2!.token)).joinExam;
    const home = await workerOf(s.id);
    expect((await t.ok<any>(RELEASE, { id: s.id }, candidates.c2!.token)).releaseSession.state).toBe('STOPPING');
    await ackStop(s.id);
    // Fill the candidate's worker up to one free slot: it is now the most loaded one.
    await db.query(
      `insert into sessions (id, owner_id, product_id, worker_id, state, slot_no)
       select gen_random_uuid(), $2, e.product_id, $1, 'READY', g from exams e, generate_series(0, 3) g
        where e.code = 'SEAT' and not exists (select 1 from sessions x where x.worker_id = $1 and x.slot_no = g)
        order by g limit (select 3 - count(*) from sessions x where x.worker_id = $1 and x.slot_no is not null)`,
      [home, candidates.c3!.id],
    );
    const load = await db.query(`select worker_id, count(*)::int as n from sessions where slot_no is not null group by worker_id`);
    expect(load.rows.find((r) => r.worker_id === home).n).toBe(3);
    expect((await t.ok<any>(`query($id: ID!) { session(id: $id) { state } }`, { id: s.id }, candidates.c2!.token)).session.state).toBe('DELETED');
    const back = (await t.ok<any>(JOIN, { c: 'SEAT' }, candidates.c2!.token)).joinExam;
    expect(back.id).not.toBe(s.id);
    expect(await workerOf(back.id)).toBe(home);
  });

  it('places a returning candidate on the least-loaded worker once the sticky time has passed', async () => {
    const s = (await t.ok<any>(JOIN, { c: 'SEAT' }, candidates.c2!.token)).joinExam;
    const home = await workerOf(s.id);
    await t.ok(RELEASE, { id: s.id }, candidates.c2!.token);
    await ackStop(s.id);
    await db.query(`update exam_candidates set sticky_until = now() - interval '1 second' where user_id = $1`, [candidates.c2!.id]);
    const other = Object.values(workers).find((w) => w.id !== home)!.id;
    const load = await db.query(`select worker_id, count(*)::int as n from sessions where slot_no is not null group by worker_id`);
    const n = (id: string) => load.rows.find((r) => r.worker_id === id)?.n ?? 0;
    const back = (await t.ok<any>(JOIN, { c: 'SEAT' }, candidates.c2!.token)).joinExam;
    expect(await workerOf(back.id)).toBe(n(other) <= n(home) ? other : home);
  });

  it('refuses someone not on the roster with FORBIDDEN, an unknown code with NOT_FOUND', async () => {
    const stranger = await t.user('CANDIDATE');
    expect((await t.gql(JOIN, { c: 'SEAT' }, stranger.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(JOIN, { c: 'NOPE' }, stranger.token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(JOIN, { c: 'SEAT' })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("lets nobody else release a candidate's desktop (NOT_FOUND), but an OPERATOR may", async () => {
    const mine = (await t.ok<any>(JOIN, { c: 'SEAT' }, candidates.c1!.token)).joinExam;
    expect((await t.gql(RELEASE, { id: mine.id }, candidates.c3!.token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const op = await t.user('OPERATOR');
    expect((await t.ok<any>(RELEASE, { id: mine.id }, op.token)).releaseSession.state).toBe('STOPPING');
  });

  it('refuses joining after the end with EXAM_CLOSED', async () => {
    await db.query(`update exams set starts_at = now() - interval '2 hours', ends_at = now() - interval '1 minute' where id = $1`, [examId]);
    const r = await t.gql(JOIN, { c: 'SEAT' }, candidates.c3!.token);
    expect(r.errors?.[0]?.extensions?.code).toBe('EXAM_CLOSED');
  });
});
