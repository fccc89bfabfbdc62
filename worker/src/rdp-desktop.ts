import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { CreateSessionPayload } from '../../schema/worker-protocol.js';
import type { WorkerConfig } from './config.js';
import { LABELS } from './docker-driver-labels.js';
import { type Desktop, DesktopStartError, type DesktopSpec, type DockerDriver, rdpPortOf, routeFor } from './docker-driver.js';
import type { ExamImage } from './exam-image.js';
import { isPortConflict, type RdpPortPool } from './rdp-ports.js';
import { rdpAnswers } from './rdp-probe.js';
import { kvmUsable, type RdpKind, rdpDesktopSpec } from './rdp-spec.js';

/** The VPS Linux desktop image's build context in this repository (its build.sh builds VPS_LINUX_IMAGE). */
export const DEFAULT_LINUX_DESKTOP_CONTEXT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../linux-desktop');

/** How often the session log hears that the worker is still waiting for RDP. */
const PROGRESS_EVERY_MS = 15_000;
/** Tries with another host port when the engine says the chosen one is bound by something else. */
const PORT_ATTEMPTS = 5;

/** An RDP desktop being created: its container spec, kind and how long it may take to answer. */
export interface RdpPlan {
  kind: RdpKind;
  spec: DesktopSpec;
  timeoutMs: number;
}

/**
 * RDP desktops (a LINUX product with `linuxDesktop: DESKTOP`, and WINDOWS): each publishes only
 * its RDP port, on a host port of its own from WORKER_RDP_PORT_RANGE, and is READY once an RDP
 * server answers through that published port. Progress goes to the session log while it boots;
 * the port is freed when the desktop is removed or fails to start.
 */
export class RdpDesktops {
  constructor(
    private readonly config: WorkerConfig,
    private readonly driver: DockerDriver,
    private readonly ports: RdpPortPool,
    private readonly linuxImage: ExamImage,
    private readonly logger: Logger,
  ) {}

  /** True when WINDOWS desktops can run here (reported in every heartbeat). */
  kvm(): boolean {
    return kvmUsable(this.config.rdp.kvmDevice);
  }

  /**
   * The container of an RDP desktop: the product's image (for LINUX, else VPS_LINUX_IMAGE, built
   * when missing), read for its labels once it is on this worker.
   */
  async plan(kind: RdpKind, p: CreateSessionPayload, common: Pick<DesktopSpec, 'labels' | 'beforeStart'>, log: (line: string) => void): Promise<RdpPlan> {
    if (kind === 'WINDOWS' && !this.kvm()) throw new Error(`this worker has no usable KVM device (${this.config.rdp.kvmDevice}): a Windows VM cannot run here`);
    const image = p.image ?? (kind === 'LINUX' ? this.config.rdp.linuxImage : null);
    if (!image) throw new Error("no image for a WINDOWS product: set the product's image (a Windows VM image such as one built on dockur/windows)");
    if (image === this.config.rdp.linuxImage) await this.linuxImage.ensure(log);
    else await this.driver.ensureImage({ image, registryAuth: p.registryAuth ?? null }, log);
    const info = await this.driver.docker.getImage(image).inspect();
    const spec = rdpDesktopSpec({
      kind,
      payload: p,
      image,
      imageLabels: (info.Config?.Labels ?? {}) as Record<string, string>,
      password: randomBytes(12).toString('base64url'),
      bindHost: this.config.rdp.bindHost,
      kvmDevice: this.config.rdp.kvmDevice,
      labels: common.labels ?? {},
      beforeStart: common.beforeStart,
    });
    const defaultMs = kind === 'WINDOWS' ? this.config.rdp.windowsStartTimeoutMs : this.config.readyTimeoutMs;
    return { kind, spec, timeoutMs: p.startTimeoutSec ? p.startTimeoutSec * 1000 : defaultMs };
  }

  /**
   * Creates (or adopts) the desktop on a host port of its own; a port the engine finds bound by
   * something else on the host is set aside and the next one tried. `release` removes the egress
   * rules of a network an attempt left.
   */
  async start(plan: RdpPlan, log: (line: string) => void, release: (network: string) => Promise<void>): Promise<{ desktop: Desktop; hostPort: number }> {
    const route = routeFor(plan.spec.sessionId);
    for (let attempt = 1; ; attempt++) {
      const hostPort = this.ports.allocate(route);
      const spec: DesktopSpec = {
        ...plan.spec,
        publish: { ...plan.spec.publish!, hostPort },
        labels: { ...plan.spec.labels, [LABELS.rdpHostPort]: String(hostPort) },
      };
      try {
        const desktop = await this.driver.start(spec, log);
        const held = desktop.adopted ? await this.portOfContainer(route) : hostPort;
        if (held === null) throw new Error(`container ${route} runs without a published RDP port; delete the desktop and create it again`);
        this.ports.hold(route, held);
        log(`RDP port ${spec.publish!.containerPort} published on ${this.config.rdp.bindHost}:${held}`);
        return { desktop, hostPort: held };
      } catch (err) {
        const conflict = err instanceof DesktopStartError && isPortConflict(err.message);
        if (!conflict || attempt >= PORT_ATTEMPTS) {
          this.ports.release(route);
          throw err;
        }
        log(`Host port ${hostPort} is taken by something else on this host; trying another port`);
        this.ports.refuse(route, hostPort);
        await release(err.network);
      }
    }
  }

  /**
   * Resolves once an RDP server answers through the published port; a progress line every 15 s
   * meanwhile. Throws when the container exits, or after `timeoutMs` with the reason.
   */
  async waitReady(route: string, hostPort: number, timeoutMs: number, log: (line: string) => void): Promise<void> {
    const probeHost = localAddress(this.config.rdp.bindHost);
    const shown = `${this.config.connectionHost ?? probeHost}:${hostPort}`;
    const t0 = Date.now();
    let progressAt = t0 + PROGRESS_EVERY_MS;
    let checkedAt = t0;
    for (;;) {
      const left = t0 + timeoutMs - Date.now();
      if (await rdpAnswers(probeHost, hostPort, Math.max(100, Math.min(2000, left)))) return;
      const now = Date.now();
      if (now - t0 >= timeoutMs)
        throw new Error(`RDP did not answer on ${shown} within the start timeout of ${Math.round(timeoutMs / 1000)} s; the desktop was removed`);
      if (now - checkedAt >= 2000) {
        checkedAt = now;
        if (!(await this.driver.endpoint(route))) throw new Error(`the container exited before RDP answered on ${shown}`);
      }
      if (now >= progressAt) {
        log(`Waiting for RDP on ${shown} (${Math.round((now - t0) / 1000)} s of ${Math.round(timeoutMs / 1000)} s)`);
        progressAt += PROGRESS_EVERY_MS;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** The session's connection once RDP answers, and the one log line that says how to log in. */
  connection(hostPort: number, env: Record<string, string>, log: (line: string) => void) {
    const host = this.config.connectionHost;
    const username = env.VDI_USERNAME ?? null;
    const password = env.VDI_PASSWORD ?? null;
    log(`RDP ready: host ${host ?? '(not set: WORKER_PUBLIC_HOST)'} port ${hostPort} user ${username} password ${password}`);
    return { protocol: 'rdp', host, port: hostPort, username, password };
  }

  /** Frees the port of a desktop that was removed (or never came to be); nothing held is fine. */
  release(route: string): void {
    const port = this.ports.release(route);
    if (port !== null) this.logger.info({ route, port }, 'RDP port freed');
  }

  /** Learns which ports this worker's containers hold, from an inventory listed at `listedAt`. */
  sync(inventory: { name: string; rdpPort: number | null }[], listedAt: number): void {
    this.ports.sync(
      inventory.filter((c) => c.rdpPort !== null).map((c) => ({ owner: c.name, port: c.rdpPort! })),
      listedAt,
    );
  }

  private async portOfContainer(route: string): Promise<number | null> {
    const info = await this.driver.docker.getContainer(route).inspect();
    return rdpPortOf(info.Config.Labels);
  }
}

/** Where this machine reaches a port published on `bindHost` (loopback for a wildcard). */
function localAddress(bindHost: string): string {
  if (bindHost === '0.0.0.0') return '127.0.0.1';
  if (bindHost === '::') return '::1';
  return bindHost;
}
