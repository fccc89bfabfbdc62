/**
 * Placements committed per second through purchaseAndCreate over HTTP (200 simulated workers of
 * 63 slots each, 100 buyers), against the same transaction done with plain `pg` on the same database in the same
 * run. Goal: ≥ 500 placements/s on this 2-core machine.
 * Placements are counted in the database (sessions and PURCHASE ledger entries written during the
 * timed run), not from the answers: an answer can also be an error or an idempotent repeat.
 */
import pg from 'pg';
import { adminToken, CLUSTER_TOKEN, startBenchServer, wrkPost } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 200);

const server = await startBenchServer({ WORKER_HEARTBEAT_TTL_SEC: '3600' });
try {
  const admin = await adminToken(server);
  const creds: string[] = [];
  for (let i = 0; i < WORKERS; i++) {
    const r = await server.gql(`mutation($i: RegisterWorkerInput!) { registerWorker(input: $i) { credential } }`, {
      i: {
        clusterToken: CLUSTER_TOKEN,
        code: `place-${i}`,
        apiBaseUrl: 'http://127.0.0.1:3000',
        capacity: { cpus: 64, memoryMb: 131072, vmCpus: 1, vmMemoryMb: 1024 },
      },
    });
    creds.push(r.registerWorker.credential);
    await server.gql(`mutation { workerHeartbeat(input: { driver: { reachable: true } }) { status } }`, {}, r.registerWorker.credential);
  }
  const product = (await server.gql(`mutation { createProduct(input: { name: "placement bench", priceCoins: 1, provisionAction: TEST }) { id } }`, {}, admin))
    .createProduct.id;
  const tokens: string[] = [];
  for (let i = 0; i < 100; i++) {
    const u = (
      await server.gql(
        `mutation($n: String!) { createUser(input: { username: $n, password: "bench-password", role: USER }) { id } }`,
        { n: `buyer-${i}` },
        admin,
      )
    ).createUser;
    await server.gql(`mutation($u: ID!) { adjustCoins(input: { userId: $u, op: ADD, amount: 1000000, reason: "bench" }) { id } }`, { u: u.id }, admin);
    tokens.push((await server.gql(`mutation($n: String!) { login(username: $n, password: "bench-password") { token } }`, { n: `buyer-${i}` })).login.token);
  }
  const run = (s: number, label: string) =>
    wrkPost(`${server.url}/graphql`, '', tokens, s, CONNECTIONS, 'wrk-purchase.lua', { PRODUCT_ID: product, RUN: label });
  const db = new pg.Client({ connectionString: server.databaseUrl() });
  // Ended with the server when the bench fails: the failure is what is reported, not the lost connection.
  db.on('error', () => undefined);
  await db.connect();
  const committed = async () =>
    (
      await db.query(
        `select (select count(*) from sessions)::int as sessions, (select count(*) from coin_ledger_entries where kind = 'PURCHASE')::int as debits`,
      )
    ).rows[0] as { sessions: number; debits: number };
  await run(2, 'warm-up');
  const before = await committed();
  const r = await run(SECONDS, 'timed');
  const after = await committed();
  await db.end();
  const placed = after.sessions - before.sessions;
  if (after.debits - before.debits !== placed) throw new Error(`${placed} sessions but ${after.debits - before.debits} debits`);
  // Requests still in flight when wrk stops are committed but not answered to it; beyond those,
  // an answer that placed nothing was an error (a full fleet says NO_CAPACITY) and was not measured.
  if (r.requests - placed > CONNECTIONS) throw new Error(`${r.requests} answers but only ${placed} placements: the fleet filled up or purchases failed`);
  const placedPerSecond = placed / (r.requests / r.perSecond);

  // The same work as one transaction in plain pg: lock a worker (skip locked), take a free slot,
  // insert the session, lock and debit the buyer with a ledger entry, queue the command.
  const { databaseUrl, userIds, workerIds } = await server.gql(`{ workers { id } }`, {}, admin).then(async (d) => ({
    workerIds: d.workers.map((w: { id: string }) => w.id),
    databaseUrl: server.databaseUrl(),
    userIds: (await server.gql(`{ users(first: 200, search: "buyer-") { edges { node { id } } } }`, {}, admin)).users.edges.map(
      (e: { node: { id: string } }) => e.node.id,
    ),
  }));
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // Free every slot first, and run for less time: plain pg is fast enough to fill the fleet.
  await pool.query(`update sessions set state = 'DELETED', slot_no = null, ended_at = now() where slot_no is not null`);
  const RAW_SECONDS = Math.min(SECONDS, 3);
  let done = 0;
  let n = 0;
  const deadline = Date.now() + RAW_SECONDS * 1000;
  const loop = async () => {
    while (Date.now() < deadline) {
      const c = await pool.connect();
      const i = n++;
      try {
        await c.query('begin');
        const w = await c.query(`select id from workers where id = $1 for update skip locked`, [workerIds[i % workerIds.length]]);
        if (!w.rows[0]) {
          await c.query('rollback');
          continue;
        }
        const slot = await c.query(
          `select ws.slot_no from worker_slots ws where ws.worker_id = $1 and not exists (select 1 from sessions s where s.worker_id = ws.worker_id and s.slot_no = ws.slot_no) order by ws.slot_no limit 1`,
          [w.rows[0].id],
        );
        if (!slot.rows[0]) {
          await c.query('rollback');
          continue;
        }
        const sid = await c.query(
          `insert into sessions (id, owner_id, product_id, worker_id, slot_no, state, idempotency_key) values (gen_random_uuid(), $1, $2, $3, $4, 'PENDING', $5) returning id`,
          [userIds[i % userIds.length], product, w.rows[0].id, slot.rows[0].slot_no, `raw-${i}`],
        );
        const u = await c.query(`select coin_balance from users where id = $1 for update`, [userIds[i % userIds.length]]);
        await c.query(
          `insert into coin_ledger_entries (id, user_id, delta, balance_after, kind, session_id, idempotency_key) values (gen_random_uuid(), $1, -1, $2, 'PURCHASE', $3, $4)`,
          [userIds[i % userIds.length], u.rows[0].coin_balance - 1, sid.rows[0].id, `raw-${i}`],
        );
        await c.query(`update users set coin_balance = coin_balance - 1 where id = $1`, [userIds[i % userIds.length]]);
        await c.query(`insert into worker_commands (id, worker_id, session_id, kind, payload) values (gen_random_uuid(), $1, $2, 'CREATE_SESSION', '{}')`, [
          w.rows[0].id,
          sid.rows[0].id,
        ]);
        await c.query('commit');
        done++;
      } catch (e) {
        await c.query('rollback');
        throw e;
      } finally {
        c.release();
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, loop));
  await pool.end();
  const raw = done / RAW_SECONDS;
  console.log(`placement throughput: ${WORKERS} workers × 63 slots, 100 buyers, ${CONNECTIONS} connections, ${SECONDS} s`);
  console.log(
    `  purchaseAndCreate over HTTP   ${placedPerSecond.toFixed(0)} placements/s committed  (${r.requests} answers, ${placed} placements; p50 ${r.p50Ms.toFixed(1)} ms  p99 ${r.p99Ms.toFixed(1)} ms  non-2xx ${r.non2xx})  (goal ≥ 500/s)`,
  );
  console.log(`  same transaction in plain pg  ${raw.toFixed(0)} placements/s committed`);
  console.log(`  ratio                         ${(raw / placedPerSecond).toFixed(2)}× (plain pg / portal)`);
} finally {
  await server.stop();
}
