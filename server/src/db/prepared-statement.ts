import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Knex } from '@mikro-orm/knex';

/**
 * One SQL text (with `?` placeholders) run as a server-side prepared statement. Its name is
 * derived from the text, so one name never stands for two texts.
 */
export interface PreparedStatement {
  readonly name: string;
  readonly sql: string;
}

/**
 * A statement for {@link runPrepared}; define it once, at module level. Placeholders are knex's:
 * `?` is a value, so the text must not hold `?` anywhere else (`??` would be an identifier).
 */
export function preparedStatement(sql: string): PreparedStatement {
  return { name: `vdi_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`, sql };
}

/**
 * Runs a prepared statement on `em`'s transaction (or a pooled connection outside one) and
 * returns its rows. `em.execute` writes the values into the SQL text, so PostgreSQL parses and
 * plans every call anew; here the values travel as parameters, each connection parses the text
 * once and PostgreSQL may keep its plan. For the hot paths (placement, warm claims), where that
 * planning was a large share of the database's work. Errors are converted as `em.execute`
 * converts them (unique violations become UniqueConstraintViolationException, and so on).
 */
export async function runPrepared<T>(em: EntityManager, statement: PreparedStatement, params: readonly unknown[]): Promise<T[]> {
  const knex = (em.getTransactionContext<Knex.Transaction>() ?? em.getConnection().getKnex()) as Knex;
  try {
    const result = (await knex.raw(statement.sql, params as Knex.RawBinding[]).options({ name: statement.name })) as { rows: T[] };
    return result.rows;
  } catch (err) {
    throw em.getDriver().convertException(err as Error);
  }
}
