import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { SignJWT } from 'jose';
import { expect } from 'vitest';

/** The JWT secret hammer tests start their server with, so they can mint tokens for seeded people. */
export const HAMMER_JWT_SECRET = 'placement-hammer-secret-0123456789';

/** People made straight in the database with a starting balance (the subject of those tests is placement, not sign-up). */
export async function seedUsers(db: pg.Client, n: number, coins: number, role: 'USER' | 'CANDIDATE' = 'USER'): Promise<{ id: string; token: string }[]> {
  const ids = Array.from({ length: n }, () => randomUUID());
  await db.query(`insert into users (id, username, password_hash, role, coin_balance) select id, 'hammer-' || id, 'x', $3, $2 from unnest($1::uuid[]) id`, [ids, coins, role]);
  if (coins > 0) await db.query(`insert into coin_ledger_entries (id, user_id, delta, balance_after, kind, reason) select gen_random_uuid(), id, $2, $2, 'ADMIN_SET', 'seed' from unnest($1::uuid[]) id`, [ids, coins]);
  const key = new TextEncoder().encode(HAMMER_JWT_SECRET);
  return Promise.all(ids.map(async (id) => ({ id, token: await new SignJWT({ username: `hammer-${id}`, role }).setProtectedHeader({ alg: 'HS256' }).setSubject(id).setIssuer('vdi-portal').setExpirationTime('1h').sign(key) })));
}

/**
 * No worker above its maximum, every worker's live counter equal to its held slots, every balance
 * equal to the sum of its ledger and none negative.
 */
export async function assertInvariants(db: pg.Client): Promise<void> {
  const over = await db.query(`select w.code, count(s.id)::int as live, w.max_sessions from workers w join sessions s on s.worker_id = w.id and s.state not in ('DELETED','FAILED','EXPIRED') group by w.id having count(s.id) > w.max_sessions`);
  expect(over.rows).toEqual([]);
  const drift = await db.query(`select w.code, w.live_sessions, (select count(*)::int from sessions s where s.worker_id = w.id and s.slot_no is not null) as held from workers w where w.live_sessions <> (select count(*) from sessions s where s.worker_id = w.id and s.slot_no is not null)`);
  expect(drift.rows).toEqual([]);
  const money = await db.query(`select u.id from users u left join coin_ledger_entries l on l.user_id = u.id group by u.id having u.coin_balance <> coalesce(sum(l.delta), 0) or u.coin_balance < 0`);
  expect(money.rows).toEqual([]);
}
