import { memo, useRef } from 'react';
import { Anchor, Badge, Box, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type FragmentType, graphql, useFragment } from '../../gql';
import type { WorkerRow_WorkerFragment } from '../../gql/graphql';
import { formatMemory, formatPercent, HeartbeatAge } from './HeartbeatAge';
import { UsageSparkline } from './UsageSparkline';
import { HealthBadge, KvmText, StatusBadges } from './WorkerBadges';
import { type WorkerActionHandlers, WorkerActions } from './WorkerActions';
import { useLiveFigures } from './live-usage';
import { tone } from './tone';
import { useRowWindow } from './use-row-window';

/** What one row of the fleet table shows. */
export const WorkerRowFragment = graphql(`
  fragment WorkerRow_worker on Worker {
    id code name status drainStatus health
    maxSessions maxSessionsOverride activeSessions slotsAvailable
    cpuPercent memoryUsedMb memoryTotalMb
    engineReachable engineVersion engineError kvm version lastHeartbeatAt
  }
`);

const NUM = { textAlign: 'right' as const, fontVariantNumeric: 'tabular-nums' as const, whiteSpace: 'nowrap' as const };
const NOWRAP = { whiteSpace: 'nowrap' as const };
/** The table's columns, for the blank rows' single cell. */
const COLUMNS = 11;

/** The engine cell: its version when reachable, "Unreachable" (with the error on hover) otherwise. */
function EngineCell(props: { reachable: boolean | null | undefined; version: string | null | undefined; error: string | null | undefined }) {
  const { t } = useTranslation('workers');
  if (props.reachable == null)
    return (
      <Text size="sm" c="dimmed">
        {t('engine.unknown')}
      </Text>
    );
  if (!props.reachable)
    return (
      <Tooltip label={props.error ?? t('engine.unreachable')} withArrow multiline maw={320}>
        <Badge {...tone('red')} variant="outline">
          {t('engine.unreachable')}
        </Badge>
      </Tooltip>
    );
  return (
    <Group gap={6} wrap="nowrap" title={t('engine.up')}>
      <Box component="span" w={8} h={8} bg="teal.7" style={{ borderRadius: '50%', flex: 'none' }} aria-hidden />
      <Text size="xs" ff="monospace">
        {props.version ?? t('engine.up')}
      </Text>
    </Group>
  );
}

/** The cells a heartbeat changes (CPU, memory, engine, last heartbeat): a beat re-renders these, not the row. */
function LiveCells(props: { worker: WorkerRow_WorkerFragment }) {
  const w = useLiveFigures(props.worker);
  return (
    <>
      <Table.Td style={NUM} data-testid="cpu">
        {formatPercent(w.cpuPercent)}
      </Table.Td>
      <Table.Td style={NUM} data-testid="memory">
        {formatMemory(w.memoryUsedMb, w.memoryTotalMb)}
      </Table.Td>
      <Table.Td style={NOWRAP}>
        <EngineCell reachable={w.engineReachable} version={w.engineVersion} error={w.engineError} />
      </Table.Td>
      <Table.Td style={NUM} data-testid="last-heartbeat">
        <HeartbeatAge at={w.lastHeartbeatAt} />
      </Table.Td>
    </>
  );
}

/** One worker's row; re-renders only when that worker's cached fields change. */
const WorkerRow = memo(function WorkerRow(props: { worker: FragmentType<typeof WorkerRowFragment>; on: WorkerActionHandlers; highlight: boolean }) {
  const w = useFragment(WorkerRowFragment, props.worker);
  const { t } = useTranslation('workers');
  return (
    <Table.Tr data-worker={w.code} data-health={w.health} bg={props.highlight ? 'var(--mantine-color-yellow-light)' : undefined}>
      <Table.Td>
        <Stack gap={0}>
          <Anchor component={Link} to={`/workers/${w.id}`} fw={600} size="sm" style={NOWRAP}>
            {w.code}
          </Anchor>
          {w.name && w.name !== w.code && (
            <Text size="xs" c="dimmed" truncate maw={180}>
              {w.name}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td style={NOWRAP}>
        <HealthBadge health={w.health} />
      </Table.Td>
      <Table.Td style={NOWRAP}>
        <StatusBadges status={w.status} drainStatus={w.drainStatus} />
      </Table.Td>
      <Table.Td style={NUM} data-testid="slots">
        <Tooltip
          label={w.maxSessionsOverride != null ? t('table.overridden', { max: w.maxSessionsOverride }) : t('table.activeSessions', { count: w.activeSessions })}
          withArrow
        >
          <span>
            {w.slotsAvailable}/{w.maxSessions}
            {w.maxSessionsOverride != null && <sup aria-hidden> *</sup>}
          </span>
        </Tooltip>
      </Table.Td>
      <LiveCells worker={w} />
      <Table.Td style={NOWRAP}>
        <KvmText kvm={w.kvm} />
      </Table.Td>
      <Table.Td>
        <UsageSparkline workerId={w.id} memoryTotalMb={w.memoryTotalMb} />
      </Table.Td>
      <Table.Td>
        <WorkerActions worker={w} on={props.on} />
      </Table.Td>
    </Table.Tr>
  );
});

/** Blank height standing in for rows that are not mounted. */
function Spacer(props: { height: number }) {
  return (
    <tr aria-hidden style={{ height: props.height }}>
      <td colSpan={COLUMNS} style={{ padding: 0, border: 0 }} />
    </tr>
  );
}

/**
 * The live fleet: one row per worker, numbers right-aligned, actions at the end. A long fleet
 * mounts only the rows on screen; blank rows stand in for the others so the scroll bar is true.
 */
export function WorkerTable(props: { workers: readonly FragmentType<typeof WorkerRowFragment>[]; on: WorkerActionHandlers; highlightId?: string | null }) {
  const { t } = useTranslation('workers');
  const body = useRef<HTMLTableSectionElement>(null);
  const win = useRowWindow(props.workers.length, body);
  return (
    <Table.ScrollContainer minWidth={1140}>
      <Table striped highlightOnHover verticalSpacing={6} horizontalSpacing={6} fz="sm" aria-label={t('table.label')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('table.worker')}</Table.Th>
            <Table.Th>{t('table.health')}</Table.Th>
            <Table.Th>{t('table.status')}</Table.Th>
            <Table.Th style={NUM}>{t('table.slots')}</Table.Th>
            <Table.Th style={NUM}>{t('table.cpu')}</Table.Th>
            <Table.Th style={NUM}>{t('table.memory')}</Table.Th>
            <Table.Th>{t('table.engine')}</Table.Th>
            <Table.Th style={NUM}>{t('table.lastHeartbeat')}</Table.Th>
            <Table.Th>{t('table.kvm')}</Table.Th>
            <Table.Th>{t('table.usage')}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{t('table.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody ref={body}>
          {win.padTop > 0 && <Spacer height={win.padTop} />}
          {props.workers.slice(win.start, win.end).map((ref) => {
            const id = (ref as unknown as { id: string }).id;
            return <WorkerRow key={id} worker={ref} on={props.on} highlight={props.highlightId === id} />;
          })}
          {win.padBottom > 0 && <Spacer height={win.padBottom} />}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
