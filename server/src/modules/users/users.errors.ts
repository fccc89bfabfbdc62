import { type CodeOf, type CodeSubset, DomainError } from '../../shared/domain-error.js';
import { ErrorCode } from '../../shared/error-codes.js';

/** Codes the users module raises. */
export const UsersErrorCode = {
  /** The username is taken. */
  CONFLICT: ErrorCode.CONFLICT,
  /** No user has that id. */
  NOT_FOUND: ErrorCode.NOT_FOUND,
} as const satisfies CodeSubset;

/** One of the codes above. */
export type UsersErrorCode = CodeOf<typeof UsersErrorCode>;

/** An error of the users module. */
export class UsersError extends DomainError<UsersErrorCode> {}
