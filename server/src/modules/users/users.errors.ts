import { DomainError } from '../../shared/domain-error.js';
import { ErrorCode } from '../../shared/error-codes.js';

/** Codes the users module raises. */
export enum UsersErrorCode {
  /** The username is taken. */
  CONFLICT = ErrorCode.CONFLICT,
  /** No user has that id. */
  NOT_FOUND = ErrorCode.NOT_FOUND,
}

/** An error of the users module. */
export class UsersError extends DomainError {
  constructor(code: UsersErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(code as unknown as ErrorCode, message, extensions);
  }
}
