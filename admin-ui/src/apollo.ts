import { ApolloClient, HttpLink, InMemoryCache, split, type ServerError } from '@apollo/client';
import { setContext } from '@apollo/client/link/context';
import { onError } from '@apollo/client/link/error';
import { getMainDefinition } from '@apollo/client/utilities';
import type { LiveConnection } from './modules/live/live-connection';
import { sessionToken } from './modules/auth/session-token';
import { errorCodes } from './modules/api/api-error';

/** Operations whose UNAUTHENTICATED answer is a wrong password, not an ended session. */
const SIGN_IN_OPERATIONS = new Set(['LoginPage_login']);

/**
 * The SPA's GraphQL client, same origin: queries and mutations over HTTP, subscriptions over the
 * live connection (graphql-ws). Any UNAUTHENTICATED answer ends the session via `onUnauthenticated`.
 */
export function createApolloClient(options: { live: LiveConnection; onUnauthenticated: () => void; token?: () => string | null }): ApolloClient<object> {
  // The wall passes its wall-link key here; everything else sends the signed-in person's token.
  const readToken = options.token ?? sessionToken.get;
  const auth = setContext((_op, { headers }) => {
    const token = readToken();
    return { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } };
  });
  const unauthenticated = onError(({ graphQLErrors, networkError, operation }) => {
    if (SIGN_IN_OPERATIONS.has(operation.operationName)) return;
    const status = (networkError as Partial<ServerError> | undefined)?.statusCode;
    if (status === 401 || errorCodes(graphQLErrors, networkError).includes('UNAUTHENTICATED')) options.onUnauthenticated();
  });
  const http = auth.concat(new HttpLink({ uri: '/graphql' }));
  const isSubscription = ({ query }: { query: Parameters<typeof getMainDefinition>[0] }) => {
    const def = getMainDefinition(query);
    return def.kind === 'OperationDefinition' && def.operation === 'subscription';
  };
  return new ApolloClient({
    link: unauthenticated.concat(split(isSubscription, options.live.link, http)),
    // Entities normalise by `__typename` + `id`: a subscription payload carrying them updates every
    // list and detail that shows them, so pages never poll or refetch for freshness.
    // `session(id)` reads the Session already in the cache (a join's or a push's answer) before asking.
    cache: new InMemoryCache({
      typePolicies: { Query: { fields: { session: { read: (_, { args, toReference }) => toReference({ __typename: 'Session', id: args?.id }) } } } },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network', nextFetchPolicy: 'cache-first' } },
  });
}
