import { DomainError } from '../../shared/domain-error.js';
import { ErrorCode } from '../../shared/error-codes.js';

/** Codes the auth module raises. */
export enum AuthErrorCode {
  /** Wrong username or password, a disabled account, or a bad/expired/revoked token. */
  UNAUTHENTICATED = ErrorCode.UNAUTHENTICATED,
  /** Too many failed logins for this username from this address. */
  RATE_LIMITED = ErrorCode.RATE_LIMITED,
}

/** An error of the auth module. */
export class AuthError extends DomainError {
  constructor(code: AuthErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(code as unknown as ErrorCode, message, extensions);
  }
}
