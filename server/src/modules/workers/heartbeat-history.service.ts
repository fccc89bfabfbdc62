import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { HeartbeatSample } from './heartbeat-sample.entity.js';
import type { Logger } from '../../observability/logger.js';
import { PeriodicTask } from '../../shared/periodic-task.js';
import { BadInputError, NotFoundError } from '../../shared/domain-error.js';
import { check } from '../../shared/validate.js';

/** At most one week of minutes per answer: a chart never needs more, and the answer stays small. */
export const MAX_HISTORY_ROWS = 10_080;
/** How often expired history is pruned. */
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * The per-minute heartbeat history (written by the heartbeat flush): reads for the worker chart
 * and the export after an exam, and pruning past `VDI_HEARTBEAT_HISTORY_DAYS`.
 */
export class HeartbeatHistoryService {
  private readonly task: PeriodicTask;

  constructor(
    private readonly orm: MikroORM,
    private readonly retentionDays: number,
    logger: Logger,
    pruneEveryMs = PRUNE_EVERY_MS,
  ) {
    this.task = new PeriodicTask('heartbeat history prune', pruneEveryMs, () => this.prune().then(() => undefined), logger);
  }

  start(): void {
    this.task.start();
    void this.task.run();
  }

  /** One worker's minutes between `since` (default: the last 24 hours) and `until` (default: now), oldest first. */
  async history(em: EntityManager, workerId: string, since?: Date | null, until?: Date | null): Promise<HeartbeatSample[]> {
    const id = check.id('workerId', workerId);
    const to = until ?? new Date();
    const from = since ?? new Date(to.getTime() - 24 * 3_600_000);
    if (from > to) throw new BadInputError('since', 'must not be after until');
    const [exists] = await em.execute<{ n: number }[]>(`select 1 as n from workers where id = ?`, [id]);
    if (!exists) throw new NotFoundError('Worker', workerId);
    // The newest minutes win when the window holds more than the cap; answered oldest first.
    const rows = await em.find(
      HeartbeatSample,
      { workerId: id, bucket: { $gte: floorMinute(from), $lte: to } },
      { orderBy: { bucket: 'desc' }, limit: MAX_HISTORY_ROWS },
    );
    return rows.reverse();
  }

  /** The minutes of several workers within a window (the export after an exam): one query. */
  async forWorkers(em: EntityManager, workerIds: string[], since: Date, until: Date): Promise<HeartbeatSample[]> {
    if (workerIds.length === 0) return [];
    return em.find(
      HeartbeatSample,
      { workerId: { $in: workerIds }, bucket: { $gte: floorMinute(since), $lte: until } },
      { orderBy: { workerId: 'asc', bucket: 'asc' }, limit: MAX_HISTORY_ROWS * 4 },
    );
  }

  /** Deletes minutes older than the retention; returns how many went. */
  async prune(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.retentionDays * 86_400_000);
    const rows = await this.orm.em
      .getConnection()
      .execute<{ n: string }[]>(`with d as (delete from heartbeat_samples where bucket < ? returning 1) select count(*) as n from d`, [cutoff]);
    return Number(rows[0]?.n ?? 0);
  }

  dispose(): Promise<void> {
    return this.task.dispose();
  }
}

function floorMinute(d: Date): Date {
  return new Date(Math.floor(d.getTime() / 60_000) * 60_000);
}
