import type { GraphQLFormattedError } from 'graphql';
import { DomainError } from '../shared/domain-error.js';
import { ErrorCode, PUBLIC_CODES } from '../shared/error-codes.js';
import type { Logger } from '../observability/logger.js';
import { isDatabaseUnavailable } from '../db/database-unavailable.js';

/**
 * The one boundary mapper: domain errors become their code, GraphQL's own errors keep theirs,
 * and anything else is INTERNAL_SERVER_ERROR, logged, and masked when `mask` is on.
 */
export function createFormatError(logger: Logger, mask: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // Duck-typed: a GraphQLError from another copy of graphql-js fails instanceof.
    const original = (error as { originalError?: unknown } | null)?.originalError ?? error;
    if (original instanceof DomainError) {
      return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: { ...original.extensions, code: original.code } };
    }
    const code = String(formatted.extensions?.code ?? '');
    if (PUBLIC_CODES.has(code)) return { ...formatted, extensions: { code, ...pick(formatted.extensions, ['http']) } };
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
    logger.error({ err: original, path: formatted.path }, 'unexpected error in resolver');
    if (mask) return { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
    return { ...formatted, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}

function pick(ext: Record<string, unknown> | undefined, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => ext && k in ext).map((k) => [k, ext![k]]));
}
