import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UniqueConstraintViolationException, type MikroORM } from '@mikro-orm/postgresql';
import { createTestDatabase } from '../../test/harness.js';
import { openDatabase } from './orm.js';
import { createLogger } from '../observability/logger.js';
import { inSqlTransaction, preparedStatement, runPrepared } from './prepared-statement.js';
import { ENTITIES } from '../app-modules.js';

const INSERT = preparedStatement(`insert into probes (name, n) values (?, ?) returning name, n`);
const BY_NAME = preparedStatement(`select name, n from probes where name = ?`);
const PREPARED = `select name from pg_prepared_statements where name = ?`;

describe('prepared statements on the hot paths', () => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await openDatabase(await createTestDatabase(), ENTITIES, createLogger('silent'), 1);
    await orm.em.fork().execute(`create table probes (name text primary key, n int not null)`);
  });
  afterAll(() => orm.close());

  it('names a statement after its text: the same text the same name, another text another name', () => {
    expect(preparedStatement(BY_NAME.sql).name).toBe(BY_NAME.name);
    expect(INSERT.name).not.toBe(BY_NAME.name);
    expect(BY_NAME.name).toMatch(/^vdi_[0-9a-f]{24}$/);
  });

  it('sends the values as parameters, prepares the text once per connection and reuses it', async () => {
    const em = orm.em.fork();
    const odd = `it's "odd" \\ ? $1`;
    const [row] = await runPrepared<{ name: string; n: number }>(em, INSERT, [odd, 7]);
    expect(row).toEqual({ name: odd, n: 7 });
    expect(await runPrepared(em, BY_NAME, [odd])).toEqual([{ name: odd, n: 7 }]);
    expect(await runPrepared(em, BY_NAME, ['nobody'])).toEqual([]);
    // The pool has one connection here, so this is the connection the statements ran on.
    const prepared = await em.execute(PREPARED, [BY_NAME.name]);
    expect(prepared).toEqual([{ name: BY_NAME.name }]);
  });

  it('runs on the entity manager’s transaction: it sees the transaction’s writes, and a rollback undoes its own', async () => {
    await expect(
      orm.em.fork().transactional(async (tx) => {
        await tx.execute(`insert into probes (name, n) values ('in-tx', 1)`);
        expect(await runPrepared(tx, BY_NAME, ['in-tx'])).toHaveLength(1);
        await runPrepared(tx, INSERT, ['written-then-rolled-back', 2]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const em = orm.em.fork();
    expect(await runPrepared(em, BY_NAME, ['in-tx'])).toEqual([]);
    expect(await runPrepared(em, BY_NAME, ['written-then-rolled-back'])).toEqual([]);
  });

  it('converts database errors as em.execute does (a unique violation is UniqueConstraintViolationException)', async () => {
    const em = orm.em.fork();
    await runPrepared(em, INSERT, ['unique-name', 1]);
    const err = await runPrepared(em, INSERT, ['unique-name', 1]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UniqueConstraintViolationException);
    expect((err as UniqueConstraintViolationException & { constraint?: string }).constraint).toBe('probes_pkey');
  });

  it('commits an inSqlTransaction when its work returns, and gives the connection back to the pool', async () => {
    const result = await inSqlTransaction(orm.em, async (tx) => {
      await runPrepared(tx, INSERT, ['committed', 3]);
      return runPrepared<{ name: string; n: number }>(tx, BY_NAME, ['committed']);
    });
    expect(result).toEqual([{ name: 'committed', n: 3 }]);
    // The pool holds one connection: this would wait for ever had the transaction kept it.
    expect(await runPrepared(orm.em.fork(), BY_NAME, ['committed'])).toEqual([{ name: 'committed', n: 3 }]);
  });

  it('rolls an inSqlTransaction back when its work throws, with the error as thrown', async () => {
    const boom = new Error('refused');
    await expect(
      inSqlTransaction(orm.em, async (tx) => {
        await runPrepared(tx, INSERT, ['rolled-back', 4]);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await runPrepared(orm.em.fork(), BY_NAME, ['rolled-back'])).toEqual([]);
  });

  it('converts a database error inside an inSqlTransaction and rolls back all of its work', async () => {
    await runPrepared(orm.em.fork(), INSERT, ['taken', 1]);
    const err = await inSqlTransaction(orm.em, async (tx) => {
      await runPrepared(tx, INSERT, ['first-of-two', 5]);
      await runPrepared(tx, INSERT, ['taken', 6]);
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UniqueConstraintViolationException);
    const em = orm.em.fork();
    expect(await runPrepared(em, BY_NAME, ['first-of-two'])).toEqual([]);
    expect(await runPrepared(em, BY_NAME, ['taken'])).toEqual([{ name: 'taken', n: 1 }]);
  });
});
