import { DomainError } from '../../shared/domain-error.js';
import { ErrorCode } from '../../shared/error-codes.js';

/** Codes the sessions module raises. */
export enum SessionErrorCode {
  /** The state machine does not connect the two states. */
  ILLEGAL_STATE_TRANSITION = ErrorCode.ILLEGAL_STATE_TRANSITION,
  /** No session the caller may see has that id. */
  NOT_FOUND = ErrorCode.NOT_FOUND,
  /** An idempotency key was reused for another product. */
  CONFLICT = ErrorCode.CONFLICT,
}

/** An error of the sessions module. */
export class SessionError extends DomainError {
  constructor(code: SessionErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(code as unknown as ErrorCode, message, extensions);
  }
}
