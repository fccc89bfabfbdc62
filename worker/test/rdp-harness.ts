import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestServer } from '../../server/test/harness.js';
import { docker, eventually, TEST_IMAGE } from './worker-harness.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The RDP stand-in (worker/test-image/rdp-stub): busybox answering RDP's first packet on 3389. */
export const RDP_STUB_IMAGE = 'vdi-test-rdp:latest';
/** The VPS Linux desktop image (VPS_LINUX_IMAGE's default). */
export const LINUX_DESKTOP_IMAGE = 'vdi-linux-desktop:latest';
/** Debian's FreeRDP client behind linux-desktop/rdp-login-check.sh. */
export const RDP_LOGIN_CHECK = path.join(root, 'linux-desktop/rdp-login-check.sh');

/** Builds the RDP stand-in from the TEST image when it is missing (call requireDocker first). */
export function requireRdpStubImage(): void {
  try {
    execFileSync('docker', ['image', 'inspect', RDP_STUB_IMAGE], { stdio: 'ignore' });
  } catch {
    execFileSync('docker', ['build', '-q', '--build-arg', `BASE=${TEST_IMAGE}`, '-t', RDP_STUB_IMAGE, path.join(root, 'worker/test-image/rdp-stub')], {
      stdio: 'inherit',
    });
  }
}

/** Builds the VPS Linux desktop image when it is missing (linux-desktop/build.sh). */
export function requireLinuxDesktopImage(image = LINUX_DESKTOP_IMAGE): void {
  execFileSync(path.join(root, 'linux-desktop/build.sh'), [], { stdio: 'inherit', env: { ...process.env, VPS_LINUX_IMAGE: image } });
}

/** Runs linux-desktop/rdp-login-check.sh (RDP_CHECK_PIXEL=x,y in `extraEnv` reads a pixel once in); resolves with its exit code and what it printed. */
export function rdpLogin(
  host: string,
  port: number,
  user: string,
  password: string,
  extraEnv: Record<string, string> = {},
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    // A loaded machine gets more than the check's default 45 s.
    const env = { ...process.env, RDP_CHECK_TIMEOUT_SEC: process.env.RDP_CHECK_TIMEOUT_SEC ?? '90', ...extraEnv };
    execFile(RDP_LOGIN_CHECK, [host, String(port), user, password], { timeout: 150_000, env }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

/** A port range of `size` ports that no test running beside this one is likely to use. */
export function randomPortRange(size: number): { from: number; to: number; env: string } {
  // Below the kernel's ephemeral ports (32768 and up), where outgoing connections of other suites could take one.
  const from = 20000 + Math.floor(Math.random() * 110) * 100;
  return { from, to: from + size - 1, env: `${from}-${from + size - 1}` };
}

/** Worker settings of the RDP suites: ports on loopback only, and a private range of session subnets. */
export function rdpWorkerEnv(ports: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    WORKER_RDP_BIND_HOST: '127.0.0.1',
    WORKER_RDP_PORT_RANGE: ports,
    WORKER_SESSION_SUBNETS: `10.${100 + Math.floor(Math.random() * 100)}.0.0/16`,
    ...extra,
  };
}

const SESSION = `query($id: ID!) { session(id: $id) { id state workerRoute failureReason connection { protocol host port username password } } }`;

/** The session as its owner sees it. */
export async function sessionOf(t: TestServer, token: string, id: string): Promise<any> {
  return (await t.ok<any>(SESSION, { id }, token)).session;
}

/** Waits until the session is in `want` (failing early, with the reason, when it FAILED instead). */
export function waitState(t: TestServer, token: string, id: string, want: string, timeoutMs = 120_000): Promise<any> {
  return eventually(
    async () => {
      // A poll the loaded test server did not answer (a connection reset) is polled again.
      const s = await sessionOf(t, token, id).catch((err: Error) => {
        if (err instanceof TypeError && err.message === 'fetch failed') return null;
        throw err;
      });
      if (!s) return null;
      if (s.state === 'FAILED' && want !== 'FAILED') throw new Error(`session ${id} FAILED: ${s.failureReason}`);
      return s.state === want && s;
    },
    timeoutMs,
    `session ${id} to be ${want}`,
  );
}

/**
 * Waits until every one of `ids` is in `want`, with one `mySessions` query a second (polling each
 * session would load the test server more than the desktops do); fails early when one FAILED.
 */
export async function waitAll(t: TestServer, token: string, ids: string[], want: string, timeoutMs: number): Promise<any[]> {
  const q = `{ mySessions { id state workerRoute failureReason connection { protocol host port username password } } }`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const all: any[] | null = await t
      .ok<any>(q, {}, token)
      .then((d) => d.mySessions)
      .catch((err: Error) => {
        if (err instanceof TypeError && err.message === 'fetch failed') return null;
        throw err;
      });
    const mine = all?.filter((s) => ids.includes(s.id)) ?? [];
    const failed = want === 'FAILED' ? undefined : mine.find((s) => s.state === 'FAILED');
    if (failed) throw new Error(`session ${failed.id} FAILED: ${failed.failureReason}`);
    if (mine.length === ids.length && mine.every((s) => s.state === want)) return ids.map((id) => mine.find((s) => s.id === id));
    if (Date.now() > deadline) {
      const states: Record<string, number> = {};
      for (const s of mine) states[s.state] = (states[s.state] ?? 0) + 1;
      throw new Error(`timed out waiting for ${ids.length} sessions to be ${want}: ${JSON.stringify(states)}`);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** The session's log as its owner reads it. */
export async function logOf(t: TestServer, token: string, id: string): Promise<string> {
  return (await t.ok<any>(`query($id: ID!) { sessionLog(id: $id) }`, { id }, token)).sessionLog;
}

/** Removes what a failed run of a worker left: its containers, then their networks. */
export async function removeLeftovers(workerCode: string): Promise<void> {
  const containers = await docker.listContainers({ all: true, filters: { label: [`vdi.worker=${workerCode}`] } });
  await Promise.all(
    containers.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true, v: true })
        .catch(() => undefined),
    ),
  );
  const nets = await docker.listNetworks({ filters: { label: [`vdi.worker=${workerCode}`] } });
  await Promise.all(
    nets.map((n) =>
      docker
        .getNetwork(n.Id)
        .remove()
        .catch(() => undefined),
    ),
  );
}

/** Containers of this worker publishing `port` on the host (running or not). */
export async function publishersOf(port: number): Promise<string[]> {
  const list = await docker.listContainers({ all: true });
  const out: string[] = [];
  for (const c of list) {
    const info = await docker.getContainer(c.Id).inspect();
    const bindings = Object.values(info.HostConfig.PortBindings ?? {}).flat() as { HostPort?: string }[];
    if (bindings.some((b) => Number(b?.HostPort) === port)) out.push(info.Name.replace(/^\//, ''));
  }
  return out;
}
