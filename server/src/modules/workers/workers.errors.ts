import { DomainError } from '../../shared/domain-error.js';
import { ErrorCode } from '../../shared/error-codes.js';

/** Codes the workers module raises. */
export enum WorkersErrorCode {
  /** Wrong cluster token on registerWorker. */
  UNAUTHENTICATED = ErrorCode.UNAUTHENTICATED,
  /** A code is taken, or a worker must be drained before it is disabled. */
  CONFLICT = ErrorCode.CONFLICT,
  /** No worker has that id. */
  NOT_FOUND = ErrorCode.NOT_FOUND,
}

/** An error of the workers module. */
export class WorkersError extends DomainError {
  constructor(code: WorkersErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(code as unknown as ErrorCode, message, extensions);
  }
}
