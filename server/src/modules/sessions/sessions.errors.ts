import { type CodeOf, type CodeSubset, DomainError } from '../../shared/domain-error.js';
import { ErrorCode } from '../../shared/error-codes.js';

/** Codes the sessions module raises. */
export const SessionErrorCode = {
  /** The state machine does not connect the two states. */
  ILLEGAL_STATE_TRANSITION: ErrorCode.ILLEGAL_STATE_TRANSITION,
  /** No session the caller may see has that id. */
  NOT_FOUND: ErrorCode.NOT_FOUND,
  /** An idempotency key was reused for another product. */
  CONFLICT: ErrorCode.CONFLICT,
} as const satisfies CodeSubset;

/** One of the codes above. */
export type SessionErrorCode = CodeOf<typeof SessionErrorCode>;

/** An error of the sessions module. */
export class SessionError extends DomainError<SessionErrorCode> {}
