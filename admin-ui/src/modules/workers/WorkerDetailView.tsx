import type { ReactNode } from 'react';
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type FragmentType, graphql, useFragment } from '../../gql';
import { formatMemory, formatPercent, HeartbeatAge } from './HeartbeatAge';
import { useLiveFigures } from './live-usage';
import { tone } from './tone';
import { KvmText } from './WorkerBadges';

/** What the worker detail shows beyond its row: inventory, engine, labels, capacity. */
export const WorkerDetailFragment = graphql(`
  fragment WorkerDetail_worker on Worker {
    id code name version labels createdAt credentialIssuedAt
    activeSessions slotsAvailable maxSessions maxSessionsOverride
    cpuPercent memoryUsedMb memoryTotalMb lastHeartbeatAt
    engineReachable engineVersion engineError kvm
    capacity { cpus memoryMb reservedCpus reservedMemoryMb vmCpus vmMemoryMb }
    inventory { name sessionId state rdpPort }
  }
`);

/** A titled card. */
export function Section(props: { title: ReactNode; children: ReactNode; right?: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="md" fw={600}>
          {props.title}
        </Title>
        {props.right}
      </Group>
      {props.children}
    </Card>
  );
}

function Fact(props: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
        {props.label}
      </Text>
      <Text fw={600} fz="lg" data-testid={props.testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {props.children}
      </Text>
    </Stack>
  );
}

/** The live figures across the top of the detail page. */
export function WorkerFacts(props: { worker: FragmentType<typeof WorkerDetailFragment> }) {
  const w = useLiveFigures(useFragment(WorkerDetailFragment, props.worker));
  const { t } = useTranslation('workers');
  return (
    <Card withBorder radius="md" padding="md" mb="md">
      <SimpleGrid cols={{ base: 2, md: 5 }} spacing="lg">
        <Fact label={t('table.slots')} testId="slots">
          {w.slotsAvailable}/{w.maxSessions}
        </Fact>
        <Fact label={t('table.cpu')} testId="cpu">
          {formatPercent(w.cpuPercent)}
        </Fact>
        <Fact label={t('table.memory')} testId="memory">
          {formatMemory(w.memoryUsedMb, w.memoryTotalMb)}
        </Fact>
        <Fact label={t('table.lastHeartbeat')} testId="last-heartbeat">
          <HeartbeatAge at={w.lastHeartbeatAt} />
        </Fact>
        <Fact label={t('detail.liveSessions')}>{w.activeSessions}</Fact>
      </SimpleGrid>
    </Card>
  );
}

/** The containers the worker's engine reported in its last heartbeat. */
export function InventoryTable(props: { worker: FragmentType<typeof WorkerDetailFragment> }) {
  const w = useFragment(WorkerDetailFragment, props.worker);
  const { t } = useTranslation('workers');
  if (w.inventory.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('detail.noContainers')}
      </Text>
    );
  return (
    <Table verticalSpacing={6} fz="sm" aria-label={t('detail.containers')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('detail.container')}</Table.Th>
          <Table.Th>{t('detail.session')}</Table.Th>
          <Table.Th>{t('detail.state')}</Table.Th>
          <Table.Th ta="right">{t('detail.rdpPort')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {w.inventory.map((c) => (
          <Table.Tr key={c.name}>
            <Table.Td ff="monospace">{c.name}</Table.Td>
            <Table.Td>
              {c.sessionId ? (
                <Anchor component={Link} to={`/sessions/${c.sessionId}`} ff="monospace" size="sm">
                  {c.sessionId.slice(0, 8)}
                </Anchor>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('detail.orphan')}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Badge variant="light" {...tone(c.state === 'running' ? 'teal' : 'gray')}>
                {c.state}
              </Badge>
            </Table.Td>
            <Table.Td ta="right" ff="monospace" data-testid="rdp-port">
              {c.rdpPort ?? '—'}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Engine, KVM, agent version, labels and the capacity the slots come from. */
export function WorkerInfoTable(props: { worker: FragmentType<typeof WorkerDetailFragment> }) {
  const w = useFragment(WorkerDetailFragment, props.worker);
  const { t } = useTranslation('workers');
  const c = w.capacity;
  const rows: [string, ReactNode][] = [
    [
      t('detail.engine'),
      w.engineReachable == null ? t('engine.unknown') : w.engineReachable ? `${t('engine.up')} · ${w.engineVersion ?? ''}` : t('engine.unreachable'),
    ],
    ...(w.engineError ? ([[t('detail.engineError'), w.engineError]] as [string, ReactNode][]) : []),
    [t('detail.kvm'), <KvmText key="kvm" kvm={w.kvm} />],
    [t('detail.agentVersion'), w.version ?? '—'],
    [t('detail.cpus'), t('detail.cpusValue', { cpus: c.cpus, reserved: c.reservedCpus })],
    [t('detail.memory'), t('detail.memoryValue', { memory: c.memoryMb, reserved: c.reservedMemoryMb })],
    [t('detail.vmProfile'), t('detail.vmValue', { cpus: c.vmCpus, memory: c.vmMemoryMb })],
    [
      t('detail.maxSessions'),
      w.maxSessionsOverride != null ? t('detail.maxOverridden', { max: w.maxSessions, override: w.maxSessionsOverride }) : String(w.maxSessions),
    ],
    [
      t('detail.labels'),
      w.labels.length ? (
        <Group key="labels" gap={4}>
          {w.labels.map((l) => (
            <Badge key={l} variant="outline" color="gray" styles={{ root: { textTransform: 'none' } }}>
              {l}
            </Badge>
          ))}
        </Group>
      ) : (
        '—'
      ),
    ],
  ];
  return (
    <Table verticalSpacing={6} fz="sm" variant="vertical" layout="fixed" withRowBorders={false}>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w={170} fw={500} c="dimmed">
              {label}
            </Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
