import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../components/StatusBadge';
import { RelativeTime } from '../../components/RelativeTime';
import { type FragmentType, graphql, useFragment as readFragment } from '../../gql';
import type { CoinEntryKind } from '../../gql/graphql';
import { Coins } from './Coins';

/** What a row of a coin ledger shows. */
export const LedgerTableEntryFragment = graphql(`
  fragment LedgerTable_entry on CoinLedgerEntry { id kind delta balanceAfter reason actorUsername createdAt }
`);

const KIND_COLOR: Record<CoinEntryKind, string> = { ADMIN_ADD: 'teal', ADMIN_SUB: 'red', ADMIN_SET: 'violet', PURCHASE: 'blue', REFUND: 'yellow' };

/** A user's ledger, newest first: kind, delta (+ green, − red), balance after, reason, actor, time. */
export function LedgerTable(props: { entries: readonly FragmentType<typeof LedgerTableEntryFragment>[] }) {
  const { t } = useTranslation('users');
  const entries = readFragment(LedgerTableEntryFragment, props.entries);
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="xs" aria-label={t('ledger.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('ledger.col.kind')}</Table.Th>
            <Table.Th ta="right">{t('ledger.col.delta')}</Table.Th>
            <Table.Th ta="right">{t('ledger.col.balanceAfter')}</Table.Th>
            <Table.Th>{t('ledger.col.reason')}</Table.Th>
            <Table.Th>{t('ledger.col.actor')}</Table.Th>
            <Table.Th>{t('ledger.col.time')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => (
            <Table.Tr key={e.id} data-entry-id={e.id}>
              <Table.Td>
                <StatusBadge color={KIND_COLOR[e.kind]}>{t(`ledger.kind.${e.kind}`)}</StatusBadge>
              </Table.Td>
              <Table.Td ta="right">
                <Coins value={e.delta} signed fw={600} />
              </Table.Td>
              <Table.Td ta="right">
                <Coins value={e.balanceAfter} />
              </Table.Td>
              <Table.Td maw={360}>
                <Text size="sm" lineClamp={2} title={e.reason ?? undefined}>
                  {e.reason ?? (
                    <Text span c="dimmed" size="sm">
                      —
                    </Text>
                  )}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {e.actorUsername ?? (
                    <Text span c="dimmed" size="sm">
                      {t('ledger.system')}
                    </Text>
                  )}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  <RelativeTime value={e.createdAt} />
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
