import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { heartbeat, registerWorker, startTestServer, type TestServer } from '../../../test/harness.js';

const ADJUST = `mutation($i: AdjustCoinsInput!) { adjustCoins(input: $i) { balanceAfter } }`;

/** A small seeded generator so a failure can be replayed. */
function rng(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

describe('coins under concurrency', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('keeps balance = sum of ledger and never negative after 1,000 concurrent random adjustments over 10 users', async () => {
    const users = await Promise.all(Array.from({ length: 10 }, () => t.user('USER')));
    const rand = rng(20261123);
    const ops = Array.from({ length: 1000 }, () => {
      const u = users[Math.floor(rand() * users.length)]!;
      const r = rand();
      const op = r < 0.45 ? 'ADD' : r < 0.9 ? 'SUB' : 'SET';
      return { userId: u.id, op, amount: Math.floor(rand() * (op === 'SET' ? 200 : 60)) + (op === 'SET' ? 0 : 1), reason: `load ${op}` };
    });
    const results = await Promise.all(ops.map((i) => t.gql(ADJUST, { i }, t.adminToken)));
    const codes = new Map<string, number>();
    for (const r of results) {
      const code = r.errors ? String(r.errors[0]!.extensions?.code) : 'OK';
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
    // Only successes and refused overdrafts: no deadlocks, no internal errors.
    expect([...codes.keys()].sort()).toEqual(expect.arrayContaining(['OK']));
    expect([...codes.keys()].filter((c) => c !== 'OK' && c !== 'INSUFFICIENT_COINS')).toEqual([]);
    expect(codes.get('INSUFFICIENT_COINS') ?? 0).toBeGreaterThan(0);

    const db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
    try {
      const rows = await db.query(
        `select u.id, u.coin_balance, coalesce(sum(l.delta), 0)::int as sum, count(l.id)::int as entries, coalesce(min(l.balance_after), 0) as min_after
           from users u left join coin_ledger_entries l on l.user_id = u.id
          where u.id = any($1::uuid[]) group by u.id`,
        [users.map((u) => u.id)],
      );
      expect(rows.rows).toHaveLength(10);
      let entries = 0;
      for (const r of rows.rows) {
        expect(r.coin_balance).toBe(r.sum);
        expect(r.coin_balance).toBeGreaterThanOrEqual(0);
        expect(Number(r.min_after)).toBeGreaterThanOrEqual(0);
        entries += r.entries;
      }
      expect(entries).toBe(codes.get('OK'));
    } finally {
      await db.end();
    }
  });

  it('chains balanceAfter by the per-user sequence while two admins adjust and the user buys at the same time', async () => {
    const capacity = { cpus: 41, memoryMb: 41 * 1024, vmCpus: 1, vmMemoryMb: 1024 };
    const worker = await registerWorker(t, 'ledger-chain', capacity);
    await heartbeat(t, worker.credential);
    const productId = (
      await t.ok<any>(`mutation { createProduct(input: { name: "Ledger chain", priceCoins: 3, provisionAction: TEST }) { id } }`, {}, t.adminToken)
    ).createProduct.id;
    const buyer = await t.user('USER');
    const second = await t.user('ADMIN');
    await t.ok(ADJUST, { i: { userId: buyer.id, op: 'ADD', amount: 50, reason: 'start' } }, t.adminToken);
    const rand = rng(20261202);
    const adjust = (token: string, n: number) =>
      Array.from({ length: n }, () => {
        const op = rand() < 0.5 ? 'ADD' : rand() < 0.8 ? 'SUB' : 'SET';
        return t.gql(ADJUST, { i: { userId: buyer.id, op, amount: Math.floor(rand() * 20) + 1, reason: `chain ${op}` } }, token);
      });
    const buys = Array.from({ length: 30 }, (_, i) =>
      t.gql(`mutation($p: ID!, $k: String!) { purchaseAndCreate(productId: $p, idempotencyKey: $k) { id } }`, { p: productId, k: `chain-${i}` }, buyer.token),
    );
    const results = await Promise.all([...adjust(t.adminToken, 40), ...adjust(second.token, 40), ...buys]);
    const codes = new Set(results.map((r) => (r.errors ? String(r.errors[0]!.extensions?.code) : 'OK')));
    expect([...codes].filter((c) => c !== 'OK' && c !== 'INSUFFICIENT_COINS')).toEqual([]);

    const db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
    try {
      const rows = (await db.query(`select sequence, delta, balance_after, kind from coin_ledger_entries where user_id = $1 order by sequence`, [buyer.id]))
        .rows;
      expect(rows.filter((r) => r.kind === 'PURCHASE').length).toBeGreaterThan(0);
      let balance = 0;
      rows.forEach((r, i) => {
        expect(r.sequence).toBe(i + 1);
        expect(r.balance_after).toBe(balance + r.delta);
        balance = r.balance_after;
      });
      const [user] = (await db.query(`select coin_balance from users where id = $1`, [buyer.id])).rows;
      expect(user.coin_balance).toBe(balance);
      // coinLedger reads the same chain, newest first, page after page.
      const seen: { delta: number; balanceAfter: number }[] = [];
      for (let after: string | null = null; ; ) {
        const page: any = (
          await t.ok<any>(
            `query($u: ID, $a: String) { coinLedger(userId: $u, first: 25, after: $a) { edges { node { delta balanceAfter } } pageInfo { hasNextPage endCursor } } }`,
            { u: buyer.id, a: after },
            t.adminToken,
          )
        ).coinLedger;
        seen.push(...page.edges.map((e: any) => e.node));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(rows.map((r) => ({ delta: r.delta, balanceAfter: r.balance_after })).reverse());
    } finally {
      await db.end();
    }
  }, 120_000); // a few seconds on an idle machine; room for a busy CI
});
