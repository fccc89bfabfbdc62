import { useEffect } from 'react';
import { useApolloClient } from '@apollo/client';
import { graphql } from '../../gql';
import { usageHistory } from './usage-history';

/** A worker's stored per-minute history; the charts draw it and the detail page's chart reads every field. */
export const HEARTBEAT_HISTORY_QUERY = graphql(`
  query WorkerHeartbeatHistory($workerId: ID!, $since: DateTime) {
    workerHeartbeatHistory(workerId: $workerId, since: $since) {
      bucket cpuAvgPercent cpuMaxPercent memoryAvgMb memoryMaxMb memoryTotalMb liveSessions maxSessions heartbeats
    }
  }
`);

/** The sparkline's stored past: the last half hour, one point a minute. */
const SPARK_HISTORY_MS = 30 * 60_000;

/**
 * Seeds a worker's sparkline from the stored history once it is on screen (`visible`), so a page
 * opened on a long-running fleet draws the last half hour at once and 500 off-screen rows ask nothing.
 */
export function useSeedUsage(workerId: string, visible: boolean): void {
  const client = useApolloClient();
  useEffect(() => {
    if (!visible || usageHistory.isSeeded(workerId)) return;
    const since = new Date(Date.now() - SPARK_HISTORY_MS).toISOString();
    client
      .query({ query: HEARTBEAT_HISTORY_QUERY, variables: { workerId, since }, fetchPolicy: 'network-only' })
      .then(({ data }) => {
        usageHistory.seed(
          workerId,
          data.workerHeartbeatHistory.map((s) => ({ at: Date.parse(s.bucket), cpuPercent: s.cpuAvgPercent ?? null, memoryUsedMb: s.memoryAvgMb ?? null })),
        );
      })
      // The live tail still draws; a refused or failed history only leaves the past blank.
      .catch(() => undefined);
  }, [client, workerId, visible]);
}
