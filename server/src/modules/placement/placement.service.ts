import type { EntityManager } from '@mikro-orm/postgresql';
import { DrainStatus, Worker, WorkerStatus } from '../workers/worker.entity.js';
import type { WorkersService } from '../workers/workers.service.js';
import { WorkerCommandKind } from '../workers/worker-command.entity.js';
import { judgeWorker, KVM_ACTIONS, PlacementRefusal } from './placement-eligibility.js';
import { NoCapacityError, type WorkerReason } from './placement.errors.js';
import { productScope } from './product-scope.js';
import { pgArray } from '../../db/pg-array.js';
import { purchaseDebitCtes, purchaseDebitParams } from '../coins/purchase-debit.sql.js';
import { preparedStatement, runPrepared, savepoint, type SqlTarget } from '../../db/prepared-statement.js';

/** The provision actions that need KVM, as an SQL array literal (constants only: nothing bound). */
const KVM_ACTIONS_SQL = `array[${KVM_ACTIONS.map((a) => `'${a}'`).join(', ')}]::text[]`;

/**
 * The rules of {@link judgeWorker} in SQL for the workers `w`, with a heartbeat TTL `?` (bound
 * first): active, not draining (both written from their enums), healthy, engine reachable, mapped
 * to the product `product` (an SQL expression; `?` binds it three times more), and KVM reported
 * when the product is WINDOWS.
 */
export function eligibleSql(product: string): string {
  return `w.status = '${WorkerStatus.ACTIVE}' and w.drain_status = '${DrainStatus.NONE}'
  and w.last_heartbeat_at > now() - make_interval(secs => ?)
  and coalesce((w.driver->>'reachable')::boolean, false)
  and (not exists (select 1 from product_workers pw where pw.product_id = ${product})
       or exists (select 1 from product_workers pw where pw.product_id = ${product} and pw.worker_id = w.id))
  and (coalesce(w.kvm, false)
       or not exists (select 1 from products pk where pk.id = ${product} and pk.provision_action = any(${KVM_ACTIONS_SQL})))`;
}

/** {@link eligibleSql} for a bound product: TTL, product, product, product. */
export const ELIGIBLE = eligibleSql('?');

/** The lowest free slot (worker_id, slot_no) of worker `?` below its limit; the unique index over live sessions backs this up. */
const FREE_SLOT = `select ws.worker_id, ws.slot_no from worker_slots ws join workers w on w.id = ws.worker_id
  where ws.worker_id = ? and ws.slot_no < w.max_sessions
    and not exists (select 1 from sessions s where s.worker_id = ws.worker_id and s.slot_no = ws.slot_no)
  order by ws.slot_no limit 1`;

/** Load of worker `w`: the share of its slots held (the trigger-kept counter; the slot rows guard the limit). */
export const LOAD = `w.live_sessions::float / greatest(w.max_sessions, 1)`;

/** The least-loaded eligible worker with a free slot: TTL, product ×3, workers to skip, preferred worker. */
const CANDIDATE = `select w.id from workers w
  where ${ELIGIBLE} and w.id <> all(?::uuid[])
    and w.live_sessions < w.max_sessions
  order by case when w.id = ?::uuid then 0 else 1 end, ${LOAD}, w.code
  limit 1`;

/** {@link CANDIDATE}, locked, passing over workers other transactions hold. */
const LOCK_WORKER = preparedStatement(`${CANDIDATE} for update skip locked`);

/**
 * {@link CANDIDATE}, locked, waiting for it when another transaction holds it. PostgreSQL checks
 * the row again once the lock is granted (a worker filled or drained meanwhile is passed over).
 */
const WAIT_FOR_WORKER = preparedStatement(`${CANDIDATE} for update`);

/**
 * WARM → READY for one candidate: owner, exam, the state to move to, the state to move from,
 * product, exam, TTL, product ×3, sticky worker. `lock` is how the warm desktop is locked
 * (`skip locked`, or empty to wait for it).
 */
function claimWarmSql(lock: string): string {
  return `update sessions s set owner_id = ?, exam_id = ?, state = ?, updated_at = now(), ready_at = now(),
          expires_at = (select case when p.duration_minutes > 0 then now() + make_interval(mins => p.duration_minutes) end from products p where p.id = s.product_id)
    where s.id = (
      select s2.id from sessions s2 join workers w on w.id = s2.worker_id
       where s2.state = ? and s2.owner_id is null and s2.product_id = ? and (s2.exam_id = ? or s2.exam_id is null)
         and ${ELIGIBLE}
       order by case when s2.worker_id = ? then 0 else 1 end, (s2.exam_id is null), s2.created_at
       limit 1 for update of s2 ${lock})
    returning s.id, s.worker_id`;
}
const CLAIM_WARM_SKIPPING = claimWarmSql('skip locked');
const CLAIM_WARM_WAITING = claimWarmSql('');

/** The purchase after the worker lock: slot, session, the coins module's debit and ledger entry, create command (see `purchaseInTwoStatements`). */
const PURCHASE = preparedStatement(`with prod as (select price_coins as price from products where id = ? and is_active), slot as (${FREE_SLOT}), ses as (
    insert into sessions (id, owner_id, product_id, worker_id, slot_no, state, idempotency_key, created_at, updated_at)
    select ?::uuid, ?::uuid, ?::uuid, slot.worker_id, slot.slot_no, ?, ?, ?::timestamptz, ?::timestamptz from slot, prod
    returning id, worker_id
  ), ${purchaseDebitCtes('prod.price', 'exists (select 1 from ses)', 'prod')}, cmd as (
    insert into worker_commands (id, worker_id, session_id, kind, payload, created_at)
    select ?::uuid, ses.worker_id, ses.id, ?, ?::jsonb, ?::timestamptz from ses
  )
  select (select worker_id from ses) as worker_id, exists (select 1 from usr) as debited,
         exists (select 1 from prod) as active, (select price from prod) as price`);

/** What a purchase did: the worker it placed on (null: no capacity, or an inactive product when `active` is false), and whether the buyer was debited `price`. */
export interface PurchaseOutcome {
  workerId: string | null;
  debited: boolean;
  active: boolean;
  price: number;
}

/**
 * Chooses the worker for a new session: the least-loaded eligible one. The slot is claimed under
 * that worker's row lock (`FOR UPDATE`, passing over held workers while others are free, waiting
 * for one when all are held), and the load is counted again under the lock, so two transactions
 * can never both take a worker's last slot, and a placement is refused only when no eligible
 * worker has a free slot.
 */
export class PlacementService {
  constructor(
    private readonly workers: WorkersService,
    private readonly heartbeatTtlSec: number,
  ) {}

  /**
   * Locks a worker with a free slot for the product and returns it with the slot to hold;
   * NO_CAPACITY with per-worker reasons otherwise. Call inside a transaction.
   */
  async claimSlot(
    tx: EntityManager,
    productId: string,
    exclude: ReadonlySet<string> = new Set(),
    prefer: string | null = null,
  ): Promise<{ worker: Worker; slotNo: number }> {
    const tried = [...exclude];
    for (;;) {
      // As in purchaseInTwoStatements: a worker found full under its lock is let go before the next is waited for.
      await savepoint(tx, 'placement_try');
      const workerId = await this.lockWorker(tx, productId, tried, prefer);
      if (!workerId) break;
      const [free] = await tx.execute<{ slot_no: number }[]>(FREE_SLOT, [workerId]);
      if (free) return { worker: tx.getReference(Worker, workerId), slotNo: free.slot_no };
      await savepoint(tx, 'placement_try', true); // filled meanwhile: let it go, try the next worker
      tried.push(workerId);
    }
    throw new NoCapacityError(await this.reasons(tx, productId, exclude));
  }

  /**
   * Locks the least-loaded eligible worker with a free slot (`prefer`, a sticky worker, first when
   * it qualifies), passing over (SKIP LOCKED) workers other transactions hold and those in
   * `skip`. When every such worker is held (by a placement filling it, or by the trigger that
   * counts its live sessions), waits for the first instead of refusing: a held worker may well
   * have free slots. Null only when no eligible worker has a free slot. The caller reads the free
   * slot in a new statement, whose snapshot sees sessions committed before the lock.
   */
  private async lockWorker(tx: SqlTarget, productId: string, skip: string[], prefer: string | null = null): Promise<string | null> {
    const params = [this.heartbeatTtlSec, productId, productId, productId, pgArray(skip), prefer];
    const [free] = await runPrepared<{ id: string }>(tx, LOCK_WORKER, params);
    if (free) return free.id;
    const [held] = await runPrepared<{ id: string }>(tx, WAIT_FOR_WORKER, params);
    return held?.id ?? null;
  }

  /**
   * Hands a warm desktop of the exam (or a product-wide one) to a candidate in one statement:
   * WARM → READY with its owner, on a worker still eligible, the sticky worker's first. Concurrent
   * claims pass over each other's rows (SKIP LOCKED), so no desktop is given twice; when every
   * warm desktop left is held by another transaction, waits for one rather than going without
   * (the holder may let it go). Null when the pool is empty. `move` is WARM → READY as the
   * sessions module's state machine allows it (placement binds the state names it is given).
   */
  async claimWarm(
    tx: EntityManager,
    p: { productId: string; examId: string; ownerId: string; prefer: string | null; move: { from: string; to: string } },
  ): Promise<{ id: string; workerId: string } | null> {
    const params = [p.ownerId, p.examId, p.move.to, p.move.from, p.productId, p.examId, this.heartbeatTtlSec, p.productId, p.productId, p.productId, p.prefer];
    let [row] = await tx.execute<{ id: string; worker_id: string }[]>(CLAIM_WARM_SKIPPING, params);
    if (!row) [row] = await tx.execute<{ id: string; worker_id: string }[]>(CLAIM_WARM_WAITING, params);
    return row ? { id: row.id, workerId: row.worker_id } : null;
  }

  /** Why each worker cannot take the product now (the NO_CAPACITY answer). */
  async reasons(tx: EntityManager, productId: string, exclude: ReadonlySet<string>): Promise<WorkerReason[]> {
    const scope = await productScope(tx, productId);
    // A separate identity map (derived fields must not be flushed), but the same connection:
    // a second pool connection per transaction would deadlock the pool under load.
    const fleet = await this.workers.list(tx.fork({ keepTransactionContext: true }));
    return fleet.map((w): WorkerReason => {
      if (exclude.has(w.id)) return { workerId: w.id, code: w.code, refusal: 'ALREADY_FAILED', reason: 'already failed to create this session' };
      const v = judgeWorker(w, scope);
      return v.eligible
        ? { workerId: w.id, code: w.code, refusal: PlacementRefusal.NO_FREE_SLOT, reason: `no free slot (${w.activeSessions}/${w.maxSessions})` }
        : { workerId: w.id, code: w.code, refusal: v.refusal!, reason: v.reason! };
    });
  }

  /**
   * A whole purchase in two statements (the hot path of exam morning): first lock the least-loaded
   * eligible worker that has a free slot (SKIP LOCKED, or waiting when every one is held); then, on a fresh snapshot taken under that
   * lock, take its lowest free slot, insert the session, debit the buyer the product's price as it
   * is in the database now (with its ledger entry) and queue the create command. Returns the
   * worker, or null for no capacity or an inactive product (`active` says which); `debited` is
   * false when the balance was short (the caller rolls back). The database constraints still
   * guard every rule. The session starts in `p.state` (the sessions module's PENDING).
   */
  async purchaseInTwoStatements(
    tx: SqlTarget,
    p: { sessionId: string; ownerId: string; productId: string; state: string; key: string; reason: string; commandId: string; payload: string; now: Date },
  ): Promise<PurchaseOutcome> {
    const tried: string[] = [];
    for (;;) {
      // Each try under a savepoint: a worker found full under its lock is let go (rolled back to
      // here) before another is waited for. Holding one worker while waiting for the next is how
      // two purchases deadlocked, each on the full worker the other held.
      await savepoint(tx, 'placement_try');
      const workerId = await this.lockWorker(tx, p.productId, tried);
      if (!workerId) return { workerId: null, debited: false, active: true, price: 0 };
      // A new statement, so a new snapshot: sessions committed before our lock are seen.
      const [row] = await runPrepared<{ worker_id: string | null; debited: boolean; active: boolean; price: number | null }>(tx, PURCHASE, [
        p.productId,
        workerId,
        p.sessionId,
        p.ownerId,
        p.productId,
        p.state,
        p.key,
        p.now,
        p.now,
        ...purchaseDebitParams({ buyerId: p.ownerId, reason: p.reason, sessionId: p.sessionId, idempotencyKey: `purchase:${p.key}`, at: p.now }),
        p.commandId,
        WorkerCommandKind.CREATE_SESSION,
        p.payload,
        p.now,
      ]);
      if (!row?.active) return { workerId: null, debited: false, active: false, price: 0 };
      if (row.worker_id) return { workerId: row.worker_id, debited: Boolean(row.debited), active: true, price: row.price ?? 0 };
      await savepoint(tx, 'placement_try', true); // filled meanwhile: let it go, try the next worker
      tried.push(workerId);
    }
  }
}
