import type { ApolloError, ServerError } from '@apollo/client';

type ErrorLike = { message?: string; extensions?: Record<string, unknown> };

/** An API failure as a person should see it: the server's `extensions.code` and its message. */
export interface ApiError {
  /** The catalogue code (`FORBIDDEN`, `NO_CAPACITY`, …), or `NETWORK_ERROR` when no answer came. */
  code: string;
  message: string;
  /** The whole first error's extensions (`retryAfterSec`, `reasons`, …). */
  extensions: Record<string, unknown>;
}

/** GraphQL errors carried in a non-2xx HTTP answer (a 401 for an expired token, say). */
function bodyErrors(networkError: unknown): ErrorLike[] {
  const result = (networkError as Partial<ServerError> | null | undefined)?.result;
  return typeof result === 'object' && result !== null && Array.isArray(result.errors) ? (result.errors as ErrorLike[]) : [];
}

/** Every `extensions.code` in an Apollo error link's arguments. */
export function errorCodes(graphQLErrors: readonly ErrorLike[] | undefined, networkError: unknown): unknown[] {
  return [...(graphQLErrors ?? []), ...bodyErrors(networkError)].map((e) => e.extensions?.code);
}

/** The code and message of an Apollo error, whether GraphQL errors came in a 200 or in an error status. */
export function toApiError(error: ApolloError | Error): ApiError {
  const apollo = error as Partial<ApolloError>;
  const first = apollo.graphQLErrors?.[0] ?? bodyErrors(apollo.networkError)[0];
  if (first) {
    const extensions = first.extensions ?? {};
    return { code: typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR', message: first.message ?? error.message, extensions };
  }
  if (apollo.networkError) return { code: 'NETWORK_ERROR', message: apollo.networkError.message, extensions: {} };
  return { code: 'INTERNAL_SERVER_ERROR', message: error.message, extensions: {} };
}
