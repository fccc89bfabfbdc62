import { useEffect, useMemo, useState } from 'react';
import { useApolloClient, useQuery } from '@apollo/client';
import { Button, Group, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconDeviceDesktopOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { graphql } from '../../gql';
import type { SessionState } from '../../gql/graphql';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { ReconnectingAlert } from '../../components/ReconnectingAlert';
import { SessionFilters, type SessionFilterValues } from '../../modules/sessions/SessionFilters';
import { SESSION_STATES } from '../../modules/sessions/SessionStateBadge';
import { SessionTable } from '../../modules/sessions/SessionTable';

/** Rows per page. */
const PAGE_SIZE = 25;

const SESSIONS = graphql(`
  query SessionsPage_sessions($state: SessionState, $workerId: ID, $examId: ID, $flagged: Boolean, $first: Int, $after: String) {
    sessions(state: $state, workerId: $workerId, examId: $examId, flagged: $flagged, first: $first, after: $after) {
      edges { cursor node { id ...SessionRow_session } }
      pageInfo { hasNextPage endCursor }
      totalCount
    }
  }
`);

const FILTER_OPTIONS = graphql(`
  query SessionsPage_filterOptions {
    workers { id code }
    exams { id code name }
  }
`);

const SESSION_UPDATED = graphql(`
  subscription SessionsPage_sessionUpdated {
    sessionUpdated { id state workerId examCode attention ...SessionRow_session }
  }
`);

/** The filters in the URL query (`?state=READY&worker=…&exam=…&flagged=1`). */
function readFilters(params: URLSearchParams): SessionFilterValues {
  const state = params.get('state');
  return {
    state: state && (SESSION_STATES as readonly string[]).includes(state) ? (state as SessionState) : null,
    workerId: params.get('worker'),
    examId: params.get('exam'),
    flagged: params.get('flagged') === '1',
  };
}

function writeFilters(v: SessionFilterValues): URLSearchParams {
  const p = new URLSearchParams();
  if (v.state) p.set('state', v.state);
  if (v.workerId) p.set('worker', v.workerId);
  if (v.examId) p.set('exam', v.examId);
  if (v.flagged) p.set('flagged', '1');
  return p;
}

/**
 * Puts sessions announced live at the top of the first page when they match its filters; the
 * ones already listed update in place through the cache.
 */
function useNewSessionsLive(variables: Record<string, unknown>, filters: SessionFilterValues, examCode: string | null, onFirstPage: boolean): void {
  const client = useApolloClient();
  useEffect(() => {
    const sub = client.subscribe({ query: SESSION_UPDATED }).subscribe({
      next: ({ data }) => {
        const s = data?.sessionUpdated;
        if (!s || !onFirstPage) return;
        const matches =
          (!filters.state || s.state === filters.state) &&
          (!filters.workerId || s.workerId === filters.workerId) &&
          (!filters.examId || s.examCode === examCode) &&
          (!filters.flagged || s.attention != null);
        if (!matches) return;
        client.cache.updateQuery({ query: SESSIONS, variables }, (list) => {
          if (!list || list.sessions.edges.some((e) => e.node.id === s.id)) return undefined;
          const edges = [{ __typename: 'SessionEdge' as const, cursor: s.id, node: s }, ...list.sessions.edges].slice(0, PAGE_SIZE);
          return { ...list, sessions: { ...list.sessions, edges, totalCount: list.sessions.totalCount + 1 } };
        });
      },
      error: () => undefined,
    });
    return () => sub.unsubscribe();
  }, [client, variables, filters, examCode, onFirstPage]);
}

/** `/sessions`: every session, live, filtered by state/worker/exam/flagged in the URL, a page at a time (ADMIN, OPERATOR). */
export function SessionsPage() {
  const { t } = useTranslation('sessions');
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  // A new filter starts again at the first page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: resetting on any filter change is the point.
  useEffect(() => setCursors([null]), [params.toString()]);
  const variables = useMemo(
    () => ({ state: filters.state, workerId: filters.workerId, examId: filters.examId, flagged: filters.flagged || null, first: PAGE_SIZE, after }),
    [filters, after],
  );
  const result = useQuery(SESSIONS, { variables });
  const options = useQuery(FILTER_OPTIONS);
  const examCode = options.data?.exams.find((e) => e.id === filters.examId)?.code ?? null;
  useNewSessionsLive(variables, filters, examCode, cursors.length === 1);
  const filtered = Boolean(filters.state || filters.workerId || filters.examId || filters.flagged);

  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <ReconnectingAlert />
      <SessionFilters
        value={filters}
        onChange={(v) => setParams(writeFilters(v), { replace: true })}
        workers={options.data?.workers ?? []}
        exams={options.data?.exams ?? []}
      />
      <QueryState
        result={result}
        isEmpty={(d) => d.sessions.edges.length === 0}
        empty={{
          title: filtered ? t('empty.filteredTitle') : t('empty.title'),
          hint: filtered ? t('empty.filteredHint') : t('empty.hint'),
          icon: <IconDeviceDesktopOff size={28} />,
        }}
      >
        {(data) => (
          <>
            <SessionTable sessions={data.sessions.edges.map((e) => e.node)} />
            <Group justify="space-between" mt="md">
              <Text size="sm" c="dimmed" data-testid="sessions-total">
                {t('total', { count: data.sessions.totalCount })}
              </Text>
              <Group gap="xs">
                <Button
                  variant="default"
                  size="xs"
                  leftSection={<IconChevronLeft size={14} />}
                  disabled={cursors.length === 1}
                  onClick={() => setCursors((c) => c.slice(0, -1))}
                >
                  {t('paging.previous')}
                </Button>
                <Text size="sm" c="dimmed">
                  {t('paging.page', { page: cursors.length })}
                </Text>
                <Button
                  variant="default"
                  size="xs"
                  rightSection={<IconChevronRight size={14} />}
                  disabled={!data.sessions.pageInfo.hasNextPage}
                  onClick={() => setCursors((c) => [...c, data.sessions.pageInfo.endCursor ?? null])}
                >
                  {t('paging.next')}
                </Button>
              </Group>
            </Group>
          </>
        )}
      </QueryState>
    </>
  );
}
