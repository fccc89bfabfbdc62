import { useEffect, useRef, useState } from 'react';
import { type ApolloError, useApolloClient } from '@apollo/client';
import { graphql } from '../../gql';

const LOG = graphql(`query SessionDetailPage_log($id: ID!) { sessionLog(id: $id) }`);
const LOG_LINES = graphql(`subscription SessionDetailPage_logLines($id: ID!) { sessionLog(id: $id) }`);

/** The log's kept size on screen: older lines drop off the top past this. */
const MAX_LINES = 5_000;

/** A session's log as the detail page shows it. */
export interface SessionLogState {
  lines: readonly string[];
  loading: boolean;
  error: ApolloError | null;
  paused: boolean;
  /** Lines that arrived while paused. */
  waiting: number;
  pause(): void;
  resume(): void;
  retry(): void;
  /** Every line so far, shown or waiting (what "Download" saves). */
  all(): readonly string[];
}

/**
 * The whole kept log (`sessionLog` query), then new lines as they arrive (`sessionLog`
 * subscription, opened first so none fall between the two). Paused, lines wait and show on resume.
 */
export function useSessionLog(sessionId: string, enabled: boolean): SessionLogState {
  const client = useApolloClient();
  const all = useRef<string[]>([]);
  const [shown, setShown] = useState<readonly string[]>([]);
  const [paused, setPaused] = useState(false);
  const pausedRef = useRef(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApolloError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [total, setTotal] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new `attempt` ("Retry") reads the log again.
  useEffect(() => {
    if (!enabled) return;
    all.current = [];
    let loaded = false;
    const early: string[] = [];
    const show = () => {
      if (all.current.length > MAX_LINES) all.current = all.current.slice(-MAX_LINES);
      setTotal(all.current.length);
      if (!pausedRef.current) setShown([...all.current]);
    };
    const sub = client.subscribe({ query: LOG_LINES, variables: { id: sessionId } }).subscribe({
      next: ({ data }) => {
        const lines = data?.sessionLog ?? [];
        if (!loaded) return void early.push(...lines);
        all.current.push(...lines);
        show();
      },
      error: () => undefined,
    });
    setLoading(true);
    setError(null);
    client
      .query({ query: LOG, variables: { id: sessionId }, fetchPolicy: 'network-only' })
      .then(({ data }) => {
        const text = data.sessionLog;
        const stored = text ? text.replace(/\n$/, '').split('\n') : [];
        // Lines that came live while the stored log was read may be in it already.
        const tail = stored.slice(-early.length);
        const fresh = early.length && tail.join('\n') === early.join('\n') ? [] : early;
        all.current = [...stored, ...fresh];
        loaded = true;
        setLoading(false);
        show();
      })
      .catch((e: ApolloError) => {
        setError(e);
        setLoading(false);
      });
    return () => sub.unsubscribe();
  }, [client, sessionId, enabled, attempt]);

  return {
    lines: shown,
    loading,
    error,
    paused,
    waiting: paused ? Math.max(0, total - shown.length) : 0,
    pause: () => {
      pausedRef.current = true;
      setPaused(true);
    },
    resume: () => {
      pausedRef.current = false;
      setPaused(false);
      setShown([...all.current]);
    },
    retry: () => setAttempt((n) => n + 1),
    all: () => all.current,
  };
}
