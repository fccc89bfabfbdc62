import { DomainError } from '../../shared/domain-error.js';
import { ErrorCode } from '../../shared/error-codes.js';
import type { PlacementRefusal } from './placement-eligibility.js';

/** Why one worker was not chosen. */
export interface WorkerReason {
  workerId: string;
  code: string;
  refusal: PlacementRefusal | 'ALREADY_FAILED';
  reason: string;
}

/** No worker can take the session; `extensions.reasons` says why, per worker. */
export class NoCapacityError extends DomainError {
  constructor(reasons: WorkerReason[]) {
    const summary = reasons.length === 0 ? 'no worker is registered' : reasons.map((r) => `${r.code}: ${r.reason}`).join('; ');
    super(ErrorCode.NO_CAPACITY, `No worker can take this session (${summary})`, { reasons });
  }
}
