import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, startTestServer, type TestServer } from '../../server/test/harness.js';
import { containersOf, docker, eventually, requireDocker, startWorkerProcess, TEST_IMAGE, type WorkerProcess } from './worker-harness.js';

const SESSION = `query($id: ID!) { session(id: $id) { id state workerRoute failureReason connection { protocol username password } } }`;
const BUY = `mutation($p: ID!, $k: String!) { purchaseAndCreate(productId: $p, idempotencyKey: $k) { id state } }`;

describe('worker agent with a real Docker Engine', () => {
  let t: TestServer;
  let worker: WorkerProcess;
  let user: { id: string; token: string };
  let productId: string;

  const state = async (id: string) => (await t.ok<any>(SESSION, { id }, user.token)).session;
  const waitState = (id: string, want: string, timeoutMs = 60_000) =>
    eventually(async () => ((await state(id)).state === want ? state(id) : null), timeoutMs, `session ${id} to be ${want}`);
  const balance = async () => (await t.ok<any>(`{ me { coinBalance } }`, {}, user.token)).me.coinBalance;

  beforeAll(async () => {
    await requireDocker();
    t = await startTestServer();
    user = await t.user('USER');
    await t.ok(`mutation($u: ID!) { adjustCoins(input: { userId: $u, op: ADD, amount: 1000, reason: "tests" }) { id } }`, { u: user.id }, t.adminToken);
    productId = (
      await t.ok<any>(
        `mutation($i: ProductInput!) { createProduct(input: $i) { id } }`,
        { i: { name: 'Test VM', priceCoins: 10, provisionAction: 'TEST', image: TEST_IMAGE, cpus: 0.5, memoryMb: 128, shmMb: 16 } },
        t.adminToken,
      )
    ).createProduct.id;
    worker = await startWorkerProcess(t, 'e2e-worker');
  });
  afterAll(async () => {
    await worker?.kill();
    await t?.close();
  });

  it('registers and heartbeats: visible in `workers` with the engine version and capacity 4', async () => {
    const w = await eventually(
      async () => {
        const list = (await t.ok<any>(`{ workers { code health maxSessions driver { reachable version } } }`, {}, t.adminToken)).workers;
        return list.find((x: any) => x.code === 'e2e-worker' && x.health === 'HEALTHY' && x.driver?.reachable);
      },
      20_000,
      'a healthy worker',
    );
    expect(w.maxSessions).toBe(4);
    expect(w.driver.version).toMatch(/^\d+\./);
  });

  it('buys a TEST desktop: READY with limits and security in docker inspect, log over the subscription, credentials in the log; delete removes it', async () => {
    const before = await balance();
    const bought = (await t.ok<any>(BUY, { p: productId, k: 'e2e-1' }, user.token)).purchaseAndCreate;
    expect(bought.state).toBe('PENDING');
    expect(await balance()).toBe(before - 10);
    const lines = collect<any>(t.ws(user.token), `subscription($id: ID!) { sessionLog(id: $id) }`, { id: bought.id }, 1);
    const ready = await waitState(bought.id, 'READY');
    expect(ready.workerRoute).toMatch(/^quack_[0-9a-f]{12}$/);
    expect(ready.connection).toMatchObject({ protocol: 'test', username: 'desktop' });
    expect(ready.connection.password.length).toBeGreaterThan(8);

    const [c] = await containersOf(bought.id);
    const info = await docker.getContainer(c!.Id).inspect();
    expect(info.Name).toBe(`/${ready.workerRoute}`);
    expect(info.HostConfig.NanoCpus).toBe(0.5e9);
    expect(info.HostConfig.Memory).toBe(128 * 1048576);
    expect(info.HostConfig.ShmSize).toBe(16 * 1048576);
    expect(info.HostConfig.PidsLimit).toBe(512);
    expect(info.HostConfig.SecurityOpt).toContain('no-new-privileges:true');
    expect(info.HostConfig.CapDrop).toEqual(['ALL']);
    expect(info.HostConfig.Privileged).toBe(false);
    expect(info.HostConfig.RestartPolicy?.Name).toBe('no');
    expect(info.Config.Labels['vdi.session']).toBe(bought.id);
    // The desktop joined a network sandbox made ahead of time: a locked-down holder on the session's own bridge.
    const holderName = info.Config.Labels['vdi.sandbox']!;
    expect(holderName).toMatch(/^vdi-sbx-[0-9a-f]{10}$/);
    const holder = await docker.getContainer(holderName).inspect();
    expect(info.HostConfig.NetworkMode).toBe(`container:${holder.Id}`);
    expect(holder.State.Running).toBe(true);
    expect(holder.Config.User).toBe('65534:65534');
    expect(holder.HostConfig).toMatchObject({ CapDrop: ['ALL'], ReadonlyRootfs: true, Privileged: false, PidsLimit: 4, Memory: 16 * 1048576 });
    expect(holder.HostConfig.SecurityOpt).toContain('no-new-privileges:true');
    expect(holder.Config.Labels['vdi.managed']).toBeUndefined();
    const nets = Object.keys(holder.NetworkSettings.Networks);
    expect(nets).toEqual([holderName.replace('vdi-sbx-', 'vdi-net-')]);
    const net = await docker.getNetwork(nets[0]!).inspect();
    expect(net.Options?.['com.docker.network.bridge.enable_icc']).toBe('false');
    expect(Object.keys(net.Containers ?? {})).toEqual([holder.Id]);
    // One namespace: the desktop's own view of its interfaces holds the holder's address.
    const ip = holder.NetworkSettings.Networks[nets[0]!]!.IPAddress;
    expect(execFileSync('docker', ['exec', c!.Id, 'cat', '/proc/net/fib_trie'], { encoding: 'utf8' })).toContain(ip);

    expect((await lines.done)[0].sessionLog.length).toBeGreaterThan(0);
    const log = (await t.ok<any>(`query($id: ID!) { sessionLog(id: $id) }`, { id: bought.id }, user.token)).sessionLog;
    expect(log).toContain('Provisioning TEST desktop');
    expect(log).toContain(`Password: ${ready.connection.password}`);
    const stranger = await t.user('USER');
    expect((await t.gql(`query($id: ID!) { sessionLog(id: $id) }`, { id: bought.id }, stranger.token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const del = (await t.ok<any>(`mutation($id: ID!) { deleteSession(id: $id) { state } }`, { id: bought.id }, user.token)).deleteSession;
    expect(del.state).toBe('STOPPING');
    await waitState(bought.id, 'DELETED');
    expect(await containersOf(bought.id)).toEqual([]);
    expect((await docker.listContainers({ all: true, filters: { name: [holderName] } })).length).toBe(0);
    expect((await docker.listNetworks({ filters: { name: [nets[0]!] } })).filter((n) => n.Name === nets[0])).toEqual([]);
  });

  it('returns the same session for the same idempotency key and CONFLICT for another product', async () => {
    const before = await balance();
    const a = (await t.ok<any>(BUY, { p: productId, k: 'same-key' }, user.token)).purchaseAndCreate;
    const b = (await t.ok<any>(BUY, { p: productId, k: 'same-key' }, user.token)).purchaseAndCreate;
    expect(b.id).toBe(a.id);
    expect(await balance()).toBe(before - 10);
    const other = (await t.ok<any>(`mutation { createProduct(input: { name: "Other", priceCoins: 1, provisionAction: TEST }) { id } }`, {}, t.adminToken))
      .createProduct.id;
    expect((await t.gql(BUY, { p: other, k: 'same-key' }, user.token)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await waitState(a.id, 'READY');
    await t.ok(`mutation($id: ID!) { deleteSession(id: $id) { id } }`, { id: a.id }, user.token);
    await waitState(a.id, 'DELETED');
  });

  it('fails an unknown image with a clear reason, refunds, and leaves nothing behind', async () => {
    const bad = (
      await t.ok<any>(
        `mutation { createProduct(input: { name: "Broken image", priceCoins: 25, provisionAction: TEST, image: "vdi-no-such-image:1" }) { id } }`,
        {},
        t.adminToken,
      )
    ).createProduct.id;
    const before = await balance();
    const s = (await t.ok<any>(BUY, { p: bad, k: 'bad-image' }, user.token)).purchaseAndCreate;
    const failed = await waitState(s.id, 'FAILED');
    expect(failed.failureReason).toMatch(/vdi-no-such-image:1 is not on this worker and could not be pulled/);
    expect(await balance()).toBe(before);
    const ledger = (await t.ok<any>(`{ coinLedger(first: 2) { edges { node { kind delta } } } }`, {}, user.token)).coinLedger.edges.map((e: any) => e.node);
    expect(ledger).toEqual([
      { kind: 'REFUND', delta: 25 },
      { kind: 'PURCHASE', delta: -25 },
    ]);
    expect(await containersOf(s.id)).toEqual([]);
  });

  it("refuses to sell more than the worker can hold (NO_CAPACITY; the worker's reason for staff only)", async () => {
    await t.ok(`mutation($id: ID!) { updateWorker(id: $id, input: { maxSessionsOverride: 0 }) { id } }`, { id: await workerId(t, 'e2e-worker') }, t.adminToken);
    try {
      const r = await t.gql(BUY, { p: productId, k: 'no-room' }, user.token);
      expect(r.errors?.[0]?.extensions?.code).toBe('NO_CAPACITY');
      expect(r.errors?.[0]?.extensions?.reasons).toBeUndefined();
      expect(r.errors?.[0]?.extensions?.reasonsByKind).toEqual({ NO_FREE_SLOT: 1 });
      const staff = await t.ok<any>(`query($p: ID!) { placementExplain(productId: $p) { eligible reason worker { code } } }`, { p: productId }, t.adminToken);
      expect(staff.placementExplain).toEqual(
        expect.arrayContaining([expect.objectContaining({ eligible: false, worker: { code: 'e2e-worker' }, reason: expect.stringMatching(/no free slot/) })]),
      );
    } finally {
      await t.ok(
        `mutation($id: ID!) { updateWorker(id: $id, input: { clearMaxSessionsOverride: true }) { id } }`,
        { id: await workerId(t, 'e2e-worker') },
        t.adminToken,
      );
    }
  });

  it('runs a command queued while the worker was down exactly once when it comes back', async () => {
    await worker.kill('SIGKILL');
    const s = (await t.ok<any>(BUY, { p: productId, k: 'while-down' }, user.token)).purchaseAndCreate;
    await new Promise((r) => setTimeout(r, 500));
    expect(await containersOf(s.id)).toEqual([]);
    worker = await startWorkerProcess(t, 'e2e-worker');
    await waitState(s.id, 'READY');
    expect(await containersOf(s.id)).toHaveLength(1);
    // READY is reported before the command is acknowledged; wait for the acknowledgement.
    const commands = () => t.server.orm.em.fork().getConnection().execute(`select kind, state from worker_commands where session_id = ?`, [s.id]);
    await eventually(async () => (await commands())[0]?.state === 'SUCCEEDED', 10_000, 'the create to be acknowledged');
    expect(await commands()).toEqual([{ kind: 'CREATE_SESSION', state: 'SUCCEEDED' }]);
    // Delivered to the dead socket and again on reconnect, but run once: one provisioning in the log.
    const log = (await t.ok<any>(`query($id: ID!) { sessionLog(id: $id) }`, { id: s.id }, user.token)).sessionLog as string;
    expect(log.match(/Provisioning TEST desktop/g)).toHaveLength(1);
    expect(worker.output().match(new RegExp(`"sessionId":"${s.id}"[^\n]*running command|running command[^\n]*"sessionId":"${s.id}"`, 'g'))).toHaveLength(1);
    await t.ok(`mutation($id: ID!) { deleteSession(id: $id) { id } }`, { id: s.id }, user.token);
    await waitState(s.id, 'DELETED');
  });

  it('stops a labelled container the control plane does not know (restart safety)', async () => {
    const orphanSession = '11111111-2222-4333-8444-555555555555';
    const c = await docker.createContainer({
      Image: TEST_IMAGE,
      name: 'quack_orphan0001',
      Labels: { 'vdi.managed': 'true', 'vdi.worker': 'e2e-worker', 'vdi.session': orphanSession },
    });
    await c.start();
    await eventually(async () => (await containersOf(orphanSession)).length === 0, 30_000, 'the orphan to be removed');
  });
});

async function workerId(t: TestServer, code: string): Promise<string> {
  return (await t.ok<any>(`{ workers { id code } }`, {}, t.adminToken)).workers.find((w: any) => w.code === code).id;
}
