/**
 * The wall and the fleet table in Chromium under a live fleet: 500 simulated workers heartbeat
 * every 2 s over HTTP for 60 s while /wall (opened with a wall link) and then /workers (as the
 * admin) are measured. Prints main-thread long tasks (goal: p95 ≤ 50 ms), frames per second, the
 * JS heap, and the gzip size of the console's initial JS/CSS (goal ≤ 250 kB) and of the wall chunk.
 * Loopback only. Settings: BENCH_WORKERS (500), BENCH_SECONDS (60), BENCH_BEAT_MS (2000).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../server/test/browser.js';
import { adminToken, CLUSTER_TOKEN, type BenchServer, percentile, startBenchServer } from './support.js';

const WORKERS = Number(process.env.BENCH_WORKERS ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const BEAT_MS = Number(process.env.BENCH_BEAT_MS ?? 2_000);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'admin-ui/dist');

/** The newest modification time under a folder. */
function newest(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

/** Builds the web app unless dist/ is newer than its sources. */
function ensureBuilt(): void {
  const index = path.join(dist, 'index.html');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newest(path.join(root, 'admin-ui/src'))) {
    console.log('admin-ui/dist is current: reusing it');
    return;
  }
  console.log('building admin-ui…');
  execFileSync('npm', ['run', 'build', '-w', 'admin-ui'], { cwd: root, stdio: 'ignore' });
}

const gz = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(dist, file))).length;
const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

/** A chunk's static imports (`import … from "./x.js"` and `import "./x.js"`, not `import("./x.js")`), recursively. */
function staticClosure(start: string[], seen = new Set<string>()): Set<string> {
  for (const file of start) {
    if (seen.has(file)) continue;
    seen.add(file);
    const code = fs.readFileSync(path.join(dist, file), 'utf8');
    const deps = [...code.matchAll(/\bimport\s*(?:[^'"();]*?\bfrom\s*)?["']\.\/([^"']+\.js)["']/g)].map((m) => `assets/${m[1]}`);
    staticClosure(deps, seen);
  }
  return seen;
}

/** Gzip sizes of the entry's initial JS (entry + static imports) and CSS, and of the wall's own chunk. */
function bundleSizes() {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const entry = /<script type="module"[^>]*src="\/([^"]+)"/.exec(html)?.[1];
  if (!entry) throw new Error('no entry script in admin-ui/dist/index.html');
  const initialJs = staticClosure([entry]);
  const initialCss = [...html.matchAll(/<link rel="stylesheet"[^>]*href="\/([^"]+)"/g)].map((m) => m[1]!);
  const initial = [...initialJs].reduce((s, f) => s + gz(f), 0) + initialCss.reduce((s, f) => s + gz(f), 0);
  const entryCode = [...initialJs].map((f) => fs.readFileSync(path.join(dist, f), 'utf8')).join('\n');
  const wallJs = /\.\/(WallPage-[\w-]+\.js)/.exec(entryCode)?.[1];
  const wallCss = /(assets\/WallPage-[\w-]+\.css)/.exec(entryCode)?.[1];
  let wall = 0;
  if (wallJs) for (const f of staticClosure([`assets/${wallJs}`])) if (!initialJs.has(f)) wall += gz(f);
  if (wallCss) wall += gz(wallCss);
  return { initial, initialFiles: initialJs.size + initialCss.length, wall, wallFound: Boolean(wallJs) };
}

/** Registers the fleet in parallel batches. */
async function register(server: BenchServer): Promise<string[]> {
  const credentials: string[] = [];
  for (let i = 0; i < WORKERS; i += 25) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(25, WORKERS - i) }, (_, j) =>
        server.gql(`mutation($i: RegisterWorkerInput!) { registerWorker(input: $i) { credential } }`, {
          i: {
            clusterToken: CLUSTER_TOKEN,
            code: `wall-bench-${String(i + j).padStart(3, '0')}`,
            apiBaseUrl: `http://127.0.0.1:3000/${i + j}`,
            capacity: { cpus: 8, memoryMb: 12288 },
          },
        }),
      ),
    );
    credentials.push(...batch.map((r) => r.registerWorker.credential as string));
  }
  return credentials;
}

/** Every worker beats once per BEAT_MS, spread over the period, until `until`; bounded to 32 requests in flight. */
async function heartbeatLoad(url: string, credentials: string[], until: number): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  const beat = async (credential: string, n: number) => {
    const body = JSON.stringify({
      query: 'mutation($i: WorkerHeartbeatInput!) { workerHeartbeat(input: $i) { status } }',
      variables: { i: { usage: { cpuPercent: (n * 37) % 100, memoryUsedMb: 1024 + ((n * 613) % 10_000) }, driver: { reachable: true, version: '28.2.2' } } },
    });
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
      body,
    }).catch(() => null);
    sent++;
    if (!res?.ok) failed++;
    else await res.arrayBuffer();
  };
  let n = 0;
  while (Date.now() < until) {
    const roundStart = Date.now();
    for (let i = 0; i < credentials.length && Date.now() < until; i += 32) {
      await Promise.all(credentials.slice(i, i + 32).map((c) => beat(c, n++)));
      const due = roundStart + ((i + 32) / credentials.length) * BEAT_MS;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    }
  }
  return { sent, failed };
}

/**
 * Long tasks and animation frames, counted in the page from its first script on. Plain text: a
 * function would be compiled by tsx with helpers the page does not have.
 */
const PROBE = `
  window.__bench = { longTasks: [], frames: 0, from: performance.now() };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__bench.longTasks.push(e.duration); })
    .observe({ type: 'longtask', buffered: true });
  const tick = () => { window.__bench.frames++; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
`;

/** Opens `url`, waits for `ready`, resets the counters, and measures for `seconds`. */
async function measure(browser: Browser, url: string, ready: (page: Page) => Promise<unknown>, seconds: number, token?: string) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  if (token) await context.addInitScript((t) => localStorage.setItem('vdi.token', t), token);
  const page = await context.newPage();
  await page.addInitScript({ content: PROBE });
  await page.goto(url);
  await ready(page);
  await page.evaluate(() => {
    const b = (window as unknown as { __bench: { longTasks: number[]; frames: number; from: number } }).__bench;
    b.longTasks = [];
    b.frames = 0;
    b.from = performance.now();
  });
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const m = await page.evaluate(() => {
    const b = (window as unknown as { __bench: { longTasks: number[]; frames: number; from: number } }).__bench;
    return { longTasks: b.longTasks, frames: b.frames, ms: performance.now() - b.from };
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = (await cdp.send('Performance.getMetrics')).metrics;
  const heap = metrics.find((x) => x.name === 'JSHeapUsedSize')?.value ?? NaN;
  await context.close();
  const sorted = [...m.longTasks].sort((a, b) => a - b);
  return { count: sorted.length, p95: percentile(sorted, 95), max: sorted.at(-1) ?? 0, fps: m.frames / (m.ms / 1000), heapMb: heap / 1024 / 1024 };
}

function report(name: string, r: Awaited<ReturnType<typeof measure>>): void {
  const p95 = Number.isNaN(r.p95) ? 'none' : `${r.p95.toFixed(0)} ms`;
  console.log(
    `  ${name.padEnd(9)} long tasks ${String(r.count).padStart(3)}  p95 ${p95.padStart(6)}  max ${r.max.toFixed(0).padStart(4)} ms  ${r.fps.toFixed(1).padStart(5)} fps  JS heap ${r.heapMb.toFixed(1)} MB`,
  );
}

ensureBuilt();
const sizes = bundleSizes();
const server = await startBenchServer();
const browser = await launchBrowser();
try {
  const admin = await adminToken(server);
  const credentials = await register(server);
  const link = (await server.gql(`mutation { createWallLink(name: "Bench TV") { path } }`, {}, admin)).createWallLink.path as string;
  const until = Date.now() + SECONDS * 1000;
  const load = heartbeatLoad(server.url, credentials, until);
  const perPage = Math.max(5, Math.floor((SECONDS - 16) / 2));
  const tiles = (page: Page) => page.waitForFunction((n) => document.querySelectorAll('[data-testid="wall-tile"]').length === n, WORKERS, { timeout: 60_000 });
  // One page failing to show its fleet must not keep the other from being measured.
  const wall = await measure(browser, `${server.url}${link}`, tiles, perPage).catch((e: Error) => {
    console.log(`  /wall could not be measured: ${e.message.split('\n')[0]}`);
    return null;
  });
  const hasWorkersPage = fs.readFileSync(path.join(root, 'admin-ui/src/routes.tsx'), 'utf8').includes("path: '/workers'");
  const rows = (page: Page) => page.getByText('wall-bench-000', { exact: true }).first().waitFor({ timeout: 60_000 });
  const workers = hasWorkersPage
    ? await measure(browser, `${server.url}/workers`, rows, perPage, admin).catch((e: Error) => {
        console.log(`  /workers could not be measured: ${e.message.split('\n')[0]}`);
        return null;
      })
    : null;
  const beats = await load;
  console.log(
    `wall and fleet pages under load: ${WORKERS} workers beating every ${BEAT_MS / 1000} s for ${SECONDS} s (${beats.sent} heartbeats, ${beats.failed} failed), Chromium 1920×1080, ${perPage} s per page`,
  );
  if (wall) report('/wall', wall);
  else console.log('  /wall     not measured (it did not show every tile)');
  if (workers) report('/workers', workers);
  else console.log('  /workers  not measured (not built yet, or it did not show the fleet): only the wall was measured');
  console.log('  goal: long-task p95 ≤ 50 ms');
  console.log(
    `bundle (gzip): console initial JS+CSS ${kB(sizes.initial)} in ${sizes.initialFiles} files (goal ≤ 250 kB); wall chunk ${sizes.wallFound ? kB(sizes.wall) : 'not found'}`,
  );
} finally {
  await browser.close();
  await server.stop();
}
