import { type CodeOf, type CodeSubset, DomainError } from '../../shared/domain-error.js';
import { ErrorCode } from '../../shared/error-codes.js';

/** Codes the workers module raises. */
export const WorkersErrorCode = {
  /** Wrong cluster token on registerWorker. */
  UNAUTHENTICATED: ErrorCode.UNAUTHENTICATED,
  /** A code is taken, a worker must be drained before it is disabled, or its status table refuses the move. */
  CONFLICT: ErrorCode.CONFLICT,
  /** No worker has that id. */
  NOT_FOUND: ErrorCode.NOT_FOUND,
  /** A worker command was asked to leave a final state (its table: QUEUED → DELIVERED → SUCCEEDED | FAILED). */
  ILLEGAL_STATE_TRANSITION: ErrorCode.ILLEGAL_STATE_TRANSITION,
} as const satisfies CodeSubset;

/** One of the codes above. */
export type WorkersErrorCode = CodeOf<typeof WorkersErrorCode>;

/** An error of the workers module. */
export class WorkersError extends DomainError<WorkersErrorCode> {}
