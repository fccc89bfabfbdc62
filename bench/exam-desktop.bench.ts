/**
 * Cold exam desktop: joinExam → VNC-ready (READY, after the egress rules and the preflight probe)
 * and → first frame in the browser viewer (headless Chromium + noVNC through /desktop and the
 * worker gateway), against a plain `docker run` of the same image to VNC-ready, interleaved in
 * the same run. Two ways to the viewer: the candidate's own (the join page: the code, "Join", and
 * the desktop opens in that page when it is READY) and the viewer page opened once READY is seen.
 * Needs root (iptables, test addresses on lo), Docker and Debian's chromium.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminToken, CLUSTER_TOKEN, freePort, percentile, startBenchServer } from './support.js';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../server/test/browser.js';
import { createTestTargets } from '../worker/test/test-network.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const IMAGE = process.env.EXAM_IMAGE_NAME ?? 'sot-exam-linux:latest';
const GUAC = 'bench-guac-token-key-0123456789';
/** The steps of the candidate's way the bench times, in order, and how it prints them. */
const JOIN_STAGES = ['joinSent', 'joinAnswered', 'readySeen', 'ticket', 'webSocket', 'rfbBanner', 'loggedIn', 'serverInit'] as const;
const STAGE_NAMES: Record<(typeof JOIN_STAGES)[number], string> = {
  joinSent: 'joinExam sent',
  joinAnswered: 'answered',
  readySeen: 'READY seen',
  ticket: 'desktopAccess answered (— when the READY push brought the ticket)',
  webSocket: 'WebSocket opening',
  rfbBanner: 'RFB banner',
  loggedIn: 'VNC login accepted',
  serverInit: 'ServerInit',
};
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Resolves when host:5901 speaks RFB. */
async function vncReady(ip: string, deadline: number): Promise<void> {
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
    if (Date.now() > deadline) throw new Error('VNC never answered');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** `docker run` of the exam image (same limits and security options) until its VNC port answers, in ms. */
async function plainDockerRun(i: number, url: string): Promise<number> {
  const name = `bench-exam-plain-${process.pid}-${i}`;
  const start = performance.now();
  execFileSync(
    'docker',
    [
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
      '--cap-drop',
      'ALL',
      '--security-opt',
      'no-new-privileges',
      '-e',
      'VNC_PASSWORD=plain-pass',
      '-e',
      `EXAM_BROWSER_URL=${url}`,
      IMAGE,
    ],
    { stdio: 'ignore' },
  );
  const ip = execFileSync('docker', ['inspect', '-f', '{{.NetworkSettings.IPAddress}}', name]).toString().trim();
  await vncReady(ip, Date.now() + 30_000);
  const ms = performance.now() - start;
  execFileSync('docker', ['rm', '-f', name], { stdio: 'ignore' });
  return ms;
}

execFileSync(path.join(root, 'exam-linux/build.sh'), [], { stdio: 'inherit', env: { ...process.env, EXAM_IMAGE_NAME: IMAGE } });
execFileSync('npm', ['run', 'build', '-w', 'admin-ui'], { cwd: root, stdio: 'ignore' });
const targets = await createTestTargets();
const server = await startBenchServer({ GUAC_TOKEN_KEY: GUAC });
const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vdi-bench-worker-'));
const gatewayPort = await freePort();
const worker = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'worker/src/main.ts')], {
  cwd: root,
  env: {
    ...process.env,
    WORKER_CODE: 'bench-exam-worker',
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
    EXAM_IMAGE_NAME: IMAGE,
    EXAM_RESTRICT_INTERNET: 'true',
    EXAM_FIREWALL_ENFORCE_STRICT: 'true',
    EXAM_PREFLIGHT_BLOCKED: `${targets.blocked.ip}:${targets.blocked.port}`,
  },
  stdio: ['ignore', process.env.BENCH_WORKER_LOG_LEVEL ? 'inherit' : 'ignore', 'inherit'],
});
const browser = await launchBrowser();
try {
  const admin = await adminToken(server);
  for (let i = 0; ; i++) {
    const ws = (await server.gql(`{ workers { health driver { reachable } } }`, {}, admin)).workers;
    if (ws.some((w: { health: string; driver?: { reachable: boolean } }) => w.health === 'HEALTHY' && w.driver?.reachable)) break;
    if (i > 300) throw new Error('worker never became healthy');
    await new Promise((r) => setTimeout(r, 100));
  }
  const product = (
    await server.gql(
      `mutation($i: ProductInput!) { createProduct(input: $i) { id } }`,
      {
        i: {
          name: 'bench exam',
          priceCoins: 0,
          provisionAction: 'LINUX',
          cpus: 1,
          memoryMb: 1024,
          shmMb: 256,
          browserUrl: targets.allowed.url,
          network: { restrictInternet: true, strict: true },
        },
      },
      admin,
    )
  ).createProduct.id;
  const now = Date.now();
  const exam = (
    await server.gql(
      `mutation($i: ExamInput!) { createExam(input: $i) { id } }`,
      {
        i: {
          code: 'BENCH-EXAM',
          name: 'Bench',
          productId: product,
          startsAt: new Date(now).toISOString(),
          endsAt: new Date(now + 3_600_000).toISOString(),
          expectedCandidates: 2 * RUNS + 1,
        },
      },
      admin,
    )
  ).createExam.id;
  const csv = Array.from({ length: 2 * RUNS + 1 }, (_, i) => `bench-cand-${i},bench-cand-password-${i}`).join('\n');
  await server.gql(`mutation($e: ID!, $csv: String!) { importRoster(examId: $e, csv: $csv) { added } }`, { e: exam, csv }, admin);

  /** A candidate's page, signed in. */
  const candidatePage = async (i: number) => {
    const token = (
      await server.gql(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, {
        u: `bench-cand-${i}`,
        p: `bench-cand-password-${i}`,
      })
    ).login.token as string;
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}/login`);
    await page.evaluate((t) => localStorage.setItem('vdi.token', t), token);
    return { token, page };
  };
  const firstFrame = (page: Page) =>
    page.waitForFunction(() => (document.querySelector('canvas')?.width ?? 0) > 100, undefined, { polling: 10, timeout: 60_000 });
  const kioskShown = (page: Page) =>
    page.waitForFunction(
      () => {
        const c = document.querySelector('canvas')!;
        const [r, g, b] = c.getContext('2d')!.getImageData(Math.floor(c.width / 2), Math.floor(c.height * 0.8), 1, 1).data;
        return r! < 30 && g! > 170 && b! < 110;
      },
      undefined,
      { polling: 20, timeout: 60_000 },
    );

  /** Where the candidate's way spends its time: ms from "Join" to each step the page takes (its requests and WebSocket frames). */
  type JoinStages = Record<(typeof JOIN_STAGES)[number], number>;
  const stagesOf = (page: Page) => {
    const at: Partial<JoinStages> = {};
    let t0 = 0;
    const mark = (stage: keyof JoinStages) => {
      if (t0 && at[stage] === undefined) at[stage] = performance.now() - t0;
    };
    page.on('request', (r) => /joinExam/.test(r.postData() ?? '') && mark('joinSent'));
    page.on('response', (r) => {
      const body = r.request().postData() ?? '';
      if (/joinExam/.test(body)) mark('joinAnswered');
      if (/desktopAccess/.test(body)) mark('ticket');
    });
    page.on('websocket', (ws) => {
      if (!ws.url().includes('/desktop/')) {
        ws.on('framereceived', (f) => String(f.payload).includes('"READY"') && mark('readySeen'));
        return;
      }
      mark('webSocket');
      // A VNC-authenticated RFB opening: version, security types, challenge, result, ServerInit, then updates.
      let received = 0;
      ws.on('framereceived', () => {
        received++;
        if (received === 1) mark('rfbBanner');
        if (received === 4) mark('loggedIn');
        if (received === 5) mark('serverInit');
      });
    });
    return {
      start: () => {
        t0 = performance.now();
      },
      done: () => at as JoinStages,
    };
  };

  /** The candidate's own way: the join page, the exam code, "Join"; ms to the first frame and to the kiosk page, and the stages. */
  const joinPage = async (i: number) => {
    const { token, page } = await candidatePage(i);
    const stages = stagesOf(page);
    await page.goto(`${server.url}/join`);
    const code = page.getByRole('textbox');
    await code.fill('BENCH-EXAM');
    const start = performance.now();
    stages.start();
    await code.press('Enter');
    await firstFrame(page);
    const frame = performance.now() - start;
    await kioskShown(page);
    const kiosk = performance.now() - start;
    const id = await page.getAttribute('[data-testid="join-desktop"]', 'data-session-id');
    await page.close();
    await server.gql(`mutation($id: ID!) { releaseSession(id: $id) { state } }`, { id }, token);
    return { frame, kiosk, stages: stages.done() };
  };

  /** One candidate's cold join, the viewer page opened once READY is seen: ms to READY and to the first frame and to the kiosk page. */
  const join = async (i: number) => {
    const { token, page } = await candidatePage(i);
    const start = performance.now();
    const id = (await server.gql(`mutation { joinExam(examCode: "BENCH-EXAM") { id } }`, {}, token)).joinExam.id;
    for (;;) {
      const s = (await server.gql(`query($id: ID!) { session(id: $id) { state failureReason } }`, { id }, token)).session;
      if (s.state === 'READY') break;
      if (s.state === 'FAILED') throw new Error(s.failureReason);
      await new Promise((r) => setTimeout(r, 10));
    }
    const ready = performance.now() - start;
    await page.goto(`${server.url}/viewer/${id}`);
    await firstFrame(page);
    const frame = performance.now() - start;
    await kioskShown(page);
    const kiosk = performance.now() - start;
    await page.close();
    await server.gql(`mutation($id: ID!) { releaseSession(id: $id) { state } }`, { id }, token);
    return { ready, frame, kiosk };
  };

  await join(2 * RUNS); // warm-up: image layers and page caches, as on a worker that has run before
  const portal: { ready: number; frame: number; kiosk: number }[] = [];
  const candidate: { frame: number; kiosk: number; stages: JoinStages }[] = [];
  const plain: number[] = [];
  const settle = () => new Promise((r) => setTimeout(r, 1500)); // let the released desktop go
  for (let i = 0; i < RUNS; i++) {
    plain.push(await plainDockerRun(i, targets.allowed.url));
    candidate.push(await joinPage(RUNS + i));
    await settle();
    plain.push(await plainDockerRun(RUNS + i, targets.allowed.url));
    portal.push(await join(i));
    await settle();
  }
  const med = (xs: number[]) =>
    percentile(
      [...xs].sort((a, b) => a - b),
      50,
    );
  const m = {
    ready: med(portal.map((p) => p.ready)),
    frame: med(portal.map((p) => p.frame)),
    kiosk: med(portal.map((p) => p.kiosk)),
    joinFrame: med(candidate.map((p) => p.frame)),
    joinKiosk: med(candidate.map((p) => p.kiosk)),
    plain: med(plain),
  };
  console.log(`exam desktop, ${RUNS} interleaved runs of each (medians; egress rules and preflight included, strict)`);
  console.log(`  docker run → VNC-ready                                ${m.plain.toFixed(0)} ms  (${plain.length} runs)`);
  console.log(`  the candidate's way (join page → desktop in that page):`);
  console.log(`    "Join" → first frame in the viewer                  ${m.joinFrame.toFixed(0)} ms`);
  console.log(`    "Join" → kiosk page on screen                       ${m.joinKiosk.toFixed(0)} ms`);
  console.log(`    ratio first frame / docker run                      ${(m.joinFrame / m.plain).toFixed(2)}×  (goal ≤ 1.3×)`);
  const stage = (k: keyof JoinStages) => {
    const seen = candidate.map((c) => c.stages[k]).filter((v) => v !== undefined);
    return seen.length ? med(seen).toFixed(0) : '—';
  };
  console.log(`    stages (medians, ms from "Join"): ${JOIN_STAGES.map((k) => `${STAGE_NAMES[k]} ${stage(k)}`).join(', ')}`);
  console.log(`  joinExam, then the viewer page opened once READY is seen:`);
  console.log(`    joinExam → VNC-ready (READY)                        ${m.ready.toFixed(0)} ms`);
  console.log(`    joinExam → first frame in the viewer                ${m.frame.toFixed(0)} ms`);
  console.log(`    joinExam → kiosk page on screen                     ${m.kiosk.toFixed(0)} ms`);
  console.log(`    ratio READY / docker run                            ${(m.ready / m.plain).toFixed(2)}×`);
  console.log(`    ratio first frame / docker run                      ${(m.frame / m.plain).toFixed(2)}×`);
} finally {
  await browser.close();
  worker.kill('SIGTERM');
  await new Promise((r) => worker.once('exit', r));
  await server.stop();
  await targets.dispose();
  fs.rmSync(stateDir, { recursive: true, force: true });
}
