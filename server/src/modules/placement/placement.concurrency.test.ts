import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { heartbeat, type TestServer } from '../../../test/harness.js';
import { assertInvariants, expectBoundedUnderChaos, seedUsers, startFleet, type Fleet } from '../../../test/fleet.js';

const BUY = `mutation($p: ID!, $k: String!) { purchaseAndCreate(productId: $p, idempotencyKey: $k) { id } }`;

describe('placement under load (20 simulated workers × 4 slots)', () => {
  let fleet: Fleet;
  let t: TestServer;
  let db: pg.Client;
  let productId: string;
  let workers: Fleet['workers'];

  beforeAll(async () => {
    fleet = await startFleet('hammer', { name: 'Hammer', price: 5 });
    ({ t, db, productId, workers } = fleet);
  });
  afterAll(() => fleet?.close());

  it('places exactly 80 of 500 concurrent purchases; the rest get NO_CAPACITY with per-worker reasons', async () => {
    const users = await seedUsers(db, 500, 20);
    const results = await Promise.all(users.map((u, i) => t.gql(BUY, { p: productId, k: `k-${i}` }, u.token)));
    const ok = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    expect(ok).toHaveLength(80);
    expect(new Set(refused.map((r) => r.errors![0]!.extensions!.code))).toEqual(new Set(['NO_CAPACITY']));
    expect(refused[0]!.errors![0]!.extensions!.reasons).toHaveLength(20);
    expect(refused[0]!.errors![0]!.extensions!.reasons.every((r: any) => r.refusal === 'NO_FREE_SLOT' || r.refusal === 'LOCKED')).toBe(true);
    const perWorker = await db.query(`select worker_id, count(*)::int as n from sessions where state = 'PENDING' group by worker_id`);
    expect(perWorker.rows).toHaveLength(20);
    expect(perWorker.rows.every((r) => r.n === 4)).toBe(true);
    const paid = await db.query(`select count(*)::int as n from coin_ledger_entries where kind = 'PURCHASE'`);
    expect(paid.rows[0].n).toBe(80);
    await assertInvariants(db);
    await db.query(`update sessions set state = 'DELETED', slot_no = null, ended_at = now() where state = 'PENDING'`);
  });

  it('never over-commits while workers are drained and go stale at random moments', async () => {
    const users = await seedUsers(db, 400, 20);
    await expectBoundedUnderChaos(fleet, () => Promise.all(users.map((u, i) => t.gql(BUY, { p: productId, k: `chaos-${i}` }, u.token))));
  });

  it('refuses, in the database itself, a fifth live session on a full worker even if code tried it', async () => {
    const w = workers[0]!;
    const owner = (await seedUsers(db, 1, 0))[0]!;
    await db.query(`update sessions set state = 'DELETED', slot_no = null, ended_at = now() where worker_id = $1 and state <> 'DELETED'`, [w.id]);
    for (let slot = 0; slot < 4; slot++) {
      await db.query(`insert into sessions (id, owner_id, product_id, worker_id, state, slot_no) values (gen_random_uuid(), $1, $2, $3, 'READY', $4)`, [owner.id, productId, w.id, slot]);
    }
    await expect(db.query(`insert into sessions (id, owner_id, product_id, worker_id, state, slot_no) values (gen_random_uuid(), $1, $2, $3, 'READY', 0)`, [owner.id, productId, w.id])).rejects.toThrow(/sessions_live_slot_unique/);
    await expect(db.query(`insert into sessions (id, owner_id, product_id, worker_id, state, slot_no) values (gen_random_uuid(), $1, $2, $3, 'READY', 4)`, [owner.id, productId, w.id])).rejects.toThrow(/sessions_slot_foreign/);
    await expect(db.query(`insert into sessions (id, owner_id, product_id, worker_id, state) values (gen_random_uuid(), $1, $2, $3, 'READY')`, [owner.id, productId, w.id])).rejects.toThrow(/sessions_slot_held_check/);
  });

  it('answers 1,000 parallel purchases with one idempotency key with one session and one debit', async () => {
    await db.query(`update sessions set state = 'DELETED', slot_no = null, ended_at = now() where state <> 'DELETED'`);
    await db.query(`update workers set drain_status = 'NONE', last_heartbeat_at = now()`);
    await Promise.all(workers.map((w) => heartbeat(t, w.credential)));
    const [buyer] = await seedUsers(db, 1, 100);
    const results = await Promise.all(Array.from({ length: 1000 }, () => t.gql(BUY, { p: productId, k: 'one-key' }, buyer!.token)));
    const errors = results.filter((r) => r.errors);
    expect(errors).toEqual([]);
    expect(new Set(results.map((r) => r.data!.purchaseAndCreate.id)).size).toBe(1);
    const debits = await db.query(`select count(*)::int as n, sum(delta)::int as total from coin_ledger_entries where user_id = $1 and kind = 'PURCHASE'`, [buyer!.id]);
    expect(debits.rows[0]).toEqual({ n: 1, total: -5 });
    const sessions = await db.query(`select count(*)::int as n from sessions where owner_id = $1`, [buyer!.id]);
    expect(sessions.rows[0].n).toBe(1);
    await assertInvariants(db);
  });
});
