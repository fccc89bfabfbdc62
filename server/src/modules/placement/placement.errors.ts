import { DomainError } from '../../shared/domain-error.js';
import { ErrorCode } from '../../shared/error-codes.js';
import { isStaff, type Viewer } from '../../shared/viewer.js';
import type { PlacementRefusal } from './placement-eligibility.js';

/** Why one worker was not chosen. */
export interface WorkerReason {
  workerId: string;
  code: string;
  refusal: PlacementRefusal | 'ALREADY_FAILED';
  reason: string;
}

/** What a USER or CANDIDATE reads when no desktop can be had: nothing about the fleet's machines. */
export const NO_CAPACITY_FOR_PEOPLE = 'No free desktop right now; please try again in a few minutes';

/** What they read when every worker refused for want of KVM: waiting will not help, an operator must add a KVM worker. */
export const NO_KVM_FOR_PEOPLE = 'No server can run this machine type right now (it needs a server with virtualisation, KVM); please tell the administrator';

/** No worker can take the session; `extensions.reasons` says why, per worker (staff only: see {@link seenBy}). */
export class NoCapacityError extends DomainError {
  constructor(readonly reasons: WorkerReason[]) {
    const summary = reasons.length === 0 ? 'no worker is registered' : reasons.map((r) => `${r.code}: ${r.reason}`).join('; ');
    super(ErrorCode.NO_CAPACITY, `No worker can take this session (${summary})`, { reasons });
  }

  /**
   * The refusal as `viewer` may read it: ADMIN and OPERATOR get every worker's reason; anyone else
   * a plain sentence and how many workers refused for each kind of reason (`reasonsByKind`), with
   * no worker ids, codes or slot counts.
   */
  seenBy(viewer: Viewer): DomainError {
    if (isStaff(viewer)) return this;
    const reasonsByKind: Record<string, number> = {};
    for (const r of this.reasons) reasonsByKind[r.refusal] = (reasonsByKind[r.refusal] ?? 0) + 1;
    const onlyKvm = this.reasons.length > 0 && this.reasons.every((r) => r.refusal === 'NO_KVM');
    return new DomainError(ErrorCode.NO_CAPACITY, onlyKvm ? NO_KVM_FOR_PEOPLE : NO_CAPACITY_FOR_PEOPLE, { reasonsByKind });
  }
}

/** `err` as `viewer` may read it: a NO_CAPACITY refusal loses the fleet's details for non-staff; anything else is unchanged. */
export function refusalSeenBy(viewer: Viewer, err: unknown): unknown {
  return err instanceof NoCapacityError ? err.seenBy(viewer) : err;
}
