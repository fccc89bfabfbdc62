import { useEffect, useMemo } from 'react';
import { useApolloClient } from '@apollo/client';
import { useCatchUpOnReconnect } from '../../modules/live/use-catch-up-on-reconnect';
import { createWallUsageStore, type WallUsageStore } from '../../modules/wall/wall-usage-store';
import { WALL_BOARD, WALL_CLUSTER_UPDATED, WALL_HEARTBEATS, WALL_WORKER_UPDATED } from './wall-documents';

/**
 * Slots move with desktops, which announce only the totals: a totals change reads the board again,
 * at most this often (the wall never polls; with nothing happening nothing is read).
 */
const BOARD_REFRESH_MS = 3_000;

/** A worker change announces the totals right after itself: within this, the worker event explains them. */
const WORKER_EVENT_ECHO_MS = 1_000;

/**
 * Whether a totals change may have moved slots the tiles show: desktops started or ended (the
 * active count moved), or a change no worker event explains. Worker changes carry their own tile.
 */
function movesSlots(before: unknown, after: unknown, sinceWorkerEventMs: number): boolean {
  const active = (s: unknown) => (s as { totalActiveSessions?: number } | undefined)?.totalActiveSessions;
  return active(before) !== active(after) || sinceWorkerEventMs > WORKER_EVENT_ECHO_MS;
}

/**
 * Keeps the wall live while it is open: heartbeats go to the per-tile usage store (applied once per
 * animation frame, never through the cache), worker changes and totals update the Apollo cache as
 * they come, and after a reconnect the board is read once again (events may have been missed).
 */
export function useWallLive(): WallUsageStore {
  const client = useApolloClient();
  const usage = useMemo(() => createWallUsageStore(), []);

  useEffect(() => {
    let refreshTimer: ReturnType<typeof setTimeout> | undefined;
    let lastRefresh = 0;
    let lastWorkerEvent = 0;
    const refreshBoard = () => {
      if (refreshTimer) return;
      refreshTimer = setTimeout(
        () => {
          refreshTimer = undefined;
          lastRefresh = Date.now();
          void client.refetchQueries({ include: [WALL_BOARD] });
        },
        Math.max(0, lastRefresh + BOARD_REFRESH_MS - Date.now()),
      );
    };
    const subs = [
      client.subscribe({ query: WALL_HEARTBEATS }).subscribe({
        next: ({ data }) => data?.workerHeartbeats && usage.push(data.workerHeartbeats),
        error: () => undefined,
      }),
      client.subscribe({ query: WALL_WORKER_UPDATED }).subscribe({
        next: ({ data }) => {
          const w = data?.workerUpdated;
          if (!w) return;
          lastWorkerEvent = Date.now();
          // Known workers update through the cache by id; a new one joins the board.
          client.cache.updateQuery({ query: WALL_BOARD }, (board) =>
            board && !board.workers.some((x) => x.id === w.id) ? { ...board, workers: [...board.workers, w] } : undefined,
          );
        },
        error: () => undefined,
      }),
      client.subscribe({ query: WALL_CLUSTER_UPDATED }).subscribe({
        next: ({ data }) => {
          if (!data) return;
          const before = client.cache.readQuery({ query: WALL_BOARD })?.clusterSummary;
          client.cache.updateQuery({ query: WALL_BOARD }, (board) => (board ? { ...board, clusterSummary: data.clusterSummaryUpdated } : undefined));
          if (movesSlots(before, data.clusterSummaryUpdated, Date.now() - lastWorkerEvent)) refreshBoard();
        },
        error: () => undefined,
      }),
    ];
    return () => {
      for (const s of subs) s.unsubscribe();
      clearTimeout(refreshTimer);
    };
  }, [client, usage]);

  useEffect(() => () => usage.dispose(), [usage]);

  useCatchUpOnReconnect(() => client.refetchQueries({ include: [WALL_BOARD] }));

  return usage;
}
