import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Knex } from '@mikro-orm/knex';
import type pg from 'pg';

/**
 * One SQL text run as a server-side prepared statement. Its name is derived from the text, so
 * one name never stands for two texts.
 */
export interface PreparedStatement {
  readonly name: string;
  /** With `?` placeholders (knex's), for an EntityManager's connection. */
  readonly sql: string;
  /** The same with `$1, $2, …`, for a connection held by {@link inSqlTransaction}. */
  readonly text: string;
}

/**
 * A statement for {@link runPrepared}; define it once, at module level. Every `?` is a value, so
 * the text must not hold `?` anywhere else.
 */
export function preparedStatement(sql: string): PreparedStatement {
  let n = 0;
  return { name: `vdi_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`, sql, text: sql.replace(/\?/g, () => `$${++n}`) };
}

/**
 * A pooled connection held for one transaction by {@link inSqlTransaction}: prepared statements
 * only, no unit of work.
 */
export class SqlTransaction {
  constructor(
    private readonly connection: pg.Client,
    private readonly em: EntityManager,
  ) {}

  run<T>(statement: PreparedStatement, params: readonly unknown[]): Promise<T[]> {
    return this.send<T>({ name: statement.name, text: statement.text, values: params as unknown[] });
  }

  /** BEGIN and COMMIT, sent by {@link inSqlTransaction} (work given a transaction never ends it itself). */
  control(command: 'begin' | 'commit'): Promise<unknown> {
    return this.send({ text: command });
  }

  /** SAVEPOINT `name`, or ROLLBACK TO it (which also lets go of the row locks taken since). */
  savepoint(name: string, rollback = false): Promise<unknown> {
    return this.send({ text: `${rollback ? 'rollback to savepoint' : 'savepoint'} ${name}` });
  }

  private async send<T>(query: pg.QueryConfig): Promise<T[]> {
    try {
      return (await this.connection.query(query)).rows as T[];
    } catch (err) {
      throw this.em.getDriver().convertException(err as Error);
    }
  }
}

/** Where a prepared statement runs: an EntityManager (its transaction, if it is in one) or a {@link SqlTransaction}. */
export type SqlTarget = EntityManager | SqlTransaction;

/** Sets a savepoint, or rolls back to it, on either kind of target (an EntityManager must be in a transaction). */
export async function savepoint(target: SqlTarget, name: string, rollback = false): Promise<void> {
  if (target instanceof SqlTransaction) {
    await target.savepoint(name, rollback);
    return;
  }
  await target.execute(`${rollback ? 'rollback to savepoint' : 'savepoint'} ${name}`);
}

/**
 * Runs a prepared statement and returns its rows. `em.execute` writes the values into the SQL
 * text, so PostgreSQL parses and plans every call anew; here the values travel as parameters,
 * each connection parses the text once and PostgreSQL may keep its plan. For the hot paths
 * (placement, warm claims), where that planning was a large share of the database's work.
 * Errors are converted as `em.execute` converts them (unique violations become
 * UniqueConstraintViolationException, and so on).
 */
export async function runPrepared<T>(target: SqlTarget, statement: PreparedStatement, params: readonly unknown[]): Promise<T[]> {
  if (target instanceof SqlTransaction) return target.run<T>(statement, params);
  const knex = (target.getTransactionContext<Knex.Transaction>() ?? target.getConnection().getKnex()) as Knex;
  try {
    const result = (await knex.raw(statement.sql, params as Knex.RawBinding[]).options({ name: statement.name })) as { rows: T[] };
    return result.rows;
  } catch (err) {
    throw target.getDriver().convertException(err as Error);
  }
}

/**
 * Runs `work` in a transaction on a connection taken straight from the ORM's pool: BEGIN, the
 * work's prepared statements, COMMIT (ROLLBACK when it throws). For a hot path made only of
 * prepared statements, it spares what `em.transactional` costs on top (a forked unit of work, a
 * knex transaction object, the flush at the end). `em` may be the global EntityManager: only its
 * connection pool and its error conversion are used.
 */
export async function inSqlTransaction<R>(em: EntityManager, work: (tx: SqlTransaction) => Promise<R>): Promise<R> {
  const client = em.getConnection().getKnex().client as { acquireConnection(): Promise<pg.Client>; releaseConnection(c: pg.Client): Promise<void> };
  const connection = await client.acquireConnection();
  const tx = new SqlTransaction(connection, em);
  try {
    await tx.control('begin');
    let result: R;
    try {
      result = await work(tx);
    } catch (err) {
      // A broken connection fails the rollback too; the pool then drops it when it is next taken.
      await connection.query('rollback').catch(() => undefined);
      throw err;
    }
    await tx.control('commit');
    return result;
  } finally {
    await client.releaseConnection(connection);
  }
}
