import { useEffect } from 'react';
import { useApolloClient } from '@apollo/client';
import { graphql } from '../../gql';
import { useCatchUpOnReconnect } from '../live/use-catch-up-on-reconnect';
import { liveUsage } from './live-usage';
import { usageHistory } from './usage-history';

/** The fleet as the workers pages read it: every worker with its row (and detail) fields, and the totals. */
export const FLEET_QUERY = graphql(`
  query Fleet_workers {
    workers { id code ...WorkerRow_worker }
    clusterSummary { ...ClusterTotals_summary }
  }
`);

const HEARTBEATS = graphql(`
  subscription Fleet_heartbeats {
    workerHeartbeats { workerId cpuPercent memoryUsedMb receivedAt driverReachable }
  }
`);

const WORKER_UPDATED = graphql(`
  subscription Fleet_workerUpdated {
    workerUpdated { id code ...WorkerRow_worker ...WorkerDetail_worker }
  }
`);

const CLUSTER_UPDATED = graphql(`
  subscription Fleet_clusterUpdated {
    clusterSummaryUpdated { ...ClusterTotals_summary }
  }
`);

/** The worker detail page's query (by name: only an open page's query is read again). */
const WORKER_DETAIL_QUERY_NAME = 'WorkerDetailPage_workers';

/** Session changes move slots, which only the workers query carries: refreshed at most this often while they happen. */
const SLOT_REFRESH_MS = 2_000;

/**
 * Keeps the fleet live while a workers page is open: heartbeats (CPU, memory, last seen, engine)
 * go to the live usage store once per animation frame, never into the Apollo cache (each cache
 * write would make every watcher of the 500-worker query re-read it); worker changes (health, drain, status, new workers) as they come, and
 * the cluster totals. Slots move with sessions, which announce only the totals: a totals change
 * refreshes the workers query, throttled. After a reconnect everything is read once again.
 */
export function useFleetLive(): void {
  const client = useApolloClient();

  useEffect(() => {
    let refreshTimer: ReturnType<typeof setTimeout> | undefined;
    let lastRefresh = 0;
    const refreshSlots = () => {
      if (refreshTimer) return;
      const wait = Math.max(0, lastRefresh + SLOT_REFRESH_MS - Date.now());
      refreshTimer = setTimeout(() => {
        refreshTimer = undefined;
        lastRefresh = Date.now();
        void client.refetchQueries({ include: [FLEET_QUERY, WORKER_DETAIL_QUERY_NAME] });
      }, wait);
    };
    const subs = [
      // `no-cache`: a cached subscription result is written to the store and re-checks every watched
      // query, 250 times a second with 500 workers; the figures go to the live usage store instead.
      client.subscribe({ query: HEARTBEATS, fetchPolicy: 'no-cache' }).subscribe({
        next: ({ data }) => {
          const b = data?.workerHeartbeats;
          if (!b) return;
          usageHistory.append(b.workerId, { at: Date.parse(b.receivedAt), cpuPercent: b.cpuPercent ?? null, memoryUsedMb: b.memoryUsedMb ?? null });
          liveUsage.push(b);
        },
        error: () => undefined,
      }),
      client.subscribe({ query: WORKER_UPDATED }).subscribe({
        next: ({ data }) => {
          const w = data?.workerUpdated;
          if (!w) return;
          client.cache.updateQuery({ query: FLEET_QUERY }, (fleet) =>
            fleet && !fleet.workers.some((x) => x.id === w.id) ? { ...fleet, workers: [...fleet.workers, w] } : undefined,
          );
        },
        error: () => undefined,
      }),
      client.subscribe({ query: CLUSTER_UPDATED }).subscribe({
        next: ({ data }) => {
          if (!data) return;
          client.cache.updateQuery({ query: FLEET_QUERY }, (fleet) => (fleet ? { ...fleet, clusterSummary: data.clusterSummaryUpdated } : undefined));
          refreshSlots();
        },
        error: () => undefined,
      }),
    ];
    return () => {
      for (const s of subs) s.unsubscribe();
      liveUsage.cancelPending();
      clearTimeout(refreshTimer);
    };
  }, [client]);

  useCatchUpOnReconnect(() => client.refetchQueries({ include: [FLEET_QUERY, WORKER_DETAIL_QUERY_NAME] }));
}
