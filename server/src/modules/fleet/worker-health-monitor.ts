import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { DrainStatus, WorkerHealth } from '../workers/worker.entity.js';
import { drainMove } from '../workers/worker-state-machine.js';
import type { WorkersService } from '../workers/workers.service.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import { SLOT_HOLDING_STATES } from '../sessions/session-state.js';
import type { Logger } from '../../observability/logger.js';
import { PeriodicTask } from '../../shared/periodic-task.js';
import { pgArray } from '../../db/pg-array.js';

/** A drain completes when no slot is held: DRAINING → DRAINED, checked against the workers' table. */
const DRAIN_DONE = drainMove(DrainStatus.DRAINING, DrainStatus.DRAINED);

/**
 * Watches the fleet: tells subscribers when a worker turns STALE (heartbeats stopped; nothing
 * else would announce it), flags the live sessions of a stale worker (`attention`
 * WORKER_STALE: …, cleared when it recovers) and completes drains (DRAINING → DRAINED once no slot
 * is held).
 */
export class WorkerHealthMonitor {
  private readonly health = new Map<string, WorkerHealth>();
  private readonly task: PeriodicTask;

  constructor(
    private readonly orm: MikroORM,
    private readonly workers: WorkersService,
    private readonly sessions: SessionsService,
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
      `update workers w set drain_status = ?, updated_at = now()
        where w.drain_status = ?
          and not exists (select 1 from sessions s where s.worker_id = w.id and s.state = any(?::text[]))
        returning w.id`,
      [DRAIN_DONE.to, DRAIN_DONE.from, pgArray(SLOT_HOLDING_STATES)],
    );
    for (const { id } of drained) this.workers.changed(id);
    const fleet = await this.workers.list(em);
    for (const w of fleet) {
      const before = this.health.get(w.id);
      this.health.set(w.id, w.health);
      if (before !== undefined && before !== w.health) {
        this.logger.info({ worker: w.code, health: w.health }, 'worker health changed');
        this.workers.changed(w.id);
      }
    }
    await this.flagSessions(
      em,
      fleet.filter((w) => w.health === WorkerHealth.STALE),
    );
  }

  /** Sets `attention` on the live sessions of stale workers and clears it once their worker is back. */
  private async flagSessions(em: EntityManager, stale: { id: string; code: string; lastHeartbeatAt?: Date | null }[]): Promise<void> {
    const flags = stale.map((w) => ({
      id: w.id,
      msg: `WORKER_STALE: worker ${w.code} has sent no heartbeat since ${w.lastHeartbeatAt?.toISOString() ?? 'it registered'}`,
    }));
    const live = pgArray(SLOT_HOLDING_STATES);
    const returning = `returning s.id as "sessionId", s.owner_id as "ownerId", s.exam_id as "examId", s.product_id as "productId"`;
    const flagged = await em.execute(
      `update sessions s set attention = x.msg, updated_at = now() from jsonb_to_recordset(?::jsonb) as x(id uuid, msg text)
        where s.worker_id = x.id and s.state = any(?::text[]) and s.attention is distinct from x.msg ${returning}`,
      [JSON.stringify(flags), live],
    );
    const cleared = await em.execute(
      `update sessions s set attention = null, updated_at = now()
        where s.attention like 'WORKER_STALE:%' and (s.worker_id <> all(?::uuid[]) or not s.state = any(?::text[])) ${returning}`,
      [pgArray(stale.map((w) => w.id)), live],
    );
    this.sessions.publishedRows([...flagged, ...cleared] as never);
  }

  dispose(): Promise<void> {
    return this.task.dispose();
  }
}
