import { type DrainStatus, WorkerStatus } from './worker.entity.js';
import { WorkersError, WorkersErrorCode } from './workers.errors.js';

/** Where a worker stands: in or out of service, and its maintenance (drain) state. */
export interface WorkerState {
  status: WorkerStatus;
  drainStatus: DrainStatus;
}

/** A worker state as the table names it: `STATUS/DRAIN`, e.g. `ACTIVE/DRAINING`. */
export type WorkerStateKey = `${WorkerStatus}/${DrainStatus}`;

/** How a move may be made: `force` only with force: true (a worker that may still run desktops goes out of service). */
export type WorkerMoveRule = 'allowed' | 'force';

/**
 * The one transition table of a worker (status × drain). A key lists the states it may move to;
 * staying where it is is always allowed (a repeated drain or enable changes nothing); anything
 * else is refused with CONFLICT.
 * - drain: `x/NONE → x/DRAINING` (live sessions left) or `x/DRAINED` (none); a drain completes `x/DRAINING → x/DRAINED`;
 * - disable: `ACTIVE/DRAINED → DISABLED/DRAINED`, and with force from NONE or DRAINING (the drain state is kept);
 * - enable: back to `ACTIVE/NONE` from anywhere.
 */
export const WORKER_TRANSITIONS: Readonly<Record<WorkerStateKey, Readonly<Partial<Record<WorkerStateKey, WorkerMoveRule>>>>> = {
  'ACTIVE/NONE': { 'ACTIVE/DRAINING': 'allowed', 'ACTIVE/DRAINED': 'allowed', 'DISABLED/NONE': 'force' },
  'ACTIVE/DRAINING': { 'ACTIVE/DRAINED': 'allowed', 'ACTIVE/NONE': 'allowed', 'DISABLED/DRAINING': 'force' },
  'ACTIVE/DRAINED': { 'DISABLED/DRAINED': 'allowed', 'ACTIVE/NONE': 'allowed' },
  'DISABLED/NONE': { 'DISABLED/DRAINING': 'allowed', 'DISABLED/DRAINED': 'allowed', 'ACTIVE/NONE': 'allowed' },
  'DISABLED/DRAINING': { 'DISABLED/DRAINED': 'allowed', 'ACTIVE/NONE': 'allowed' },
  'DISABLED/DRAINED': { 'ACTIVE/NONE': 'allowed' },
};

/** The table's name for a state. */
export function workerStateKey(s: WorkerState): WorkerStateKey {
  return `${s.status}/${s.drainStatus}`;
}

/** How `from → to` may be made: `allowed`, `force`, or null when the table refuses it. */
export function workerMoveRule(from: WorkerState, to: WorkerState): WorkerMoveRule | null {
  const f = workerStateKey(from);
  const t = workerStateKey(to);
  return f === t ? 'allowed' : (WORKER_TRANSITIONS[f][t] ?? null);
}

/** What the one apply function needs of a worker: its state, and what the refusals name. */
export type MovableWorker = WorkerState & { code: string; activeSessions: number };

/**
 * Moves `worker` to `to` when the table allows it (with `force` where the table asks for it), and
 * says whether anything changed; CONFLICT otherwise, and nothing changes.
 */
export function applyWorkerMove(worker: MovableWorker, to: WorkerState, force = false): boolean {
  const rule = workerMoveRule(worker, to);
  const from = workerStateKey(worker);
  if (!rule) {
    throw new WorkersError(WorkersErrorCode.CONFLICT, `Worker ${worker.code} cannot go from ${from} to ${workerStateKey(to)}`, {
      from,
      to: workerStateKey(to),
    });
  }
  if (rule === 'force' && !force) {
    throw new WorkersError(
      WorkersErrorCode.CONFLICT,
      `Worker ${worker.code} is ${worker.drainStatus} with ${worker.activeSessions} live session(s): drain it first, or pass force: true`,
      { drainStatus: worker.drainStatus, activeSessions: worker.activeSessions },
    );
  }
  if (from === workerStateKey(to)) return false;
  worker.status = to.status;
  worker.drainStatus = to.drainStatus;
  return true;
}

/**
 * The drain-state move set-based SQL makes for workers of any status (a drain completing):
 * checked against the table for every status, then bound as parameters.
 */
export function drainMove(from: DrainStatus, to: DrainStatus): { from: DrainStatus; to: DrainStatus } {
  for (const status of Object.values(WorkerStatus)) {
    if (workerMoveRule({ status, drainStatus: from }, { status, drainStatus: to }) !== 'allowed') {
      throw new WorkersError(WorkersErrorCode.CONFLICT, `A ${status} worker cannot go from ${from} to ${to}`, { from, to });
    }
  }
  return { from, to };
}
