import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from '../observability/logger.js';
import type { EmbeddedLocation } from './embedded-postgres-location.js';

/** How to run one PostgreSQL server. */
export interface PostmasterOptions {
  location: EmbeddedLocation;
  port: number;
  logger: Logger;
}

/** Thrown when PostgreSQL exits before it accepts connections; the message carries its last words. */
export class PostmasterStartError extends Error {
  constructor(
    message: string,
    /** PostgreSQL's last output lines. */
    readonly output: string,
  ) {
    super(output ? `${message}: ${output}` : message);
  }
}

const READY = 'database system is ready to accept connections';

/**
 * Spawns a postmaster and resolves once it accepts connections. It runs in a process group of its
 * own, so a terminal's Ctrl-C reaches only the control plane, which stops it last.
 */
export function spawnPostmaster(o: PostmasterOptions): Promise<ChildProcess> {
  const { location, port } = o;
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'unix_socket_directories=', '-c', 'lc_messages=C'];
  const child = spawn(location.binaries.postgres, ['-D', location.pgDir, '-p', String(port), ...flags], {
    ...location.runAs,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  const tail: string[] = [];
  const onOutput = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      tail.push(line);
      if (tail.length > 8) tail.shift();
      o.logger.debug({ pg: line }, 'embedded postgres');
    }
  };
  child.stdout!.on('data', onOutput);
  child.stderr!.on('data', onOutput);
  return new Promise((resolve, reject) => {
    child.once('error', (err) => reject(new PostmasterStartError(`could not run ${location.binaries.postgres}`, err.message)));
    child.once('exit', (code, signal) => reject(new PostmasterStartError(`PostgreSQL exited while starting (code ${code ?? signal})`, tail.join(' | '))));
    const onReady = (chunk: Buffer) => {
      if (!chunk.toString('utf8').includes(READY)) return;
      child.stderr!.off('data', onReady);
      resolve(child);
    };
    child.stderr!.on('data', onReady);
  });
}

/**
 * Keeps an embedded PostgreSQL running: when it dies (killed, crashed, out of memory) it is
 * started again on the same port, after a pause that grows to 5 s while starts keep failing;
 * the pool reconnects by itself once it answers.
 */
export class PostmasterSupervisor {
  private child: ChildProcess | null = null;
  private stopping = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly o: PostmasterOptions) {}

  /** The running postmaster's process id. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts PostgreSQL and watches it; rejects with PostgreSQL's own words when it cannot start. */
  async start(): Promise<void> {
    const child = await spawnPostmaster(this.o);
    if (this.stopping) return void (await stopChild(child));
    this.child = child;
    // Any exit of this process (a failed start, the forced exit) asks PostgreSQL to stop too.
    const onProcessExit = () => child.kill('SIGINT');
    process.once('exit', onProcessExit);
    child.once('exit', (code, signal) => {
      process.off('exit', onProcessExit);
      if (this.stopping) return;
      this.o.logger.error({ code, signal, pid: child.pid }, 'the embedded PostgreSQL stopped unexpectedly; starting it again');
      this.restartLater(1);
    });
  }

  private restartLater(attempt: number): void {
    const delay = Math.min(250 * 2 ** attempt, 5_000);
    this.timer = setTimeout(() => {
      this.start().then(
        () => this.o.logger.info({ pid: this.child?.pid, attempt }, 'the embedded PostgreSQL runs again'),
        (err: unknown) => {
          if (this.stopping) return;
          this.o.logger.error({ err, attempt }, 'the embedded PostgreSQL could not start again; retrying');
          this.restartLater(attempt + 1);
        },
      );
    }, delay);
  }

  /** Stops PostgreSQL (fast shutdown) and no longer restarts it. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.child) await stopChild(this.child);
  }
}

/** Fast shutdown, then immediate shutdown if it is still there after 10 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGINT');
  const late = setTimeout(() => child.kill('SIGQUIT'), 10_000);
  await exited;
  clearTimeout(late);
}
