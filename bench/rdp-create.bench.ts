/**
 * Cold create of a VPS Linux desktop over RDP: purchaseAndCreate → READY → the RDP line read from
 * the session log → an RDP login that succeeds (linux-desktop/rdp-login-check.sh, Debian's
 * FreeRDP), against a plain `docker run` of the same image (same limits, capabilities and
 * published port) → its RDP port answers, interleaved in the same run. Goal: ratio ≤ 1.3×. The
 * plain run's own login is timed too, so the login's share of the portal figure shows.
 * Needs Docker, the image (built when missing) and freerdp2-x11.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rdpAnswers } from '../worker/src/rdp-probe.js';
import { adminToken, CLUSTER_TOKEN, freePort, percentile, startBenchServer } from './support.js';

const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 5));
const IMAGE = process.env.VPS_LINUX_IMAGE ?? 'vdi-linux-desktop:latest';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LOGIN_CHECK = path.join(root, 'linux-desktop/rdp-login-check.sh');
const PORTS = { from: 24000 + Math.floor(Math.random() * 40) * 10, size: 10 }; // below the ephemeral ports

/** Resolves once an RDP server answers on 127.0.0.1:port. */
async function rdpUp(port: number, deadline: number): Promise<void> {
  while (!(await rdpAnswers('127.0.0.1', port, 1000))) {
    if (Date.now() > deadline) throw new Error(`RDP never answered on port ${port}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** linux-desktop/rdp-login-check.sh; rejects with its output when the login fails. */
function login(port: number, user: string, password: string): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(LOGIN_CHECK, ['127.0.0.1', String(port), user, password], { timeout: 120_000 }, (err, out, errOut) =>
      err ? reject(new Error(`RDP login failed on ${port}: ${out}${errOut}`)) : resolve(),
    ),
  );
}

/** `docker run` as the worker runs the desktop: to RDP answering, and on to a login, in ms. */
async function plainDockerRun(i: number, caps: string[]): Promise<{ answers: number; login: number }> {
  const name = `bench-rdp-plain-${process.pid}-${i}`;
  const port = await freePort();
  const password = `plain-${i}-password`;
  const start = performance.now();
  execFileSync('docker', [
    'run',
    '-d',
    '--name',
    name,
    '--cpus',
    '1',
    '--memory',
    '1024m',
    '--shm-size',
    '256m',
    '--pids-limit',
    '512',
    '--cap-drop',
    'ALL',
    ...caps.flatMap((c) => ['--cap-add', c]),
    '--security-opt',
    'no-new-privileges',
    '-p',
    `127.0.0.1:${port}:3389`,
    '-e',
    'VDI_USERNAME=desktop',
    '-e',
    `VDI_PASSWORD=${password}`,
    '-e',
    'VDI_SUDO=false',
    IMAGE,
  ]);
  try {
    await rdpUp(port, Date.now() + 300_000);
    const answers = performance.now() - start;
    await login(port, 'desktop', password);
    return { answers, login: performance.now() - start };
  } finally {
    execFileSync('docker', ['rm', '-f', name], { stdio: 'ignore' });
  }
}

execFileSync(path.join(root, 'linux-desktop/build.sh'), [], { stdio: 'inherit', env: { ...process.env, VPS_LINUX_IMAGE: IMAGE } });
const labels = JSON.parse(execFileSync('docker', ['image', 'inspect', '-f', '{{json .Config.Labels}}', IMAGE]).toString()) as Record<string, string> | null;
const caps = (labels?.['vdi.cap-add'] ?? '').split(',').filter(Boolean);
const server = await startBenchServer();
const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vdi-bench-worker-'));
let worker: ChildProcess | undefined;

/** The worker agent, healthy before it returns: RDP on loopback, a small port range of its own. */
async function startWorker(admin: string): Promise<ChildProcess> {
  const w = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'worker/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      WORKER_CODE: 'bench-rdp-worker',
      WORKER_CLUSTER_TOKEN: CLUSTER_TOKEN,
      CONTROL_PLANE_API_BASE: server.url,
      WORKER_PUBLIC_HOST: '127.0.0.1',
      WORKER_RDP_BIND_HOST: '127.0.0.1',
      WORKER_RDP_PORT_RANGE: `${PORTS.from}-${PORTS.from + PORTS.size - 1}`,
      HEARTBEAT_INTERVAL_SEC: '2',
      WORKER_STATE_DIR: stateDir,
      WORKER_CPUS: '16',
      WORKER_MEMORY_MB: '32768',
      EXAM_IMAGE_AUTOBUILD: 'false',
      LOG_LEVEL: process.env.BENCH_WORKER_LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', process.env.BENCH_WORKER_LOG_LEVEL ? 'inherit' : 'ignore', 'inherit'],
  });
  for (let i = 0; ; i++) {
    const ws = (await server.gql(`{ workers { health driver { reachable } } }`, {}, admin)).workers;
    if (ws.some((x: { health: string; driver?: { reachable: boolean } }) => x.health === 'HEALTHY' && x.driver?.reachable)) break;
    if (i > 300) throw new Error('worker never became healthy');
    await new Promise((r) => setTimeout(r, 100));
  }
  return w;
}

try {
  const admin = await adminToken(server);
  const user = (await server.gql(`mutation { createUser(input: { username: "buyer", password: "buyer-password", role: USER }) { id } }`, {}, admin)).createUser;
  await server.gql(`mutation($u: ID!) { adjustCoins(input: { userId: $u, op: ADD, amount: 100000, reason: "bench" }) { id } }`, { u: user.id }, admin);
  const token = (await server.gql(`mutation { login(username: "buyer", password: "buyer-password") { token } }`)).login.token;
  const product = (
    await server.gql(
      `mutation { createProduct(input: { name: "bench Linux desktop", priceCoins: 1, provisionAction: LINUX, linuxDesktop: DESKTOP, cpus: 1, memoryMb: 1024, shmMb: 256 }) { id } }`,
      {},
      admin,
    )
  ).createProduct.id;
  worker = await startWorker(admin);
  const state = async (id: string) => (await server.gql(`query($id: ID!) { session(id: $id) { state failureReason } }`, { id }, token)).session;

  /** One purchase until its RDP login succeeds: READY, and the login, in ms. */
  async function portalRun(i: number): Promise<{ ready: number; login: number }> {
    const start = performance.now();
    const { id } = (
      await server.gql(`mutation($p: ID!, $k: String!) { purchaseAndCreate(productId: $p, idempotencyKey: $k) { id } }`, { p: product, k: `bench-${i}` }, token)
    ).purchaseAndCreate;
    for (;;) {
      const s = await state(id);
      if (s.state === 'READY') break;
      if (s.state === 'FAILED') throw new Error(`desktop failed: ${s.failureReason}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const ready = performance.now() - start;
    const log: string = (await server.gql(`query($id: ID!) { sessionLog(id: $id) }`, { id }, token)).sessionLog;
    const m = /^RDP ready: host \S+ port (\d+) user (\S+) password (\S+)$/m.exec(log);
    if (!m) throw new Error(`no RDP line in the log:\n${log}`);
    await login(Number(m[1]), m[2]!, m[3]!);
    const ms = performance.now() - start;
    await server.gql(`mutation($id: ID!) { deleteSession(id: $id) { id } }`, { id }, token);
    while ((await state(id)).state !== 'DELETED') await new Promise((r) => setTimeout(r, 50));
    return { ready, login: ms };
  }

  const portal: { ready: number; login: number }[] = [];
  const plain: { answers: number; login: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Alternating which goes first, so neither always runs on a machine the other just warmed.
    if (i % 2 === 0) {
      plain.push(await plainDockerRun(i, caps));
      portal.push(await portalRun(i));
    } else {
      portal.push(await portalRun(i));
      plain.push(await plainDockerRun(i, caps));
    }
  }
  const sorted = (a: number[]) => [...a].sort((x, y) => x - y);
  const med = (a: number[]) => percentile(sorted(a), 50);
  const p95 = (a: number[]) => percentile(sorted(a), 95);
  const line = (name: string, a: number[]) =>
    console.log(`  ${name.padEnd(50)} median ${med(a).toFixed(0).padStart(6)} ms  p95 ${p95(a).toFixed(0).padStart(6)} ms`);
  console.log(`cold create of the VPS Linux desktop (${IMAGE}) over RDP, ${RUNS} runs each, interleaved`);
  line(
    'purchaseAndCreate → RDP login succeeds',
    portal.map((r) => r.login),
  );
  line(
    'docker run → RDP port answers',
    plain.map((r) => r.answers),
  );
  console.log(
    `  ratio (medians)                                    ${(med(portal.map((r) => r.login)) / med(plain.map((r) => r.answers))).toFixed(2)}×  (goal ≤ 1.3×)`,
  );
  console.log('where the time goes:');
  line(
    'purchaseAndCreate → READY',
    portal.map((r) => r.ready),
  );
  line(
    'docker run → RDP login succeeds',
    plain.map((r) => r.login),
  );
  console.log(`  ratio, login to login (medians)                    ${(med(portal.map((r) => r.login)) / med(plain.map((r) => r.login))).toFixed(2)}×`);
  console.log(`  ratio, READY to answers (medians)                  ${(med(portal.map((r) => r.ready)) / med(plain.map((r) => r.answers))).toFixed(2)}×`);
} finally {
  if (worker) {
    const w = worker;
    const exited = new Promise((r) => w.once('exit', r));
    w.kill('SIGTERM');
    await exited;
  }
  await server.stop();
  fs.rmSync(stateDir, { recursive: true, force: true });
}
