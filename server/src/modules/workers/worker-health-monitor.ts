import type { MikroORM } from '@mikro-orm/postgresql';
import { WorkerHealth } from './worker.entity.js';
import type { WorkersService } from './workers.service.js';
import { SLOT_HOLDING_STATES } from '../sessions/session-state.js';
import type { Logger } from '../../observability/logger.js';

/**
 * Watches the fleet: tells subscribers when a worker turns STALE (heartbeats stopped; nothing
 * else would announce it) and completes drains (DRAINING → DRAINED once no slot is held).
 */
export class WorkerHealthMonitor {
  private readonly health = new Map<string, WorkerHealth>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly orm: MikroORM,
    private readonly workers: WorkersService,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  /** One pass; passes never overlap. */
  tick(): Promise<void> {
    this.running = this.running.then(() => this.pass()).catch((err: unknown) => this.logger.error({ err }, 'worker health pass failed'));
    return this.running;
  }

  private async pass(): Promise<void> {
    const em = this.orm.em.fork();
    const drained: { id: string }[] = await em.getConnection().execute(
      `update workers w set drain_status = 'DRAINED', updated_at = now()
        where w.drain_status = 'DRAINING'
          and not exists (select 1 from sessions s where s.worker_id = w.id and s.state = any(?::text[]))
        returning w.id`,
      [`{${SLOT_HOLDING_STATES.join(',')}}`],
    );
    for (const { id } of drained) this.workers.changed(id);
    for (const w of await this.workers.list(em)) {
      const before = this.health.get(w.id);
      this.health.set(w.id, w.health);
      if (before !== undefined && before !== w.health) {
        this.logger.info({ worker: w.code, health: w.health }, 'worker health changed');
        this.workers.changed(w.id);
      }
    }
  }

  async dispose(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
