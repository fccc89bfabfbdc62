import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Worker } from '../workers/worker.entity.js';
import type { WorkersService } from '../workers/workers.service.js';
import { judgeWorker, PlacementRefusal } from './placement-eligibility.js';
import { NoCapacityError, type WorkerReason } from './placement.errors.js';

/**
 * Chooses the worker for a new session: the least-loaded eligible one. The slot is claimed under
 * that worker's row lock (`FOR UPDATE SKIP LOCKED`), and the load is counted again under the lock,
 * so two transactions can never both take a worker's last slot.
 */
export class PlacementService {
  constructor(private readonly workers: WorkersService) {}

  /**
   * Locks a worker with a free slot for the product and returns it with the slot to hold;
   * NO_CAPACITY with per-worker reasons otherwise. Call inside a transaction.
   */
  async claimSlot(tx: EntityManager, productId: string, exclude: ReadonlySet<string> = new Set()): Promise<{ worker: Worker; slotNo: number }> {
    const scope = await this.workers.productScope(tx, productId);
    // A separate identity map (derived fields must not be flushed), but the same connection:
    // a second pool connection per transaction would deadlock the pool under load.
    const fleet = await this.workers.list(tx.fork({ keepTransactionContext: true }));
    const reasons: WorkerReason[] = [];
    const candidates: Worker[] = [];
    for (const w of fleet) {
      if (exclude.has(w.id)) {
        reasons.push({ workerId: w.id, code: w.code, refusal: 'ALREADY_FAILED', reason: 'already failed to create this session' });
        continue;
      }
      const v = judgeWorker(w, scope);
      if (v.eligible) candidates.push(w);
      else reasons.push({ workerId: w.id, code: w.code, refusal: v.refusal!, reason: v.reason! });
    }
    candidates.sort((a, b) => a.activeSessions / Math.max(1, a.maxSessions) - b.activeSessions / Math.max(1, b.maxSessions) || a.activeSessions - b.activeSessions);
    for (const candidate of candidates) {
      // SKIP LOCKED: a worker another transaction is filling is passed over, not waited for.
      const locked = await tx.findOne(Worker, { id: candidate.id }, { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE });
      if (!locked) {
        reasons.push({ workerId: candidate.id, code: candidate.code, refusal: 'LOCKED', reason: 'busy placing another session; try again' });
        continue;
      }
      // The lowest free slot below the limit; the unique index over live sessions backs this up.
      const [free] = await tx.execute<{ slot_no: number }[]>(
        `select ws.slot_no from worker_slots ws
          where ws.worker_id = ? and ws.slot_no < ?
            and not exists (select 1 from sessions s where s.worker_id = ws.worker_id and s.slot_no = ws.slot_no)
          order by ws.slot_no limit 1`,
        [candidate.id, locked.maxSessions],
      );
      if (free) return { worker: locked, slotNo: free.slot_no };
      reasons.push({ workerId: candidate.id, code: candidate.code, refusal: PlacementRefusal.NO_FREE_SLOT, reason: `no free slot (${locked.maxSessions} of ${locked.maxSessions} held)` });
    }
    throw new NoCapacityError(reasons);
  }
}
