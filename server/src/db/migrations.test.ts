import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createTestDatabase } from '../../test/harness.js';
import { openDatabase, ormOptions } from './orm.js';
import { createLogger } from '../observability/logger.js';
import { ENTITIES } from '../app-modules.js';

describe('migrations', () => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await openDatabase(await createTestDatabase(), ENTITIES, createLogger('silent'), 2);
  });
  afterAll(() => orm.close());

  it('produce exactly the schema the entities describe (no drift between code and committed migrations)', async () => {
    const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false, safe: false, dropTables: true });
    // The one object entities cannot describe: sessions (worker_id, slot_no) → worker_slots, a
    // composite key overlapping the worker relation. It is checked by name just below.
    const lines = diff.split('\n').filter((l) => l.trim() && !l.includes('"sessions_slot_foreign"'));
    expect(lines).toEqual([]);
    const fk = await orm.em.getConnection().execute(`select pg_get_constraintdef(oid) as d from pg_constraint where conname = 'sessions_slot_foreign'`);
    expect(fk[0]?.d).toBe('FOREIGN KEY (worker_id, slot_no) REFERENCES worker_slots(worker_id, slot_no) ON UPDATE CASCADE');
  });

  it('are all applied and re-running them is a no-op', async () => {
    expect(await orm.getMigrator().getPendingMigrations()).toEqual([]);
    expect(await orm.getMigrator().up()).toEqual([]);
  });

  it('are never replaced by schema sync at runtime (no updateSchema in the options)', () => {
    const opts = ormOptions('postgres://x@localhost/y', ENTITIES);
    expect(JSON.stringify(opts)).not.toMatch(/ensureDatabase|updateSchema|synchron/i);
  });
});
