import net from 'node:net';
import { PassThrough } from 'node:stream';
import Docker from 'dockerode';

import { type DesktopFile, DesktopFiles } from './desktop-files.js';
import { LABELS, nameOf } from './docker-driver-labels.js';
import { SandboxPool, type Sandbox } from './sandbox-pool.js';
import type { SessionSubnets } from './session-subnets.js';

export { LABELS };

/** What the engine says about itself. */
export interface DriverStatus {
  reachable: boolean;
  version: string | null;
  error: string | null;
}

/** A desktop to create. */
export interface DesktopSpec {
  sessionId: string;
  image: string;
  cpus: number;
  memoryMb: number;
  shmMb: number;
  env: Record<string, string>;
  /** Capabilities the image needs beyond none. */
  capAdd?: string[];
  /** How the desktop says it is ready: a line in its output, or a TCP port that answers. */
  ready: { logLine: string } | { port: number };
  registryAuth?: { serverAddress: string; username: string; password: string } | null;
  /**
   * Files the container finds when it starts (owned by root, read-only to the desktop user; see
   * desktop-files.ts). With `mergeJson`, the content's keys are merged over the image's own JSON file.
   */
  files?: DesktopFile[];
  /** More labels (e.g. the egress policy, so a restarted worker can restore the rules). */
  labels?: Record<string, string>;
  /**
   * Runs once the session's network exists and before the container starts (the egress rules: fail
   * closed); `holderPid` is the process whose network namespace the desktop will join, when a spare has one.
   */
  beforeStart?: (net: { network: string; bridge: string; holderPid: number | null }) => Promise<void>;
  /** The one container port published on the host (RDP desktops); such a desktop gets its own network, not a spare holder's. */
  publish?: { containerPort: number; hostPort: number; hostIp: string };
  /** Host devices given to the container (WINDOWS: the KVM device as /dev/kvm). */
  devices?: { host: string; container: string }[];
  /** false: without `no-new-privileges` (a desktop whose user may sudo); default true. */
  noNewPrivileges?: boolean;
  /** Seconds `docker stop` waits before killing (a VM shuts its guest down). */
  stopTimeoutSec?: number;
}

/** A running desktop. */
export interface Desktop {
  route: string;
  ip: string | null;
  env: Record<string, string>;
  adopted: boolean;
  /** The session's own network. */
  network: string | null;
}

/** A desktop that could not be started; `network` is the session network it had (now removed). */
export class DesktopStartError extends Error {
  constructor(
    message: string,
    readonly network: string,
  ) {
    super(message);
  }
}

/** The container name of a session: stable, so a repeated create finds and adopts it. */
export function routeFor(sessionId: string): string {
  return `quack_${sessionId.replace(/-/g, '').slice(0, 12)}`;
}

/**
 * Runs desktops as Docker containers, one bridge network each (joined through a sandbox holder
 * made ahead of time, see sandbox-pool.ts), with limits and no extra privileges.
 */
export class DockerDriver {
  readonly docker: Docker;
  readonly sandboxes: SandboxPool;
  private readonly files: DesktopFiles;

  constructor(
    private readonly workerCode: string,
    dockerHost?: string,
    sandboxSpares = 2,
    subnets?: SessionSubnets,
  ) {
    this.docker = dockerHost ? new Docker({ socketPath: dockerHost.replace(/^unix:\/\//, '') }) : new Docker();
    this.sandboxes = new SandboxPool(this.docker, workerCode, sandboxSpares, subnets);
    this.files = new DesktopFiles(this.docker);
  }

  async status(): Promise<DriverStatus> {
    try {
      const v = await this.docker.version();
      return { reachable: true, version: v.Version, error: null };
    } catch (err) {
      return { reachable: false, version: null, error: `container engine unreachable: ${(err as Error).message}` };
    }
  }

  /** The worker's own containers, found by label. */
  async inventory(): Promise<{ name: string; sessionId: string | null; state: string; rdpPort: number | null }[]> {
    const list = await this.docker.listContainers({ all: true, filters: { label: [`${LABELS.managed}=true`, `${LABELS.worker}=${this.workerCode}`] } });
    return list.map((c) => ({ name: nameOf(c), sessionId: c.Labels[LABELS.session] ?? null, state: c.State, rdpPort: rdpPortOf(c.Labels) }));
  }

  /** Makes sure the image is here, pulling it (with progress lines) when it is not. */
  async ensureImage(spec: Pick<DesktopSpec, 'image' | 'registryAuth'>, log: (line: string) => void): Promise<void> {
    try {
      await this.docker.getImage(spec.image).inspect();
      return;
    } catch {
      log(`image ${spec.image} is not on this worker; pulling it`);
    }
    const auth = spec.registryAuth
      ? { serveraddress: spec.registryAuth.serverAddress, username: spec.registryAuth.username, password: spec.registryAuth.password }
      : undefined;
    try {
      const stream = await this.docker.pull(spec.image, { authconfig: auth });
      await new Promise<void>((resolve, reject) =>
        this.docker.modem.followProgress(
          stream,
          (err) => (err ? reject(err) : resolve()),
          (e: { status?: string; progress?: string; id?: string }) => {
            if (e.status && !e.progress) log(`pull: ${e.id ? `${e.id} ` : ''}${e.status}`);
          },
        ),
      );
    } catch (err) {
      throw new Error(`image ${spec.image} is not on this worker and could not be pulled: ${(err as Error).message.trim()}`);
    }
  }

  /** Creates and starts the desktop, or adopts the running container a previous attempt left. */
  async start(spec: DesktopSpec, log: (line: string) => void): Promise<Desktop> {
    const route = routeFor(spec.sessionId);
    const existing = await this.inspect(route);
    if (existing?.State.Running) {
      log(`container ${route} is already running; adopting it`);
      const net = await this.netOf(existing);
      return { route, ip: net.ip, env: envOf(existing.Config.Env), adopted: true, network: net.networks[0] ?? null };
    }
    if (existing) await this.remove(route);
    const [taken, mounts] = await Promise.allSettled([
      spec.publish ? this.sandboxes.takeBare() : this.sandboxes.take(),
      this.ensureImage(spec, log).then(() => this.files.mounts(route, spec.image, spec.files ?? [])),
    ]);
    if (mounts.status === 'rejected' || taken.status === 'rejected') {
      if (taken.status === 'fulfilled') await this.sandboxes.discard(taken.value);
      await this.files.forget(route).catch(() => undefined);
      throw mounts.status === 'rejected' ? mounts.reason : (taken as PromiseRejectedResult).reason;
    }
    const sandbox = taken.value;
    try {
      // The rules are written while the container is made; it starts only once they are (fail closed).
      const rules = (async () =>
        spec.beforeStart?.({ network: sandbox.network, bridge: await this.bridgeOf(sandbox.network), holderPid: sandbox.pid ?? null }))();
      log(`creating container ${route} (${spec.cpus} CPU, ${spec.memoryMb} MiB, shm ${spec.shmMb} MiB)`);
      const [container, written] = await Promise.allSettled([this.create(route, spec, sandbox, mounts.value), rules]);
      if (container.status === 'fulfilled') this.sandboxes.settled(sandbox);
      if (written.status === 'rejected') throw written.reason;
      if (container.status === 'rejected') throw container.reason;
      await container.value.start();
      void this.files.forget(route).catch(() => undefined);
      log(`container ${route} started`);
      return { route, ip: null, env: spec.env, adopted: false, network: sandbox.network };
    } catch (err) {
      // Nothing half-made is left: the container (if it was created) and the session's sandbox go.
      await this.docker
        .getContainer(route)
        .remove({ force: true })
        .catch(() => undefined);
      await this.sandboxes.discard(sandbox);
      await this.files.forget(route).catch(() => undefined);
      throw new DesktopStartError((err as Error).message, sandbox.network);
    }
  }

  private create(route: string, spec: DesktopSpec, sandbox: Sandbox, mounts: Docker.MountSettings[]): Promise<Docker.Container> {
    const labels = { ...spec.labels, [LABELS.managed]: 'true', [LABELS.session]: spec.sessionId, [LABELS.worker]: this.workerCode, [LABELS.route]: route };
    const published = spec.publish && `${spec.publish.containerPort}/tcp`;
    return this.docker.createContainer({
      name: route,
      Image: spec.image,
      // In a holder's namespace the hostname is the holder's.
      Hostname: sandbox.holder ? undefined : route,
      Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
      Labels: sandbox.holder ? { ...labels, [LABELS.sandbox]: sandbox.holder } : labels,
      ...(published ? { ExposedPorts: { [published]: {} } } : {}),
      ...(spec.stopTimeoutSec ? { StopTimeout: spec.stopTimeoutSec } : {}),
      HostConfig: {
        NanoCpus: Math.round(spec.cpus * 1e9),
        Memory: spec.memoryMb * 1048576,
        MemorySwap: spec.memoryMb * 1048576,
        ShmSize: spec.shmMb * 1048576,
        PidsLimit: 512,
        SecurityOpt: spec.noNewPrivileges === false ? [] : ['no-new-privileges:true'],
        CapDrop: ['ALL'],
        CapAdd: spec.capAdd ?? [],
        Devices: (spec.devices ?? []).map((d) => ({ PathOnHost: d.host, PathInContainer: d.container, CgroupPermissions: 'rwm' })),
        ...(mounts.length ? { Mounts: mounts } : {}),
        ...(published ? { PortBindings: { [published]: [{ HostIp: spec.publish!.hostIp, HostPort: String(spec.publish!.hostPort) }] } } : {}),
        RestartPolicy: { Name: 'no' },
        NetworkMode: sandbox.holder ? `container:${sandbox.holder}` : sandbox.network,
        LogConfig: { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '2' } },
      },
    });
  }

  /** The host interface of a network's bridge (what the egress rules match on). */
  async bridgeOf(network: string): Promise<string> {
    const info = await this.docker.getNetwork(network).inspect();
    return (info.Options?.['com.docker.network.bridge.name'] as string | undefined) ?? `br-${String(info.Id).slice(0, 12)}`;
  }

  /**
   * The address, main process and VNC port (its `vdi.display-port` label, else null) of a running
   * desktop (for the display gateway and the preflight probe).
   */
  async endpoint(route: string): Promise<{ ip: string; pid: number; displayPort: number | null } | null> {
    const info = await this.inspect(route);
    const ip = info?.State.Running ? (await this.netOf(info)).ip : null;
    const displayPort = Number(info?.Config.Labels?.[LABELS.displayPort]) || null;
    return ip ? { ip, pid: info!.State.Pid, displayPort } : null;
  }

  /** The running desktop of a session, found by label. */
  async routeOfSession(sessionId: string): Promise<string | null> {
    const list = await this.docker.listContainers({ filters: { label: [`${LABELS.session}=${sessionId}`, `${LABELS.worker}=${this.workerCode}`] } });
    return list[0] ? nameOf(list[0]) : null;
  }

  /** The worker's running desktops with their networks and labels (to restore egress rules after a restart). */
  async running(): Promise<{ route: string; networks: string[]; labels: Record<string, string> }[]> {
    const mine = `${LABELS.worker}=${this.workerCode}`;
    const [list, holders] = await Promise.all([
      this.docker.listContainers({ filters: { label: [`${LABELS.managed}=true`, mine] } }),
      this.docker.listContainers({ filters: { label: [`${LABELS.pool}=true`, mine] } }),
    ]);
    const nets = (c: Docker.ContainerInfo) => Object.keys(c.NetworkSettings?.Networks ?? {}).filter((n) => n.startsWith('vdi-net-'));
    const byName = new Map(holders.map((h) => [nameOf(h), nets(h)]));
    return list.map((c) => ({
      route: nameOf(c),
      networks: c.Labels[LABELS.sandbox] ? (byName.get(c.Labels[LABELS.sandbox]!) ?? []) : nets(c),
      labels: c.Labels,
    }));
  }

  /** Waits until the desktop's `port` accepts a connection and resolves with the desktop's address; throws with the reason after `timeoutMs`. */
  async waitForPort(route: string, port: number, timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let ip: string | null = null;
    for (let attempt = 0; ; attempt++) {
      // The address once; whether it still runs now and then (each inspect costs the engine).
      if (!ip || attempt % 25 === 0) {
        const info = await this.inspect(route);
        if (!info?.State.Running) throw new Error('the container exited before it was ready');
        ip = (await this.netOf(info)).ip;
      }
      if (ip && (await portAnswers(ip, port))) return ip;
      if (Date.now() > deadline) throw new Error(`port ${port} did not answer within ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /**
   * Follows the container's output (all of it, or from now), line by line, until it exits;
   * returns a function that stops following. `onEnd` hears when the output ends.
   */
  async followLogs(route: string, onLine: (line: string) => void, fromNow = false, onEnd?: () => void): Promise<() => void> {
    const since = fromNow ? Math.floor(Date.now() / 1000) : 0;
    const stream = (await this.docker.getContainer(route).logs({ follow: true, stdout: true, stderr: true, since })) as NodeJS.ReadableStream;
    const out = new PassThrough();
    this.docker.modem.demuxStream(stream, out, out);
    let rest = '';
    out.on('data', (d: Buffer) => {
      const parts = (rest + d.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      for (const p of parts) onLine(p);
    });
    stream.on('end', () => onEnd?.());
    return () => (stream as unknown as { destroy?: () => void }).destroy?.();
  }

  /** Stops and removes a desktop, its holder and its own network; returns that network (null when nothing was there). */
  async remove(route: string): Promise<{ networks: string[] } | null> {
    const existing = await this.inspect(route);
    if (!existing) return null;
    const own = (await this.netOf(existing)).networks;
    const holder = existing.Config.Labels?.[LABELS.sandbox];
    await this.docker.getContainer(route).remove({ force: true, v: true });
    if (holder)
      await this.docker
        .getContainer(holder)
        .remove({ force: true })
        .catch(() => undefined);
    for (const n of own)
      await this.docker
        .getNetwork(n)
        .remove()
        .catch(() => undefined);
    return { networks: own };
  }

  /** A desktop's address and own networks: its holder's, when it joined one. */
  private async netOf(info: Docker.ContainerInspectInfo): Promise<{ ip: string | null; networks: string[] }> {
    const holder = info.Config.Labels?.[LABELS.sandbox];
    const source = holder ? await this.inspect(holder) : info;
    return source ? { ip: ipOf(source), networks: ownNetworks(source) } : { ip: null, networks: [] };
  }

  private async inspect(name: string): Promise<Docker.ContainerInspectInfo | null> {
    try {
      return await this.docker.getContainer(name).inspect();
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return null;
      throw err;
    }
  }
}

/** The host port an RDP desktop holds (its `vdi.rdp-host-port` label), or null. */
export function rdpPortOf(labels: Record<string, string> | undefined): number | null {
  const port = Number(labels?.[LABELS.rdpHostPort]);
  return Number.isInteger(port) && port > 0 && port <= 65535 ? port : null;
}

function ipOf(info: Docker.ContainerInspectInfo): string | null {
  const nets = Object.values(info.NetworkSettings.Networks ?? {});
  return nets.find((n) => n.IPAddress)?.IPAddress ?? null;
}

function ownNetworks(info: Docker.ContainerInspectInfo): string[] {
  return Object.keys(info.NetworkSettings.Networks ?? {}).filter((n) => n.startsWith('vdi-net-'));
}

function envOf(env: string[] | undefined): Record<string, string> {
  return Object.fromEntries((env ?? []).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
}

function portAnswers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port, timeout: 500 });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
    s.once('timeout', () => {
      s.destroy();
      resolve(false);
    });
  });
}
