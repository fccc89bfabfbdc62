import { type CodeOf, type CodeSubset, DomainError } from '../../shared/domain-error.js';
import { ErrorCode } from '../../shared/error-codes.js';

/** Codes the users module raises. */
export const UsersErrorCode = {
  /** The username is taken. */
  CONFLICT: ErrorCode.CONFLICT,
  /** No user has that id. */
  NOT_FOUND: ErrorCode.NOT_FOUND,
  /** changeMyPassword with a current password that does not match. */
  WRONG_PASSWORD: ErrorCode.WRONG_PASSWORD,
} as const satisfies CodeSubset;

/** One of the codes above. */
export type UsersErrorCode = CodeOf<typeof UsersErrorCode>;

/** An error of the users module. */
export class UsersError extends DomainError<UsersErrorCode> {}
