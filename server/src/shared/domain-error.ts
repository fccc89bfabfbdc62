import { ErrorCode } from './error-codes.js';

/**
 * Base of every domain error. `code` is a catalogue value; `extensions` add machine-readable
 * detail (a field name, per-worker reasons). `formatError` turns it into a GraphQLError.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The caller has no valid identity. */
export class UnauthenticatedError extends DomainError {
  constructor(message = 'Authentication required: send a valid token as "Authorization: Bearer <token>"') {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

/** The caller may not do this. */
export class ForbiddenError extends DomainError {
  constructor(message = 'Your role does not allow this operation') {
    super(ErrorCode.FORBIDDEN, message);
  }
}

/** An argument is wrong; `field` names it. */
export class BadInputError extends DomainError {
  constructor(field: string, message: string) {
    super(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field });
  }
}

/** Nothing the caller may see has this id. */
export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super(ErrorCode.NOT_FOUND, `${what} ${id} not found`, { id });
  }
}
