import { useEffect, useRef, useState } from 'react';
import { useApolloClient, useQuery } from '@apollo/client';
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconCoins, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CursorPager, useCursorPaging } from '../../components/CursorPager';
import { QueryState } from '../../components/QueryState';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { graphql } from '../../gql';
import { BalanceCheck } from '../../modules/users/BalanceCheck';
import { LedgerTable } from '../../modules/users/LedgerTable';

/** Ledger rows per page. */
export const LEDGER_PAGE_SIZE = 15;
/** The sum reads the whole ledger, this many entries a request, up to SUM_MAX_PAGES requests. */
const SUM_PAGE = 100;
const SUM_MAX_PAGES = 50;

export const LEDGER_QUERY = graphql(`
  query UsersPage_ledger($userId: ID!, $first: Int!, $after: String) {
    coinLedger(userId: $userId, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id ...LedgerTable_entry } }
    }
  }
`);

const LEDGER_SUM_QUERY = graphql(`
  query UsersPage_ledgerSum($userId: ID!, $first: Int!, $after: String) {
    coinLedger(userId: $userId, first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { id delta } }
    }
  }
`);

/** Σ delta over a user's whole ledger, read page by page (not cached: it is a check of the stored books). */
function useLedgerSum(userId: string, version: unknown): { sum: number | null; entries: number | null; complete: boolean } {
  const client = useApolloClient();
  const [state, setState] = useState<{ sum: number | null; entries: number | null; complete: boolean }>({ sum: null, entries: null, complete: false });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` (the newest entry) is what makes a new sum necessary.
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      let sum = 0;
      let entries = 0;
      let after: string | null = null;
      for (let page = 0; page < SUM_MAX_PAGES; page++) {
        const r: { data: ResultOf<typeof LEDGER_SUM_QUERY> } | null = await client
          .query({ query: LEDGER_SUM_QUERY, variables: { userId, first: SUM_PAGE, after }, fetchPolicy: 'no-cache' })
          .catch(() => null);
        if (!r || cancelled) return;
        for (const e of r.data.coinLedger.edges) sum += e.node.delta;
        entries += r.data.coinLedger.edges.length;
        after = r.data.coinLedger.pageInfo.endCursor ?? null;
        if (!r.data.coinLedger.pageInfo.hasNextPage) return setState({ sum, entries, complete: true });
      }
      if (!cancelled) setState({ sum, entries, complete: false });
    })();
    return () => {
      cancelled = true;
    };
  }, [client, userId, version]);
  return state;
}

/** The selected user's ledger, paged, with the balance = Σ ledger check and "Adjust coins". */
export function UserLedgerSection(props: { user: { id: string; username: string; coinBalance: number }; onAdjust: () => void; onClose: () => void }) {
  const { t } = useTranslation('users');
  const paging = useCursorPaging();
  const { reset } = paging;
  const { id } = props.user;
  // biome-ignore lint/correctness/useExhaustiveDependencies: another user's ledger starts on its first page.
  useEffect(() => reset(), [id, reset]);
  const box = useRef<HTMLElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: choosing another user brings their ledger into view.
  useEffect(() => box.current?.scrollIntoView({ block: 'start', behavior: 'smooth' }), [id]);
  const result = useQuery(LEDGER_QUERY, { variables: { userId: id, first: LEDGER_PAGE_SIZE, after: paging.after } });
  const newest = result.data?.coinLedger.edges[0]?.node.id;
  const check = useLedgerSum(id, `${newest}:${props.user.coinBalance}`);
  return (
    <Card ref={box} withBorder radius="md" p="lg" component="section" aria-labelledby="ledger-title" id="ledger">
      <Group justify="space-between" align="flex-start" mb="md">
        <Stack gap={2}>
          <Title order={2} fz="lg" id="ledger-title">
            {t('ledger.title', { username: props.user.username })}
          </Title>
          <Text size="sm" c="dimmed">
            {t('ledger.subtitle')}
          </Text>
        </Stack>
        <Group gap="xs">
          <Button leftSection={<IconCoins size={16} />} onClick={props.onAdjust}>
            {t('adjust.open')}
          </Button>
          <Button variant="subtle" color="gray" leftSection={<IconX size={16} />} onClick={props.onClose}>
            {t('ledger.close')}
          </Button>
        </Group>
      </Group>
      <Stack gap="md">
        <BalanceCheck balance={props.user.coinBalance} sum={check.sum} entries={check.entries} complete={check.complete} />
        <QueryState
          result={result}
          isEmpty={(d) => d.coinLedger.totalCount === 0}
          empty={{ title: t('ledger.emptyTitle'), hint: t('ledger.emptyHint'), icon: <IconCoins size={28} /> }}
        >
          {(d) => (
            <>
              <LedgerTable entries={d.coinLedger.edges.map((e) => e.node)} />
              <CursorPager
                paging={paging}
                pageSize={LEDGER_PAGE_SIZE}
                shown={d.coinLedger.edges.length}
                total={d.coinLedger.totalCount}
                hasNextPage={d.coinLedger.pageInfo.hasNextPage}
                endCursor={d.coinLedger.pageInfo.endCursor}
              />
            </>
          )}
        </QueryState>
      </Stack>
    </Card>
  );
}
