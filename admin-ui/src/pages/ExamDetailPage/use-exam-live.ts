import { useEffect, useRef } from 'react';
import { type QueryResult, useApolloClient, useSubscription } from '@apollo/client';
import { graphql } from '../../gql';
import type { ExamDetailPage_ExamQuery, ExamDetailPage_ExamQueryVariables } from '../../gql/graphql';
import { useCatchUpOnReconnect } from '../../modules/live/use-catch-up-on-reconnect';

const READINESS_UPDATED = graphql(`
  subscription ExamDetailPage_readinessUpdated($examId: ID!) { examReadinessUpdated(examId: $examId) { ...ExamDetailPage_readiness } }
`);
const CLUSTER_UPDATED = graphql(`
  subscription ExamDetailPage_clusterUpdated($examId: ID!) { clusterSummaryUpdated(examId: $examId) { ...TotalAvailable_summary } }
`);
const PREWARM_UPDATED = graphql(`
  subscription ExamDetailPage_prewarmUpdated($examId: ID!) { prewarmProgress(examId: $examId) { ...PrewarmPanel_progress } }
`);
const WORKER_UPDATED = graphql(`
  subscription ExamDetailPage_workerUpdated { workerUpdated { id ...ExamWorkerRow_worker } }
`);
const HEARTBEATS = graphql(`
  subscription ExamDetailPage_heartbeats { workerHeartbeats { workerId receivedAt } }
`);

/** Heartbeats are written to the cache at most this often: one re-render per flush, however many workers beat. */
const FLUSH_MS = 1_000;

/**
 * Keeps the exam page live: readiness, cluster totals and the warm pool replace their part of the
 * page's query as they change; worker changes land in the cache by id; heartbeats move each
 * worker's "last heartbeat". After a reconnect the page is read once again (events were missed).
 */
export function useExamLive(examId: string, result: QueryResult<ExamDetailPage_ExamQuery, ExamDetailPage_ExamQueryVariables>): void {
  const { subscribeToMore, refetch } = result;
  const client = useApolloClient();

  useEffect(() => {
    const variables = { examId };
    const stops = [
      subscribeToMore({
        document: READINESS_UPDATED,
        variables,
        updateQuery: (prev, { subscriptionData }) => (subscriptionData.data ? { ...prev, examReadiness: subscriptionData.data.examReadinessUpdated } : prev),
      }),
      subscribeToMore({
        document: CLUSTER_UPDATED,
        variables,
        updateQuery: (prev, { subscriptionData }) => (subscriptionData.data ? { ...prev, clusterSummary: subscriptionData.data.clusterSummaryUpdated } : prev),
      }),
      subscribeToMore({
        document: PREWARM_UPDATED,
        variables,
        updateQuery: (prev, { subscriptionData }) => (subscriptionData.data ? { ...prev, prewarmProgress: subscriptionData.data.prewarmProgress } : prev),
      }),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }, [examId, subscribeToMore]);

  // The worker lands in the cache by id; the page itself need not re-render for each event.
  useSubscription(WORKER_UPDATED, { ignoreResults: true });

  const pending = useRef(new Map<string, string>());
  useSubscription(HEARTBEATS, {
    ignoreResults: true,
    onData: ({ data }) => {
      const beat = data.data?.workerHeartbeats;
      if (beat) pending.current.set(beat.workerId, beat.receivedAt);
    },
  });
  useEffect(() => {
    const timer = setInterval(() => {
      if (pending.current.size === 0) return;
      const beats = [...pending.current];
      pending.current.clear();
      client.cache.batch({
        update(cache) {
          for (const [workerId, at] of beats)
            cache.modify({ id: cache.identify({ __typename: 'Worker', id: workerId }), fields: { lastHeartbeatAt: () => at } });
        },
      });
    }, FLUSH_MS);
    return () => clearInterval(timer);
  }, [client]);

  useCatchUpOnReconnect(() => refetch().catch(() => undefined));
}
