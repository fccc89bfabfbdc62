import { ErrorCode } from './error-codes.js';

/**
 * A module's share of the catalogue: each code it raises under its own name, with a line saying
 * when it happens. The mapped type refuses a name bound to another code (`NOT_FOUND: CONFLICT`).
 *
 * @example
 * export const SessionErrorCode = {
 *   /** No session the caller may see has that id. *\/
 *   NOT_FOUND: ErrorCode.NOT_FOUND,
 * } as const satisfies CodeSubset;
 * export type SessionErrorCode = CodeOf<typeof SessionErrorCode>;
 */
export type CodeSubset = { readonly [K in ErrorCode]?: K };

/** The codes of a {@link CodeSubset}, as a union of catalogue values. */
export type CodeOf<S extends CodeSubset> = NonNullable<S[keyof S]>;

/**
 * Base of every domain error, generic over the codes it may carry (a module's {@link CodeOf}
 * or the whole catalogue). `extensions` add machine-readable detail (a field name, per-worker
 * reasons). `formatError` turns it into a GraphQLError with `extensions.code`.
 */
export class DomainError<C extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly code: C,
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

/**
 * The person was given a generated password (a new account or a reset) and must change it
 * (changeMyPassword) before anything else; the auth checker raises it.
 */
export class PasswordChangeRequiredError extends DomainError {
  constructor() {
    super(ErrorCode.PASSWORD_CHANGE_REQUIRED, 'Choose a new password first (changeMyPassword)');
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
