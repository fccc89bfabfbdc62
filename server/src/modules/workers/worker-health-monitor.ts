import type { MikroORM } from '@mikro-orm/postgresql';
import { WorkerHealth } from './worker.entity.js';
import type { WorkersService } from './workers.service.js';
import { SLOT_HOLDING_STATES } from '../sessions/session-state.js';
import type { Logger } from '../../observability/logger.js';
import { PeriodicTask } from '../../shared/periodic-task.js';

/**
 * Watches the fleet: tells subscribers when a worker turns STALE (heartbeats stopped; nothing
 * else would announce it) and completes drains (DRAINING → DRAINED once no slot is held).
 */
export class WorkerHealthMonitor {
  private readonly health = new Map<string, WorkerHealth>();
  private readonly task: PeriodicTask;

  constructor(
    private readonly orm: MikroORM,
    private readonly workers: WorkersService,
    intervalMs: number,
    private readonly logger: Logger,
  ) {
    this.task = new PeriodicTask('worker health pass', intervalMs, () => this.pass(), logger);
  }

  start(): void {
    this.task.start();
  }

  /** One pass, now. */
  tick(): Promise<void> {
    return this.task.run();
  }

  private async pass(): Promise<void> {
    const em = this.orm.em.fork();
    const drained: { id: string }[] = await em.execute(
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

  dispose(): Promise<void> {
    return this.task.dispose();
  }
}
