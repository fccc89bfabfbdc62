import net from 'node:net';
import { PassThrough } from 'node:stream';
import Docker from 'dockerode';

/** Labels that tie a container (and its network) to the cluster. */
export const LABELS = { managed: 'vdi.managed', session: 'vdi.session', worker: 'vdi.worker', route: 'vdi.route' } as const;

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
  /** How the desktop says it is ready: a log line, or a TCP port that answers. */
  ready: { logLine: string } | { port: number };
  registryAuth?: { serverAddress: string; username: string; password: string } | null;
}

/** A running desktop. */
export interface Desktop {
  route: string;
  ip: string | null;
  env: Record<string, string>;
  adopted: boolean;
}

/** The container name of a session: stable, so a repeated create finds and adopts it. */
export function routeFor(sessionId: string): string {
  return `quack_${sessionId.replace(/-/g, '').slice(0, 12)}`;
}

/** Runs desktops as Docker containers, one bridge network each, with limits and no extra privileges. */
export class DockerDriver {
  readonly docker: Docker;

  constructor(
    private readonly workerCode: string,
    dockerHost?: string,
  ) {
    this.docker = dockerHost ? new Docker({ socketPath: dockerHost.replace(/^unix:\/\//, '') }) : new Docker();
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
  async inventory(): Promise<{ name: string; sessionId: string | null; state: string }[]> {
    const list = await this.docker.listContainers({ all: true, filters: { label: [`${LABELS.managed}=true`, `${LABELS.worker}=${this.workerCode}`] } });
    return list.map((c) => ({ name: c.Names[0]!.replace(/^\//, ''), sessionId: c.Labels[LABELS.session] ?? null, state: c.State }));
  }

  /** Makes sure the image is here, pulling it (with progress lines) when it is not. */
  async ensureImage(spec: DesktopSpec, log: (line: string) => void): Promise<void> {
    try {
      await this.docker.getImage(spec.image).inspect();
      return;
    } catch {
      log(`image ${spec.image} is not on this worker; pulling it`);
    }
    const auth = spec.registryAuth ? { serveraddress: spec.registryAuth.serverAddress, username: spec.registryAuth.username, password: spec.registryAuth.password } : undefined;
    try {
      const stream = await this.docker.pull(spec.image, { authconfig: auth });
      await new Promise<void>((resolve, reject) =>
        this.docker.modem.followProgress(stream, (err) => (err ? reject(err) : resolve()), (e: { status?: string; progress?: string; id?: string }) => {
          if (e.status && !e.progress) log(`pull: ${e.id ? `${e.id} ` : ''}${e.status}`);
        }),
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
      return { route, ip: ipOf(existing), env: envOf(existing.Config.Env), adopted: true };
    }
    if (existing) await this.docker.getContainer(route).remove({ force: true });
    await this.ensureImage(spec, log);
    const network = await this.ensureNetwork(route, spec.sessionId);
    const labels = { [LABELS.managed]: 'true', [LABELS.session]: spec.sessionId, [LABELS.worker]: this.workerCode, [LABELS.route]: route };
    log(`creating container ${route} (${spec.cpus} CPU, ${spec.memoryMb} MiB, shm ${spec.shmMb} MiB)`);
    const container = await this.docker.createContainer({
      name: route,
      Image: spec.image,
      Hostname: route,
      Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
      Labels: labels,
      HostConfig: {
        NanoCpus: Math.round(spec.cpus * 1e9),
        Memory: spec.memoryMb * 1048576,
        MemorySwap: spec.memoryMb * 1048576,
        ShmSize: spec.shmMb * 1048576,
        PidsLimit: 512,
        SecurityOpt: ['no-new-privileges:true'],
        CapDrop: ['ALL'],
        CapAdd: spec.capAdd ?? [],
        RestartPolicy: { Name: 'no' },
        NetworkMode: network,
        LogConfig: { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '2' } },
      },
    });
    await container.start();
    log(`container ${route} started`);
    const info = await container.inspect();
    return { route, ip: ipOf(info), env: spec.env, adopted: false };
  }

  /** Waits until the desktop says it is ready; throws with the reason after `timeoutMs`. */
  async waitReady(route: string, ready: DesktopSpec['ready'], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    if ('logLine' in ready) {
      const stream = (await this.docker.getContainer(route).logs({ follow: true, stdout: true, stderr: true })) as NodeJS.ReadableStream;
      const out = new PassThrough();
      this.docker.modem.demuxStream(stream, out, out);
      try {
        await new Promise<void>((resolve, reject) => {
          let buf = '';
          const timer = setTimeout(() => reject(new Error(`not ready within ${timeoutMs / 1000} s (no "${ready.logLine}" in its log)`)), timeoutMs);
          out.on('data', (d: Buffer) => {
            buf = (buf + d.toString('utf8')).slice(-65536);
            if (buf.includes(ready.logLine)) {
              clearTimeout(timer);
              resolve();
            }
          });
          stream.on('end', () => {
            clearTimeout(timer);
            reject(new Error('the container exited before it was ready'));
          });
        });
      } finally {
        (stream as unknown as { destroy?: () => void }).destroy?.();
      }
      return;
    }
    for (;;) {
      const info = await this.inspect(route);
      if (!info?.State.Running) throw new Error('the container exited before it was ready');
      const ip = ipOf(info);
      if (ip && (await portAnswers(ip, ready.port))) return;
      if (Date.now() > deadline) throw new Error(`port ${ready.port} did not answer within ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Follows the container's output (all of it, or from now), line by line; returns a function that stops following. */
  async followLogs(route: string, onLine: (line: string) => void, fromNow = false): Promise<() => void> {
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
    return () => (stream as unknown as { destroy?: () => void }).destroy?.();
  }

  /** Stops and removes a desktop and its network; a missing one is already stopped. */
  async remove(route: string): Promise<boolean> {
    const existing = await this.inspect(route);
    if (existing) await this.docker.getContainer(route).remove({ force: true, v: true });
    const networks = await this.docker.listNetworks({ filters: { name: [`vdi-${route}`] } });
    for (const n of networks.filter((x) => x.Name === `vdi-${route}`)) await this.docker.getNetwork(n.Id).remove();
    return Boolean(existing);
  }

  private async ensureNetwork(route: string, sessionId: string): Promise<string> {
    const name = `vdi-${route}`;
    const found = await this.docker.listNetworks({ filters: { name: [name] } });
    if (found.some((n) => n.Name === name)) return name;
    // One bridge per session, with inter-container traffic off: sessions never see each other.
    await this.docker.createNetwork({
      Name: name,
      Driver: 'bridge',
      Options: { 'com.docker.network.bridge.enable_icc': 'false' },
      Labels: { [LABELS.managed]: 'true', [LABELS.session]: sessionId, [LABELS.worker]: this.workerCode },
    });
    return name;
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

function ipOf(info: Docker.ContainerInspectInfo): string | null {
  const nets = Object.values(info.NetworkSettings.Networks ?? {});
  return nets.find((n) => n.IPAddress)?.IPAddress ?? null;
}

function envOf(env: string[] | undefined): Record<string, string> {
  return Object.fromEntries((env ?? []).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
}

function portAnswers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port, timeout: 500 });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
    s.once('timeout', () => (s.destroy(), resolve(false)));
  });
}
