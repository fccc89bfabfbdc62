import 'reflect-metadata';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import pg from 'pg';
import { MIGRATIONS } from './migrations/index.js';
import { scopeAsyncContexts } from './async-context-scope.js';
import type { Logger } from '../observability/logger.js';

/** The entity classes MikroORM maps (the composition root's list). */
export type EntityList = NonNullable<Options['entities']>;

/** MikroORM options for a database URL and the entities to map; the schema comes only from committed migrations. */
export function ormOptions(clientUrl: string, entities: EntityList, poolMax = 10): Options {
  return {
    clientUrl,
    entities,
    discovery: { warnWhenNoEntities: true },
    extensions: [Migrator],
    migrations: { migrationsList: MIGRATIONS, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    pool: { min: 1, max: poolMax },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    debug: false,
  };
}

/** Held while migrating, so replicas starting together migrate one after the other. */
const MIGRATION_LOCK = 0x76_64_69_00;

/** Connects and applies pending migrations (one replica at a time). */
export async function openDatabase(clientUrl: string, entities: EntityList, logger: Logger, poolMax?: number): Promise<MikroORM> {
  scopeAsyncContexts();
  const orm = await MikroORM.init(ormOptions(clientUrl, entities, poolMax));
  const lock = new pg.Client({ connectionString: clientUrl, application_name: 'vdi-migrations' });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await orm.getMigrator().up();
    if (applied.length > 0) logger.info({ migrations: applied.map((m) => m.name) }, 'database migrated');
  } finally {
    await lock.end();
  }
  return orm;
}

export { MikroORM };
