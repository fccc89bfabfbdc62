import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DesktopStartError, DockerDriver, routeFor, type DesktopSpec } from '../src/docker-driver.js';
import { pauseProgram, SANDBOX_IMAGE } from '../src/sandbox-image.js';
import { docker, requireDocker, TEST_IMAGE } from './worker-harness.js';

/** Containers and networks of one worker code (holders, desktops, networks). */
async function leftovers(code: string) {
  const containers = await docker.listContainers({ all: true, filters: { label: [`vdi.worker=${code}`] } });
  const networks = await docker.listNetworks({ filters: { label: [`vdi.worker=${code}`] } });
  return { containers: containers.map((c) => c.Names[0]!.slice(1)).sort(), networks: networks.map((n) => n.Name).sort() };
}

function spec(over: Partial<DesktopSpec> = {}): DesktopSpec {
  return {
    sessionId: randomUUID(),
    image: TEST_IMAGE,
    cpus: 0.25,
    memoryMb: 64,
    shmMb: 8,
    env: { VDI_READY_LINE: 'VDI-READY' },
    ready: { logLine: 'VDI-READY' },
    ...over,
  };
}

async function wipe(code: string): Promise<void> {
  for (const c of await docker.listContainers({ all: true, filters: { label: [`vdi.worker=${code}`] } }))
    await docker.getContainer(c.Id).remove({ force: true });
  for (const n of await docker.listNetworks({ filters: { label: [`vdi.worker=${code}`] } })) await docker.getNetwork(n.Id).remove();
}

describe('network sandboxes with a real Docker Engine', () => {
  const code = `sbx-${randomUUID().slice(0, 8)}`;
  beforeAll(requireDocker);
  /** Drivers a test made: a spare refill one leaves running would land after the next test's wipe. */
  const drivers: DockerDriver[] = [];
  const driverWith = (spares: number) => {
    const d = new DockerDriver(code, undefined, spares);
    drivers.push(d);
    return d;
  };
  beforeEach(() => wipe(code));
  afterEach(async () => {
    await Promise.all(drivers.splice(0).map((d) => d.sandboxes.settle()));
  });
  afterAll(() => wipe(code));

  it('builds a static pause program only for x86-64', () => {
    const program = pauseProgram('x64')!;
    expect(program.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    expect(program.length).toBe(129);
    expect(pauseProgram('arm64')).toBeNull();
  });

  it('keeps spares ready: a locked-down holder that stays up on its own bridge', async () => {
    const driver = driverWith(2);
    await driver.sandboxes.init();
    const { containers, networks } = await leftovers(code);
    expect(containers).toHaveLength(2);
    expect(networks).toEqual(containers.map((c) => c.replace('vdi-sbx-', 'vdi-net-')).sort());
    await new Promise((r) => setTimeout(r, 1000));
    for (const name of containers) {
      const h = await docker.getContainer(name).inspect();
      expect(h.Config.Image).toBe(SANDBOX_IMAGE);
      expect(h.State).toMatchObject({ Running: true, Restarting: false });
      expect(h.Config.User).toBe('65534:65534');
      expect(h.HostConfig).toMatchObject({ CapDrop: ['ALL'], ReadonlyRootfs: true, Privileged: false });
    }
  });

  it('starts a desktop in a spare and removes desktop, holder and network together', async () => {
    const driver = driverWith(1);
    await driver.sandboxes.init();
    const s = spec();
    const desktop = await driver.start(s, () => undefined);
    const info = await docker.getContainer(desktop.route).inspect();
    const holder = info.Config.Labels['vdi.sandbox']!;
    expect(info.HostConfig.NetworkMode).toBe(`container:${(await docker.getContainer(holder).inspect()).Id}`);
    expect(desktop.network).toBe(holder.replace('vdi-sbx-', 'vdi-net-'));
    const ip = (await docker.getContainer(holder).inspect()).NetworkSettings.Networks[desktop.network!]!.IPAddress;
    expect((await driver.endpoint(desktop.route))?.ip).toBe(ip);
    expect((await driver.running()).find((d) => d.route === desktop.route)?.networks).toEqual([desktop.network]);
    await driver.sandboxes.settle();
    expect(await driver.remove(desktop.route)).toEqual({ networks: [desktop.network] });
    const { containers, networks } = await leftovers(code);
    expect(containers).not.toContain(holder);
    expect(containers).not.toContain(desktop.route);
    expect(networks).not.toContain(desktop.network);
  });

  it("sweeps the holder of a desktop removed behind the worker's back, and a restart replaces unused spares", async () => {
    const driver = driverWith(1);
    await driver.sandboxes.init();
    const desktop = await driver.start(spec(), () => undefined);
    const holder = (await docker.getContainer(desktop.route).inspect()).Config.Labels['vdi.sandbox']!;
    await docker.getContainer(desktop.route).remove({ force: true });
    driver.sandboxes.refill();
    await driver.sandboxes.settle();
    let now = await leftovers(code);
    expect(now.containers).not.toContain(holder);
    expect(now.networks).not.toContain(desktop.network);
    expect(now.containers).toHaveLength(1);

    const spareBefore = now.containers[0]!;
    const restarted = driverWith(1);
    await restarted.sandboxes.init();
    now = await leftovers(code);
    expect(now.containers).toHaveLength(1);
    expect(now.containers[0]).not.toBe(spareBefore);
  });

  it('keeps the holder of a running desktop through a restart', async () => {
    const driver = driverWith(1);
    await driver.sandboxes.init();
    const desktop = await driver.start(spec(), () => undefined);
    const holder = (await docker.getContainer(desktop.route).inspect()).Config.Labels['vdi.sandbox']!;
    await driverWith(1).sandboxes.init();
    expect((await docker.getContainer(holder).inspect()).State.Running).toBe(true);
    expect((await driver.endpoint(desktop.route))?.ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    await driver.remove(desktop.route);
  });

  it('with no spare a desktop gets a network of its own directly', async () => {
    const driver = driverWith(0);
    await driver.sandboxes.init();
    const desktop = await driver.start(spec(), () => undefined);
    const info = await docker.getContainer(desktop.route).inspect();
    expect(info.Config.Labels['vdi.sandbox']).toBeUndefined();
    expect(info.HostConfig.NetworkMode).toBe(desktop.network);
    expect(info.Config.Hostname).toBe(desktop.route);
    await driver.remove(desktop.route);
    expect((await leftovers(code)).networks).not.toContain(desktop.network);
  });

  it('a desktop that cannot start leaves neither its holder nor its network behind', async () => {
    const driver = driverWith(1);
    await driver.sandboxes.init();
    const before = await leftovers(code);
    const s = spec({ beforeStart: async () => Promise.reject(new Error('firewall refused')) });
    const err = await driver.start(s, () => undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DesktopStartError);
    expect((err as DesktopStartError).network).toBe(before.networks[0]);
    const after = await leftovers(code);
    expect(after.containers).not.toContain(routeFor(s.sessionId));
    expect(after.containers).not.toContain(before.containers[0]);
    expect(after.networks).not.toContain(before.networks[0]);
  });

  it('removes its spares when the agent stops, and keeps the sandbox of a running desktop', async () => {
    const driver = driverWith(2);
    await driver.sandboxes.init();
    const desktop = await driver.start(spec(), () => undefined);
    const holder = (await docker.getContainer(desktop.route).inspect()).Config.Labels['vdi.sandbox']!;
    driver.sandboxes.refill();
    await driver.sandboxes.dispose();
    const left = await leftovers(code);
    expect(left.containers).toEqual([desktop.route, holder].sort());
    expect(left.networks).toEqual([desktop.network]);
    driver.sandboxes.refill();
    await driver.sandboxes.settle();
    expect(await leftovers(code)).toEqual(left);
  });
});
