import { type CodeOf, type CodeSubset, DomainError } from '../../shared/domain-error.js';
import { ErrorCode } from '../../shared/error-codes.js';

/** Codes the coins module raises. */
export const CoinsErrorCode = {
  /** The debit would take the balance below zero; nothing was written. */
  INSUFFICIENT_COINS: ErrorCode.INSUFFICIENT_COINS,
  /** The idempotency key was already used for a different adjustment. */
  CONFLICT: ErrorCode.CONFLICT,
  /** A person other than an admin asked for another person's ledger. */
  FORBIDDEN: ErrorCode.FORBIDDEN,
} as const satisfies CodeSubset;

/** One of the codes above. */
export type CoinsErrorCode = CodeOf<typeof CoinsErrorCode>;

/** An error of the coins module. */
export class CoinsError extends DomainError<CoinsErrorCode> {}
