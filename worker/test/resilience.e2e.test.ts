import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/harness.js';
import { containersOf, docker, eventually, requireDocker, startWorkerProcess, TEST_IMAGE, type WorkerProcess } from './worker-harness.js';

const WORKERS = `{ workers { id code health lastHeartbeatAt activeSessions driver { reachable error } } }`;

/** A unix socket that forwards to the real Docker socket until closed: an engine we can take away. */
function dockerProxy(): Promise<{ socket: string; close(): Promise<void> }> {
  const socket = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vdi-docker-')), 'docker.sock');
  const conns = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect('/var/run/docker.sock');
    conns.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  return new Promise((resolve) =>
    server.listen(socket, () =>
      resolve({
        socket,
        close: () =>
          new Promise<void>((r) => {
            for (const c of conns) c.destroy();
            server.close(() => r());
          }),
      }),
    ),
  );
}

describe('worker resilience', () => {
  let t: TestServer;
  const workers: WorkerProcess[] = [];
  beforeAll(async () => {
    await requireDocker();
    t = await startTestServer();
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await t?.close();
  });

  it('reconnects and heartbeats by itself after the control plane restarts', async () => {
    const w = await startWorkerProcess(t, 'restart-survivor');
    workers.push(w);
    await w.waitFor('command channel connected');
    const { port } = t.server;
    const dbUrl = t.dbUrl;
    await t.server.dispose();
    await new Promise((r) => setTimeout(r, 1500));
    t = await startTestServer({}, { dbUrl, port });
    const restartedAt = Date.now();
    const fresh = await eventually(
      async () => {
        const me = (await t.ok<any>(WORKERS, {}, t.adminToken)).workers.find((x: any) => x.code === 'restart-survivor');
        return me && new Date(me.lastHeartbeatAt).getTime() > restartedAt ? me : null;
      },
      30_000,
      'a heartbeat after the restart',
    );
    expect(fresh.health).toBe('HEALTHY');
    await eventually(async () => (w.output().match(/command channel connected/g)?.length ?? 0) >= 2, 30_000, 'the command channel to reconnect');
  });

  it('stops once when the stop signal arrives twice (terminal and parent), exits 0 and removes its spare sandboxes', async () => {
    const w = await startWorkerProcess(t, 'double-stop', { WORKER_SANDBOX_SPARES: '2' });
    workers.push(w);
    await w.waitFor('command channel connected');
    const spares = () => docker.listContainers({ all: true, filters: { label: ['vdi.worker=double-stop', 'vdi.pool=true'] } });
    await eventually(async () => (await spares()).length === 2, 30_000, 'two spare sandboxes');
    const exited = new Promise<number | null>((r) => w.proc.once('exit', (code) => r(code)));
    // Ctrl-C reaches the whole process group, and a supervisor forwards its own SIGTERM a moment later.
    w.proc.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 20));
    w.proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(w.output().match(/worker stopping/g)).toHaveLength(1);
    expect(await spares()).toEqual([]);
    expect(await docker.listNetworks({ filters: { label: ['vdi.worker=double-stop', 'vdi.pool=true'] } })).toEqual([]);
  });

  it('reports an unreachable engine; placement refuses the worker with ENGINE_UNREACHABLE', async () => {
    const w = await startWorkerProcess(t, 'no-engine', { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    workers.push(w);
    const me = await eventually(
      async () => (await t.ok<any>(WORKERS, {}, t.adminToken)).workers.find((x: any) => x.code === 'no-engine' && x.driver),
      20_000,
      'an engine report',
    );
    expect(me.driver.reachable).toBe(false);
    expect(me.driver.error).toMatch(/container engine unreachable/);
    const product = (await t.ok<any>(`mutation { createProduct(input: { name: "probe", priceCoins: 0, provisionAction: TEST }) { id } }`, {}, t.adminToken))
      .createProduct.id;
    const verdicts = (await t.ok<any>(`query($p: ID!) { placementExplain(productId: $p) { worker { code } refusal } }`, { p: product }, t.adminToken))
      .placementExplain;
    expect(verdicts.find((v: any) => v.worker.code === 'no-engine').refusal).toBe('ENGINE_UNREACHABLE');
  });

  it('fails a session with a clear reason and releases its slot when the engine goes away', async () => {
    const proxy = await dockerProxy();
    const w = await startWorkerProcess(t, 'engine-lost', { DOCKER_HOST: `unix://${proxy.socket}`, HEARTBEAT_INTERVAL_SEC: '60' });
    workers.push(w);
    const me = await eventually(
      async () => (await t.ok<any>(WORKERS, {}, t.adminToken)).workers.find((x: any) => x.code === 'engine-lost' && x.driver?.reachable),
      20_000,
      'a reachable engine',
    );
    for (const other of (await t.ok<any>(WORKERS, {}, t.adminToken)).workers.filter((x: any) => x.code !== 'engine-lost')) {
      await t.ok(`mutation($id: ID!) { disableWorker(id: $id, force: true) { id } }`, { id: other.id }, t.adminToken);
    }
    const user = await t.user('USER');
    await t.ok(`mutation($u: ID!) { adjustCoins(input: { userId: $u, op: ADD, amount: 50, reason: "tests" }) { id } }`, { u: user.id }, t.adminToken);
    const product = (
      await t.ok<any>(
        `mutation($i: ProductInput!) { createProduct(input: $i) { id } }`,
        { i: { name: 'lost engine VM', priceCoins: 50, provisionAction: 'TEST', image: TEST_IMAGE, cpus: 0.5, memoryMb: 128, shmMb: 16 } },
        t.adminToken,
      )
    ).createProduct.id;
    await proxy.close();
    const s = (await t.ok<any>(`mutation($p: ID!) { purchaseAndCreate(productId: $p, idempotencyKey: "lost") { id } }`, { p: product }, user.token))
      .purchaseAndCreate;
    const failed = await eventually(
      async () => {
        const x = (await t.ok<any>(`query($id: ID!) { session(id: $id) { state failureReason } }`, { id: s.id }, user.token)).session;
        return x.state === 'FAILED' ? x : null;
      },
      30_000,
      'the session to fail',
    );
    expect(failed.failureReason).toMatch(/ENOENT|ECONNREFUSED|connect/);
    expect((await t.ok<any>(`{ me { coinBalance } }`, {}, user.token)).me.coinBalance).toBe(50);
    const after = (await t.ok<any>(WORKERS, {}, t.adminToken)).workers.find((x: any) => x.id === me.id);
    expect(after.activeSessions).toBe(0);
    expect(await containersOf(s.id)).toEqual([]);
  });
});
