import { memo } from 'react';
import { Anchor, Table, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type FragmentType, graphql, useFragment } from '../../gql';
import { RelativeTime } from '../../components/RelativeTime';
import { SessionStateBadge } from './SessionStateBadge';

/** What one row of the sessions list shows. */
export const SessionRowFragment = graphql(`
  fragment SessionRow_session on Session {
    id state ownerUsername workerId workerCode examCode createdAt attention failureReason
    product { id name }
  }
`);

const SessionRow = memo(function SessionRow(props: { session: FragmentType<typeof SessionRowFragment> }) {
  const s = useFragment(SessionRowFragment, props.session);
  const { t } = useTranslation('sessions');
  const dash = (
    <Text span c="dimmed">
      —
    </Text>
  );
  return (
    <Table.Tr data-session={s.id} data-state={s.state}>
      <Table.Td>
        <Anchor component={Link} to={`/sessions/${s.id}`} ff="monospace" size="sm" fw={600}>
          {s.id.slice(0, 8)}
        </Anchor>
      </Table.Td>
      <Table.Td>
        {s.ownerUsername ?? (
          <Text span c="dimmed">
            {t('warmOwner')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{s.product.name}</Table.Td>
      <Table.Td>
        {s.workerId && s.workerCode ? (
          <Anchor component={Link} to={`/workers/${s.workerId}`} size="sm">
            {s.workerCode}
          </Anchor>
        ) : (
          dash
        )}
      </Table.Td>
      <Table.Td>{s.examCode ?? dash}</Table.Td>
      <Table.Td>
        <SessionStateBadge state={s.state} />
      </Table.Td>
      <Table.Td>
        <RelativeTime value={s.createdAt} />
      </Table.Td>
      <Table.Td>
        {s.attention || s.failureReason ? (
          <Tooltip label={s.attention ?? s.failureReason} withArrow multiline maw={360}>
            <Text size="sm" c={s.attention ? 'orange.8' : 'red.8'} truncate maw={260} style={{ display: 'flex', gap: 4, alignItems: 'center' }}>
              {s.attention && <IconAlertTriangle size={14} aria-hidden />}
              {s.attention ?? s.failureReason}
            </Text>
          </Tooltip>
        ) : (
          dash
        )}
      </Table.Td>
    </Table.Tr>
  );
});

/** The sessions list: id, owner, product, worker, exam, state, created, flagged reason. */
export function SessionTable(props: { sessions: readonly FragmentType<typeof SessionRowFragment>[] }) {
  const { t } = useTranslation('sessions');
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table striped highlightOnHover verticalSpacing={6} fz="sm" aria-label={t('table.label')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('table.id')}</Table.Th>
            <Table.Th>{t('table.owner')}</Table.Th>
            <Table.Th>{t('table.product')}</Table.Th>
            <Table.Th>{t('table.worker')}</Table.Th>
            <Table.Th>{t('table.exam')}</Table.Th>
            <Table.Th>{t('table.state')}</Table.Th>
            <Table.Th>{t('table.created')}</Table.Th>
            <Table.Th>{t('table.flagged')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.sessions.map((ref) => (
            <SessionRow key={(ref as unknown as { id: string }).id} session={ref} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
