import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Worker } from '../workers/worker.entity.js';
import type { WorkersService } from '../workers/workers.service.js';
import { judgeWorker, PlacementRefusal } from './placement-eligibility.js';
import { NoCapacityError, type WorkerReason } from './placement.errors.js';
import { SLOT_HOLDING_STATES } from '../sessions/session-state.js';

/**
 * Chooses the worker for a new session: the least-loaded eligible one. The slot is claimed under
 * that worker's row lock (`FOR UPDATE SKIP LOCKED`), and the load is counted again under the lock,
 * so two transactions can never both take a worker's last slot.
 */
export class PlacementService {
  constructor(private readonly workers: WorkersService) {}

  /** Locks and returns a worker with a free slot for the product; NO_CAPACITY with per-worker reasons otherwise. Call inside a transaction. */
  async claimWorker(tx: EntityManager, productId: string): Promise<Worker> {
    const scope = await this.workers.productScope(tx, productId);
    const fleet = await this.workers.list(tx.fork());
    const reasons: WorkerReason[] = [];
    const candidates: Worker[] = [];
    for (const w of fleet) {
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
      const [{ n }] = await tx.getConnection().execute<{ n: string }[]>(`select count(*) as n from sessions where worker_id = ? and state = any(?::text[])`, [candidate.id, `{${SLOT_HOLDING_STATES.join(',')}}`], 'all', tx.getTransactionContext());
      if (Number(n) < locked.maxSessions) return locked;
      reasons.push({ workerId: candidate.id, code: candidate.code, refusal: PlacementRefusal.NO_FREE_SLOT, reason: `no free slot (${n}/${locked.maxSessions})` });
    }
    throw new NoCapacityError(reasons);
  }
}
