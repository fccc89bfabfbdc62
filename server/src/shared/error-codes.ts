/**
 * The one catalogue of `extensions.code` values a client can see. Each line says when it happens.
 * Module error enums (`<domain>.errors.ts`) draw their values from here.
 */
export enum ErrorCode {
  /** No token, an unknown, malformed or expired token, or a revoked worker credential. */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** The caller is known but their role or ownership does not allow the operation. */
  FORBIDDEN = 'FORBIDDEN',
  /** An argument is out of range, malformed, empty where it must not be, or unknown to the enum. */
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  /** The id names nothing the caller may see. */
  NOT_FOUND = 'NOT_FOUND',
  /** The operation clashes with stored state: a duplicate name, a reused key, a worker not yet drained. */
  CONFLICT = 'CONFLICT',
  /** A debit would take a balance below zero; nothing was written. */
  INSUFFICIENT_COINS = 'INSUFFICIENT_COINS',
  /**
   * No worker can take the session; `extensions.reasons` says why, per worker, with a
   * `PlacementRefusal` code (DISABLED, DRAINING, DRAINED, STALE_HEARTBEAT, ENGINE_UNREACHABLE,
   * NOT_MAPPED_TO_PRODUCT, NO_KVM for a WINDOWS product on a worker without KVM, NO_FREE_SLOT).
   */
  NO_CAPACITY = 'NO_CAPACITY',
  /** Allocation ran past `VDI_ALLOCATE_TIMEOUT_SEC`; the slot was released. */
  ALLOCATION_TIMEOUT = 'ALLOCATION_TIMEOUT',
  /** joinExam after the exam ended (or an exam whose product is no longer active). */
  EXAM_CLOSED = 'EXAM_CLOSED',
  /** A session or a worker command was asked to move between states its state machine does not connect. */
  ILLEGAL_STATE_TRANSITION = 'ILLEGAL_STATE_TRANSITION',
  /** Too many attempts (logins) in the window; `extensions.retryAfterSec` says when to try again. */
  RATE_LIMITED = 'RATE_LIMITED',
  /** changeMyPassword was given a current password that does not match. */
  WRONG_PASSWORD = 'WRONG_PASSWORD',
  /** The person has a generated password (new account or reset): only `me` and changeMyPassword work until they change it. */
  PASSWORD_CHANGE_REQUIRED = 'PASSWORD_CHANGE_REQUIRED',
  /** The query is deeper, costlier, longer (tokens) or has more aliases or directives than the configured limits. */
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** The document could not be parsed. */
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  /** The document does not fit the schema (unknown field, wrong argument type, introspection off). */
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
  /** The HTTP request itself is malformed (no query, CSRF header missing, body too large). */
  BAD_REQUEST = 'BAD_REQUEST',
  /** A subscription operation was sent over HTTP; subscriptions run over graphql-ws (WebSocket) on the same path. */
  SUBSCRIPTION_OVER_HTTP = 'SUBSCRIPTION_OVER_HTTP',
  /** The desktop's worker did not take the display connection (its gateway refused or does not answer); HTTP 502 on /desktop. */
  WORKER_UNREACHABLE = 'WORKER_UNREACHABLE',
  /** The database cannot be reached right now (stopped, restarting, connection cut); nothing was done, retry in a few seconds. */
  DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE',
  /** Anything unexpected; details are logged, and masked from clients in production. */
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** Codes whose messages are safe to show clients as they are. */
export const PUBLIC_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR));
