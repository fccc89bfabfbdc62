/**
 * What the exam benches share: a control plane and a real worker (Docker, the exam image, the
 * egress rules of an exam product) with one exam and its roster, warm pools filled through the
 * API, and a plain `docker run` of the same image to compare with. Needs root (iptables, test
 * addresses on lo) when the exam restricts the internet.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { fileURLToPath } from 'node:url';
import { adminToken, CLUSTER_TOKEN, freePort, startBenchServer, type BenchServer } from './support.js';
import type { TestTargets } from '../worker/test/test-network.js';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const EXAM_IMAGE = process.env.EXAM_IMAGE_NAME ?? 'sot-exam-linux:latest';
export const EXAM_CODE = 'BENCH-DOORS';
const GUAC = 'bench-guac-token-key-0123456789';
/** The exam product's limits (what an exam centre gives a kiosk desktop). */
export const DESKTOP = { cpus: 1, memoryMb: 1024, shmMb: 256 };

export interface ExamStack {
  server: BenchServer;
  admin: string;
  examId: string;
  workerCode: string;
  /** The worker process's id (for CPU accounting). */
  workerPid: number;
  /** Signed-in candidates' tokens, in roster order. */
  tokens: string[];
  /** Sets the exam's warm pool target; resolves with the progress the API answered. */
  prewarm(count: number): Promise<{ warm: number; provisioning: number; missing: number }>;
  /** Resolves when `count` desktops are WARM (ms waited); throws with the pool's state on timeout or failures. */
  waitWarm(count: number, timeoutMs: number): Promise<number>;
  /** Resolves when exactly `count` desktops are WARM and none is being made. */
  waitQuiet(count: number, timeoutMs: number): Promise<void>;
  /** The worker's desktop containers now (names). */
  containers(): Promise<string[]>;
  stop(): Promise<void>;
}

/** Builds the exam image if missing (exam-linux/build.sh). */
export function ensureExamImage(): void {
  execFileSync(path.join(root, 'exam-linux/build.sh'), [], { stdio: 'inherit', env: { ...process.env, EXAM_IMAGE_NAME: EXAM_IMAGE } });
}

/**
 * A control plane (VDI_PREWARM_CONCURRENCY `concurrency`), one worker, an exam product (egress
 * restricted and strict when `targets` is given, on its allowed test server) and an exam with
 * `candidates` candidates signed in.
 */
export async function startExamStack(opts: { concurrency: number; candidates: number; targets: TestTargets | null; serverEnv?: Record<string, string> }) {
  const server = await startBenchServer({
    ...profiled(),
    GUAC_TOKEN_KEY: GUAC,
    VDI_PREWARM_CONCURRENCY: String(opts.concurrency),
    VDI_PREWARM_MAX: String(Math.max(80, opts.candidates)),
    ...opts.serverEnv,
  });
  const workerCode = `bench-doors-${process.pid}-${opts.concurrency}`;
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vdi-bench-worker-'));
  const worker = await startWorker(server, workerCode, stateDir, opts.targets);
  try {
    const admin = await adminToken(server);
    await healthy(server, admin, workerCode);
    const examId = await createExam(server, admin, opts.candidates, opts.targets);
    const tokens = await signIn(server, opts.candidates);
    const stack: ExamStack = {
      server,
      admin,
      examId,
      workerCode,
      workerPid: worker.pid!,
      tokens,
      prewarm: async (count) =>
        (await server.gql(`mutation($e: ID!, $n: Int!) { prewarm(examId: $e, count: $n) { warm provisioning missing } }`, { e: examId, n: count }, admin))
          .prewarm,
      waitWarm: (count, timeoutMs) => waitWarm(server, admin, examId, count, timeoutMs),
      waitQuiet: (count, timeoutMs) => waitQuiet(server, admin, examId, count, timeoutMs),
      containers: () => containersOf(workerCode),
      async stop() {
        // The worker stops its desktops (and lifts their egress rules) as it would in production.
        await releaseAll(server, admin, examId).catch(() => undefined);
        for (let i = 0; i < 600 && (await containersOf(workerCode)).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
        worker.kill('SIGTERM');
        await new Promise((r) => worker.once('exit', r));
        await server.stop();
        await removeLeftovers(workerCode);
        fs.rmSync(stateDir, { recursive: true, force: true });
      },
    };
    return stack;
  } catch (err) {
    worker.kill('SIGKILL');
    await server.stop();
    throw err;
  }
}

/**
 * With BENCH_PROFILE_DIR set, the control plane runs under `node --cpu-prof` (its start script
 * calls `node` from PATH, so a wrapper goes first on PATH): profiles land in <dir>/server and
 * <dir>/worker when the processes exit.
 */
function profiled(): Record<string, string> {
  const dir = process.env.BENCH_PROFILE_DIR;
  if (!dir) return {};
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'vdi-prof-'));
  fs.writeFileSync(path.join(bin, 'node'), `#!/bin/sh\nexec ${process.execPath} --cpu-prof --cpu-prof-dir=${path.join(dir, 'server')} "$@"\n`, { mode: 0o755 });
  return { PATH: `${bin}:${process.env.PATH}` };
}

async function startWorker(server: BenchServer, code: string, stateDir: string, targets: TestTargets | null): Promise<ChildProcess> {
  const gatewayPort = await freePort();
  const egress: Record<string, string> = targets
    ? { EXAM_RESTRICT_INTERNET: 'true', EXAM_FIREWALL_ENFORCE_STRICT: 'true', EXAM_PREFLIGHT_BLOCKED: `${targets.blocked.ip}:${targets.blocked.port}` }
    : { EXAM_RESTRICT_INTERNET: 'false' };
  const prof = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.join(process.env.BENCH_PROFILE_DIR, 'worker')}`] : [];
  return spawn(process.execPath, ['--import', 'tsx', ...prof, path.join(root, 'worker/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      WORKER_CODE: code,
      WORKER_CLUSTER_TOKEN: CLUSTER_TOKEN,
      CONTROL_PLANE_API_BASE: server.url,
      HEARTBEAT_INTERVAL_SEC: '2',
      WORKER_STATE_DIR: stateDir,
      WORKER_CPUS: '64',
      WORKER_MEMORY_MB: '131072',
      LOG_LEVEL: process.env.BENCH_WORKER_LOG_LEVEL ?? 'warn',
      GUAC_TOKEN_KEY: GUAC,
      WORKER_PUBLIC_PORT: String(gatewayPort),
      WORKER_PUBLIC_HOST: '127.0.0.1',
      WORKER_API_BASE_URL: `http://127.0.0.1:${gatewayPort}`,
      EXAM_IMAGE_NAME: EXAM_IMAGE,
      // Every desktop has its own network: more than Docker's default address pools hold (about 30).
      WORKER_SESSION_SUBNETS: `10.${242 + (process.pid % 8)}.0.0/16`,
      ...egress,
    },
    stdio: ['ignore', process.env.BENCH_WORKER_LOG_LEVEL ? 'inherit' : 'ignore', 'inherit'],
  });
}

async function healthy(server: BenchServer, admin: string, code: string): Promise<void> {
  for (let i = 0; ; i++) {
    const ws = (await server.gql(`{ workers { code health driver { reachable } } }`, {}, admin)).workers as {
      code: string;
      health: string;
      driver?: { reachable: boolean };
    }[];
    if (ws.some((w) => w.code === code && w.health === 'HEALTHY' && w.driver?.reachable)) return;
    if (i > 600) throw new Error('the worker never became healthy');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function createExam(server: BenchServer, admin: string, candidates: number, targets: TestTargets | null): Promise<string> {
  const network = targets ? { restrictInternet: true, allowedIps: [targets.allowed.ip], strict: true } : { restrictInternet: false };
  const product = (
    await server.gql(
      `mutation($i: ProductInput!) { createProduct(input: $i) { id } }`,
      {
        i: {
          name: 'bench exam',
          priceCoins: 0,
          provisionAction: 'LINUX',
          ...DESKTOP,
          browserUrl: targets?.allowed.url ?? 'about:blank',
          network,
        },
      },
      admin,
    )
  ).createProduct.id;
  const now = Date.now();
  const examId = (
    await server.gql(
      `mutation($i: ExamInput!) { createExam(input: $i) { id } }`,
      {
        i: {
          code: EXAM_CODE,
          name: 'Doors open',
          productId: product,
          startsAt: new Date(now).toISOString(),
          endsAt: new Date(now + 6 * 3_600_000).toISOString(),
          expectedCandidates: candidates,
        },
      },
      admin,
    )
  ).createExam.id;
  const csv = Array.from({ length: candidates }, (_, i) => `doors-${i},doors-password-${i}`).join('\n');
  await server.gql(`mutation($e: ID!, $csv: String!) { importRoster(examId: $e, csv: $csv) { added } }`, { e: examId, csv }, admin);
  return examId;
}

async function signIn(server: BenchServer, candidates: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < candidates; i++)
    tokens.push(
      (await server.gql(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, { u: `doors-${i}`, p: `doors-password-${i}` }))
        .login.token,
    );
  return tokens;
}

/** How often a wait prewarms again after the pool's failure brake stopped it. */
const MAX_RETRIES = 5;

async function waitWarm(server: BenchServer, admin: string, examId: string, count: number, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  let retries = 0;
  for (;;) {
    const p = (await server.gql(`query($e: ID) { prewarmProgress(examId: $e) { warm provisioning failed blockedReason } }`, { e: examId }, admin))
      .prewarmProgress;
    if (p.warm >= count) return performance.now() - t0;
    // A failed desktop is replaced by the pool up to its failure brake; then, as an operator would,
    // the bench prewarms again (a few times) — the time it took stays in the figure.
    const braked = p.blockedReason?.includes('failed') && retries++ < MAX_RETRIES;
    if (braked) await server.gql(`mutation($e: ID!, $n: Int!) { prewarm(examId: $e, count: $n) { target } }`, { e: examId, n: count }, admin);
    else if (p.blockedReason || performance.now() - t0 > timeoutMs) throw new Error(`warm pool stuck: ${JSON.stringify(p)}${await failures(server)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The failure reasons of the desktops that failed, for a message. */
async function failures(server: BenchServer): Promise<string> {
  const db = new pg.Client({ connectionString: server.databaseUrl() });
  await db.connect();
  try {
    const rows = (await db.query(`select id, failure_reason from sessions where state = 'FAILED' order by ended_at`)).rows as {
      id: string;
      failure_reason: string;
    }[];
    if (!rows.length) return '';
    // The first failure's own log says what its preflight saw (each probe's detail) and when.
    const first = (
      await db.query(`select created_at, line from session_log_lines where session_id = $1 and line ~ '^(Preflight|Egress)' order by id`, [rows[0]!.id])
    ).rows as { created_at: Date; line: string }[];
    const log = first.map((l) => `\n    ${l.created_at.toISOString()} ${l.line}`).join('');
    return rows.map((r) => `\n  failed: ${r.failure_reason}`).join('') + (log ? `\n  the first failed desktop's log:${log}` : '');
  } finally {
    await db.end();
  }
}

/** How many desktops failed so far, with their reasons. */
export async function failedDesktops(server: BenchServer): Promise<string[]> {
  return (await failures(server)).split('\n  failed: ').filter(Boolean);
}

async function waitQuiet(server: BenchServer, admin: string, examId: string, count: number, timeoutMs: number): Promise<void> {
  const t0 = performance.now();
  for (;;) {
    const p = (await server.gql(`query($e: ID) { prewarmProgress(examId: $e) { warm provisioning } }`, { e: examId }, admin)).prewarmProgress;
    if (p.warm === count && p.provisioning === 0) return;
    if (performance.now() - t0 > timeoutMs) throw new Error(`warm pool never settled: ${JSON.stringify(p)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Empties the exam's warm pool and releases every candidate's desktop. */
async function releaseAll(server: BenchServer, admin: string, examId: string): Promise<void> {
  await server.gql(`mutation($e: ID!) { prewarm(examId: $e, count: 0) { target } }`, { e: examId }, admin);
  const db = new pg.Client({ connectionString: server.databaseUrl() });
  await db.connect();
  try {
    const rows = (await db.query(`select id from sessions where owner_id is not null and state in ('PENDING', 'PROVISIONING', 'READY')`)).rows as {
      id: string;
    }[];
    for (const r of rows) await server.gql(`mutation($id: ID!) { releaseSession(id: $id) { state } }`, { id: r.id }, admin);
  } finally {
    await db.end();
  }
}

/** Whatever of the worker's is still in the engine after it stopped: desktops, spare sandboxes, networks. */
async function removeLeftovers(workerCode: string): Promise<void> {
  const label = `label=vdi.worker=${workerCode}`;
  const containers = (await run('docker', ['ps', '-aq', '--filter', label])).stdout.split('\n').filter(Boolean);
  await removeContainers(containers);
  const networks = (await run('docker', ['network', 'ls', '-q', '--filter', label])).stdout.split('\n').filter(Boolean);
  for (const n of networks) await run('docker', ['network', 'rm', n]).catch(() => undefined);
}

async function containersOf(workerCode: string): Promise<string[]> {
  const { stdout } = await run('docker', [
    'ps',
    '-aq',
    '--filter',
    `label=vdi.worker=${workerCode}`,
    '--filter',
    'label=vdi.managed=true',
    '--format',
    '{{.Names}}',
  ]);
  return stdout.split('\n').filter(Boolean);
}

/** A desktop container's address (its sandbox holder's when it joined one). */
export async function containerIp(name: string): Promise<string> {
  const inspect = async (n: string) => JSON.parse((await run('docker', ['inspect', n])).stdout)[0];
  const info = await inspect(name);
  const holder = info.Config.Labels?.['vdi.sandbox'];
  const source = holder ? await inspect(holder) : info;
  const nets = Object.values(source.NetworkSettings.Networks ?? {}) as { IPAddress: string }[];
  const ip = nets.map((n) => n.IPAddress).find(Boolean);
  if (!ip) throw new Error(`${name} has no address`);
  return ip;
}

/** Memory the containers use now (docker stats), in MiB each. */
export async function memoryOf(names: string[]): Promise<number[]> {
  if (names.length === 0) return [];
  const { stdout } = await run('docker', ['stats', '--no-stream', '--format', '{{.MemUsage}}', ...names]);
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const m = /^([\d.]+)\s*([KMG]i?B)/.exec(l.trim());
      if (!m) return NaN;
      const unit = m[2]!.startsWith('G') ? 1024 : m[2]!.startsWith('K') ? 1 / 1024 : 1;
      return Number(m[1]) * unit;
    });
}

/** CPU time a process has used so far (user + system), in ms. */
export function processCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime in USER_HZ (100 on Linux)
}

/** CPU time a container has used so far (its cgroup's cpuacct, v1 or v2), in ms. */
export async function containerCpuMs(name: string): Promise<() => number> {
  const id = (await run('docker', ['inspect', '-f', '{{.Id}}', name])).stdout.trim();
  const v1 = `/sys/fs/cgroup/cpuacct/docker/${id}/cpuacct.usage`;
  if (fs.existsSync(v1)) return () => Number(fs.readFileSync(v1, 'utf8')) / 1e6;
  const v2 = `/sys/fs/cgroup/system.slice/docker-${id}.scope/cpu.stat`;
  return () => Number(/usage_usec (\d+)/.exec(fs.readFileSync(v2, 'utf8'))![1]) / 1000;
}

/** Memory the machine could still give (MemAvailable), in MiB. */
export function availableMb(): number {
  return Number(/MemAvailable:\s+(\d+)/.exec(fs.readFileSync('/proc/meminfo', 'utf8'))![1]) / 1024;
}

/** Resolves when host:5901 speaks RFB. */
export async function vncReady(ip: string, deadline: number): Promise<void> {
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: ip, port: 5901, timeout: 300 });
      s.once('data', (d) => {
        s.destroy();
        resolve(d.toString().startsWith('RFB'));
      });
      s.once('error', () => resolve(false));
      s.once('timeout', () => {
        s.destroy();
        resolve(false);
      });
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`VNC at ${ip} never answered`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * `docker run` of the exam image with the product's limits and security options, until its VNC
 * port answers; the container is left running (the caller removes it). Resolves with its name.
 */
export async function plainDockerRun(name: string, browserUrl: string): Promise<string> {
  await run('docker', [
    'run',
    '-d',
    '--name',
    name,
    '--label',
    'vdi.bench-plain=true',
    '--cpus',
    String(DESKTOP.cpus),
    '--memory',
    `${DESKTOP.memoryMb}m`,
    '--shm-size',
    `${DESKTOP.shmMb}m`,
    '--cap-drop',
    'ALL',
    '--security-opt',
    'no-new-privileges',
    '-e',
    'VNC_PASSWORD=plain-pass',
    '-e',
    `EXAM_BROWSER_URL=${browserUrl}`,
    EXAM_IMAGE,
  ]);
  const ip = (await run('docker', ['inspect', '-f', '{{.NetworkSettings.IPAddress}}', name])).stdout.trim();
  await vncReady(ip, Date.now() + 120_000);
  return name;
}

/** Removes containers, a few at a time. */
export async function removeContainers(names: string[]): Promise<void> {
  for (let i = 0; i < names.length; i += 8) await Promise.all(names.slice(i, i + 8).map((n) => run('docker', ['rm', '-f', n]).catch(() => undefined)));
}
