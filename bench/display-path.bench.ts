/**
 * Display path overhead: one exam desktop, two RFB connections to it held open side by side — one
 * through the control plane's `/desktop/:sessionId` proxy and the worker's gateway (the viewer's
 * path), one straight to the container's VNC port — measured interleaved in one run:
 * - framebuffer throughput: whole-screen, non-incremental raw updates back to back (bytes/s);
 * - round trip: a non-incremental raw update of a 1×1 region (request → its last byte);
 * - whole screens in the browser viewer's encoding (ZRLE) back to back (frames/s), measured last.
 * Prints the throughput ratio (goal ≥ 0.9× direct) and the added latency p50/p99 (goal p99 ≤ 5 ms).
 * Needs root (egress rules of the exam product), Docker and the exam image.
 */
import { RfbClient } from './rfb-client.js';
import { containerCpuMs, containerIp, ensureExamImage, EXAM_CODE, processCpuMs, startExamStack } from './exam-stack.js';
import { percentile } from './support.js';
import { createTestTargets } from '../worker/test/test-network.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12);
const FRAMES = Number(process.env.BENCH_FRAMES ?? 8);
const PINGS = Number(process.env.BENCH_PINGS ?? 1000);

ensureExamImage();
const targets = await createTestTargets();
const stack = await startExamStack({ concurrency: 4, candidates: 1, targets });
const clients: RfbClient[] = [];
try {
  const token = stack.tokens[0]!;
  const gql = (q: string, v?: Record<string, unknown>) => stack.server.gql(q, v, token);
  const id = (await gql(`mutation { joinExam(examCode: "${EXAM_CODE}") { id } }`)).joinExam.id as string;
  let route = '';
  for (let i = 0; !route; i++) {
    const s = (await gql(`query($id: ID!) { session(id: $id) { state failureReason workerRoute } }`, { id })).session;
    if (s.state === 'FAILED') throw new Error(s.failureReason);
    if (s.state === 'READY') route = s.workerRoute;
    else if (i > 3000) throw new Error('the desktop never became READY');
    else await new Promise((r) => setTimeout(r, 20));
  }
  const access = (await gql(`mutation($s: ID!) { desktopAccess(sessionId: $s) { url password } }`, { s: id })).desktopAccess;
  const proxied = await RfbClient.overWebSocket(`${stack.server.url.replace('http', 'ws')}${access.url}`, access.password);
  const direct = await RfbClient.overTcp(await containerIp(route), 5901, access.password);
  clients.push(proxied, direct);
  for (const c of clients) c.setEncodingsRaw();
  await new Promise((r) => setTimeout(r, 3000)); // the kiosk browser settles
  const paths = { direct, proxied } as const;
  type Path = keyof typeof paths;

  // Warm-up: both paths, JIT and socket buffers.
  for (const c of clients) for (let i = 0; i < 5; i++) await c.fullFrame();
  for (const c of clients) for (let i = 0; i < 100; i++) await c.ping();

  // CPU each part of the path spends while a path moves frames: where the time goes.
  const desktopCpu = await containerCpuMs(route);
  const parts = {
    'control plane': () => processCpuMs(stack.server.proc.pid!),
    worker: () => processCpuMs(stack.workerPid),
    'desktop (Xvnc)': desktopCpu,
    'bench client': () => (process.cpuUsage().user + process.cpuUsage().system) / 1000,
  };
  type Part = keyof typeof parts;
  const snapshot = () => Object.fromEntries(Object.entries(parts).map(([k, f]) => [k, f()])) as Record<Part, number>;
  /** ROUNDS interleaved rounds of FRAMES whole-screen updates on each path, in the encoding the clients asked for. */
  const measure = async () => {
    const moved: Record<Path, { bytes: number; frames: number; ms: number }> = {
      direct: { bytes: 0, frames: 0, ms: 0 },
      proxied: { bytes: 0, frames: 0, ms: 0 },
    };
    const perRound: Record<Path, number[]> = { direct: [], proxied: [] };
    const cpu: Record<Path, Record<Part, number>> = {
      direct: Object.fromEntries(Object.keys(parts).map((k) => [k, 0])) as Record<Part, number>,
      proxied: Object.fromEntries(Object.keys(parts).map((k) => [k, 0])) as Record<Part, number>,
    };
    for (let r = 0; r < ROUNDS; r++) {
      // ABBA: neither path always goes first.
      const order: Path[] = r % 2 === 0 ? ['direct', 'proxied'] : ['proxied', 'direct'];
      for (const p of order) {
        const before = snapshot();
        const t0 = performance.now();
        let bytes = 0;
        for (let f = 0; f < FRAMES; f++) bytes += (await paths[p].fullFrame()).bytes;
        const ms = performance.now() - t0;
        const after = snapshot();
        for (const k of Object.keys(parts) as Part[]) cpu[p][k] += after[k] - before[k];
        moved[p].bytes += bytes;
        moved[p].frames += FRAMES;
        moved[p].ms += ms;
        perRound[p].push(bytes / ms / 1000);
      }
    }
    return { moved, perRound, cpu };
  };
  const { moved, perRound, cpu } = await measure();
  const rtt: Record<Path, number[]> = { direct: [], proxied: [] };
  for (let i = 0; i < PINGS; i++) {
    const order: Path[] = i % 2 === 0 ? ['direct', 'proxied'] : ['proxied', 'direct'];
    for (const p of order) rtt[p].push(await paths[p].ping());
  }
  for (const p of ['direct', 'proxied'] as Path[]) rtt[p].sort((a, b) => a - b);
  // The browser viewer's encoding (ZRLE): whole screens compressed by the desktop, in frames per second.
  for (const c of clients) c.setEncodingsZrle();
  for (const c of clients) for (let i = 0; i < 3; i++) await c.fullFrame();
  const zrle = (await measure()).moved;
  const fps = (p: Path) => (zrle[p].frames / zrle[p].ms) * 1000;
  const zrleRatio = fps('proxied') / fps('direct');

  const mbps = (p: Path) => moved[p].bytes / moved[p].ms / 1000;
  const frameMb = (direct.width * direct.height * direct.bytesPerPixel) / 1e6;
  const ratio = mbps('proxied') / mbps('direct');
  const q = (p: Path, pct: number) => percentile(rtt[p], pct);
  const added50 = q('proxied', 50) - q('direct', 50);
  const added99 = q('proxied', 99) - q('direct', 99);
  const med = (xs: number[]) =>
    percentile(
      [...xs].sort((a, b) => a - b),
      50,
    );
  console.log(
    `display path: one exam desktop (${direct.width}×${direct.height}, ${direct.bytesPerPixel * 8} bpp, raw: ${frameMb.toFixed(1)} MB a frame), ${ROUNDS} interleaved rounds of ${FRAMES} whole-screen updates and ${PINGS} interleaved 1×1 round trips`,
  );
  console.log(`  throughput direct to the VNC port          ${mbps('direct').toFixed(0)} MB/s  (median round ${med(perRound.direct).toFixed(0)} MB/s)`);
  console.log(`  throughput through proxy + gateway         ${mbps('proxied').toFixed(0)} MB/s  (median round ${med(perRound.proxied).toFixed(0)} MB/s)`);
  console.log(`  throughput ratio, raw                      ${ratio.toFixed(2)}×  (goal ≥ 0.9×: ${(ratio / 0.9).toFixed(2)} of the goal)`);
  console.log(
    `  viewer's encoding (ZRLE, ${(zrle.direct.bytes / zrle.direct.frames / 1024).toFixed(0)} KiB a whole screen): direct ${fps('direct').toFixed(1)} frames/s, through proxy + gateway ${fps('proxied').toFixed(1)} frames/s, ratio ${zrleRatio.toFixed(2)}×  (goal ≥ 0.9×)`,
  );
  for (const p of ['direct', 'proxied'] as Path[])
    console.log(
      `  CPU per 100 MB moved, ${p.padEnd(8)}  ${(Object.keys(parts) as Part[]).map((k) => `${k} ${((cpu[p][k] / moved[p].bytes) * 1e8).toFixed(0)} ms`).join(', ')}`,
    );
  console.log(`  round trip direct        p50 ${q('direct', 50).toFixed(2)} ms  p99 ${q('direct', 99).toFixed(2)} ms  max ${rtt.direct.at(-1)!.toFixed(2)} ms`);
  console.log(
    `  round trip proxied       p50 ${q('proxied', 50).toFixed(2)} ms  p99 ${q('proxied', 99).toFixed(2)} ms  max ${rtt.proxied.at(-1)!.toFixed(2)} ms`,
  );
  console.log(
    `  added latency            p50 ${added50.toFixed(2)} ms  p99 ${added99.toFixed(2)} ms  (goal p99 ≤ 5 ms: ${(added99 / 5).toFixed(2)} of the budget)`,
  );
} finally {
  for (const c of clients) c.close();
  await stack.stop();
  await targets.dispose();
}
