import { ApolloLink, Observable, type FetchResult } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient, type Client } from 'graphql-ws';

/** What the push channel is doing: not opened yet, opening for the first time, up, or lost and retrying. */
export type LiveStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting';

/** graphql-ws close codes the server uses when it refuses the token in `connectionParams`. */
const AUTH_CLOSE_CODES = new Set([4401, 4403]);
/** A pong must answer a ping within this; otherwise the socket is presumed dead and reopened. */
const PONG_TIMEOUT_MS = 5_000;
const KEEP_ALIVE_MS = 10_000;

/** The one graphql-ws connection of the app, with its status for the "Live" indicator. */
export interface LiveConnection {
  /** Subscriptions go through this link; it opens the connection on first use. */
  readonly link: ApolloLink;
  /** Opens the connection now (the signed-in shell keeps it open, so "Live" tells the truth). */
  start(): void;
  /** Closes it for good (sign-out). */
  stop(): void;
  status(): LiveStatus;
  /** Calls `listener` on every status change; returns the unsubscribe function. */
  onStatus(listener: () => void): () => void;
}

/** Exponential backoff with jitter, capped at 10 s: a restarting server is not stampeded by every browser at once. */
export function retryDelayMs(retries: number, random = Math.random): number {
  const base = Math.min(10_000, 500 * 2 ** retries);
  return Math.round(base / 2 + (random() * base) / 2);
}

/**
 * Creates the connection. `token()` is read on every (re)connect; `onUnauthenticated` runs when
 * the server refuses it, so an expired token ends the session instead of retrying forever.
 */
export function createLiveConnection(options: { url: string; token: () => string | null; onUnauthenticated: () => void }): LiveConnection {
  let client: Client | null = null;
  let wsLink: GraphQLWsLink | null = null;
  let status: LiveStatus = 'idle';
  let everConnected = false;
  const listeners = new Set<() => void>();
  const setStatus = (next: LiveStatus) => {
    if (next === status) return;
    status = next;
    for (const l of listeners) l();
  };

  const open = (): GraphQLWsLink => {
    if (wsLink) return wsLink;
    let pongTimer: ReturnType<typeof setTimeout> | undefined;
    let socket: WebSocket | null = null;
    client = createClient({
      url: options.url,
      lazy: false,
      keepAlive: KEEP_ALIVE_MS,
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retryDelayMs(retries))),
      connectionParams: () => {
        const token = options.token();
        return token ? { authorization: `Bearer ${token}` } : {};
      },
      on: {
        connecting: () => setStatus(everConnected ? 'reconnecting' : 'connecting'),
        opened: (s) => {
          socket = s as WebSocket;
        },
        connected: () => {
          everConnected = true;
          setStatus('connected');
        },
        ping: (received) => {
          if (!received) pongTimer = setTimeout(() => socket?.readyState === WebSocket.OPEN && socket.close(4408, 'Pong timeout'), PONG_TIMEOUT_MS);
        },
        pong: (received) => {
          if (received) clearTimeout(pongTimer);
        },
        closed: (event) => {
          clearTimeout(pongTimer);
          socket = null;
          if (!client) return;
          const code = (event as CloseEvent | undefined)?.code;
          if (code !== undefined && AUTH_CLOSE_CODES.has(code)) return options.onUnauthenticated();
          setStatus(everConnected ? 'reconnecting' : 'connecting');
        },
      },
    });
    wsLink = new GraphQLWsLink(client);
    return wsLink;
  };

  return {
    link: new ApolloLink((operation) => open().request(operation) ?? new Observable<FetchResult>((o) => o.complete())),
    start: () => void open(),
    stop: () => {
      const c = client;
      client = null;
      wsLink = null;
      everConnected = false;
      setStatus('idle');
      // Disposing while the socket is still opening rejects with its CloseEvent: nothing waits for that.
      Promise.resolve(c?.dispose()).catch(() => undefined);
    },
    status: () => status,
    onStatus: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
