import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { ReconcileKind, type ReconcileItem, type ReconcileReport } from './reconcile.types.js';
import { Session } from '../sessions/session.entity.js';
import { SessionState, STARTING_STATES } from '../sessions/session-state.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import type { SessionProvisioningService } from '../sessions/session-provisioning.service.js';
import { WorkerCommandKind } from '../workers/worker-command.entity.js';
import { WorkerStatus } from '../workers/worker.entity.js';
import type { WorkerCommandsService } from '../workers/worker-commands.service.js';
import type { HeartbeatBuffer } from '../workers/heartbeat-buffer.js';
import { RECONCILE_MARK, type PrewarmService } from '../exams/prewarm.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Viewer } from '../../shared/viewer.js';
import { pgArray } from '../../db/pg-array.js';
import { ORPHANS_PARAMS, ORPHANS_SQL } from './orphan-containers.js';

const ADVISORY_LOCK = 0x76_64_69_03;
/** States whose container a worker must report (READY or WARM). */
const RUNNING_STATES: readonly SessionState[] = [SessionState.READY, SessionState.WARM];
/** States a session should leave on its own within VDI_ALLOCATE_TIMEOUT_SEC. */
const UNSETTLED_STATES: readonly SessionState[] = [...STARTING_STATES, SessionState.STOPPING];
/** A container is expected in the inventory this long after its session became READY or WARM. */
const INVENTORY_GRACE_SEC = 10;

/**
 * "Reconcile now" (T-15): compares the database with every worker's reported inventory
 * and lists orphan containers, sessions whose container is gone, stuck sessions, warm pools below
 * target and stale workers. Apply fixes what can be fixed, under an advisory lock so two
 * operators pressing the button at once do it once.
 */
export class ReconcileService {
  constructor(
    private readonly orm: MikroORM,
    private readonly heartbeats: HeartbeatBuffer,
    private readonly sessions: SessionsService,
    private readonly provisioning: SessionProvisioningService,
    private readonly commands: WorkerCommandsService,
    private readonly prewarm: PrewarmService,
    private readonly audit: AuditService,
    private readonly allocateTimeoutSec: number,
    private readonly heartbeatTtlSec: number,
  ) {}

  async reconcile(viewer: Viewer, dryRun: boolean): Promise<ReconcileReport> {
    await this.heartbeats.flush(); // compare against the newest inventories
    const after: (() => void)[] = [];
    const items = await this.orm.em.fork().transactional(async (tx) => {
      await tx.execute(`select pg_advisory_xact_lock(?)`, [ADVISORY_LOCK]);
      const found = [
        ...(await this.orphans(tx, dryRun, after)),
        ...(await this.missingContainers(tx, dryRun, after)),
        ...(await this.stuck(tx, dryRun, after)),
        ...(await this.staleWorkers(tx)),
      ];
      if (!dryRun) this.audit.record(tx, viewer, 'reconcile.apply', 'cluster', null, { findings: found.length });
      return found;
    });
    for (const fn of after) fn();
    items.push(...(await this.missingWarm(dryRun)));
    return { dryRun, at: new Date(), total: items.length, items };
  }

  private async orphans(tx: EntityManager, dryRun: boolean, after: (() => void)[]): Promise<ReconcileItem[]> {
    const rows = await tx.execute<{ worker_id: string; code: string; name: string; session_id: string | null }[]>(ORPHANS_SQL, [...ORPHANS_PARAMS]);
    for (const o of rows)
      if (!dryRun) this.commands.enqueue(tx, o.worker_id, WorkerCommandKind.STOP_CONTAINER, { name: o.name, sessionId: o.session_id }, null);
    if (!dryRun) await tx.flush();
    // Announced after the commit: a worker told earlier reads its queue before the stops are in it.
    for (const id of new Set(rows.map((o) => o.worker_id))) if (!dryRun) after.push(() => this.commands.announce(id));
    return rows.map((o) => ({
      kind: ReconcileKind.ORPHAN_CONTAINER,
      workerCode: o.code,
      sessionId: o.session_id,
      container: o.name,
      detail: o.session_id ? `container of session ${o.session_id}, which is not live on this worker` : 'labelled container of no session',
      action: dryRun ? 'stop the container' : 'stop ordered',
    }));
  }

  private async missingContainers(tx: EntityManager, dryRun: boolean, after: (() => void)[]): Promise<ReconcileItem[]> {
    const rows = await tx.execute<{ id: string; code: string; worker_route: string | null }[]>(
      `select s.id, w.code, s.worker_route from sessions s join workers w on w.id = s.worker_id
        where s.state = any(?::text[])
          and w.last_heartbeat_at > now() - make_interval(secs => ?)
          and coalesce((w.driver->>'reachable')::boolean, false)
          and w.last_heartbeat_at > coalesce(s.ready_at, s.updated_at) + make_interval(secs => ?)
          and not exists (select 1 from jsonb_array_elements(w.inventory) c where c->>'sessionId' = s.id::text)`,
      [pgArray(RUNNING_STATES), this.heartbeatTtlSec, INVENTORY_GRACE_SEC],
    );
    if (!dryRun)
      await this.failAll(
        tx,
        rows.map((r) => r.id),
        (r) => `container gone from worker ${r.code}${RECONCILE_MARK}`,
        rows,
        after,
      );
    return rows.map((r) => ({
      kind: ReconcileKind.MISSING_CONTAINER,
      workerCode: r.code,
      sessionId: r.id,
      container: r.worker_route,
      detail: `worker ${r.code} no longer reports this desktop's container`,
      action: dryRun ? 'fail the session (refunded) and free its slot' : 'session failed, refunded, slot freed',
    }));
  }

  private async stuck(tx: EntityManager, dryRun: boolean, after: (() => void)[]): Promise<ReconcileItem[]> {
    const rows = await tx.execute<{ id: string; code: string | null; state: string; worker_route: string | null; age: number }[]>(
      `select s.id, w.code, s.state, s.worker_route, extract(epoch from now() - s.updated_at)::int as age
         from sessions s left join workers w on w.id = s.worker_id
        where s.state = any(?::text[]) and s.updated_at < now() - make_interval(secs => ?)
        order by s.updated_at limit 1000`,
      [pgArray(UNSETTLED_STATES), this.allocateTimeoutSec],
    );
    if (!dryRun) {
      const starting = rows.filter((r) => r.state !== SessionState.STOPPING);
      await this.failAll(
        tx,
        starting.map((r) => r.id),
        () => `ALLOCATION_TIMEOUT: not ready within ${this.allocateTimeoutSec} s${RECONCILE_MARK}`,
        starting,
        after,
      );
      const stopping = await tx.find(Session, { id: { $in: rows.filter((r) => r.state === SessionState.STOPPING).map((r) => r.id) } });
      for (const s of stopping) {
        if (s.worker) this.commands.enqueueStop(tx, s.worker.id, s);
        s.updatedAt = new Date();
        after.push(() => s.worker && this.commands.announce(s.worker.id));
      }
      await tx.flush();
    }
    return rows.map((r) => ({
      kind: ReconcileKind.STUCK_SESSION,
      workerCode: r.code,
      sessionId: r.id,
      container: r.worker_route,
      detail: `${r.state} for ${r.age} s (VDI_ALLOCATE_TIMEOUT_SEC is ${this.allocateTimeoutSec})`,
      action:
        r.state === SessionState.STOPPING
          ? dryRun
            ? 'order the stop again'
            : 'stop ordered again'
          : dryRun
            ? 'fail the session (refunded) and free its slot'
            : 'session failed, refunded, slot freed',
    }));
  }

  private async staleWorkers(tx: EntityManager): Promise<ReconcileItem[]> {
    const rows = await tx.execute<{ code: string; last: Date | null; live: string }[]>(
      `select w.code, w.last_heartbeat_at as last, (select count(*) from sessions s where s.worker_id = w.id and s.slot_no is not null) as live
         from workers w where w.status = ? and (w.last_heartbeat_at is null or w.last_heartbeat_at <= now() - make_interval(secs => ?))`,
      [WorkerStatus.ACTIVE, this.heartbeatTtlSec],
    );
    return rows.map((r) => ({
      kind: ReconcileKind.STALE_WORKER,
      workerCode: r.code,
      sessionId: null,
      container: null,
      detail: `no heartbeat since ${r.last ? new Date(r.last).toISOString() : 'registration'}; ${r.live} live sessions flagged`,
      action: 'none: bring the worker back, or drain and disable it',
    }));
  }

  private async missingWarm(dryRun: boolean): Promise<ReconcileItem[]> {
    const pools = await this.prewarm.shortPools(this.orm.em.fork());
    if (!dryRun && pools.length) await this.prewarm.run();
    return pools.map((p) => ({
      kind: ReconcileKind.MISSING_WARM,
      workerCode: null,
      sessionId: null,
      container: null,
      detail: `${p.label}: ${p.warm + p.provisioning} of ${p.target} warm desktops`,
      action: dryRun ? `create ${p.missing}` : 'prewarm started',
    }));
  }

  /** FAILED with a reason, refunded, slot freed, container ordered stopped (idempotent on the worker). */
  private async failAll<R extends { id: string }>(
    tx: EntityManager,
    ids: string[],
    reason: (row: R) => string,
    rows: R[],
    after: (() => void)[],
  ): Promise<void> {
    if (ids.length === 0) return;
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const s of await tx.find(Session, { id: { $in: ids } }, { populate: ['product'] })) {
      await this.sessions.transition(tx, s, SessionState.FAILED, { failureReason: reason(byId.get(s.id)!) });
      await this.provisioning.refund(tx, s);
      if (s.worker) this.commands.enqueueStop(tx, s.worker.id, s);
      after.push(() => {
        if (s.worker) this.commands.announce(s.worker.id);
        this.sessions.published(s);
      });
    }
    await tx.flush();
  }
}
