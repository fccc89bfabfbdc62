import { type CodeOf, type CodeSubset, DomainError } from '../../shared/domain-error.js';
import { ErrorCode } from '../../shared/error-codes.js';

/** Codes the auth module raises. */
export const AuthErrorCode = {
  /** Wrong username or password, a disabled account, or a bad/expired/revoked token. */
  UNAUTHENTICATED: ErrorCode.UNAUTHENTICATED,
  /** Too many failed logins for this username from this address. */
  RATE_LIMITED: ErrorCode.RATE_LIMITED,
} as const satisfies CodeSubset;

/** One of the codes above. */
export type AuthErrorCode = CodeOf<typeof AuthErrorCode>;

/** An error of the auth module. */
export class AuthError extends DomainError<AuthErrorCode> {}
