import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { LABELS, nameOf } from './docker-driver-labels.js';
import { ensureSandboxImage, SANDBOX_ENTRYPOINT, SANDBOX_IMAGE } from './sandbox-image.js';
import { SpareDemand } from './sandbox-demand.js';
import type { SessionSubnets } from './session-subnets.js';

/**
 * A desktop's network: its own bridge and, when made ahead of time, a holder container already
 * on it whose network namespace the desktop joins (`NetworkMode: container:<holder>`).
 */
/**
 * How long after a desktop is reported up its pool makes the next spare. Those first seconds are
 * the desktop's busiest: its viewer connects and logs in while its kiosk browser starts, and a
 * bridge plus holder made then (the engine's work, about 0.4 s) delayed a cold exam desktop's first
 * frame (a candidate's WebSocket to RFB banner, median 323 ms made at once, 263 ms made 2 s later).
 */
export const REFILL_AFTER_READY_MS = 2000;

export interface Sandbox {
  network: string;
  holder: string | null;
  /** The holder's process on the host (its network namespace), once a create has found it running. */
  pid?: number | null;
}

/**
 * Spare network sandboxes, made ahead of time. Attaching a container to a new bridge costs the
 * engine more than starting the container itself (the veth pair, the embedded DNS resolver and
 * its rules inside the namespace); a holder pays that before any session asks, so a desktop only
 * starts its own process. Each sandbox serves one session and goes with it; a spare is never
 * shared. With no spare left (a burst) a create makes a bare network on the spot; the pool then
 * grows to the creates of the last minute (see sandbox-demand.ts), so the next burst finds spares.
 */
export class SandboxPool {
  private readonly spares: Sandbox[] = [];
  /** Holders handed to a create whose desktop container does not exist yet. */
  private readonly taken = new Set<string>();
  private holders = false;
  private disposed = false;
  private refilling: Promise<void> | undefined;
  private refillTimer: NodeJS.Timeout | undefined;
  private readonly demand: SpareDemand;

  constructor(
    private readonly docker: Docker,
    private readonly workerCode: string,
    size = 2,
    /** Where session networks take their subnets (WORKER_SESSION_SUBNETS); none: Docker's default address pools. */
    private readonly subnets?: SessionSubnets,
  ) {
    this.demand = new SpareDemand(size);
  }

  /** Imports the holder image and removes what a previous run left unused, then makes spares. */
  async init(): Promise<void> {
    this.holders = await ensureSandboxImage(this.docker);
    await this.sweep(true);
    this.refill();
    await this.settle();
  }

  /** A sandbox for one new session: a spare, or a bare network made on the spot. */
  async take(): Promise<Sandbox> {
    this.demand.took();
    for (let spare = this.spares.shift(); spare; spare = this.spares.shift()) {
      if (!spare.holder) return spare;
      this.taken.add(spare.holder);
      const pid = await this.running(spare.holder);
      if (pid) return { ...spare, pid };
      // The engine restarted since it was made (it stops every container): a stopped holder's
      // namespace is gone, and a desktop joining it would fail to start.
      await this.discard(spare);
    }
    return { network: await this.createNetwork(name()), holder: null };
  }

  /** A sandbox without a holder, made now: for a desktop that publishes a port (only a container on the network itself can). */
  async takeBare(): Promise<Sandbox> {
    for (;;) {
      try {
        return { network: await this.createNetwork(name()), holder: null };
      } catch (err) {
        // Every subnet the engine may hand out is taken: a spare's network goes first (a desktop that
        // needs its own network must not be refused for a spare that may never be used).
        const spare = /non-overlapping|address pool/i.test((err as Error).message) ? this.spares.pop() : undefined;
        if (!spare) throw err;
        await this.discard(spare);
      }
    }
  }

  /** The desktop container of a taken sandbox exists (its label now keeps the holder from sweeps). */
  settled(sandbox: Sandbox): void {
    if (sandbox.holder) this.taken.delete(sandbox.holder);
  }

  /** Removes a sandbox whose desktop never came to be. */
  async discard(sandbox: Sandbox): Promise<void> {
    if (sandbox.holder)
      await this.docker
        .getContainer(sandbox.holder)
        .remove({ force: true })
        .catch(() => undefined);
    this.settled(sandbox);
    await this.docker
      .getNetwork(sandbox.network)
      .remove()
      .catch(() => undefined);
  }

  /** Removes holders no desktop uses (and that are not spares here), with their networks. */
  removeIdle(): Promise<void> {
    return this.sweep(false);
  }

  /**
   * Makes spares up to the number the recent creates ask for (removing those beyond it), after
   * removing holders no desktop uses any more. Called once a desktop is up: making a sandbox while
   * a container starts would slow that start down.
   */
  refill(): void {
    if (this.disposed) return;
    this.refilling ??= (async () => {
      try {
        await this.sweep(false);
        for (const extra of this.spares.splice(this.demand.target())) await this.discard(extra);
        while (this.spares.length < this.demand.target()) this.spares.push(await this.create());
      } catch {
        // The engine is away; the next take() creates on demand and reports the real error.
      } finally {
        this.refilling = undefined;
      }
    })();
  }

  /** Refills `delayMs` from now (once, however often it is asked meanwhile): for a desktop just reported up. */
  refillLater(delayMs = REFILL_AFTER_READY_MS): void {
    if (this.disposed || this.refillTimer) return;
    this.refillTimer = setTimeout(() => {
      this.refillTimer = undefined;
      this.refill();
    }, delayMs).unref();
  }

  /** Waits for a refill in progress (tests and shutdown). */
  async settle(): Promise<void> {
    await this.refilling;
  }

  /**
   * Removes the spares (the agent is stopping; desktops keep theirs): a worker that is gone for
   * good leaves no idle holder or bridge behind, and a restart makes fresh ones in a second.
   */
  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.refillTimer);
    await this.settle();
    const spares = this.spares.splice(0);
    for (const s of spares) await this.discard(s);
  }

  private async create(): Promise<Sandbox> {
    const id = name();
    const network = await this.createNetwork(id);
    if (!this.holders) return { network, holder: null };
    const holder = `vdi-sbx-${id}`;
    try {
      const c = await this.docker.createContainer({
        name: holder,
        Image: SANDBOX_IMAGE,
        Entrypoint: SANDBOX_ENTRYPOINT,
        Hostname: 'desktop',
        User: '65534:65534',
        Labels: { [LABELS.pool]: 'true', [LABELS.worker]: this.workerCode },
        HostConfig: {
          NetworkMode: network,
          NanoCpus: 0.1e9,
          Memory: 16 * 1048576,
          MemorySwap: 16 * 1048576,
          PidsLimit: 4,
          ReadonlyRootfs: true,
          SecurityOpt: ['no-new-privileges:true'],
          CapDrop: ['ALL'],
          RestartPolicy: { Name: 'no' },
          LogConfig: { Type: 'none', Config: {} },
        },
      });
      await c.start();
      return { network, holder };
    } catch (err) {
      await this.discard({ network, holder });
      throw err;
    }
  }

  /** The holder's process when it runs, else null. */
  private async running(holder: string): Promise<number | null> {
    const info = await this.docker
      .getContainer(holder)
      .inspect()
      .catch(() => null);
    return info?.State.Running ? info.State.Pid : null;
  }

  private inHand(): Set<string | null> {
    return new Set([...this.taken, ...this.spares.map((s) => s.holder)]);
  }

  private async createNetwork(id: string): Promise<string> {
    const network = `vdi-net-${id}`;
    // Inter-container traffic off: even a container attached by mistake cannot reach the desktop.
    const create = (subnet?: string) =>
      this.docker.createNetwork({
        Name: network,
        Driver: 'bridge',
        Options: { 'com.docker.network.bridge.enable_icc': 'false' },
        Labels: { [LABELS.managed]: 'true', [LABELS.pool]: 'true', [LABELS.worker]: this.workerCode },
        ...(subnet ? { IPAM: { Driver: 'default', Config: [{ Subnet: subnet }] } } : {}),
      });
    await (this.subnets ? this.subnets.create(create) : create());
    return network;
  }

  /**
   * Removes holders that are neither spare, nor being taken, nor joined by a desktop (their
   * desktop was removed behind the worker's back), with their networks. At start (`all`), also
   * spares and bare networks a previous run left: a fresh sandbox costs little and carries no state.
   */
  private async sweep(all: boolean): Promise<void> {
    const mine = `${LABELS.worker}=${this.workerCode}`;
    // Taken or spare before the listings: a holder settled meanwhile has its desktop listed.
    const before = this.inHand();
    const [holders, desktops] = await Promise.all([
      this.docker.listContainers({ all: true, filters: { label: [mine, `${LABELS.pool}=true`] } }),
      this.docker.listContainers({ all: true, filters: { label: [mine, `${LABELS.managed}=true`] } }),
    ]);
    const used = new Set(desktops.map((d) => d.Labels[LABELS.sandbox]).filter(Boolean));
    const now = this.inHand();
    for (const h of holders) {
      const holder = nameOf(h);
      if (used.has(holder) || before.has(holder) || now.has(holder)) continue;
      await this.docker
        .getContainer(h.Id)
        .remove({ force: true })
        .catch(() => undefined);
      for (const n of Object.keys(h.NetworkSettings?.Networks ?? {}))
        await this.docker
          .getNetwork(n)
          .remove()
          .catch(() => undefined);
    }
    if (!all) return;
    const nets = await this.docker.listNetworks({ filters: { label: [mine, `${LABELS.pool}=true`] } });
    for (const n of nets) {
      const info = await this.docker.getNetwork(n.Id).inspect();
      if (Object.keys(info.Containers ?? {}).length === 0)
        await this.docker
          .getNetwork(n.Id)
          .remove()
          .catch(() => undefined);
    }
  }
}

function name(): string {
  return randomBytes(5).toString('hex');
}
