import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError } from '../shared/domain-error.js';
import { ErrorCode, PUBLIC_CODES } from '../shared/error-codes.js';
import type { Logger } from '../observability/logger.js';
import { isDatabaseUnavailable } from '../db/database-unavailable.js';

/** The one boundary mapper's signature: what GraphQL formatted, and what was thrown. */
export type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** A domain error as every answer shows it: its message, and its extensions with `code`. */
export function formatDomainError(err: DomainError, at: Pick<GraphQLFormattedError, 'path' | 'locations'> = {}): GraphQLFormattedError {
  return { message: err.message, path: at.path, locations: at.locations, extensions: { ...err.extensions, code: err.code } };
}

/**
 * The one boundary mapper: domain errors become their code, GraphQL's own errors keep theirs
 * (and their details, a stack trace aside), and anything else is INTERNAL_SERVER_ERROR, logged,
 * and masked when `mask` is on.
 */
export function createFormatError(logger: Logger, mask: boolean): FormatError {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // Duck-typed: a GraphQLError from another copy of graphql-js fails instanceof.
    const original = (error as { originalError?: unknown } | null)?.originalError ?? error;
    if (original instanceof DomainError) return formatDomainError(original, formatted);
    const code = String(formatted.extensions?.code ?? '');
    if (PUBLIC_CODES.has(code)) {
      const { stacktrace: _stack, exception: _exception, ...details } = formatted.extensions ?? {};
      return { ...formatted, extensions: { ...details, code } };
    }
    if (!formatted.path && (original as Error | null)?.name === 'GraphQLError' && /^Variable "\$/.test(formatted.message)) {
      // A variable missing or of the wrong type: graphql-js's coercion, before any resolver ran.
      return { ...formatted, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    if (!formatted.path && (original as Error | null)?.name === 'GraphQLError') {
      // graphql-js's own complaint about the request (unknown field or operation, bad variable):
      // errors thrown by resolvers always carry a path, and crashes elsewhere are not GraphQLErrors.
      return { ...formatted, extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED } };
    }
    if (isDatabaseUnavailable(original)) {
      logger.warn({ err: original, path: formatted.path }, 'database unavailable');
      return {
        message: 'The database is unavailable right now; nothing was done. Try again in a few seconds.',
        path: formatted.path,
        extensions: { code: ErrorCode.DATABASE_UNAVAILABLE },
      };
    }
    logger.error({ err: original, path: formatted.path }, formatted.path ? 'unexpected error in resolver' : 'unexpected error');
    if (mask) return { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
    return { ...formatted, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}

/**
 * Something the HTTP edge refuses or trips over itself (a body too large, bad JSON, a crash, a
 * refused upgrade), through the same mapper as every GraphQL error: the same shape and codes.
 */
export function formatThrown(formatError: FormatError, error: unknown): GraphQLFormattedError {
  const formatted = error instanceof GraphQLError ? error.toJSON() : { message: error instanceof Error ? error.message : String(error) };
  return formatError(formatted, error);
}

/** The body of every error answer: `{ "errors": [...] }`, without `extensions.http` (it sets the status, it is not for clients). */
export function errorBody(...errors: GraphQLFormattedError[]): string {
  return JSON.stringify({
    errors: errors.map((e) => {
      const { http: _http, ...extensions } = e.extensions ?? {};
      return { ...e, extensions };
    }),
  });
}
