import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startTestServer, type TestServer } from '../../../test/harness.js';

const ADJUST = `mutation($i: AdjustCoinsInput!) { adjustCoins(input: $i) { balanceAfter } }`;

/** A small seeded generator so a failure can be replayed. */
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
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
});
