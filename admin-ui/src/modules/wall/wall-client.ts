import type { ApolloClient } from '@apollo/client';
import { createApolloClient } from '../../apollo';
import { createLiveConnection, type LiveConnection } from '../live/live-connection';

/** A GraphQL client and live connection of their own for a wall opened with a wall-link key. */
export interface WallClient {
  client: ApolloClient<object>;
  live: LiveConnection;
  dispose(): void;
}

/**
 * Builds the wall's own client: the key goes as `Authorization: Bearer <key>` on HTTP and in the
 * graphql-ws `connectionParams`, and never reaches the app's client or its storage. A refused key
 * (revoked: UNAUTHENTICATED over HTTP, close 4401/4403 on the socket) calls `onRevoked` instead of
 * sending anyone to `/login`.
 */
export function createWallClient(key: string, onRevoked: () => void): WallClient {
  const token = () => key;
  const live = createLiveConnection({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    token,
    onUnauthenticated: onRevoked,
  });
  const client = createApolloClient({ live, token, onUnauthenticated: onRevoked });
  return {
    client,
    live,
    dispose() {
      live.stop();
      void client.clearStore();
    },
  };
}
