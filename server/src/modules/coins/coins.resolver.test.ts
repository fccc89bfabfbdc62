import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startTestServer, type TestServer } from '../../../test/harness.js';

const ADJUST = `mutation($i: AdjustCoinsInput!) { adjustCoins(input: $i) { id delta balanceAfter kind reason createdAt } }`;
const BALANCE = `query { me { coinBalance } }`;

describe('coins (admin coin management)', () => {
  let t: TestServer;
  let alice: { id: string; token: string };
  beforeAll(async () => {
    t = await startTestServer();
    alice = await t.user('USER');
  });
  afterAll(() => t.close());

  const adjust = (op: string, amount: number, reason = 'top-up for exam week', extra: Record<string, unknown> = {}) =>
    t.gql(ADJUST, { i: { userId: alice.id, op, amount, reason, ...extra } }, t.adminToken);
  const balance = async () => (await t.ok<{ me: { coinBalance: number } }>(BALANCE, {}, alice.token)).me.coinBalance;
  const ledgerCount = async () =>
    (await t.ok<{ coinLedger: { totalCount: number } }>(`query { coinLedger { totalCount } }`, {}, alice.token)).coinLedger.totalCount;

  it('adds, subtracts and sets with balanceAfter and a ledger entry each', async () => {
    expect((await adjust('ADD', 100)).data!.adjustCoins).toMatchObject({ delta: 100, balanceAfter: 100, kind: 'ADMIN_ADD', reason: 'top-up for exam week' });
    expect((await adjust('SUB', 30)).data!.adjustCoins).toMatchObject({ delta: -30, balanceAfter: 70, kind: 'ADMIN_SUB' });
    expect((await adjust('SET', 500)).data!.adjustCoins).toMatchObject({ delta: 430, balanceAfter: 500, kind: 'ADMIN_SET' });
    expect(await balance()).toBe(500);
    expect(await ledgerCount()).toBe(3);
  });

  it('refuses SUB past zero with INSUFFICIENT_COINS and writes nothing', async () => {
    const before = await balance();
    const entries = await ledgerCount();
    const r = await adjust('SUB', before + 1);
    expect(r.errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_COINS');
    expect(await balance()).toBe(before);
    expect(await ledgerCount()).toBe(entries);
  });

  it.each([
    ['an empty reason', 'ADD', 5, '   ', 'reason'],
    ['a zero amount', 'ADD', 0, 'x', 'amount'],
    ['a negative amount', 'SUB', -5, 'x', 'amount'],
    ['an absurd amount', 'ADD', 2_000_000_000, 'x', 'amount'],
    ['a reason over 500 characters', 'ADD', 5, 'r'.repeat(501), 'reason'],
  ])('refuses %s with BAD_USER_INPUT and changes nothing', async (_name, op, amount, reason, field) => {
    const before = await balance();
    const r = await adjust(op, amount, reason);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await balance()).toBe(before);
  });

  it('refuses an unknown user with NOT_FOUND and a malformed id with BAD_USER_INPUT', async () => {
    const r1 = await t.gql(ADJUST, { i: { userId: '00000000-0000-4000-8000-000000000000', op: 'ADD', amount: 1, reason: 'x' } }, t.adminToken);
    expect(r1.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const r2 = await t.gql(ADJUST, { i: { userId: 'nope', op: 'ADD', amount: 1, reason: 'x' } }, t.adminToken);
    expect(r2.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('replays the same idempotency key without a second movement, and refuses it for another amount with CONFLICT', async () => {
    const before = await balance();
    const a = await adjust('ADD', 7, 'bonus', { idempotencyKey: 'bonus-1' });
    const b = await adjust('ADD', 7, 'bonus', { idempotencyKey: 'bonus-1' });
    expect(b.data!.adjustCoins.id).toBe(a.data!.adjustCoins.id);
    expect(await balance()).toBe(before + 7);
    const c = await adjust('ADD', 8, 'bonus', { idempotencyKey: 'bonus-1' });
    expect(c.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await balance()).toBe(before + 7);
  });

  it('pages the ledger newest first with cursors', async () => {
    const all = await t.ok<any>(`query { coinLedger(first: 200) { totalCount edges { node { id } } } }`, {}, alice.token);
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await t.ok(
        `query($a: String) { coinLedger(first: 2, after: $a) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
        { a: after },
        alice.token,
      );
      ids.push(...page.coinLedger.edges.map((e: any) => e.node.id));
      if (!page.coinLedger.pageInfo.hasNextPage) break;
      after = page.coinLedger.pageInfo.endCursor;
    }
    expect(ids).toEqual(all.coinLedger.edges.map((e: any) => e.node.id));
    expect(new Set(ids).size).toBe(all.coinLedger.totalCount);
    const bad = await t.gql(`query { coinLedger(after: "garbage!") { totalCount } }`, {}, alice.token);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("lets a USER read only their own ledger (FORBIDDEN for another), and an ADMIN read anyone's", async () => {
    const bob = await t.user('USER');
    const r = await t.gql(`query($u: ID) { coinLedger(userId: $u) { totalCount } }`, { u: alice.id }, bob.token);
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const a = await t.ok<any>(`query($u: ID) { coinLedger(userId: $u) { totalCount } }`, { u: alice.id }, t.adminToken);
    expect(a.coinLedger.totalCount).toBeGreaterThan(0);
  });

  it('writes an audit row per adjustment, and the database refuses edits to the ledger and the audit log', async () => {
    const db = new pg.Client({ connectionString: t.dbUrl });
    await db.connect();
    try {
      const audit = await db.query(`select count(*)::int as n from audit_log where action like 'coins.%' and target_id = $1`, [alice.id]);
      const ledger = await db.query(`select count(*)::int as n from coin_ledger_entries where user_id = $1 and kind like 'ADMIN_%'`, [alice.id]);
      expect(audit.rows[0].n).toBe(ledger.rows[0].n);
      await expect(db.query(`update coin_ledger_entries set delta = 1000000 where user_id = $1`, [alice.id])).rejects.toThrow(/append-only/);
      await expect(db.query(`delete from coin_ledger_entries where user_id = $1`, [alice.id])).rejects.toThrow(/append-only/);
      await expect(db.query(`delete from audit_log`)).rejects.toThrow(/append-only/);
      await expect(db.query(`update users set coin_balance = -1 where id = $1`, [alice.id])).rejects.toThrow(/users_coin_balance_check/);
    } finally {
      await db.end();
    }
  });
});
