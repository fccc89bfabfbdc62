import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { SignJWT } from 'jose';
import { expect } from 'vitest';
import { heartbeat, registerWorker, startTestServer, type GqlResult, type TestServer } from './harness.js';

/** The JWT secret hammer tests start their server with, so they can mint tokens for seeded people. */
export const HAMMER_JWT_SECRET = 'placement-hammer-secret-0123456789';

/** People made straight in the database with a starting balance (the subject of those tests is placement, not sign-up). */
export async function seedUsers(
  db: pg.Client,
  n: number,
  coins: number,
  role: 'ADMIN' | 'OPERATOR' | 'USER' | 'CANDIDATE' = 'USER',
): Promise<{ id: string; token: string }[]> {
  const ids = Array.from({ length: n }, () => randomUUID());
  await db.query(`insert into users (id, username, password_hash, role, coin_balance) select id, 'hammer-' || id, 'x', $3, $2 from unnest($1::uuid[]) id`, [
    ids,
    coins,
    role,
  ]);
  if (coins > 0)
    await db.query(
      `insert into coin_ledger_entries (id, user_id, delta, balance_after, kind, reason) select gen_random_uuid(), id, $2, $2, 'ADMIN_SET', 'seed' from unnest($1::uuid[]) id`,
      [ids, coins],
    );
  const key = new TextEncoder().encode(HAMMER_JWT_SECRET);
  return Promise.all(
    ids.map(async (id) => ({
      id,
      token: await new SignJWT({ username: `hammer-${id}`, role })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(id)
        .setIssuer('vdi-portal')
        .setExpirationTime('1h')
        .sign(key),
    })),
  );
}

/**
 * No worker above its maximum, every worker's live counter equal to its held slots, every balance
 * equal to the sum of its ledger and none negative.
 */
export async function assertInvariants(db: pg.Client): Promise<void> {
  const over = await db.query(
    `select w.code, count(s.id)::int as live, w.max_sessions from workers w join sessions s on s.worker_id = w.id and s.state not in ('DELETED','FAILED','EXPIRED') group by w.id having count(s.id) > w.max_sessions`,
  );
  expect(over.rows).toEqual([]);
  const drift = await db.query(
    `select w.code, w.live_sessions, (select count(*)::int from sessions s where s.worker_id = w.id and s.slot_no is not null) as held from workers w where w.live_sessions <> (select count(*) from sessions s where s.worker_id = w.id and s.slot_no is not null)`,
  );
  expect(drift.rows).toEqual([]);
  const money = await db.query(
    `select u.id from users u left join coin_ledger_entries l on l.user_id = u.id group by u.id having u.coin_balance <> coalesce(sum(l.delta), 0) or u.coin_balance < 0`,
  );
  expect(money.rows).toEqual([]);
}

/** A control plane with 20 simulated workers × 4 slots (heartbeating) and one TEST product. */
export interface Fleet {
  t: TestServer;
  db: pg.Client;
  workers: { id: string; credential: string }[];
  productId: string;
  close(): Promise<void>;
}

export async function startFleet(codePrefix: string, product: { name: string; price: number }, env: Record<string, string> = {}): Promise<Fleet> {
  const t = await startTestServer({ JWT_SECRET: HAMMER_JWT_SECRET, ...env });
  const workers: { id: string; credential: string }[] = [];
  for (let i = 0; i < 20; i++) workers.push(await registerWorker(t, `${codePrefix}-${String(i).padStart(2, '0')}`));
  await Promise.all(workers.map((w) => heartbeat(t, w.credential)));
  const productId = (
    await t.ok<any>(
      `mutation($n: String!, $p: Int!) { createProduct(input: { name: $n, priceCoins: $p, provisionAction: TEST }) { id } }`,
      { n: product.name, p: product.price },
      t.adminToken,
    )
  ).createProduct.id;
  const db = new pg.Client({ connectionString: t.dbUrl });
  await db.connect();
  const close = async () => {
    await db.end();
    await t.close();
  };
  return { t, db, workers, productId, close };
}

/** Drains and stales random workers at random moments while the load runs (resolves when done). */
export async function injectChaos(f: Fleet): Promise<void> {
  for (let i = 0; i < 6; i++) {
    await new Promise((r) => setTimeout(r, 20 + Math.random() * 60));
    const w = f.workers[Math.floor(Math.random() * f.workers.length)]!;
    if (i % 2 === 0) await f.t.gql(`mutation($id: ID!) { drainWorker(id: $id) { id } }`, { id: w.id }, f.t.adminToken);
    else await f.db.query(`update workers set last_heartbeat_at = now() - interval '1 day' where id = $1`, [w.id]);
  }
}

/**
 * Runs `load` while workers drain and go stale at random moments, then checks that some calls
 * were placed, never more than the 80 slots, and every refusal was NO_CAPACITY.
 */
export async function expectBoundedUnderChaos(f: Fleet, load: () => Promise<GqlResult[]>): Promise<void> {
  const chaos = injectChaos(f);
  const results = await load();
  await chaos;
  const ok = results.filter((r) => !r.errors).length;
  expect(ok).toBeGreaterThan(0);
  expect(ok).toBeLessThanOrEqual(80);
  expect(results.filter((r) => r.errors).every((r) => r.errors![0]!.extensions!.code === 'NO_CAPACITY')).toBe(true);
  await assertInvariants(f.db);
}
