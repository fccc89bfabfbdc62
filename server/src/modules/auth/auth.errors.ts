import { type CodeOf, type CodeSubset, DomainError } from '../../shared/domain-error.js';
import { ErrorCode } from '../../shared/error-codes.js';

/** Codes the auth module raises. */
export const AuthErrorCode = {
  /** Wrong username or password, a disabled account, or a bad/expired/revoked token. */
  UNAUTHENTICATED: ErrorCode.UNAUTHENTICATED,
  /** Too many failed logins for this username from this address. */
  RATE_LIMITED: ErrorCode.RATE_LIMITED,
  /** changeMyPassword with a current password that does not match. */
  WRONG_PASSWORD: ErrorCode.WRONG_PASSWORD,
  /** The person was given a generated password and must change it before anything else. */
  PASSWORD_CHANGE_REQUIRED: ErrorCode.PASSWORD_CHANGE_REQUIRED,
} as const satisfies CodeSubset;

/** One of the codes above. */
export type AuthErrorCode = CodeOf<typeof AuthErrorCode>;

/** An error of the auth module. */
export class AuthError extends DomainError<AuthErrorCode> {}

/** Every operation but `me` and changeMyPassword, while the person still has a generated password. */
export class PasswordChangeRequiredError extends AuthError {
  constructor() {
    super(AuthErrorCode.PASSWORD_CHANGE_REQUIRED, 'Choose a new password first (changeMyPassword)');
  }
}
