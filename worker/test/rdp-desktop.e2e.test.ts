import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/harness.js';
import { launchBrowser } from '../../server/test/browser.js';
import { containersOf, docker, eventually, requireDocker, startWorkerProcess, type WorkerProcess } from './worker-harness.js';
import { createTestTargets, vdiChains, type TestTargets } from './test-network.js';
import {
  LINUX_DESKTOP_IMAGE,
  logOf,
  publishersOf,
  randomPortRange,
  rdpLogin,
  removeLeftovers,
  rdpWorkerEnv,
  requireLinuxDesktopImage,
  waitState,
} from './rdp-harness.js';

const BUY = `mutation($p: ID!, $k: String!) { purchaseAndCreate(productId: $p, idempotencyKey: $k) { id } }`;
/** The colour of the window the test paints on the desktop, to find it through both doors. */
const PAINTED_RGB = [0, 200, 80] as const;

/** The password in the one "RDP ready" line of a session log, checked against what the line says. */
function rdpLine(log: string): { host: string; port: number; user: string; password: string } {
  const lines = log.split('\n').filter((l) => l.startsWith('RDP ready: '));
  expect(lines, 'exactly one RDP ready line').toHaveLength(1);
  const m = /^RDP ready: host (\S+) port (\d+) user (\S+) password (\S+)$/.exec(lines[0]!);
  expect(m, lines[0]).not.toBeNull();
  return { host: m![1]!, port: Number(m![2]), user: m![3]!, password: m![4]! };
}

/**
 * VPS desktops over RDP on a real engine, with Debian's FreeRDP client and the web app's viewer:
 * a LINUX DESKTOP on a worker without KVM, where a WINDOWS product is refused with NO_KVM. The
 * WINDOWS code path is rdp-windows.e2e.test.ts.
 */
describe('Linux VPS desktops over RDP (real Docker, FreeRDP, Chromium)', () => {
  let t: TestServer;
  let linuxWorker: WorkerProcess;
  let targets: TestTargets;
  let browser: Browser;
  let user: { id: string; token: string };
  const products: Record<string, string> = {};
  const linuxRange = randomPortRange(2);
  const suffix = Math.random().toString(36).slice(2, 8);
  const shots = fs.mkdtempSync(path.join(os.tmpdir(), 'vdi-rdp-shots-'));
  const sessions: string[] = [];

  const product = async (key: string, i: Record<string, unknown>) => {
    products[key] = (await t.ok<any>(`mutation($i: ProductInput!) { createProduct(input: $i) { id } }`, { i }, t.adminToken)).createProduct.id;
  };
  const buy = async (key: string, k = `${key}-${sessions.length}`) => {
    const id = (await t.ok<any>(BUY, { p: products[key], k }, user.token)).purchaseAndCreate.id as string;
    sessions.push(id);
    return id;
  };
  const balance = async () => (await t.ok<any>(`{ me { coinBalance } }`, {}, user.token)).me.coinBalance as number;
  const remove = async (id: string) => {
    await t.ok(`mutation($id: ID!) { deleteSession(id: $id) { id } }`, { id }, user.token);
    return waitState(t, user.token, id, 'DELETED', 120_000);
  };

  beforeAll(async () => {
    await requireDocker();
    requireLinuxDesktopImage();
    targets = await createTestTargets();
    t = await startTestServer({ VDI_LOOP_INTERVAL_SEC: '3600' });
    user = await t.user('USER');
    await t.ok(`mutation($u: ID!) { adjustCoins(input: { userId: $u, op: ADD, amount: 1000, reason: "tests" }) { id } }`, { u: user.id }, t.adminToken);
    const vps = { cpus: 1, memoryMb: 1024, shmMb: 256 };
    const restricted = { restrictInternet: true, allowedIps: [targets.allowed.ip], strict: true };
    await product('linux', { name: `Linux ${suffix}`, priceCoins: 10, provisionAction: 'LINUX', linuxDesktop: 'DESKTOP', ...vps, network: restricted });
    await product('sudo', { name: `Linux sudo ${suffix}`, priceCoins: 10, provisionAction: 'LINUX', linuxDesktop: 'DESKTOP', allowSudo: true, ...vps });
    await product('windows', { name: `Windows ${suffix}`, priceCoins: 20, provisionAction: 'WINDOWS', image: LINUX_DESKTOP_IMAGE, ...vps });
    linuxWorker = await startWorkerProcess(
      t,
      `rdp-linux-${suffix}`,
      rdpWorkerEnv(linuxRange.env, {
        WORKER_KVM_DEVICE: '/dev/vdi-test-no-kvm',
        EXAM_PREFLIGHT_BLOCKED: `${targets.blocked.ip}:${targets.blocked.port}`,
      }),
    );
    browser = await launchBrowser();
  }, 1_200_000);
  afterAll(async () => {
    await browser?.close();
    await linuxWorker?.kill();
    await removeLeftovers(`rdp-linux-${suffix}`);
    await t?.close();
    await targets?.dispose();
  });

  it('a worker without KVM reports kvm false and is NO_KVM for a WINDOWS product; the purchase is refused with no debit', async () => {
    const code = linuxWorker.code;
    await eventually(
      async () =>
        (await t.ok<any>(`{ workers { code kvm health } }`, {}, t.adminToken)).workers.find(
          (w: any) => w.code === code && w.health === 'HEALTHY' && w.kvm === false,
        ),
      30_000,
      'the worker reporting kvm false',
    );
    const verdicts = (
      await t.ok<any>(`query($p: ID!) { placementExplain(productId: $p) { eligible refusal reason worker { code } } }`, { p: products.windows }, t.adminToken)
    ).placementExplain;
    expect(verdicts.find((v: any) => v.worker.code === code)).toMatchObject({ eligible: false, refusal: 'NO_KVM' });
    const before = await balance();
    const refused = await t.gql(BUY, { p: products.windows, k: 'no-kvm' }, user.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('NO_CAPACITY');
    expect(await balance()).toBe(before);
  });

  let linux: { id: string; port: number; user: string; password: string; route: string };

  it('a USER buys a LINUX DESKTOP: READY with an rdp connection on a port of the range, one RDP line in the log, only 3389 published, egress restricted', async () => {
    const id = await buy('linux');
    const s = await waitState(t, user.token, id, 'READY', 300_000);
    expect(s.connection).toMatchObject({ protocol: 'rdp', host: '127.0.0.1', username: 'desktop' });
    expect(s.connection.port).toBeGreaterThanOrEqual(linuxRange.from);
    expect(s.connection.port).toBeLessThanOrEqual(linuxRange.to);
    // "The logs contain RDP login credentials when ready": the line is there as soon as READY is.
    const line = rdpLine(await logOf(t, user.token, id));
    expect(line).toEqual({ host: '127.0.0.1', port: s.connection.port, user: 'desktop', password: s.connection.password });
    linux = { id, ...line, route: s.workerRoute };
    const info = await docker.getContainer(s.workerRoute).inspect();
    expect(info.HostConfig.PortBindings).toEqual({ '3389/tcp': [{ HostIp: '127.0.0.1', HostPort: String(line.port) }] });
    expect(info.HostConfig.CapDrop).toEqual(['ALL']);
    const labelled = (info.Config.Labels['vdi.cap-add'] ?? '').split(',').filter(Boolean);
    expect([...(info.HostConfig.CapAdd ?? [])].sort()).toEqual(labelled.map((c) => c.trim().replace(/^CAP_/, '')).sort());
    expect(info.HostConfig.SecurityOpt).toContain('no-new-privileges:true');
    expect(info.HostConfig.Devices ?? []).toEqual([]);
    expect(info.Config.Env).toEqual(expect.arrayContaining(['VDI_USERNAME=desktop', `VDI_PASSWORD=${line.password}`, 'VDI_SUDO=false']));
    expect(vdiChains().length).toBeGreaterThan(0);
  });

  it("FreeRDP logs in through the published port, past the product's egress rules, with the password from the log; a wrong password is refused", async () => {
    const ok = await rdpLogin('127.0.0.1', linux.port, linux.user, linux.password);
    expect(ok.code, ok.output).toBe(0);
    const wrong = await rdpLogin('127.0.0.1', linux.port, linux.user, `${linux.password}x`);
    expect(wrong.code, wrong.output).not.toBe(0);
  });

  it('the browser viewer and an RDP client show the same desktop (a window painted on the display, read back through both doors)', async () => {
    // A window filling the screen in one colour, opened as the user on the desktop's display.
    execFileSync('docker', [
      'exec',
      '-d',
      '-u',
      linux.user,
      '-e',
      'DISPLAY=:1',
      '-e',
      `XAUTHORITY=/home/${linux.user}/.Xauthority`,
      '-e',
      `HOME=/home/${linux.user}`,
      linux.route,
      'xterm',
      '-geometry',
      '220x70+0+0',
      '-bg',
      'rgb:00/c8/50',
      '-fg',
      'rgb:00/c8/50',
    ]);
    const near = (px: number[]) => px.every((v, i) => Math.abs(v - PAINTED_RGB[i]!) < 20);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${t.server.url}/login`);
    await page.evaluate((token) => localStorage.setItem('vdi.token', token), user.token);
    await page.goto(`${t.server.url}/viewer/${linux.id}`);
    await page.waitForSelector('[data-vnc-status="connected"]', { timeout: 60_000 });
    await eventually(
      async () => {
        const px = await page.evaluate(() => {
          const c = document.querySelector('canvas');
          if (!c || c.width < 100) return null;
          return Array.from(c.getContext('2d')!.getImageData(640, 400, 1, 1).data.slice(0, 3));
        });
        return px && near(px) && px;
      },
      45_000,
      'the painted colour in the viewer',
    ).catch(async (err: Error) => {
      await page.screenshot({ path: path.join(shots, 'rdp-viewer-failed.png') });
      throw new Error(`${err.message}; screen saved in ${shots}/rdp-viewer-failed.png`);
    });
    await page.close();
    const seen = await rdpLogin('127.0.0.1', linux.port, linux.user, linux.password, { RDP_CHECK_PIXEL: '640,400' });
    expect(seen.code, seen.output).toBe(0);
    const rgb = /pixel 640,400 rgb\((\d+),(\d+),(\d+)\)/.exec(seen.output);
    expect(rgb, seen.output).not.toBeNull();
    expect(near(rgb!.slice(1).map(Number)), seen.output).toBe(true);
  });

  it('a desktop whose user may sudo runs without no-new-privileges, and its user can sudo', async () => {
    const id = await buy('sudo');
    const s = await waitState(t, user.token, id, 'READY', 300_000);
    expect(s.connection.port).not.toBe(linux.port);
    const info = await docker.getContainer(s.workerRoute).inspect();
    expect(info.HostConfig.SecurityOpt ?? []).not.toContain('no-new-privileges:true');
    expect(info.Config.Env).toContain('VDI_SUDO=true');
    const out = execFileSync('docker', ['exec', '-u', 'desktop', s.workerRoute, 'bash', '-c', `echo '${s.connection.password}' | sudo -S -p '' id -u`], {
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('0');
    await remove(id);
  });

  it('delete frees the port: no container publishes it any more, and the next desktop takes it', async () => {
    await remove(linux.id);
    expect(await containersOf(linux.id)).toEqual([]);
    expect(await publishersOf(linux.port)).toEqual([]);
    // Two ports in the range, the other one freed too: the next in turn after the last given is this one.
    const id = await buy('linux');
    const s = await waitState(t, user.token, id, 'READY', 300_000);
    expect(s.connection.port).toBe(linux.port);
    const ok = await rdpLogin('127.0.0.1', s.connection.port, 'desktop', s.connection.password);
    expect(ok.code, ok.output).toBe(0);
    await remove(id);
  });
});
