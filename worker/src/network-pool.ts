import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { LABELS } from './docker-driver-labels.js';

/**
 * Spare per-session bridge networks, made ahead of time: creating a bridge costs Docker about as
 * long as starting a small container, so it is kept off the path of a create. Each network serves
 * one session and is removed with it; a spare is never shared.
 */
export class NetworkPool {
  private readonly spares: string[] = [];
  private refilling: Promise<void> | undefined;

  constructor(
    private readonly docker: Docker,
    private readonly workerCode: string,
    private readonly size = 2,
  ) {}

  /** Adopts spare networks left by a previous run (pool networks no container uses). */
  async init(): Promise<void> {
    const nets = await this.docker.listNetworks({ filters: { label: [`${LABELS.pool}=true`, `${LABELS.worker}=${this.workerCode}`] } });
    for (const n of nets) {
      const info = await this.docker.getNetwork(n.Id).inspect();
      if (Object.keys(info.Containers ?? {}).length === 0) this.spares.push(n.Name);
    }
    this.refill();
    await this.settle();
  }

  /** A network for one new session; made on the spot when no spare is left. */
  async take(): Promise<string> {
    return this.spares.shift() ?? (await this.create());
  }

  /**
   * Makes spares up to the pool size. Called once a desktop is up: making a bridge while a
   * container starts would slow that start down.
   */
  refill(): void {
    this.refilling ??= (async () => {
      try {
        while (this.spares.length < this.size) this.spares.push(await this.create());
      } catch {
        // The engine is away; the next take() creates on demand and reports the real error.
      } finally {
        this.refilling = undefined;
      }
    })();
  }

  private async create(): Promise<string> {
    const name = `vdi-net-${randomBytes(5).toString('hex')}`;
    // Inter-container traffic off: even a container attached by mistake cannot reach the desktop.
    await this.docker.createNetwork({
      Name: name,
      Driver: 'bridge',
      Options: { 'com.docker.network.bridge.enable_icc': 'false' },
      Labels: { [LABELS.managed]: 'true', [LABELS.pool]: 'true', [LABELS.worker]: this.workerCode },
    });
    return name;
  }

  /** Waits for a refill in progress (tests and shutdown). */
  async settle(): Promise<void> {
    await this.refilling;
  }
}
