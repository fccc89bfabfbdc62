import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../server/test/process.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ADMIN_PASSWORD = 'bench-admin-password';
export const CLUSTER_TOKEN = 'bench-cluster-token-0123456789';

export { freePort };

/** A control plane in its own process (so the load generator does not share its event loop). */
export interface BenchServer {
  url: string;
  proc: ChildProcess;
  rssMb(): number;
  /** The embedded PostgreSQL's URL (for benchmarks that compare with plain SQL). */
  databaseUrl(): string;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T>;
  stop(): Promise<void>;
}

export async function startBenchServer(env: Record<string, string> = {}): Promise<BenchServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vdi-bench-'));
  fs.chmodSync(dataDir, 0o755);
  const port = await freePort();
  const pgPort = await freePort();
  // The server runs as `npm start` runs it: built, through server/bin/vdi-server.
  execFileSync('npm', ['run', 'build', '-w', 'server'], { cwd: root, stdio: 'ignore' });
  const proc = spawn(path.join(root, 'server/bin/vdi-server'), [], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      VDI_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      VDI_EMBEDDED_PG_PORT: String(pgPort),
      ADMIN_PASSWORD,
      WORKER_CLUSTER_TOKEN: CLUSTER_TOKEN,
      LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? 'warn',
      VDI_LOCAL_WORKER: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  // BENCH_SERVER_LOG=<file> keeps the control plane's log (warnings and errors, or BENCH_SERVER_LOG_LEVEL) for a failed run.
  if (process.env.BENCH_SERVER_LOG) proc.stdout!.pipe(fs.createWriteStream(process.env.BENCH_SERVER_LOG));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (proc.exitCode !== null) throw new Error(`server exited:\n${out}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (i > 600) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const gql = async (query: string, variables?: Record<string, unknown>, token?: string) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data: any; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  return {
    url,
    proc,
    gql,
    databaseUrl: () => `postgres://postgres:vdi-embedded@127.0.0.1:${pgPort}/vdi`,
    rssMb() {
      const status = fs.readFileSync(`/proc/${proc.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
    },
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Logs in as the bench admin. */
export async function adminToken(s: BenchServer): Promise<string> {
  return (await s.gql(`mutation($p: String!) { login(username: "admin", password: $p) { token } }`, { p: ADMIN_PASSWORD })).login.token;
}

/** Registers `n` simulated workers through the real protocol. */
export async function registerWorkers(s: BenchServer, n: number): Promise<{ id: string; credential: string }[]> {
  const out = [];
  for (let i = 0; i < n; i++) {
    const r = await s.gql(`mutation($i: RegisterWorkerInput!) { registerWorker(input: $i) { worker { id } credential } }`, {
      i: { clusterToken: CLUSTER_TOKEN, code: `bench-${i}`, apiBaseUrl: `http://127.0.0.1:3000/${i}`, capacity: { cpus: 8, memoryMb: 12288 } },
    });
    out.push({ id: r.registerWorker.worker.id, credential: r.registerWorker.credential });
  }
  return out;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Result of one wrk run. */
export interface LoadResult {
  requests: number;
  perSecond: number;
  errors: number;
  non2xx: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * Drives POST /graphql with wrk (a C load generator, so the server, not the generator, is
 * measured), rotating bearer tokens. Needs `wrk` (Debian package `wrk`).
 */
export async function wrkPost(
  url: string,
  body: string,
  tokens: string[],
  seconds: number,
  connections: number,
  script = 'wrk-rotate.lua',
  extraEnv: Record<string, string> = {},
): Promise<LoadResult> {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('wrk is not installed: apt-get install -y wrk');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vdi-wrk-'));
  fs.writeFileSync(path.join(dir, 'tokens'), `${tokens.join('\n')}\n`);
  fs.writeFileSync(path.join(dir, 'body'), body);
  const out = await new Promise<string>((resolve, reject) => {
    const p = spawn('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '5s', '-s', path.join(root, 'bench', script), url], {
      env: {
        ...process.env,
        TOKENS_FILE: path.join(dir, 'tokens'),
        BODY_FILE: path.join(dir, 'body'),
        WRK_REPORT: path.join(root, 'bench/wrk-report.lua'),
        ...extraEnv,
      },
    });
    let s = '';
    p.stdout.on('data', (d) => (s += d));
    p.stderr.on('data', (d) => (s += d));
    p.on('exit', (code) => (code === 0 ? resolve(s) : reject(new Error(s))));
  });
  fs.rmSync(dir, { recursive: true, force: true });
  const m = /RESULT requests=(\d+) duration_us=(\d+) errors=(\d+) non2xx=(\d+) p50_us=(\d+) p99_us=(\d+) max_us=(\d+)/.exec(out);
  if (!m) throw new Error(`unexpected wrk output:\n${out}`);
  const [requests, durationUs, errors, non2xx, p50, p99, max] = m.slice(1).map(Number) as number[];
  return {
    requests: requests!,
    perSecond: requests! / (durationUs! / 1e6),
    errors: errors!,
    non2xx: non2xx!,
    p50Ms: p50! / 1000,
    p99Ms: p99! / 1000,
    maxMs: max! / 1000,
  };
}
