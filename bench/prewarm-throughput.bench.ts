/**
 * Prewarm throughput: an exam's warm pool filled through the API (prewarm 30, as many as this
 * machine holds) by a real control plane and worker (Docker, the exam image, the exam product's
 * egress rules and preflight), timed until every desktop is WARM; against as many plain
 * `docker run`s of the same image (same limits and security options) to VNC-ready, the same number
 * in flight at a time. Each VDI_PREWARM_CONCURRENCY in BENCH_CONCURRENCIES (default 4, then
 * others) gets its own control plane; its two rounds run back to back (ABBA across rounds).
 * Prints desktops per minute and the ratio (goal ≤ 1.2× docker run), and the best concurrency.
 * Needs root (iptables, test addresses on lo) and Docker.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { availableMb, ensureExamImage, failedDesktops, plainDockerRun, removeContainers, startExamStack, type ExamStack } from './exam-stack.js';
import { createTestTargets } from '../worker/test/test-network.js';

const WANTED = Number(process.env.BENCH_DESKTOPS ?? 30);
const CONCURRENCIES = (process.env.BENCH_CONCURRENCIES ?? '4,2,8').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const RESERVE_MB = 3072;
const ASSUMED_DESKTOP_MB = 350;

let failedSeen = 0;

/** Fills the pool to `count` and empties it again; resolves with ms from the prewarm call to all WARM. */
async function prewarmRound(stack: ExamStack, count: number): Promise<number> {
  const t0 = performance.now();
  await stack.prewarm(count);
  await stack.waitWarm(count, 30 * 60_000);
  const ms = performance.now() - t0;
  const failed = await failedDesktops(stack.server);
  if (failed.length > failedSeen) console.log(`  (${failed.length - failedSeen} desktops failed and were replaced: ${failed.slice(failedSeen).join(' | ')})`);
  failedSeen = failed.length;
  await stack.prewarm(0);
  for (let i = 0; (await stack.containers()).length > 0; i++) {
    if (i > 1200) throw new Error('the warm desktops were never removed');
    await new Promise((r) => setTimeout(r, 100));
  }
  return ms;
}

/** `count` docker runs, `concurrency` at a time, all left running until the last is VNC-ready; ms. */
async function dockerRound(count: number, concurrency: number, browserUrl: string): Promise<number> {
  const tag = randomBytes(3).toString('hex');
  const names = Array.from({ length: count }, (_, i) => `bench-prewarm-plain-${tag}-${i}`);
  let next = 0;
  const t0 = performance.now();
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < names.length) await plainDockerRun(names[next++]!, browserUrl);
      }),
    );
    return performance.now() - t0;
  } finally {
    await removeContainers(names);
  }
}

ensureExamImage();
const fit = Math.floor((availableMb() - RESERVE_MB) / ASSUMED_DESKTOP_MB);
const count = Math.max(1, Math.min(WANTED, fit));
if (count < WANTED)
  console.log(`only ${count} desktops: ${availableMb().toFixed(0)} MiB available − ${RESERVE_MB} MiB kept, at about ${ASSUMED_DESKTOP_MB} MiB a desktop`);
const targets = await createTestTargets();
const results: { concurrency: number; portal: number[]; plain: number[] }[] = [];
try {
  for (const concurrency of CONCURRENCIES) {
    const stack = await startExamStack({ concurrency, candidates: 1, targets });
    failedSeen = 0;
    const r = { concurrency, portal: [] as number[], plain: [] as number[] };
    try {
      await prewarmRound(stack, Math.min(concurrency, count)); // warm-up: the worker's first desktops, its JIT and spare networks
      for (let round = 0; round < ROUNDS; round++) {
        const pair = round % 2 === 0 ? ['portal', 'plain'] : ['plain', 'portal'];
        for (const which of pair) {
          if (which === 'portal') r.portal.push(await prewarmRound(stack, count));
          else r.plain.push(await dockerRound(count, concurrency, targets.allowed.url));
          await new Promise((res) => setTimeout(res, 3000));
        }
      }
    } finally {
      await stack.stop();
    }
    results.push(r);
    const perMin = (ms: number) => (count / ms) * 60_000;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const ratio = mean(r.portal) / mean(r.plain);
    console.log(
      `prewarm ${count} exam desktops, VDI_PREWARM_CONCURRENCY ${concurrency}: all WARM in ${(mean(r.portal) / 1000).toFixed(1)} s (${perMin(mean(r.portal)).toFixed(1)} desktops/min)` +
        `  |  ${count} docker runs, ${concurrency} at a time, to VNC-ready: ${(mean(r.plain) / 1000).toFixed(1)} s (${perMin(mean(r.plain)).toFixed(1)}/min)` +
        `  |  ratio ${ratio.toFixed(2)}× (goal ≤ 1.2×)  [rounds: ${r.portal.map((m) => (m / 1000).toFixed(1)).join(', ')} s vs ${r.plain.map((m) => (m / 1000).toFixed(1)).join(', ')} s]`,
    );
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const best = results.reduce((a, b) => (mean(b.portal) < mean(a.portal) ? b : a));
  console.log(
    `best VDI_PREWARM_CONCURRENCY on this machine (${os.cpus().length} cores): ${best.concurrency} (${((count / mean(best.portal)) * 60_000).toFixed(1)} desktops/min, ratio ${(mean(best.portal) / mean(best.plain)).toFixed(2)}×)`,
  );
} finally {
  await targets.dispose();
}
