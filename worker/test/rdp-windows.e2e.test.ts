import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/harness.js';
import { containersOf, docker, eventually, requireDocker, startWorkerProcess, TEST_IMAGE, type WorkerProcess } from './worker-harness.js';
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

/**
 * The WINDOWS product's code path end to end. Here, with no KVM on the machine, the worker is told
 * it has KVM (/dev/null stands in for /dev/kvm) and the Linux VPS image answers RDP as the Windows
 * VM would. On a KVM host, the same suite runs against a real Windows image (README: "What a real
 * Windows VM needs"):
 *   RDP_WINDOWS_IMAGE=<image> RDP_KVM_DEVICE=/dev/kvm RDP_WINDOWS_CPUS=2 RDP_WINDOWS_MEMORY_MB=6144 \
 *     npx vitest run --project main worker/test/rdp-windows.e2e.test.ts
 */
const REAL_IMAGE = process.env.RDP_WINDOWS_IMAGE;
const IMAGE = REAL_IMAGE ?? LINUX_DESKTOP_IMAGE;
const KVM_DEVICE = process.env.RDP_KVM_DEVICE ?? '/dev/null';
const CPUS = Number(process.env.RDP_WINDOWS_CPUS ?? 1);
const MEMORY_MB = Number(process.env.RDP_WINDOWS_MEMORY_MB ?? 1024);
const START_TIMEOUT_SEC = Number(process.env.RDP_WINDOWS_START_TIMEOUT_SEC ?? 900);
const BUY = `mutation($p: ID!, $k: String!) { purchaseAndCreate(productId: $p, idempotencyKey: $k) { id } }`;

describe(`WINDOWS desktops over RDP on a worker with KVM (${REAL_IMAGE ? `${IMAGE} on ${KVM_DEVICE}` : 'stand-ins: /dev/null for KVM, the Linux VPS image for the VM'})`, () => {
  let t: TestServer;
  let worker: WorkerProcess;
  let user: { id: string; token: string };
  const products: Record<string, string> = {};
  const range = randomPortRange(3);
  const suffix = Math.random().toString(36).slice(2, 8);
  const sessions: string[] = [];

  const buy = async (key: string) => {
    const id = (await t.ok<any>(BUY, { p: products[key], k: `${key}-${sessions.length}` }, user.token)).purchaseAndCreate.id as string;
    sessions.push(id);
    return id;
  };
  const balance = async () => (await t.ok<any>(`{ me { coinBalance } }`, {}, user.token)).me.coinBalance as number;
  const explained = <T>(p: Promise<T>) =>
    p.catch((err: Error) => {
      throw new Error(`${err.message}\nworker output (end):\n${worker.output().slice(-4000)}`);
    });

  beforeAll(async () => {
    await requireDocker();
    if (!REAL_IMAGE) requireLinuxDesktopImage();
    // A VM boots for minutes: the control plane's allocation timeout must not end it first.
    t = await startTestServer({ VDI_LOOP_INTERVAL_SEC: '3600', VDI_ALLOCATE_TIMEOUT_SEC: String(START_TIMEOUT_SEC + 300) });
    user = await t.user('USER');
    await t.ok(`mutation($u: ID!) { adjustCoins(input: { userId: $u, op: ADD, amount: 1000, reason: "tests" }) { id } }`, { u: user.id }, t.adminToken);
    const create = async (key: string, i: Record<string, unknown>) => {
      products[key] = (await t.ok<any>(`mutation($i: ProductInput!) { createProduct(input: $i) { id } }`, { i }, t.adminToken)).createProduct.id;
    };
    await create('windows', {
      name: `Windows ${suffix}`,
      priceCoins: 20,
      provisionAction: 'WINDOWS',
      image: IMAGE,
      cpus: CPUS,
      memoryMb: MEMORY_MB,
      shmMb: 256,
      startTimeoutSeconds: START_TIMEOUT_SEC,
    });
    // An image with no RDP server in it (the busybox TEST image): it never answers.
    await create('silent', {
      name: `Silent ${suffix}`,
      priceCoins: 20,
      provisionAction: 'WINDOWS',
      image: TEST_IMAGE,
      cpus: 0.2,
      memoryMb: 64,
      shmMb: 0,
      startTimeoutSeconds: 20,
    });
    worker = await startWorkerProcess(t, `rdp-kvm-${suffix}`, rdpWorkerEnv(range.env, { WORKER_KVM_DEVICE: KVM_DEVICE }));
  }, 1_200_000);
  afterAll(async () => {
    await worker?.kill();
    await removeLeftovers(`rdp-kvm-${suffix}`);
    await t?.close();
  }, 300_000);

  it('the worker reports KVM in its heartbeat and is eligible for a WINDOWS product', async () => {
    await eventually(
      async () =>
        (await t.ok<any>(`{ workers { code kvm health } }`, {}, t.adminToken)).workers.find(
          (w: any) => w.code === worker.code && w.kvm === true && w.health === 'HEALTHY',
        ),
      30_000,
      'the worker reporting kvm true',
    );
    const verdicts = (await t.ok<any>(`query($p: ID!) { placementExplain(productId: $p) { eligible worker { code } } }`, { p: products.windows }, t.adminToken))
      .placementExplain;
    expect(verdicts.find((v: any) => v.worker.code === worker.code)).toMatchObject({ eligible: true });
  });

  it('a WINDOWS desktop gets the KVM device and the VM settings, is READY once RDP answers through its published port, logs the RDP line, logs in; delete frees the port', async () => {
    const id = await buy('windows');
    const s = await explained(waitState(t, user.token, id, 'READY', (START_TIMEOUT_SEC + 60) * 1000));
    expect(s.connection).toMatchObject({ protocol: 'rdp', host: '127.0.0.1', username: 'Administrator' });
    expect(s.connection.port).toBeGreaterThanOrEqual(range.from);
    expect(s.connection.port).toBeLessThanOrEqual(range.to);
    const lines = (await logOf(t, user.token, id)).split('\n').filter((l) => l.startsWith('RDP ready: '));
    expect(lines).toEqual([`RDP ready: host 127.0.0.1 port ${s.connection.port} user Administrator password ${s.connection.password}`]);
    const info = await docker.getContainer(s.workerRoute).inspect();
    expect(info.HostConfig.Devices).toEqual(expect.arrayContaining([{ PathOnHost: KVM_DEVICE, PathInContainer: '/dev/kvm', CgroupPermissions: 'rwm' }]));
    expect(info.HostConfig.PortBindings).toEqual({ '3389/tcp': [{ HostIp: '127.0.0.1', HostPort: String(s.connection.port) }] });
    expect(info.HostConfig.CapDrop).toEqual(['ALL']);
    expect(info.HostConfig.SecurityOpt).toContain('no-new-privileges:true');
    expect((info.Config as { StopTimeout?: number }).StopTimeout).toBe(120);
    expect(info.Config.Env).toEqual(
      expect.arrayContaining([
        'USERNAME=Administrator',
        `PASSWORD=${s.connection.password}`,
        `VDI_PASSWORD=${s.connection.password}`,
        `CPU_CORES=${Math.ceil(CPUS)}`,
        `RAM_SIZE=${MEMORY_MB - 512}M`,
      ]),
    );
    const login = await rdpLogin('127.0.0.1', s.connection.port, 'Administrator', s.connection.password);
    expect(login.code, login.output).toBe(0);
    await t.ok(`mutation($id: ID!) { deleteSession(id: $id) { id } }`, { id }, user.token);
    await waitState(t, user.token, id, 'DELETED', 300_000);
    expect(await containersOf(id)).toEqual([]);
    expect(await publishersOf(s.connection.port)).toEqual([]);
  });

  it('an image that never answers RDP: progress in the log, FAILED after the start timeout with the reason, refunded once, the port freed', async () => {
    const before = await balance();
    const ledger = async () =>
      (await t.ok<any>(`{ coinLedger(first: 50) { totalCount edges { node { kind delta } } } }`, {}, user.token)).coinLedger as {
        totalCount: number;
        edges: { node: { kind: string; delta: number } }[];
      };
    const entriesBefore = (await ledger()).totalCount;
    const id = await buy('silent');
    const s = await explained(waitState(t, user.token, id, 'FAILED', 240_000));
    expect(s.failureReason).toMatch(/RDP did not answer on 127\.0\.0\.1:\d+ within the start timeout of 20 s/);
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(s.failureReason)![1]);
    expect(port).toBeGreaterThanOrEqual(range.from);
    expect(port).toBeLessThanOrEqual(range.to);
    const log = await logOf(t, user.token, id);
    expect(log).toMatch(new RegExp(`Waiting for RDP on 127\\.0\\.0\\.1:${port} \\(1[5-9] s of 20 s\\)`));
    expect(log).not.toContain('RDP ready');
    await eventually(async () => (await balance()) === before, 30_000, 'the refund');
    await new Promise((r) => setTimeout(r, 3000));
    expect(await balance()).toBe(before);
    // Newest first: this purchase and its one refund are all the ledger got meanwhile.
    const after = await ledger();
    expect(after.totalCount - entriesBefore).toBe(2);
    expect(after.edges.slice(0, 2).map((e) => `${e.node.kind} ${e.node.delta}`)).toEqual(['REFUND 20', 'PURCHASE -20']);
    expect(await containersOf(id)).toEqual([]);
    expect(await publishersOf(port)).toEqual([]);
  });
});
