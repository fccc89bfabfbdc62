import { useEffect, useRef } from 'react';
import { type ApolloClient, useApolloClient } from '@apollo/client';
import { graphql } from '../../gql';
import { useLiveStatus } from '../live/use-live-status';
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

/** How often buffered heartbeats are written to the cache: one re-render of the table per flush, however many workers beat. */
const FLUSH_MS = 500;
/** Session changes move slots, which only the workers query carries: refreshed at most this often while they happen. */
const SLOT_REFRESH_MS = 2_000;

interface Beat {
  workerId: string;
  cpuPercent?: number | null;
  memoryUsedMb?: number | null;
  receivedAt: string;
  driverReachable?: boolean | null;
}

/** Writes a batch of heartbeats into the cached workers in one broadcast. */
function writeBeats(client: ApolloClient<object>, beats: Beat[]): void {
  client.cache.batch({
    update(cache) {
      for (const b of beats) {
        cache.modify({
          id: cache.identify({ __typename: 'Worker', id: b.workerId }),
          fields: {
            cpuPercent: (v) => b.cpuPercent ?? v,
            memoryUsedMb: (v) => b.memoryUsedMb ?? v,
            lastHeartbeatAt: () => b.receivedAt,
            engineReachable: (v) => b.driverReachable ?? v,
          },
        });
      }
    },
  });
}

/**
 * Keeps the cached fleet live while a workers page is open: heartbeats (CPU, memory, last seen)
 * batched twice a second, worker changes (health, drain, status, new workers) as they come, and
 * the cluster totals. Slots move with sessions, which announce only the totals: a totals change
 * refreshes the workers query, throttled. After a reconnect everything is read once again.
 */
export function useFleetLive(): void {
  const client = useApolloClient();
  const status = useLiveStatus();
  const wasLive = useRef(status === 'connected');

  useEffect(() => {
    const pending = new Map<string, Beat>();
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    let refreshTimer: ReturnType<typeof setTimeout> | undefined;
    let lastRefresh = 0;
    const flush = () => {
      flushTimer = undefined;
      const beats = [...pending.values()];
      pending.clear();
      writeBeats(client, beats);
    };
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
      client.subscribe({ query: HEARTBEATS }).subscribe({
        next: ({ data }) => {
          const b = data?.workerHeartbeats;
          if (!b) return;
          usageHistory.append(b.workerId, { at: Date.parse(b.receivedAt), cpuPercent: b.cpuPercent ?? null, memoryUsedMb: b.memoryUsedMb ?? null });
          pending.set(b.workerId, b);
          flushTimer ??= setTimeout(flush, FLUSH_MS);
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
      clearTimeout(flushTimer);
      clearTimeout(refreshTimer);
    };
  }, [client]);

  useEffect(() => {
    if (status === 'connected' && !wasLive.current) void client.refetchQueries({ include: [FLEET_QUERY, WORKER_DETAIL_QUERY_NAME] });
    wasLive.current = status === 'connected';
  }, [status, client]);
}
