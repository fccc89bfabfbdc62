import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MikroORM } from '@mikro-orm/postgresql';
import { createTestDatabase } from '../../test/harness.js';
import { openDatabase, ormOptions } from './orm.js';
import { createLogger } from '../observability/logger.js';

describe('migrations', () => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await openDatabase(await createTestDatabase(), createLogger('silent'), 2);
  });
  afterAll(() => orm.close());

  it('produce exactly the schema the entities describe (no drift between code and committed migrations)', async () => {
    const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false, safe: false, dropTables: true });
    expect(diff.trim()).toBe('');
  });

  it('are all applied and re-running them is a no-op', async () => {
    expect(await orm.getMigrator().getPendingMigrations()).toEqual([]);
    expect(await orm.getMigrator().up()).toEqual([]);
  });

  it('are never replaced by schema sync at runtime (no updateSchema in the options)', () => {
    const opts = ormOptions('postgres://x@localhost/y');
    expect(JSON.stringify(opts)).not.toMatch(/ensureDatabase|updateSchema|synchron/i);
  });
});
