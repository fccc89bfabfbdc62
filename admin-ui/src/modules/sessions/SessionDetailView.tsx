import type { ReactNode } from 'react';
import { Alert, Anchor, SimpleGrid, Stack, Table, Text, Timeline } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleDot, IconClockHour4, IconPlayerStop } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type FragmentType, graphql, useFragment } from '../../gql';
import { CopyField } from '../../components/CopyField';
import { RelativeTime } from '../../components/RelativeTime';

/** Everything the session detail shows. */
export const SessionDetailFragment = graphql(`
  fragment SessionDetail_session on Session {
    id state ownerId ownerUsername workerId workerCode workerRoute examCode
    createdAt readyAt updatedAt endedAt expiresAt failureReason attention
    product { id name provisionAction }
    connection { protocol host port username password }
  }
`);

/** Who, what and where: owner, product, worker, container, exam. */
export function SessionFacts(props: { session: FragmentType<typeof SessionDetailFragment> }) {
  const s = useFragment(SessionDetailFragment, props.session);
  const { t } = useTranslation('sessions');
  const rows: [string, ReactNode][] = [
    [t('detail.owner'), s.ownerUsername ?? t('warmOwner')],
    [t('detail.product'), `${s.product.name} (${s.product.provisionAction})`],
    [
      t('detail.worker'),
      s.workerId && s.workerCode ? (
        <Anchor key="worker" component={Link} to={`/workers/${s.workerId}`} size="sm">
          {s.workerCode}
        </Anchor>
      ) : (
        '—'
      ),
    ],
    [
      t('detail.container'),
      s.workerRoute ? (
        <Text key="route" span ff="monospace" size="sm">
          {s.workerRoute}
        </Text>
      ) : (
        '—'
      ),
    ],
    [t('detail.exam'), s.examCode ?? '—'],
    [
      t('detail.id'),
      <Text key="id" span ff="monospace" size="sm">
        {s.id}
      </Text>,
    ],
  ];
  return (
    <Stack gap="sm">
      {s.attention && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title={t('detail.attention')}>
          {s.attention}
        </Alert>
      )}
      {s.failureReason && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('detail.failure')}>
          {s.failureReason}
        </Alert>
      )}
      <Table verticalSpacing={6} fz="sm" variant="vertical" layout="fixed" withRowBorders={false}>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={140} fw={500} c="dimmed">
                {label}
              </Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** Requested → ready → ended (or expires), each with its time. */
export function SessionTimeline(props: { session: FragmentType<typeof SessionDetailFragment> }) {
  const s = useFragment(SessionDetailFragment, props.session);
  const { t } = useTranslation('sessions');
  const ended = s.endedAt ?? (s.state === 'STOPPING' ? s.updatedAt : null);
  const steps: { key: string; title: string; at: string | null | undefined; icon: ReactNode }[] = [
    { key: 'created', title: t('timeline.created'), at: s.createdAt, icon: <IconCircleDot size={12} /> },
    { key: 'ready', title: t('timeline.ready'), at: s.readyAt, icon: <IconCircleCheck size={12} /> },
    ...(ended ? [{ key: 'ended', title: t('timeline.ended', { state: t(`state.${s.state}`) }), at: ended, icon: <IconPlayerStop size={12} /> }] : []),
    ...(s.expiresAt && !s.endedAt ? [{ key: 'expires', title: t('timeline.expires'), at: s.expiresAt, icon: <IconClockHour4 size={12} /> }] : []),
  ];
  const active = steps.reduce((last, step, i) => (step.at && step.key !== 'expires' ? i : last), 0);
  return (
    <Timeline active={active} bulletSize={20} lineWidth={2}>
      {steps.map((step) => (
        <Timeline.Item key={step.key} title={step.title} bullet={step.icon}>
          <Text size="xs" c="dimmed">
            {step.at ? <RelativeTime value={step.at} /> : t('timeline.notYet')}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

/** How to connect: protocol, host, port, username, and the password hidden until "Show"; each with a copy button. */
export function ConnectionInfo(props: { session: FragmentType<typeof SessionDetailFragment> }) {
  const s = useFragment(SessionDetailFragment, props.session);
  const { t } = useTranslation('sessions');
  const c = s.connection;
  if (!c)
    return (
      <Text size="sm" c="dimmed">
        {t('connection.none')}
      </Text>
    );
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <CopyField label={t('connection.protocol')} value={c.protocol} />
      {c.host && c.port != null && <CopyField label={t('connection.address')} value={`${c.host}:${c.port}`} monospace />}
      <CopyField label={t('connection.host')} value={c.host ?? ''} monospace />
      <CopyField label={t('connection.port')} value={c.port != null ? String(c.port) : ''} monospace />
      <CopyField label={t('connection.username')} value={c.username ?? ''} monospace />
      {c.password != null && <CopyField label={t('connection.password')} value={c.password} secret />}
    </SimpleGrid>
  );
}
