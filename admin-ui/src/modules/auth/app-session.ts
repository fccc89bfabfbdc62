import { createContext, useContext } from 'react';
import type { ApolloClient } from '@apollo/client';
import type { LiveConnection } from '../live/live-connection';
import { sessionToken } from './session-token';

/** Starting and ending a signed-in session: the token, the live connection and the cache move together. */
export interface AppSession {
  /** Keeps the new token and opens the live connection with it. */
  signIn(token: string): void;
  /** Forgets the token, closes the live connection, empties the cache, and shows `/login` (`next` to come back to). */
  signOut(options?: { next?: string; expired?: boolean }): Promise<void>;
  /** True while a sign-out is on its way to `/login` (guards then wait instead of redirecting themselves). */
  isEnding(): boolean;
}

/** What the login page reads from the router state after an expired session. */
export interface LoginLocationState {
  expired?: boolean;
}

/** Wires sign-in and sign-out to the client, the live connection and the router's `navigate`. */
export function createAppSession(deps: {
  client: ApolloClient<object>;
  live: LiveConnection;
  navigate: (to: string, opts: { replace: boolean; state?: LoginLocationState }) => unknown;
}): AppSession {
  let ending: Promise<void> | null = null;
  return {
    signIn(token) {
      sessionToken.set(token);
      deps.live.stop();
      deps.live.start();
    },
    signOut(options = {}) {
      // Several queries failing with UNAUTHENTICATED at once end the session once.
      ending ??= (async () => {
        sessionToken.clear();
        deps.live.stop();
        const to = options.next ? `/login?next=${encodeURIComponent(options.next)}` : '/login';
        await deps.navigate(to, { replace: true, state: { expired: options.expired } });
        await deps.client.clearStore();
      })().finally(() => {
        ending = null;
      });
      return ending;
    },
    isEnding: () => ending !== null,
  };
}

/** The app's session actions, provided once at the root. */
export const AppSessionContext = createContext<AppSession | null>(null);

/** Sign-in and sign-out for components (the login page, the header's "Sign out"). */
export function useAppSession(): AppSession {
  const session = useContext(AppSessionContext);
  if (!session) throw new Error('useAppSession outside AppSessionContext');
  return session;
}
