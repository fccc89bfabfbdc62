import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { SignJWT } from 'jose';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUAC_TOKEN_KEY, startTestServer, type TestServer } from '../../server/test/harness.js';
import { launchBrowser } from '../../server/test/browser.js';
import { containersOf, docker, eventually, requireDocker, requireExamImage, startWorkerProcess, type WorkerProcess } from './worker-harness.js';
import { createTestTargets, KIOSK_RGB, vdiChains, type TestTargets } from './test-network.js';

/** Runs a command in a container as its user; resolves with its output (stdout and stderr). */
async function execIn(container: string, cmd: string): Promise<string> {
  const exec = await docker.getContainer(container).exec({ Cmd: ['bash', '-c', cmd], AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({});
  const out = new PassThrough();
  let s = '';
  out.on('data', (d: Buffer) => (s += d.toString()));
  docker.modem.demuxStream(stream, out, out);
  await new Promise((r) => stream.on('end', r));
  return s;
}

/** Opens a WebSocket; resolves with the first bytes received, or rejects with the HTTP status of a refusal. */
function firstBytes(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('message', (d: Buffer) => {
      resolve(d.toString('latin1'));
      ws.close();
    });
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('exam desktop in the browser, behind the egress allowlist (real Docker, iptables, Chromium)', () => {
  let t: TestServer;
  let worker: WorkerProcess;
  let targets: TestTargets;
  let browser: Browser;
  let sessionId: string;
  let route: string;
  let candidate: { token: string };
  let gatewayUrl: string;
  const workerCode = `exam-${randomUUID().slice(0, 6)}`;
  const shots = fs.mkdtempSync(path.join(os.tmpdir(), 'vdi-shots-'));

  const gatewayToken = (sid: string, opts: { key?: string; wid?: string; ttl?: number; iatOffset?: number } = {}) => {
    const iat = Math.floor(Date.now() / 1000) + (opts.iatOffset ?? 0);
    return new SignJWT({ wid: opts.wid ?? workerCode })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sid)
      .setAudience('vdi-display')
      .setJti(randomUUID())
      .setIssuedAt(iat)
      .setExpirationTime(iat + (opts.ttl ?? 30))
      .sign(new TextEncoder().encode(opts.key ?? GUAC_TOKEN_KEY));
  };
  const access = (token: string, sid: string) => t.gql<any>(`mutation($s: ID!) { desktopAccess(sessionId: $s) { url expiresAt password } }`, { s: sid }, token);

  beforeAll(async () => {
    await requireDocker();
    requireExamImage();
    // The web app the viewer runs in is built once for the whole run by the test set-up (server/test/admin-ui-build.ts).
    targets = await createTestTargets();
    t = await startTestServer({ VDI_LOOP_INTERVAL_SEC: '3600' });
    worker = await startWorkerProcess(t, workerCode, {
      EXAM_RESTRICT_INTERNET: 'true',
      EXAM_FIREWALL_ENFORCE_STRICT: 'true',
      EXAM_PREFLIGHT_BLOCKED: `${targets.blocked.ip}:${targets.blocked.port}`,
    });
    gatewayUrl = (await t.ok<any>(`{ workers { code apiBaseUrl } }`, {}, t.adminToken)).workers
      .find((w: any) => w.code === workerCode)
      .apiBaseUrl.replace('http', 'ws');
    await eventually(
      async () => (await t.ok<any>(`{ workers { code health } }`, {}, t.adminToken)).workers.find((w: any) => w.code === workerCode && w.health === 'HEALTHY'),
      20_000,
      'worker healthy',
    );
    const product = (
      await t.ok<any>(
        `mutation($i: ProductInput!) { createProduct(input: $i) { id } }`,
        {
          i: {
            name: 'Exam Linux',
            priceCoins: 0,
            provisionAction: 'LINUX',
            cpus: 1,
            memoryMb: 1024,
            shmMb: 256,
            browserUrl: targets.allowed.url,
            network: { restrictInternet: true, allowedIps: [targets.allowed.ip], strict: true },
          },
        },
        t.adminToken,
      )
    ).createProduct.id;
    const now = Date.now();
    const exam = (
      await t.ok<any>(
        `mutation($i: ExamInput!) { createExam(input: $i) { id } }`,
        {
          i: {
            code: 'KIOSK',
            name: 'Kiosk',
            productId: product,
            startsAt: new Date(now).toISOString(),
            endsAt: new Date(now + 3_600_000).toISOString(),
            expectedCandidates: 2,
          },
        },
        t.adminToken,
      )
    ).createExam.id;
    await t.ok(
      `mutation($e: ID!) { importRoster(examId: $e, csv: "kiosk-a,kiosk-a-password\\nkiosk-b,kiosk-b-password") { added } }`,
      { e: exam },
      t.adminToken,
    );
    candidate = { token: (await t.ok<any>(`mutation { login(username: "kiosk-a", password: "kiosk-a-password") { token } }`)).login.token };
    browser = await launchBrowser();
  }, 900_000);
  afterAll(async () => {
    await browser?.close();
    await worker?.kill();
    if (sessionId)
      for (const c of await containersOf(sessionId))
        await docker
          .getContainer(c.Id)
          .remove({ force: true })
          .catch(() => undefined);
    await t?.close();
    await targets?.dispose();
  });

  it('a candidate joins: the desktop becomes READY after its preflight, with the rules in place', async () => {
    const joined = (await t.ok<any>(`mutation { joinExam(examCode: "KIOSK") { id state } }`, {}, candidate.token)).joinExam;
    sessionId = joined.id;
    const ready = await eventually(
      async () => {
        const s = (
          await t.ok<any>(
            `query($id: ID!) { session(id: $id) { state failureReason workerRoute connection { protocol port username } } }`,
            { id: sessionId },
            candidate.token,
          )
        ).session;
        if (s.state === 'FAILED') throw new Error(`desktop failed: ${s.failureReason}\n${worker.output()}`);
        return s.state === 'READY' && s;
      },
      90_000,
      'READY',
    );
    route = ready.workerRoute;
    expect(ready.connection).toEqual({ protocol: 'vnc', port: 5901, username: 'student' });
    const log = await eventually(
      async () => {
        const text: string = (await t.ok<any>(`query($id: ID!) { sessionLog(id: $id) }`, { id: sessionId }, candidate.token)).sessionLog;
        return text.includes('Desktop ready') && text;
      },
      10_000,
      'the provisioning log',
    );
    expect(log).toMatch(/Egress restricted: .* everything else dropped/);
    expect(log).toContain(`Preflight: allowed ${targets.allowed.ip}:${targets.allowed.port} answers`);
    // Counted by the rules (no timeout): the probe crossed every rule that could have let it through.
    expect(log).toContain(`Preflight: blocked ${targets.blocked.ip}:${targets.blocked.port} is unreachable (dropped by the egress rules)`);
    // The display was logged in to once while the desktop was made (its first login costs the VNC server most).
    await eventually(
      async () =>
        /Display answers a viewer login: 1280×800 \(\d+ ms\)/.test(
          (await t.ok<any>(`query($id: ID!) { sessionLog(id: $id) }`, { id: sessionId }, candidate.token)).sessionLog,
        ),
      60_000,
      'the display warm-up line',
    );
    const info = await docker.getContainer(route).inspect();
    expect(info.HostConfig.CapDrop).toEqual(['ALL']);
    expect(info.HostConfig.SecurityOpt).toContain('no-new-privileges:true');
    expect(info.HostConfig.PortBindings ?? {}).toEqual({});
    expect(info.Config.User).toBe('student');
    expect(vdiChains()).toHaveLength(1);
  });

  it('shows the kiosk page of the allowed test server in the viewer (headless Chromium + noVNC)', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${t.server.url}/login`);
    await page.evaluate((token) => localStorage.setItem('vdi.token', token), candidate.token);
    await page.goto(`${t.server.url}/viewer/${sessionId}`);
    await page.waitForSelector('[data-vnc-status="connected"]', { timeout: 30_000 });
    const rgb = await eventually(
      async () => {
        const px = await page.evaluate(() => {
          const c = document.querySelector('canvas');
          if (!c || c.width < 100) return null;
          return Array.from(
            c
              .getContext('2d')!
              .getImageData(Math.floor(c.width / 2), Math.floor(c.height * 0.8), 1, 1)
              .data.slice(0, 3),
          );
        });
        return px && Math.abs(px[0]! - KIOSK_RGB[0]) < 20 && Math.abs(px[1]! - KIOSK_RGB[1]) < 20 && Math.abs(px[2]! - KIOSK_RGB[2]) < 20 && px;
      },
      45_000,
      'the kiosk page on the remote screen',
    ).catch(async (err: Error) => {
      // Keep what the candidate would have seen, and why, for whoever reads the failure.
      await page.screenshot({ path: path.join(shots, 'kiosk-failed.png') });
      throw new Error(`${err.message}; screen saved in ${shots}/kiosk-failed.png`);
    });
    expect(rgb).toHaveLength(3);
    await page.screenshot({ path: path.join(shots, 'kiosk.png') });
    expect(fs.statSync(path.join(shots, 'kiosk.png')).size).toBeGreaterThan(1000);
    expect(targets.allowed.hits()).toBeGreaterThan(0);
    await page.close();
  });

  it("cannot reach a blocked server of the test's own from inside the desktop", async () => {
    const out = await execIn(route, `timeout 3 bash -c 'exec 3<>/dev/tcp/${targets.blocked.ip}/${targets.blocked.port}' && echo REACHED || echo BLOCKED`);
    expect(out).toContain('BLOCKED');
    expect(targets.blocked.hits()).toBe(0);
  });

  it("gives Chromium the session's URL allowlist over the image's policy, read-only to the candidate", async () => {
    const policy = JSON.parse(await execIn(route, 'cat /etc/chromium/policies/managed/exam.json'));
    expect(policy.URLAllowlist).toContain(new URL(targets.allowed.url).origin);
    expect(policy).toMatchObject({ URLBlocklist: ['*'], DeveloperToolsAvailability: 2 });
    expect(
      // The shell's "Permission denied" is kept out: stderr and stdout arrive in either order.
      await execIn(
        route,
        'stat -c %U:%a /etc/chromium/policies/managed/exam.json; (echo x >> /etc/chromium/policies/managed/exam.json) 2>/dev/null || echo REFUSED',
      ),
    ).toMatch(/^root:644\n[\s\S]*REFUSED/);
  });

  it("refuses the display without a valid ticket, with a reused or another session's ticket, and to another user", async () => {
    const base = t.server.url.replace('http', 'ws');
    await expect(firstBytes(`${base}/desktop/${sessionId}`)).rejects.toThrow('HTTP 403');
    const a = (await access(candidate.token, sessionId)).data.desktopAccess;
    expect(await firstBytes(`${base}${a.url}`)).toBe('RFB 003.008\n');
    await expect(firstBytes(`${base}${a.url}`)).rejects.toThrow('HTTP 403');
    const other = randomUUID();
    await expect(firstBytes(`${base}${a.url.replace(sessionId, other)}`)).rejects.toThrow('HTTP 403');
    const b = (await t.ok<any>(`mutation { login(username: "kiosk-b", password: "kiosk-b-password") { token } }`)).login.token;
    expect((await access(b, sessionId)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it("opens the worker's VNC port only with a valid, fresh, unused token for that session and worker", async () => {
    const url = (token?: string) => `${gatewayUrl}/desktop/${sessionId}${token ? `?token=${token}` : ''}`;
    await expect(firstBytes(url())).rejects.toThrow('HTTP 401');
    await expect(firstBytes(url(await gatewayToken(sessionId, { key: 'not-the-guac-token-key-0123456789' })))).rejects.toThrow('HTTP 401');
    await expect(firstBytes(url(await gatewayToken(sessionId, { iatOffset: -120 })))).rejects.toThrow('HTTP 401');
    await expect(firstBytes(url(await gatewayToken(sessionId, { ttl: 600 })))).rejects.toThrow('HTTP 401');
    await expect(firstBytes(url(await gatewayToken(randomUUID())))).rejects.toThrow('HTTP 403');
    await expect(firstBytes(`${gatewayUrl}/desktop/${sessionId}?token=${await gatewayToken(sessionId, { wid: 'another-worker' })}`)).rejects.toThrow(
      'HTTP 403',
    );
    const good = await gatewayToken(sessionId);
    expect(await firstBytes(url(good))).toBe('RFB 003.008\n');
    await expect(firstBytes(url(good))).rejects.toThrow('HTTP 401');
  });

  it('restores missing rules and removes stale ones when the worker restarts', async () => {
    const [chain] = vdiChains();
    await worker.kill('SIGKILL');
    execFileSync('iptables', ['-w', '-N', 'VDI-stale0000']);
    execFileSync('iptables', ['-w', '-F', chain!]); // a rule set half lost while the worker was down
    worker = await startWorkerProcess(t, workerCode, {
      EXAM_RESTRICT_INTERNET: 'true',
      EXAM_FIREWALL_ENFORCE_STRICT: 'true',
      EXAM_PREFLIGHT_BLOCKED: `${targets.blocked.ip}:${targets.blocked.port}`,
      WORKER_PUBLIC_PORT: new URL(gatewayUrl.replace('ws', 'http')).port,
    });
    await eventually(
      async () => !vdiChains().includes('VDI-stale0000') && execFileSync('iptables', ['-w', '-S', chain!]).toString().includes('-j DROP'),
      20_000,
      'rules restored',
    );
    expect(vdiChains()).toEqual([chain]);
  });

  it("fails closed when a product's rules let the preflight's blocked target through: FAILED, nothing left behind", async () => {
    const product = (
      await t.ok<any>(
        `mutation($i: ProductInput!) { createProduct(input: $i) { id } }`,
        {
          i: {
            name: 'Leaky exam',
            priceCoins: 0,
            provisionAction: 'LINUX',
            cpus: 1,
            memoryMb: 1024,
            shmMb: 256,
            browserUrl: targets.allowed.url,
            network: { restrictInternet: true, allowedIps: [targets.allowed.ip, targets.blocked.ip], strict: true },
          },
        },
        t.adminToken,
      )
    ).createProduct.id;
    const now = Date.now();
    const exam = (
      await t.ok<any>(
        `mutation($i: ExamInput!) { createExam(input: $i) { id } }`,
        {
          i: {
            code: 'LEAKY',
            name: 'Leaky',
            productId: product,
            startsAt: new Date(now).toISOString(),
            endsAt: new Date(now + 3_600_000).toISOString(),
            expectedCandidates: 1,
          },
        },
        t.adminToken,
      )
    ).createExam.id;
    await t.ok(`mutation($e: ID!) { importRoster(examId: $e, csv: "kiosk-c,kiosk-c-password") { added } }`, { e: exam }, t.adminToken);
    const token = (await t.ok<any>(`mutation { login(username: "kiosk-c", password: "kiosk-c-password") { token } }`)).login.token;
    const leaky = (await t.ok<any>(`mutation { joinExam(examCode: "LEAKY") { id } }`, {}, token)).joinExam.id;
    const failed = await eventually(
      async () => {
        const s = (await t.ok<any>(`query($id: ID!) { session(id: $id) { state failureReason } }`, { id: leaky }, token)).session;
        return s.state === 'FAILED' && s;
      },
      90_000,
      'FAILED',
    );
    expect(failed.failureReason).toContain(`preflight failed: blocked ${targets.blocked.ip}:${targets.blocked.port} answers`);
    expect(await containersOf(leaky)).toEqual([]);
    expect(vdiChains()).toHaveLength(1);
  }, 150_000);

  it('removes the desktop and its rules when the candidate releases it', async () => {
    await t.ok(`mutation($id: ID!) { releaseSession(id: $id) { state } }`, { id: sessionId }, candidate.token);
    await eventually(
      async () => (await t.ok<any>(`query($id: ID!) { session(id: $id) { state } }`, { id: sessionId }, candidate.token)).session.state === 'DELETED',
      30_000,
      'DELETED',
    );
    expect(await containersOf(sessionId)).toEqual([]);
    expect(vdiChains()).toEqual([]);
  });
});
