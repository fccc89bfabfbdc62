/**
 * Cold create of the TEST desktop: purchaseAndCreate → READY (through the control plane, the
 * command channel and the worker), against a plain `docker run` of the same image to its ready
 * line, in the same run. Goal: ratio ≤ 1.3×. Three phases, each interleaved with docker runs:
 * one create at a time with spare network sandboxes (the steady state); one at a time with none
 * (WORKER_SANDBOX_SPARES=0: every create takes the direct path); and bursts of BENCH_BURST
 * purchases at once, bigger than the pool, against as many `docker run`s at once — the first
 * burst finds the configured spares only, the next ones a pool grown to the recent creates.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { adminToken, CLUSTER_TOKEN, percentile, startBenchServer } from './support.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const BURST = Number(process.env.BENCH_BURST ?? 6);
const BURSTS = Number(process.env.BENCH_BURSTS ?? 3);
const SPARES = 2;
const run = promisify(execFile);
const IMAGE = 'vdi-test-desktop:latest';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `docker run` of the image until its ready line, in ms (the container is removed after the measure, without blocking other runs). */
function plainDockerRun(i: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const name = `bench-plain-${process.pid}-${i}`;
    const start = performance.now();
    const p = spawn('docker', ['run', '--rm', '--name', name, '--cpus', '0.5', '--memory', '128m', '--shm-size', '16m', IMAGE]);
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
      if (!out.includes('VDI-READY')) return;
      const ms = performance.now() - start;
      out = '';
      execFile('docker', ['rm', '-f', name], () => resolve(ms));
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
  /** When each session was seen READY / DELETED (an event may come before its mutation answers). */
  const seen = { READY: new Map<string, number>(), DELETED: new Map<string, number>() };
  const waiting = new Map<string, () => void>();
  client.subscribe<{ sessionUpdated: { id: string; state: string } }>(
    { query: 'subscription { sessionUpdated { id state } }' },
    {
      next: ({ data }) => {
        const s = data!.sessionUpdated;
        if (s.state !== 'READY' && s.state !== 'DELETED') return;
        seen[s.state].set(s.id, performance.now());
        waiting.get(`${s.state} ${s.id}`)?.();
      },
      error: (e) => console.error(e),
      complete: () => undefined,
    },
  );
  const reached = async (state: 'READY' | 'DELETED', id: string): Promise<number> => {
    if (!seen[state].has(id)) await new Promise<void>((r) => waiting.set(`${state} ${id}`, r));
    waiting.delete(`${state} ${id}`);
    return seen[state].get(id)!;
  };

  /** One purchase through the portal: ms to READY, and whether the desktop joined a spare sandbox. */
  const create = async (key: string): Promise<{ id: string; ms: number; spare: boolean }> => {
    const start = performance.now();
    const id = (
      await server.gql(`mutation($p: ID!, $k: String!) { purchaseAndCreate(productId: $p, idempotencyKey: $k) { id } }`, { p: product, k: key }, token)
    ).purchaseAndCreate.id as string;
    const ms = (await reached('READY', id)) - start;
    const route = (await server.gql(`query($id: ID!) { session(id: $id) { workerRoute } }`, { id }, token)).session.workerRoute as string;
    // Asked without blocking: other creates of a burst are still waiting for their READY.
    const holder = (await run('docker', ['inspect', '-f', '{{index .Config.Labels "vdi.sandbox"}}', route])).stdout.trim();
    return { id, ms, spare: holder !== '' && holder !== '<no value>' };
  };
  const remove = async (id: string): Promise<void> => {
    await server.gql(`mutation($id: ID!) { deleteSession(id: $id) { id } }`, { id }, token);
    await reached('DELETED', id);
  };

  /** RUNS creates through the portal, one at a time, each after a plain `docker run`; both lists in ms. */
  async function phase(spares: number, label: string): Promise<{ portal: number[]; plain: number[] }> {
    worker = await startWorker(spares, admin);
    await new Promise((r) => setTimeout(r, 500));
    const portal: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      plain.push(await plainDockerRun(i));
      const c = await create(`bench-${label}-${i}`);
      portal.push(c.ms);
      await remove(c.id);
    }
    await stopWorker();
    return { portal, plain };
  }

  /** Spare holders of the bench worker now (once its desktops are gone, every holder left is a spare). */
  const holders = () =>
    execFileSync('docker', ['ps', '-q', '--filter', 'label=vdi.pool=true', '--filter', 'label=vdi.worker=bench-worker']).toString().split('\n').filter(Boolean)
      .length;

  /** BURSTS rounds: BURST `docker run`s at once, then BURST purchases at once (the pool keeps SPARES). */
  async function bursts(): Promise<{ ready: number; portal: { ms: number; spare: boolean }[]; plain: number[] }[]> {
    worker = await startWorker(SPARES, admin);
    const rounds = [];
    for (let r = 0; r < BURSTS; r++) {
      // The pool refills after the last burst's desktops are up; give it its time (as the minutes between bursts would).
      for (let i = 0; i < 100 && holders() < Math.min(BURST, SPARES * 4) && r > 0; i++) await new Promise((res) => setTimeout(res, 200));
      await new Promise((res) => setTimeout(res, 500));
      const ready = holders();
      const plain = await Promise.all(Array.from({ length: BURST }, (_, i) => plainDockerRun(1000 * (r + 1) + i)));
      const portal = await Promise.all(Array.from({ length: BURST }, (_, i) => create(`bench-burst-${r}-${i}`)));
      await Promise.all(portal.map((c) => remove(c.id)));
      rounds.push({ ready, portal, plain });
    }
    await stopWorker();
    return rounds;
  }

  const steady = await phase(SPARES, 'spares');
  const bare = await phase(0, 'bare');
  const rounds = await bursts();
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
  const line = (name: string, a: number[]) => console.log(`  ${name.padEnd(52)} median ${med(a).toFixed(0)} ms  p90 ${p90(a).toFixed(0)} ms`);
  const ratio = (portal: number[], plain: number[], goal = '') =>
    console.log(`  ${'ratio (medians)'.padEnd(52)} ${(med(portal) / med(plain)).toFixed(2)}×${goal}`);
  console.log(`cold create of the TEST desktop, interleaved with plain docker runs`);
  console.log(`one at a time, ${RUNS} runs, the worker keeping ${SPARES} spare sandboxes:`);
  line('purchaseAndCreate → READY (a spare sandbox)', steady.portal);
  line('docker run → ready line', steady.plain);
  ratio(steady.portal, steady.plain, '  (goal ≤ 1.3×)');
  console.log(`one at a time, ${RUNS} runs, no spare at all (WORKER_SANDBOX_SPARES=0: the direct path):`);
  line('purchaseAndCreate → READY (own network made on the spot)', bare.portal);
  line('docker run → ready line', bare.plain);
  ratio(bare.portal, bare.plain);
  console.log(`bursts of ${BURST} at once (more than the ${SPARES} spares configured), against ${BURST} docker runs at once:`);
  rounds.forEach((b, r) => {
    const spare = b.portal.filter((c) => c.spare).map((c) => c.ms);
    const none = b.portal.filter((c) => !c.spare).map((c) => c.ms);
    console.log(`  burst ${r + 1}: ${b.ready} spares ready, ${spare.length} of ${BURST} creates took one`);
    line(
      '  purchaseAndCreate → READY, all',
      b.portal.map((c) => c.ms),
    );
    if (none.length && spare.length) line('  … of them with no spare left', none);
    line(`  ${BURST} docker runs at once → ready line`, b.plain);
    ratio(
      b.portal.map((c) => c.ms),
      b.plain,
      r === 0 ? '  (no spare left for most: goal ≤ 1.3×)' : '',
    );
  });
  const noSpare = rounds.flatMap((b) => b.portal.filter((c) => !c.spare).map((c) => c.ms));
  const sameBursts = rounds.filter((b) => b.portal.some((c) => !c.spare)).flatMap((b) => b.plain);
  if (noSpare.length) {
    console.log('  every create that found no spare left, against the docker runs of the same bursts:');
    ratio(noSpare, sameBursts, '  (goal ≤ 1.3×)');
  }
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
