import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import { createTestDatabase } from '../../../test/harness.js';
import { ormOptions } from '../../db/orm.js';
import { ENTITIES } from '../../app-modules.js';

const BEFORE = 'Migration20261202157300_ledger_sequence';

describe('ledger sequence migration', () => {
  let orm: MikroORM;
  let db: pg.Client;
  beforeAll(async () => {
    const url = await createTestDatabase();
    orm = await MikroORM.init(ormOptions(url, ENTITIES, 2));
    const migrator = orm.getMigrator();
    const names = (await migrator.getPendingMigrations()).map((m) => m.name);
    // Every migration before the sequence: a ledger as an older release left it.
    await migrator.up({ to: names[names.indexOf(BEFORE) - 1] });
    db = new pg.Client({ connectionString: url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await orm?.close();
  });

  it('numbers existing entries per user in (created_at, id) order, then numbers new ones after them', async () => {
    await db.query(
      `insert into users (id, username, password_hash, role, coin_balance) values ('00000000-0000-4000-8000-000000000001', 'old-a', 'x', 'USER', 5), ('00000000-0000-4000-8000-000000000002', 'old-b', 'x', 'USER', 7)`,
    );
    await db.query(`insert into coin_ledger_entries (id, user_id, delta, balance_after, kind, reason, created_at) values
      ('00000000-0000-4000-8000-0000000000b2', '00000000-0000-4000-8000-000000000001', -5, 5, 'ADMIN_SUB', 'b', '2026-01-02'),
      ('00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-000000000001', 10, 10, 'ADMIN_ADD', 'a', '2026-01-01'),
      ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-000000000002', 7, 7, 'ADMIN_SET', 'c', '2026-01-03')`);
    await orm.getMigrator().up();
    const rows = (await db.query(`select reason, sequence from coin_ledger_entries order by user_id, sequence`)).rows;
    expect(rows).toEqual([
      { reason: 'a', sequence: 1 },
      { reason: 'b', sequence: 2 },
      { reason: 'c', sequence: 1 },
    ]);
    await db.query(
      `insert into coin_ledger_entries (id, user_id, delta, balance_after, kind, reason) values (gen_random_uuid(), '00000000-0000-4000-8000-000000000001', 1, 6, 'ADMIN_ADD', 'd')`,
    );
    expect((await db.query(`select sequence from coin_ledger_entries where reason = 'd'`)).rows[0].sequence).toBe(3);
    // Still append-only after the numbering.
    await expect(db.query(`update coin_ledger_entries set delta = 0 where reason = 'a'`)).rejects.toThrow();
  });
});
