import os from 'node:os';
import type { Logger } from 'pino';
import { type ControlPlaneClient, ControlPlaneError } from './control-plane-client.js';
import type { DeadDesktops } from './dead-desktops.js';
import type { DockerDriver } from './docker-driver.js';
import type { RdpDesktops } from './rdp-desktop.js';
import { WorkerHeartbeatDocument } from './gql/graphql.js';

/** CPU use of the whole machine since the previous call, in percent. */
function cpuSampler(): () => number {
  let prev = os.cpus();
  return () => {
    const now = os.cpus();
    let busy = 0;
    let total = 0;
    now.forEach((c, i) => {
      const p = prev[i]!.times;
      const t = c.times;
      const idle = t.idle - p.idle;
      const all = t.user - p.user + t.nice - p.nice + t.sys - p.sys + t.irq - p.irq + idle;
      busy += all - idle;
      total += all;
    });
    prev = now;
    return total > 0 ? Math.min(100, Math.max(0, (100 * busy) / total)) : 0;
  };
}

/**
 * Sends a heartbeat every HEARTBEAT_INTERVAL_SEC: usage, engine status and the worker's own
 * containers (desktops found stopped without an order are reported failed). A refused credential (revoked, or rotated elsewhere) triggers a new registration.
 */
export class HeartbeatLoop {
  private timer: NodeJS.Timeout | undefined;
  private readonly cpu = cpuSampler();
  private lastStatus = '';

  constructor(
    private readonly client: ControlPlaneClient,
    private readonly driver: DockerDriver,
    private readonly intervalMs: number,
    private readonly reregister: () => Promise<unknown>,
    private readonly logger: Logger,
    private readonly deadDesktops?: DeadDesktops,
    /** RDP desktops: whether KVM is usable here (reported as `driver.kvm`), and the port pool that learns from each inventory. */
    private readonly rdp?: Pick<RdpDesktops, 'kvm' | 'sync'>,
  ) {}

  start(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
  }

  async tick(): Promise<void> {
    try {
      const driver = await this.driver.status();
      const listedAt = Date.now();
      const inventory = driver.reachable ? await this.driver.inventory() : null;
      if (inventory) this.rdp?.sync(inventory, listedAt);
      const ack = await this.client.request(WorkerHeartbeatDocument, {
        input: {
          usage: { cpuPercent: Math.round(this.cpu() * 10) / 10, memoryUsedMb: Math.round((os.totalmem() - os.freemem()) / 1048576) },
          driver: { ...driver, ...(this.rdp ? { kvm: this.rdp.kvm() } : {}) },
          ...(inventory ? { inventory } : {}),
        },
      });
      const status = `${ack.workerHeartbeat.status}/${ack.workerHeartbeat.drainStatus}`;
      if (status !== this.lastStatus)
        this.logger.info({ status: ack.workerHeartbeat.status, drainStatus: ack.workerHeartbeat.drainStatus, engine: driver.reachable }, 'heartbeat accepted');
      this.lastStatus = status;
      if (inventory) await this.deadDesktops?.check(inventory);
    } catch (err) {
      if (err instanceof ControlPlaneError && err.code === 'UNAUTHENTICATED') {
        this.logger.warn('credential refused; registering again');
        await this.reregister();
        return;
      }
      this.logger.warn({ err: (err as Error).message }, 'heartbeat failed; will retry');
    }
  }

  dispose(): void {
    clearInterval(this.timer);
  }
}
