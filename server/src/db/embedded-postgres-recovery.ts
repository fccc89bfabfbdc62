import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from '../observability/logger.js';

/** What PostgreSQL writes to `postmaster.pid` while it runs: its pid, data folder and port. */
export interface PostmasterLock {
  pid: number;
  dataDir: string;
  port: number;
}

/** The lock file of a PostgreSQL data folder, or null without one. */
export function readPostmasterLock(pgDir: string): PostmasterLock | null {
  const file = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(file)) return null;
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  return { pid: Number(lines[0]), dataDir: lines[1] ?? '', port: Number(lines[3]) };
}

/** Whether a process with this id exists. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const realpath = (p: string) => {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
};

/** Whether `pid` is a PostgreSQL postmaster started on exactly this data folder (its command line says so). */
export function isPostmasterOf(pid: number, pgDir: string): boolean {
  let args: string[];
  try {
    args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return false;
  }
  const d = args.indexOf('-D');
  return path.basename(args[0] ?? '') === 'postgres' && d > 0 && realpath(args[d + 1] ?? '') === realpath(pgDir);
}

/** The parent process id of `pid`, or null when it cannot be read. */
function parentPid(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

const OWNER_FILE = 'control-plane.pid';

/** Records this process as the control plane that runs the data folder's PostgreSQL. */
export function recordOwner(dataDir: string): void {
  fs.writeFileSync(path.join(dataDir, OWNER_FILE), `${process.pid}\n`);
}

/**
 * Makes the data folder startable after a crash. A lock whose process is gone, or is no postmaster
 * of this folder, is removed. A live postmaster of this folder whose control plane is gone (killed
 * with -9, so it never stopped PostgreSQL) is stopped; one whose control plane still runs is left
 * alone, and the start refused.
 */
export async function releaseStaleLock(dataDir: string, pgDir: string, logger: Logger): Promise<void> {
  const lock = readPostmasterLock(pgDir);
  if (!lock) return;
  if (!processAlive(lock.pid) || !isPostmasterOf(lock.pid, pgDir)) {
    fs.rmSync(path.join(pgDir, 'postmaster.pid'), { force: true });
    logger.info({ pid: lock.pid }, 'removed the lock of a PostgreSQL that is no longer running');
    return;
  }
  const owner = recordedOwner(dataDir);
  if (owner !== null && owner !== process.pid && parentPid(lock.pid) === owner && processAlive(owner)) {
    throw new Error(`the data folder ${dataDir} is in use by another control plane (pid ${owner}); stop it, or give this one its own VDI_DATA_DIR`);
  }
  logger.warn({ pid: lock.pid, pgDir }, 'stopping the embedded PostgreSQL left running by a control plane that crashed');
  await stopProcess(lock.pid);
}

function recordedOwner(dataDir: string): number | null {
  try {
    return Number(fs.readFileSync(path.join(dataDir, OWNER_FILE), 'utf8').trim());
  } catch {
    return null;
  }
}

/** Asks a postmaster to stop (fast shutdown, then immediate), waiting for it to go. */
async function stopProcess(pid: number): Promise<void> {
  for (const [signal, waitMs] of [
    ['SIGINT', 10_000],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    for (const until = Date.now() + waitMs; Date.now() < until; ) {
      if (!processAlive(pid)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`the orphaned PostgreSQL (pid ${pid}) did not stop`);
}

/** Whether nothing listens on this loopback port. */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** A loopback port nothing listens on now. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const PORT_FILE = 'embedded-postgres.json';

/**
 * The port to start on: the one used last time when the setting has not changed since (it may
 * have replaced a busy one), else the setting; a free one when that is taken.
 */
export async function choosePort(dataDir: string, configured: number, logger: Logger): Promise<number> {
  let recorded: { configuredPort?: number; port?: number } = {};
  try {
    recorded = JSON.parse(fs.readFileSync(path.join(dataDir, PORT_FILE), 'utf8'));
  } catch {}
  const preferred = recorded.configuredPort === configured && recorded.port ? recorded.port : configured;
  if (await portFree(preferred)) return preferred;
  const port = await freeLoopbackPort();
  logger.warn({ busy: preferred, port }, 'the embedded PostgreSQL port is taken (another program or instance); using a free one');
  return port;
}

/** Remembers the port PostgreSQL runs on, so the next start finds it. */
export function recordPort(dataDir: string, configured: number, port: number): void {
  fs.writeFileSync(path.join(dataDir, PORT_FILE), `${JSON.stringify({ configuredPort: configured, port })}\n`);
}
