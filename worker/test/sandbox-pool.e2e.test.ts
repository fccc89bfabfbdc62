import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DesktopStartError, DockerDriver, routeFor, type DesktopSpec } from '../src/docker-driver.js';
import { pauseProgram, SANDBOX_IMAGE } from '../src/sandbox-image.js';
import { docker, requireDocker, TEST_IMAGE } from './worker-harness.js';

/** Runs a command in a container; resolves with its output (stdout and stderr). */
async function execIn(container: string, cmd: string): Promise<string> {
  const exec = await docker.getContainer(container).exec({ Cmd: ['sh', '-c', cmd], AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({});
  const out = new PassThrough();
  let s = '';
  out.on('data', (d: Buffer) => (s += d.toString()));
  docker.modem.demuxStream(stream, out, out);
  await new Promise((r) => stream.on('end', r));
  return s;
}

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

  it("hands the spare holder's process to the rules hook (its namespace is the desktop's), and none for a network made on the spot", async () => {
    const driver = driverWith(1);
    await driver.sandboxes.init();
    const seen: { network: string; holderPid: number | null }[] = [];
    const beforeStart = async (n: { network: string; holderPid: number | null }) => void seen.push(n);
    const first = await driver.start(spec({ beforeStart }), () => undefined);
    const second = await driver.start(spec({ beforeStart }), () => undefined);
    const holder = (await docker.getContainer(first.route).inspect()).Config.Labels['vdi.sandbox']!;
    const holderInfo = await docker.getContainer(holder).inspect();
    expect(seen[0]).toMatchObject({ network: first.network, holderPid: holderInfo.State.Pid });
    expect(fs.readlinkSync(`/proc/${seen[0]!.holderPid}/ns/net`)).toBe(
      fs.readlinkSync(`/proc/${(await docker.getContainer(first.route).inspect()).State.Pid}/ns/net`),
    );
    expect(seen[1]).toMatchObject({ network: second.network, holderPid: null });
    await driver.remove(first.route);
    await driver.remove(second.route);
  });

  it('grows the pool to the creates of the last minute after a burst bigger than it', async () => {
    const driver = driverWith(1);
    await driver.sandboxes.init();
    const burst = await Promise.all([spec(), spec(), spec()].map((s) => driver.start(s, () => undefined)));
    for (const d of burst) await driver.remove(d.route);
    driver.sandboxes.refill();
    await driver.sandboxes.settle();
    const { containers, networks } = await leftovers(code);
    expect(containers).toHaveLength(3);
    expect(containers.every((c) => c.startsWith('vdi-sbx-'))).toBe(true);
    expect(networks).toHaveLength(3);
  });

  it("makes the next spare a while after a desktop is up, not in that desktop's first seconds", async () => {
    const driver = driverWith(1);
    await driver.sandboxes.init();
    const desktop = await driver.start(spec(), () => undefined);
    const holders = async () => (await leftovers(code)).containers.filter((c) => c.startsWith('vdi-sbx-')).length;
    expect(await holders()).toBe(1); // the desktop's own: it took the only spare
    driver.sandboxes.refillLater(800);
    await new Promise((r) => setTimeout(r, 400));
    await driver.sandboxes.settle();
    expect(await holders()).toBe(1);
    await new Promise((r) => setTimeout(r, 600));
    await driver.sandboxes.settle();
    expect(await holders()).toBe(2);
    await driver.remove(desktop.route);
  });

  it('gives a desktop its files as read-only mounts of root-owned files, and keeps no copy once it has started', async () => {
    const driver = driverWith(1);
    await driver.sandboxes.init();
    const files = [
      { dir: '/etc/vdi', name: 'policy.json', content: JSON.stringify({ allow: ['a.example'] }), mergeJson: true },
      { dir: '/etc/vdi', name: 'motd', content: 'hello' },
    ];
    const desktop = await driver.start(spec({ files }), () => undefined);
    const out = await execIn(
      desktop.route,
      'cat /etc/vdi/policy.json; echo; cat /etc/vdi/motd; echo; ls -ln /etc/vdi; echo x >> /etc/vdi/motd || echo REFUSED',
    );
    expect(out).toContain('{"allow":["a.example"]}\nhello\n');
    expect(out).toMatch(/-rw-r--r-- +\d+ 0 +0 .* motd/);
    expect(out).toContain('REFUSED');
    const copies = fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith('vdi-desktop-files-'));
    expect(copies.filter((d) => fs.existsSync(path.join(os.tmpdir(), d, desktop.route)))).toEqual([]);
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
