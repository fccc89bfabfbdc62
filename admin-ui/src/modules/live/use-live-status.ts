import { createContext, useContext, useSyncExternalStore } from 'react';
import type { LiveConnection, LiveStatus } from './live-connection';

/** The app's live connection, provided once at the root (main.tsx). */
export const LiveConnectionContext = createContext<LiveConnection | null>(null);

/** The live connection itself (pages rarely need it: Apollo subscriptions use it already). */
export function useLiveConnection(): LiveConnection {
  const live = useContext(LiveConnectionContext);
  if (!live) throw new Error('useLiveConnection outside LiveConnectionContext');
  return live;
}

/** "idle" | "connecting" | "connected" | "reconnecting": live pages show it while not connected. */
export function useLiveStatus(): LiveStatus {
  const live = useLiveConnection();
  return useSyncExternalStore(live.onStatus, live.status);
}
