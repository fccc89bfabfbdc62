import { type CodeOf, type CodeSubset, DomainError } from '../../shared/domain-error.js';
import { ErrorCode } from '../../shared/error-codes.js';

/** Codes the workers module raises. */
export const WorkersErrorCode = {
  /** Wrong cluster token on registerWorker. */
  UNAUTHENTICATED: ErrorCode.UNAUTHENTICATED,
  /** A code is taken, or a worker must be drained before it is disabled. */
  CONFLICT: ErrorCode.CONFLICT,
  /** No worker has that id. */
  NOT_FOUND: ErrorCode.NOT_FOUND,
} as const satisfies CodeSubset;

/** One of the codes above. */
export type WorkersErrorCode = CodeOf<typeof WorkersErrorCode>;

/** An error of the workers module. */
export class WorkersError extends DomainError<WorkersErrorCode> {}
