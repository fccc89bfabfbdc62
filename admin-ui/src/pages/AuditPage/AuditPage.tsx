import { useEffect, useState } from 'react';
import { useQuery } from '@apollo/client';
import { Card, Stack } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconListSearch } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { CursorPager, useCursorPaging } from '../../components/CursorPager';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { graphql } from '../../gql';
import { AuditFilters, type AuditFilterValues } from '../../modules/audit/AuditFilters';
import { AuditTable } from '../../modules/audit/AuditTable';

/** Entries per page. */
const PAGE_SIZE = 25;

const AUDIT_QUERY = graphql(`
  query AuditPage_log($first: Int!, $after: String, $actorId: ID, $action: String, $since: DateTime, $until: DateTime) {
    auditLog(first: $first, after: $after, actorId: $actorId, action: $action, since: $since, until: $until) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id action actor { id username } ...AuditTable_entry } }
    }
  }
`);

const ACTORS_QUERY = graphql(`
  query AuditPage_actors($search: String) {
    users(first: 20, search: $search) { edges { node { id username } } }
  }
`);

const FILTER_PARAMS: Record<keyof AuditFilterValues, string> = { actorId: 'actor', action: 'action', since: 'since', until: 'until' };

/** The filters in the URL (`?actor=&action=&since=YYYY-MM-DD&until=YYYY-MM-DD`), so a filtered view survives a reload and can be shared. */
function useAuditFilters(): [AuditFilterValues, (v: Partial<AuditFilterValues>) => void] {
  const [params, setParams] = useSearchParams();
  const values = { actorId: params.get('actor') ?? '', action: params.get('action') ?? '', since: params.get('since') ?? '', until: params.get('until') ?? '' };
  const set = (v: Partial<AuditFilterValues>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [key, value] of Object.entries(v) as [keyof AuditFilterValues, string][]) {
          if (value) next.set(FILTER_PARAMS[key], value);
          else next.delete(FILTER_PARAMS[key]);
        }
        return next;
      },
      { replace: true },
    );
  return [values, set];
}

/** A day in the URL as the instant the server compares with: its start for `since`, its end for `until` (local time). */
function dayBound(day: string, end: boolean): string | null {
  if (!day) return null;
  const d = dayjs(day);
  return d.isValid() ? (end ? d.endOf('day') : d.startOf('day')).toISOString() : null;
}

/** `/audit` (ADMIN): every admin and operator action, filtered by actor, action and dates, paged. */
export function AuditPage() {
  const { t } = useTranslation('audit');
  const [filters, setFilters] = useAuditFilters();
  const [action] = useDebouncedValue(filters.action.trim(), 300);
  const paging = useCursorPaging();
  const { reset } = paging;
  const key = `${filters.actorId}|${action}|${filters.since}|${filters.until}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: new filters start on the first page.
  useEffect(() => reset(), [key, reset]);
  const variables = {
    first: PAGE_SIZE,
    after: paging.after,
    actorId: filters.actorId || null,
    action: action || null,
    since: dayBound(filters.since, false),
    until: dayBound(filters.until, true),
  };
  const result = useQuery(AUDIT_QUERY, { variables });
  const [actorSearch, setActorSearch] = useState('');
  const [debouncedActor] = useDebouncedValue(actorSearch, 250);
  const actors = useQuery(ACTORS_QUERY, { variables: { search: debouncedActor || null } });
  const seen = result.data?.auditLog.edges.map((e) => e.node) ?? [];
  const actorOptions = new Map<string, string>();
  for (const e of actors.data?.users.edges ?? []) actorOptions.set(e.node.id, e.node.username);
  for (const n of seen) if (n.actor.id) actorOptions.set(n.actor.id, n.actor.username);
  const filtered = Boolean(filters.actorId || action || filters.since || filters.until);

  return (
    <Stack gap="lg">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Card withBorder radius="md" p="md">
        <Stack gap="md">
          <AuditFilters
            values={filters}
            onChange={setFilters}
            actors={[...actorOptions].map(([id, username]) => ({ id, username }))}
            onActorSearch={setActorSearch}
            actions={seen.map((n) => n.action)}
          />
          <QueryState
            result={{ ...result, data: result.data ?? result.previousData }}
            isEmpty={(d) => d.auditLog.totalCount === 0}
            empty={{
              title: filtered ? t('empty.filteredTitle') : t('empty.title'),
              hint: filtered ? t('empty.filteredHint') : t('empty.hint'),
              icon: <IconListSearch size={28} />,
            }}
          >
            {(d) => (
              <>
                <AuditTable entries={d.auditLog.edges.map((e) => e.node)} />
                <CursorPager
                  paging={paging}
                  pageSize={PAGE_SIZE}
                  shown={d.auditLog.edges.length}
                  total={d.auditLog.totalCount}
                  hasNextPage={d.auditLog.pageInfo.hasNextPage}
                  endCursor={d.auditLog.pageInfo.endCursor}
                />
              </>
            )}
          </QueryState>
        </Stack>
      </Card>
    </Stack>
  );
}
