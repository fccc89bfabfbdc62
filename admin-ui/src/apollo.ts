import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { setContext } from '@apollo/client/link/context';
import { sessionToken } from './modules/auth/session-token';

/** The SPA's GraphQL client: same origin, the signed-in person's token on every request. */
export function createApolloClient(): ApolloClient<object> {
  const auth = setContext((_op, { headers }) => {
    const token = sessionToken.get();
    return { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } };
  });
  return new ApolloClient({ link: auth.concat(new HttpLink({ uri: '/graphql' })), cache: new InMemoryCache() });
}
