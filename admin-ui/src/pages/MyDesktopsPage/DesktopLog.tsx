import { useRef, useState } from 'react';
import { useQuery, useSubscription } from '@apollo/client';
import { LoadingState, ErrorState } from '../../components/QueryState';
import { graphql } from '../../gql';
import { mergeLog } from '../../modules/my-desktops/log-lines';
import { SessionLogView } from '../../modules/my-desktops/SessionLogView';

const LOG = graphql(`
  query MyDesktopsPage_log($id: ID!) {
    sessionLog(id: $id)
  }
`);

const LOG_LINES = graphql(`
  subscription MyDesktopsPage_logLines($id: ID!) {
    sessionLog(id: $id)
  }
`);

/** One desktop's log: the kept text, then new lines as the worker sends them (the subscription opens first, so none are missed). */
export function DesktopLog(props: { sessionId: string; secret: string | null | undefined; waiting: boolean }) {
  const early = useRef<string[]>([]);
  const [later, setLater] = useState<string[]>([]);
  const result = useQuery(LOG, { variables: { id: props.sessionId }, fetchPolicy: 'network-only' });
  const loaded = result.data !== undefined;
  useSubscription(LOG_LINES, {
    variables: { id: props.sessionId },
    onData: ({ data }) => {
      const lines = data.data?.sessionLog ?? [];
      if (!loaded) early.current.push(...lines);
      else setLater((l) => [...l, ...lines]);
    },
  });
  if (result.error && !result.data) return <ErrorState error={result.error} onRetry={() => result.refetch()} compact />;
  if (!result.data) return <LoadingState variant="lines" rows={4} />;
  const base = result.data.sessionLog === '' ? [] : result.data.sessionLog.split('\n');
  return <SessionLogView lines={mergeLog(base, early.current, later)} secret={props.secret} waiting={props.waiting} />;
}
