import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, launchServer } from '../test/process.js';
import { postmasterPid, processAlive as alive } from './db/embedded-postgres.js';

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
      body: JSON.stringify({ query: '{ workers { code health driver { reachable } } }' }),
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
    body: JSON.stringify({ query: `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, variables: { u: username, p: password } }),
  });
  return (await res.json()) as { data?: { login: { token: string } }; errors?: unknown[] };
}

describe('the control plane process on its embedded default (npm start)', () => {
  beforeAll(() => {
    execFileSync('npm', ['run', 'build', '-w', 'server'], { cwd: root, stdio: 'ignore' });
  });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vdi-main-'));
  fs.chmodSync(dataDir, 0o755);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('starts an embedded PostgreSQL, prints the first admin password once, keeps data and secrets across a restart, and stops promptly with PostgreSQL on SIGTERM and Ctrl-C', async () => {
    const env = { VDI_DATA_DIR: dataDir, PORT: String(await freePort()), VDI_EMBEDDED_PG_PORT: String(await freePort()), HOST: '127.0.0.1' };
    const first = await launch(env);
    const password = /password "([^"]+)"/.exec(first.output())?.[1];
    expect(password).toBeTruthy();
    const token = (await login(Number(env.PORT), 'admin', password!)).data!.login.token;
    expect(token).toBeTruthy();
    // All-in-one: with a Docker Engine on the machine, a local worker joins by itself.
    expect(first.output()).toContain('started a local worker');
    const local = await waitForLocalWorker(Number(env.PORT), token);
    expect(local).toMatchObject({ health: 'HEALTHY', driver: { reachable: true } });
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
    expect((await login(Number(env.PORT), 'admin', password!)).data?.login.token).toBeTruthy();
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

  it('stops cleanly on Ctrl-C in a terminal, which signals PostgreSQL and the local worker too', async () => {
    const ownDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vdi-main-ctrl-c-'));
    fs.chmodSync(ownDir, 0o755);
    try {
      // Loops every 100 ms: a pass would fall in the local worker's stop if the loops outlived it.
      const env = { VDI_DATA_DIR: ownDir, PORT: String(await freePort()), VDI_EMBEDDED_PG_PORT: String(await freePort()), HOST: '127.0.0.1', VDI_LOOP_INTERVAL_SEC: '0.1' };
      const run = await launch(env, { ownProcessGroup: true });
      const password = /password "([^"]+)"/.exec(run.output())![1];
      expect(await waitForLocalWorker(Number(env.PORT), (await login(Number(env.PORT), 'admin', password)).data!.login.token)).toBeTruthy();
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

  it('refuses to start with a bad setting and names it', async () => {
    const proc = spawn(launcher, [], { env: { ...process.env, PORT: 'not-a-port' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    proc.stderr!.on('data', (d) => (err += d));
    const code = await new Promise((r) => proc.on('exit', r));
    expect(code).toBe(1);
    expect(err).toMatch(/PORT/);
  });
});
