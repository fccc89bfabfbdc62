/**
 * Cold create of the TEST desktop: purchaseAndCreate → READY (through the control plane, the
 * command channel and the worker), against a plain `docker run` of the same image to its ready
 * line, in the same run. Goal: ratio ≤ 1.3×. The worker keeps spare network sandboxes (the
 * steady state); a second phase runs with none, as a burst that used them all up would.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { adminToken, CLUSTER_TOKEN, percentile, startBenchServer } from './support.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const IMAGE = 'vdi-test-desktop:latest';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `docker run` of the image until its ready line, in ms. */
function plainDockerRun(i: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const name = `bench-plain-${process.pid}-${i}`;
    const start = performance.now();
    const p = spawn('docker', ['run', '--rm', '--name', name, '--cpus', '0.5', '--memory', '128m', '--shm-size', '16m', IMAGE]);
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
      if (out.includes('VDI-READY')) {
        const ms = performance.now() - start;
        execFileSync('docker', ['rm', '-f', name], { stdio: 'ignore' });
        resolve(ms);
      }
    });
    p.on('error', reject);
  });
}

try {
  execFileSync('docker', ['image', 'inspect', IMAGE], { stdio: 'ignore' });
} catch {
  execFileSync(path.join(root, 'worker/test-image/build.sh'), [IMAGE], { stdio: 'inherit' });
}
const server = await startBenchServer();
const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vdi-bench-worker-'));

/** A worker agent keeping `spares` network sandboxes ready, healthy before it returns. */
async function startWorker(spares: number, admin: string): Promise<ChildProcess> {
  const worker = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'worker/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      WORKER_CODE: 'bench-worker',
      WORKER_CLUSTER_TOKEN: CLUSTER_TOKEN,
      CONTROL_PLANE_API_BASE: server.url,
      HEARTBEAT_INTERVAL_SEC: '2',
      WORKER_STATE_DIR: stateDir,
      WORKER_CPUS: '64',
      WORKER_MEMORY_MB: '131072',
      WORKER_SANDBOX_SPARES: String(spares),
      EXAM_IMAGE_AUTOBUILD: 'false',
      LOG_LEVEL: process.env.BENCH_WORKER_LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', process.env.BENCH_WORKER_LOG_LEVEL ? 'inherit' : 'ignore', 'inherit'],
  });
  for (let i = 0; ; i++) {
    const ws = (await server.gql(`{ workers { health driver { reachable } } }`, {}, admin)).workers;
    if (ws.some((w: { health: string; driver?: { reachable: boolean } }) => w.health === 'HEALTHY' && w.driver?.reachable)) break;
    if (i > 200) throw new Error('worker never became healthy');
    await new Promise((r) => setTimeout(r, 100));
  }
  return worker;
}

let worker: ChildProcess | undefined;
try {
  const admin = await adminToken(server);
  const user = (await server.gql(`mutation { createUser(input: { username: "buyer", password: "buyer-password", role: USER }) { id } }`, {}, admin)).createUser;
  await server.gql(`mutation($u: ID!) { adjustCoins(input: { userId: $u, op: ADD, amount: 1000000, reason: "bench" }) { id } }`, { u: user.id }, admin);
  const token = (await server.gql(`mutation { login(username: "buyer", password: "buyer-password") { token } }`)).login.token;
  const product = (
    await server.gql(
      `mutation { createProduct(input: { name: "bench TEST", priceCoins: 1, provisionAction: TEST, image: "${IMAGE}", cpus: 0.5, memoryMb: 128, shmMb: 16 }) { id } }`,
      {},
      admin,
    )
  ).createProduct.id;
  const client = createClient({
    url: `${server.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
  });
  const readyAt = new Map<string, (t: number) => void>();
  const deletedAt = new Map<string, () => void>();
  client.subscribe<{ sessionUpdated: { id: string; state: string } }>(
    { query: 'subscription { sessionUpdated { id state } }' },
    {
      next: ({ data }) => {
        const s = data!.sessionUpdated;
        if (s.state === 'READY') readyAt.get(s.id)?.(performance.now());
        if (s.state === 'DELETED') deletedAt.get(s.id)?.();
      },
      error: (e) => console.error(e),
      complete: () => undefined,
    },
  );

  /** RUNS creates through the portal, each after a plain `docker run`; both lists in ms. */
  async function phase(spares: number, label: string): Promise<{ portal: number[]; plain: number[] }> {
    worker = await startWorker(spares, admin);
    await new Promise((r) => setTimeout(r, 500));
    const portal: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      plain.push(await plainDockerRun(i));
      const start = performance.now();
      let id = '';
      const ready = new Promise<number>((resolve) => {
        const wait = setInterval(() => {
          if (id) {
            clearInterval(wait);
            readyAt.set(id, resolve);
          }
        }, 0);
      });
      id = (
        await server.gql(
          `mutation($p: ID!, $k: String!) { purchaseAndCreate(productId: $p, idempotencyKey: $k) { id state } }`,
          { p: product, k: `bench-${label}-${i}` },
          token,
        )
      ).purchaseAndCreate.id;
      const answered = performance.now() - start;
      portal.push((await ready) - start);
      if (process.env.BENCH_WORKER_LOG_LEVEL) console.log(`purchase answered after ${answered.toFixed(0)} ms; READY after ${portal.at(-1)!.toFixed(0)} ms`);
      const gone = new Promise<void>((r) => deletedAt.set(id, r));
      await server.gql(`mutation($id: ID!) { deleteSession(id: $id) { id } }`, { id }, token);
      await gone;
    }
    await stopWorker();
    return { portal, plain };
  }

  const steady = await phase(2, 'spares');
  const burst = await phase(0, 'bare');
  await client.dispose();
  const med = (a: number[]) =>
    percentile(
      [...a].sort((x, y) => x - y),
      50,
    );
  const p90 = (a: number[]) =>
    percentile(
      [...a].sort((x, y) => x - y),
      90,
    );
  const line = (name: string, a: number[]) => console.log(`  ${name.padEnd(46)} median ${med(a).toFixed(0)} ms  p90 ${p90(a).toFixed(0)} ms`);
  console.log(`cold create of the TEST desktop, ${RUNS} runs each, interleaved with a plain docker run`);
  line('purchaseAndCreate → READY (spare sandbox)', steady.portal);
  line('docker run → ready line', steady.plain);
  console.log(`  ratio (medians)                                ${(med(steady.portal) / med(steady.plain)).toFixed(2)}×  (goal ≤ 1.3×)`);
  line('purchaseAndCreate → READY (no spare: a burst)', burst.portal);
  line('docker run → ready line', burst.plain);
  console.log(`  ratio (medians)                                ${(med(burst.portal) / med(burst.plain)).toFixed(2)}×`);
} finally {
  await stopWorker();
  await server.stop();
  fs.rmSync(stateDir, { recursive: true, force: true });
}

async function stopWorker(): Promise<void> {
  if (!worker) return;
  const w = worker;
  worker = undefined;
  const exited = new Promise((r) => w.once('exit', r));
  w.kill('SIGTERM');
  await exited;
}
