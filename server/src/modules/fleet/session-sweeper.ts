import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Session } from '../sessions/session.entity.js';
import { SessionState } from '../sessions/session-state.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import type { SessionProvisioningService } from '../sessions/session-provisioning.service.js';
import type { WorkerCommandsService } from '../workers/worker-commands.service.js';
import { WorkerCommandState } from '../workers/worker-command.entity.js';
import { commandMove, UNACKNOWLEDGED_COMMAND_STATES } from '../workers/worker-command-state-machine.js';
import { pgArray } from '../../db/pg-array.js';
import type { ServerConfig } from '../../config/config.js';
import type { Logger } from '../../observability/logger.js';
import { PeriodicTask } from '../../shared/periodic-task.js';

/** Dispatch cleanup fails a command never acknowledged, as the commands' table allows. */
const GIVE_UP = commandMove(UNACKNOWLEDGED_COMMAND_STATES, WorkerCommandState.FAILED);

/** Lock id of this loop: one replica runs a pass at a time. */
const ADVISORY_LOCK = 0x76_64_69_01;

/**
 * The time-driven ends of a session, one pass every VDI_LOOP_INTERVAL_SEC under a PostgreSQL
 * advisory lock (several replicas, one pass):
 * - expiry: a timed product past `expiresAt` becomes EXPIRED (slot freed) and its container is stopped;
 * - dispatch cleanup (WORKER_DISPATCH_*): a session stuck in PENDING, PROVISIONING or STOPPING, or a
 *   command unacknowledged, for longer than WORKER_DISPATCH_STALE_SEC is FAILED (refunded, slot freed).
 */
export class SessionSweeper {
  private readonly task: PeriodicTask;

  constructor(
    private readonly orm: MikroORM,
    private readonly config: ServerConfig,
    private readonly sessions: SessionsService,
    private readonly provisioning: SessionProvisioningService,
    private readonly commands: WorkerCommandsService,
    private readonly logger: Logger,
  ) {
    this.task = new PeriodicTask('session sweep', config.loopIntervalMs, () => this.pass(), logger);
  }

  start(): void {
    this.task.start();
  }

  /** One pass now. */
  sweep(): Promise<void> {
    return this.task.run();
  }

  private async pass(): Promise<void> {
    const announced: Session[] = [];
    const workers = new Set<string>();
    await this.orm.em.fork().transactional(async (tx) => {
      const [{ locked }] = await tx.execute<{ locked: boolean }[]>(`select pg_try_advisory_xact_lock(?) as locked`, [ADVISORY_LOCK]);
      if (!locked) return;
      await this.expire(tx, announced, workers);
      await this.timeOut(tx, announced, workers);
      if (this.config.dispatchCleanup.enabled) await this.cleanUp(tx, announced);
    });
    for (const s of announced) this.sessions.published(s);
    for (const w of workers) this.commands.announce(w);
  }

  private async expire(tx: EntityManager, announced: Session[], workers: Set<string>): Promise<void> {
    const due = await tx.find(
      Session,
      { state: { $in: [SessionState.READY, SessionState.WARM] }, expiresAt: { $lte: new Date() } },
      { limit: this.config.dispatchCleanup.scanCount, populate: ['product'] },
    );
    for (const s of due) {
      await this.sessions.transition(tx, s, SessionState.EXPIRED);
      if (s.worker) {
        this.commands.enqueueStop(tx, s.worker.id, s);
        workers.add(s.worker.id);
      }
      announced.push(s);
    }
    if (due.length) this.logger.info({ sessions: due.map((s) => s.id) }, 'expired timed sessions');
  }

  /** Allocation past VDI_ALLOCATE_TIMEOUT_SEC: FAILED (ALLOCATION_TIMEOUT), refunded, slot freed, container stopped. */
  private async timeOut(tx: EntityManager, announced: Session[], workers: Set<string>): Promise<void> {
    const before = new Date(Date.now() - this.config.allocation.timeoutSec * 1000);
    const late = await tx.find(
      Session,
      { state: { $in: [SessionState.PENDING, SessionState.PROVISIONING] }, createdAt: { $lt: before } },
      { limit: this.config.dispatchCleanup.scanCount, populate: ['product'] },
    );
    for (const s of late) {
      const reason = `ALLOCATION_TIMEOUT: not ready within ${this.config.allocation.timeoutSec} s (VDI_ALLOCATE_TIMEOUT_SEC)`;
      await this.sessions.transition(tx, s, SessionState.FAILED, { failureReason: s.failureReason ? `${reason}; ${s.failureReason}` : reason });
      await this.provisioning.refund(tx, s);
      if (s.worker) {
        this.commands.enqueueStop(tx, s.worker.id, s);
        workers.add(s.worker.id);
      }
      announced.push(s);
    }
  }

  private async cleanUp(tx: EntityManager, announced: Session[]): Promise<void> {
    const before = new Date(Date.now() - this.config.dispatchCleanup.staleSec * 1000);
    const stuck = await tx.find(
      Session,
      { state: { $in: [SessionState.PENDING, SessionState.PROVISIONING, SessionState.STOPPING] }, updatedAt: { $lt: before } },
      { limit: this.config.dispatchCleanup.scanCount, populate: ['product'] },
    );
    for (const s of stuck) {
      const reason = `stuck in ${s.state} for more than ${this.config.dispatchCleanup.staleSec} s (dispatch cleanup)`;
      await this.sessions.transition(tx, s, SessionState.FAILED, { failureReason: reason });
      await this.provisioning.refund(tx, s);
      announced.push(s);
    }
    const failed = await tx.execute(
      `update worker_commands set state = ?, error = 'not acknowledged in time (dispatch cleanup)', completed_at = now()
        where id in (select id from worker_commands where state = any(?::text[]) and created_at < ? order by created_at limit ?)`,
      [GIVE_UP.to, pgArray(GIVE_UP.from), before, this.config.dispatchCleanup.scanCount],
      'run',
    );
    if (stuck.length || (failed as { affectedRows?: number }).affectedRows)
      this.logger.warn({ sessions: stuck.map((s) => s.id), commands: (failed as { affectedRows?: number }).affectedRows }, 'dispatch cleanup');
  }

  dispose(): Promise<void> {
    return this.task.dispose();
  }
}
