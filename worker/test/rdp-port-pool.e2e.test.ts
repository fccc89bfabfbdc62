import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/harness.js';
import { rdpAnswers } from '../src/rdp-probe.js';
import { docker, eventually, requireDocker, startWorkerProcess, type WorkerProcess } from './worker-harness.js';
import { publishersOf, randomPortRange, RDP_STUB_IMAGE, rdpWorkerEnv, removeLeftovers, requireRdpStubImage, waitAll, waitState } from './rdp-harness.js';

const DESKTOPS = 50;
const BUY = `mutation($p: ID!, $k: String!) { purchaseAndCreate(productId: $p, idempotencyKey: $k) { id } }`;

/**
 * The port pool under load, on a real engine and control plane: WINDOWS desktops of a light RDP
 * stand-in (busybox answering RDP's first packet), on a worker told it has KVM (/dev/null stands
 * in for /dev/kvm), with exactly as many ports in its range as desktops.
 */
describe('RDP port pool under load: 50 desktops on one worker (real Docker, real control plane)', () => {
  let t: TestServer;
  let worker: WorkerProcess;
  let user: { id: string; token: string };
  let productId: string;
  const code = `rdp-load-${Math.random().toString(36).slice(2, 8)}`;
  const range = randomPortRange(DESKTOPS);
  const env = rdpWorkerEnv(range.env, {
    WORKER_KVM_DEVICE: '/dev/null',
    WORKER_SANDBOX_SPARES: '0',
    HEARTBEAT_INTERVAL_SEC: '2',
    WORKER_CPUS: '64',
    WORKER_MEMORY_MB: '131072',
    EXAM_VM_CPUS: '1',
    EXAM_VM_MEMORY_MB: '1024',
  });

  const buy = async (key: string) => (await t.ok<any>(BUY, { p: productId, k: key }, user.token)).purchaseAndCreate.id as string;
  /** The worker's last words join a failure: what it was doing is the first question. */
  const explained = <T>(p: Promise<T>) =>
    p.catch((err: Error) => {
      throw new Error(`${err.message}\nworker output (end):\n${worker.output().slice(-6000)}`);
    });
  const ready = (ids: string[]) => explained(waitAll(t, user.token, ids, 'READY', 900_000));
  const deleteAll = async (ids: string[]) => {
    await Promise.all(ids.map((id) => t.ok(`mutation($id: ID!) { deleteSession(id: $id) { id } }`, { id }, user.token)));
    await explained(waitAll(t, user.token, ids, 'DELETED', 900_000));
  };
  const healthyWithKvm = () =>
    eventually(
      async () =>
        (await t.ok<any>(`{ workers { code health kvm driver { reachable } } }`, {}, t.adminToken)).workers.find(
          (w: any) => w.code === code && w.health === 'HEALTHY' && w.kvm && w.driver?.reachable,
        ),
      30_000,
      'the worker healthy, with KVM',
    );
  const mine = () => docker.listContainers({ all: true, filters: { label: [`vdi.worker=${code}`, 'vdi.managed=true'] } });

  beforeAll(async () => {
    await requireDocker();
    requireRdpStubImage();
    t = await startTestServer({ VDI_LOOP_INTERVAL_SEC: '3600' });
    user = await t.user('USER');
    await t.ok(`mutation($u: ID!) { adjustCoins(input: { userId: $u, op: ADD, amount: 100000, reason: "load" }) { id } }`, { u: user.id }, t.adminToken);
    productId = (
      await t.ok<any>(
        `mutation($i: ProductInput!) { createProduct(input: $i) { id } }`,
        {
          i: {
            name: 'RDP stand-in',
            priceCoins: 1,
            provisionAction: 'WINDOWS',
            image: RDP_STUB_IMAGE,
            cpus: 0.1,
            memoryMb: 64,
            shmMb: 0,
            startTimeoutSeconds: 600,
          },
        },
        t.adminToken,
      )
    ).createProduct.id;
    worker = await startWorkerProcess(t, code, env);
    await healthyWithKvm();
  }, 300_000);
  afterAll(async () => {
    await worker?.kill();
    await removeLeftovers(code);
    await t?.close();
  }, 600_000);

  it(`gives ${DESKTOPS} desktops bought at once ${DESKTOPS} different ports of the range; a worker killed mid-way comes back with the same ports`, async () => {
    const first = await Promise.all(Array.from({ length: DESKTOPS / 2 }, (_, i) => buy(`a-${i}`)));
    const before = new Map((await ready(first)).map((s) => [s.id, s.connection.port as number]));
    // The other half is being created when the worker dies: the control plane delivers their creates again.
    const second = await Promise.all(Array.from({ length: DESKTOPS / 2 }, (_, i) => buy(`b-${i}`)));
    await eventually(
      async () => (await t.ok<any>(`{ mySessions { id state } }`, {}, user.token)).mySessions.some((s: any) => second.includes(s.id) && s.state === 'READY'),
      300_000,
      'a first READY',
    );
    await worker.kill('SIGKILL');
    worker = await startWorkerProcess(t, code, env);
    const all = await ready([...first, ...second]);

    const ports = all.map((s) => s.connection.port as number);
    expect(new Set(ports).size).toBe(DESKTOPS);
    for (const p of ports) expect(p >= range.from && p <= range.to, `port ${p} in ${range.env}`).toBe(true);
    for (const s of all) expect(s.connection).toMatchObject({ protocol: 'rdp', host: '127.0.0.1', username: 'Administrator' });
    for (const id of first) expect(all.find((s) => s.id === id).connection.port, 'a desktop kept its port across the restart').toBe(before.get(id));
    // What the engine publishes is what the sessions say, once each, on loopback only, and RDP answers there.
    const containers = await mine();
    expect(containers).toHaveLength(DESKTOPS);
    for (const c of containers) {
      const info = await docker.getContainer(c.Id).inspect();
      const session = all.find((s) => s.id === info.Config.Labels['vdi.session']);
      expect(info.HostConfig.PortBindings).toEqual({ '3389/tcp': [{ HostIp: '127.0.0.1', HostPort: String(session.connection.port) }] });
      expect(info.Config.Labels['vdi.rdp-host-port']).toBe(String(session.connection.port));
    }
    const answers = await Promise.all(ports.map((p) => rdpAnswers('127.0.0.1', p, 5000)));
    expect(answers.filter((a) => !a)).toEqual([]);

    await deleteAll(all.map((s) => s.id));
    expect(await mine()).toEqual([]);
    expect(await Promise.all(ports.slice(0, 5).map(publishersOf))).toEqual([[], [], [], [], []]);
    expect((await Promise.all(ports.map((p) => rdpAnswers('127.0.0.1', p, 2000)))).filter(Boolean)).toEqual([]);
  }, 900_000);

  it(`leaves no port allocated: ${DESKTOPS} more desktops take the whole range again, and a ${DESKTOPS + 1}th is refused`, async () => {
    const ids = await Promise.all(Array.from({ length: DESKTOPS }, (_, i) => buy(`c-${i}`)));
    const all = await ready(ids);
    expect(new Set(all.map((s) => s.connection.port)).size).toBe(DESKTOPS);
    const extra = await buy('one-too-many');
    const failed = await explained(waitState(t, user.token, extra, 'FAILED', 300_000));
    expect(failed.failureReason).toMatch(/no free RDP port in WORKER_RDP_PORT_RANGE/);
    await deleteAll(ids);
    expect(await mine()).toEqual([]);
  }, 900_000);
});
