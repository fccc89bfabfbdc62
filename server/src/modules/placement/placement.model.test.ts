import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import pg from 'pg';
import { heartbeat, registerWorker, startTestServer, type GqlResult, type TestServer } from '../../../test/harness.js';
import { assertInvariants, HAMMER_JWT_SECRET, seedUsers } from '../../../test/fleet.js';

/**
 * A model of the shop checked against the real server over random action lists: purchases (some
 * concurrent, some repeating an idempotency key), deletes, drains, workers going stale and coming
 * back, and desktops a worker reports FAILED (refunded). After every step the database must agree
 * with the model, and the model predicts how many purchases are placed whenever it can know.
 */

const PRICE = 2;
const SLOTS = [3, 2];
const BUY = `mutation($p: ID!, $k: String!) { purchaseAndCreate(productId: $p, idempotencyKey: $k) { id } }`;

type Action =
  | { kind: 'buy'; buys: { user: number; key: number }[] }
  | { kind: 'delete' | 'fail'; pick: number }
  | { kind: 'drain' | 'enable' | 'stale' | 'fresh'; worker: number };

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('buy' as const), buys: fc.array(fc.record({ user: fc.nat(2), key: fc.nat(3) }), { minLength: 1, maxLength: 5 }) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('delete' as const, 'fail' as const), pick: fc.nat(20) }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constantFrom('drain' as const, 'enable' as const, 'stale' as const, 'fresh' as const), worker: fc.nat(SLOTS.length - 1) }),
  },
);

/** What the model believes. */
interface Model {
  users: { id: string; token: string; balance: number }[];
  workers: { drained: boolean; stale: boolean; live: number }[];
  /** Sessions by `user:key`: their id, worker index and whether they still hold a slot. */
  sessions: Map<string, { id: string; owner: number; worker: number; live: boolean }>;
}

describe('placement model (fast-check): random purchases, deletes, drains, stale workers and failures', () => {
  let t: TestServer;
  let db: pg.Client;
  let productId: string;
  const workers: { id: string; credential: string }[] = [];
  let run = 0;

  beforeAll(async () => {
    t = await startTestServer({ JWT_SECRET: HAMMER_JWT_SECRET, VDI_LOOP_INTERVAL_SEC: '3600' });
    for (const [i, slots] of SLOTS.entries()) {
      const capacity = { cpus: slots + 1, memoryMb: (slots + 1) * 1024, vmCpus: 1, vmMemoryMb: 1024 };
      workers.push(await registerWorker(t, `model-${i}`, capacity));
    }
    productId = (
      await t.ok<any>(
        `mutation($p: Int!) { createProduct(input: { name: "Model", priceCoins: $p, provisionAction: TEST }) { id } }`,
        { p: PRICE },
        t.adminToken,
      )
    ).createProduct.id;
    db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  /** An empty, healthy fleet and three new people with 1, 5 and 40 coins. */
  const fresh = async (): Promise<Model> => {
    await db.query(`update sessions set state = 'DELETED', slot_no = null, ended_at = now() where slot_no is not null`);
    await db.query(`update workers set drain_status = 'NONE', status = 'ACTIVE'`);
    for (const w of workers) await heartbeat(t, w.credential);
    await t.server.services.heartbeats.flush();
    const users = [];
    for (const coins of [1, 5, 40]) users.push({ ...(await seedUsers(db, 1, coins))[0]!, balance: coins });
    return { users, workers: SLOTS.map(() => ({ drained: false, stale: false, live: 0 })), sessions: new Map() };
  };

  const free = (m: Model) => m.workers.reduce((n, w, i) => n + (w.drained || w.stale ? 0 : SLOTS[i]! - w.live), 0);

  /** A burst of purchases at once; checks the answers the model can predict, then learns the rest from the database. */
  const buy = async (m: Model, buys: { user: number; key: number }[]) => {
    const groups = new Map<string, number>();
    for (const b of buys) groups.set(`${b.user}:${b.key}`, b.user);
    const fresh = [...groups.keys()].filter((g) => !m.sessions.has(g));
    const perUser = new Map<number, number>();
    for (const g of fresh) perUser.set(groups.get(g)!, (perUser.get(groups.get(g)!) ?? 0) + 1);
    const affordable = [...perUser].every(([u, n]) => m.users[u]!.balance >= n * PRICE);
    const capacity = free(m);
    const answers = await Promise.all(buys.map((b) => t.gql(BUY, { p: productId, k: `run${run}-k${b.key}` }, m.users[b.user]!.token)));
    const byGroup = new Map<string, GqlResult[]>();
    for (const [i, b] of buys.entries()) byGroup.set(`${b.user}:${b.key}`, [...(byGroup.get(`${b.user}:${b.key}`) ?? []), answers[i]!]);
    for (const a of answers) if (a.errors) expect(['NO_CAPACITY', 'INSUFFICIENT_COINS']).toContain(a.errors[0]!.extensions?.code);
    let placed = 0;
    for (const [g, results] of byGroup) {
      const ids = new Set(results.map((r) => r.data?.purchaseAndCreate?.id ?? null));
      expect(ids.size).toBe(1); // one key, one answer: the same session for every repeat, or the same refusal
      const known = m.sessions.get(g);
      if (known) {
        expect([...ids][0]).toBe(known.id); // a used key answers with its session, and debits nothing
        continue;
      }
      const id = [...ids][0];
      if (!id) continue;
      placed++;
      const [row] = (await db.query(`select worker_id from sessions where id = $1`, [id])).rows;
      const worker = workers.findIndex((w) => w.id === row.worker_id);
      expect(m.workers[worker]!.drained || m.workers[worker]!.stale).toBe(false); // only eligible workers take sessions
      m.workers[worker]!.live++;
      m.users[groups.get(g)!]!.balance -= PRICE;
      m.sessions.set(g, { id, owner: groups.get(g)!, worker, live: true });
    }
    if (affordable || capacity === 0) {
      expect(placed).toBe(Math.min(fresh.length, capacity)); // never refused while a slot is free, never above the free slots
    } else {
      expect(placed).toBeLessThanOrEqual(Math.min(fresh.length, capacity));
    }
  };

  /** Ends a live session: deleted by its owner (then confirmed by the worker), or FAILED by the worker (refunded). */
  const end = async (m: Model, how: 'delete' | 'fail', pick: number) => {
    const live = [...m.sessions.values()].filter((s) => s.live);
    if (live.length === 0) return;
    const s = live[pick % live.length]!;
    const report = (state: string) =>
      t.ok(
        `mutation($i: ReportSessionInput!) { reportSession(input: $i) }`,
        { i: { sessionId: s.id, state, error: state === 'FAILED' ? 'desktop crashed' : null } },
        workers[s.worker]!.credential,
      );
    if (how === 'delete') {
      await t.ok(`mutation($id: ID!) { deleteSession(id: $id) { state } }`, { id: s.id }, m.users[s.owner]!.token);
      await report('DELETED');
    } else {
      await report('FAILED');
      m.users[s.owner]!.balance += PRICE;
    }
    s.live = false;
    m.workers[s.worker]!.live--;
  };

  const worker = async (m: Model, kind: 'drain' | 'enable' | 'stale' | 'fresh', i: number) => {
    const w = workers[i]!;
    if (kind === 'drain') await t.ok(`mutation($id: ID!) { drainWorker(id: $id) { id } }`, { id: w.id }, t.adminToken);
    if (kind === 'enable') await t.ok(`mutation($id: ID!) { enableWorker(id: $id) { id } }`, { id: w.id }, t.adminToken);
    if (kind === 'stale') {
      await t.server.services.heartbeats.flush(); // no buffered heartbeat may overwrite the stale one
      await db.query(`update workers set last_heartbeat_at = now() - interval '1 day' where id = $1`, [w.id]);
    }
    if (kind === 'fresh') {
      await heartbeat(t, w.credential);
      await t.server.services.heartbeats.flush();
    }
    if (kind === 'drain' || kind === 'enable') m.workers[i]!.drained = kind === 'drain';
    else m.workers[i]!.stale = kind === 'stale';
  };

  /** The database agrees with the model, and the shop's invariants hold. */
  const agree = async (m: Model) => {
    await assertInvariants(db);
    const ids = m.users.map((u) => u.id);
    const balances = (await db.query(`select id, coin_balance from users where id = any($1)`, [ids])).rows;
    expect(Object.fromEntries(balances.map((r) => [r.id, r.coin_balance]))).toEqual(Object.fromEntries(m.users.map((u) => [u.id, u.balance])));
    // Ordered by sequence, every ledger entry's balanceAfter is the previous one's plus its delta.
    const broken = await db.query(
      `select user_id, sequence from (select user_id, sequence, balance_after - delta - coalesce(lag(balance_after) over (partition by user_id order by sequence), 0) as gap from coin_ledger_entries where user_id = any($1)) x where gap <> 0`,
      [ids],
    );
    expect(broken.rows).toEqual([]);
    const dup = await db.query(`select owner_id, idempotency_key from sessions where owner_id = any($1) group by 1, 2 having count(*) > 1`, [ids]);
    expect(dup.rows).toEqual([]);
    const held = (await db.query(`select worker_id, count(*)::int as n from sessions where slot_no is not null group by worker_id`)).rows;
    expect(workers.map((w) => held.find((h) => h.worker_id === w.id)?.n ?? 0)).toEqual(m.workers.map((w) => w.live));
  };

  it('keeps balances, ledgers, slots and idempotency keys as the model says, and places whenever a slot is free', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(actionArb, { minLength: 4, maxLength: 14 }), async (actions) => {
        run++;
        const m = await fresh();
        for (const a of actions) {
          if (a.kind === 'buy') await buy(m, a.buys);
          else if ('pick' in a) await end(m, a.kind, a.pick);
          else await worker(m, a.kind, a.worker);
          await agree(m);
        }
      }),
      { numRuns: 15, endOnFailure: true },
    );
  }, 120_000); // about 5 s on an idle machine; room for a busy CI
});
