import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import { SandboxPool } from '../src/sandbox-pool.js';
import { CLUSTER_TOKEN, GUAC_TOKEN_KEY, type TestServer } from '../../server/test/harness.js';
import { freePort } from '../../server/test/process.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TEST_IMAGE = 'vdi-test-desktop:latest';
export const docker = new Docker();

/**
 * Fails loudly when no Docker Engine answers (scripts/test-prerequisites.sh installs and starts
 * one) and builds the TEST image when it is missing.
 */
export async function requireDocker(): Promise<void> {
  try {
    await docker.ping();
  } catch (err) {
    throw new Error(`Docker Engine unreachable (${(err as Error).message}): these suites need a real engine; run scripts/test-prerequisites.sh`);
  }
  try {
    await docker.getImage(TEST_IMAGE).inspect();
  } catch {
    execFileSync(path.join(root, 'worker/test-image/build.sh'), [TEST_IMAGE], { stdio: 'inherit' });
  }
}

/** Builds the exam desktop image when it is missing (exam-linux/build.sh; a debootstrap base when nothing can be pulled). */
export function requireExamImage(image = 'sot-exam-linux:latest'): void {
  execFileSync(path.join(root, 'exam-linux/build.sh'), [], { stdio: 'inherit', env: { ...process.env, EXAM_IMAGE_NAME: image } });
}

/** Builds the VPS Linux desktop image when it is missing (linux-desktop/build.sh; a debootstrap base when nothing can be pulled). */
export function ensureLinuxDesktopImage(image = 'vdi-linux-desktop:latest'): void {
  execFileSync(path.join(root, 'linux-desktop/build.sh'), [], { stdio: 'inherit', env: { ...process.env, VPS_LINUX_IMAGE: image } });
}

/** A worker agent in its own process, so a test can kill it. */
export interface WorkerProcess {
  code: string;
  proc: ChildProcess;
  output(): string;
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * One state folder per worker code, as on a real machine: a restarted agent finds the credential
 * it kept (the control plane refuses the cluster token alone for a code that holds one).
 */
const stateDirs = new Map<string, string>();
process.once('exit', () => {
  for (const dir of stateDirs.values()) fs.rmSync(dir, { recursive: true, force: true });
});

export async function startWorkerProcess(t: TestServer, code: string, env: Record<string, string> = {}): Promise<WorkerProcess> {
  let stateDir = stateDirs.get(`${t.server.url}|${code}`);
  if (!stateDir) {
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vdi-worker-state-'));
    stateDirs.set(`${t.server.url}|${code}`, stateDir);
  }
  const gatewayPort = env.WORKER_PUBLIC_PORT ?? String(await freePort());
  let out = '';
  // node itself (not the tsx wrapper, which forks): a SIGKILL must reach the agent.
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'worker/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      WORKER_CODE: code,
      WORKER_CLUSTER_TOKEN: CLUSTER_TOKEN,
      CONTROL_PLANE_API_BASE: t.server.url,
      WORKER_API_BASE_URL: `http://127.0.0.1:${gatewayPort}`,
      WORKER_PUBLIC_PORT: gatewayPort,
      WORKER_PUBLIC_HOST: '127.0.0.1',
      GUAC_TOKEN_KEY: t.config.guacTokenKey ?? GUAC_TOKEN_KEY,
      // Suites that need the exam image build it first (requireExamImage); the others never wait for it.
      EXAM_IMAGE_AUTOBUILD: 'false',
      HEARTBEAT_INTERVAL_SEC: '1',
      WORKER_STATE_DIR: stateDir,
      WORKER_CPUS: '8',
      WORKER_MEMORY_MB: '12288',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const w: WorkerProcess = {
    code,
    proc,
    output: () => out,
    async waitFor(text, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!(typeof text === 'string' ? out.includes(text) : text.test(out))) {
        if (proc.exitCode !== null) throw new Error(`worker exited:\n${out}`);
        if (Date.now() > deadline) throw new Error(`worker never printed ${text}:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async kill(signal = 'SIGTERM') {
      if (proc.exitCode === null) proc.kill(signal);
      await exited;
      // Spares an agent left (killed, or stopped while its engine was away) would use up the
      // engine's network address pools over many runs; holders a desktop joined stay.
      await new SandboxPool(docker, code).removeIdle();
    },
  };
  await w.waitFor('registered with the control plane');
  return w;
}

/** Polls until `check` returns a truthy value. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Containers of a session, by label. */
export async function containersOf(sessionId: string) {
  return docker.listContainers({ all: true, filters: { label: [`vdi.session=${sessionId}`] } });
}
