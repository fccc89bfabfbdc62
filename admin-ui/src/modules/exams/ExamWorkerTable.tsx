import { memo } from 'react';
import { Anchor, Button, Group, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type FragmentType, graphql, useFragment } from '../../gql';
import { relativeTimeKey } from '../../components/relative-time-format';
import { useNow } from '../../components/use-now';
import { DrainBadge, HealthBadge, StatusBadge } from './ExamBadges';

/** A worker as the exam page's table shows it (kept live by workerUpdated and heartbeats). */
export const ExamWorkerFragment = graphql(`
  fragment ExamWorkerRow_worker on Worker {
    id code name status drainStatus health maxSessions activeSessions slotsAvailable lastHeartbeatAt
  }
`);

/** The worker's part in this exam (from examReadiness). */
export const ExamWorkerReadinessFragment = graphql(`
  fragment ExamWorkerRow_readiness on ExamWorkerReadiness {
    eligible reason refusal warm seated shortfall
    worker { id ...ExamWorkerRow_worker }
  }
`);

/** What a row action needs to know of its worker. */
export interface ExamWorkerTarget {
  id: string;
  code: string;
  status: string;
  drainStatus: string;
}

/** The row actions the page wires to mutations. */
export interface ExamWorkerActions {
  busyId: string | null;
  drain: (w: ExamWorkerTarget) => void;
  disable: (w: ExamWorkerTarget) => void;
  enable: (w: ExamWorkerTarget) => void;
}

const NUM = { textAlign: 'right' as const, fontVariantNumeric: 'tabular-nums' as const, whiteSpace: 'nowrap' as const };

/** "12 s ago", ticking; the absolute time on hover. */
function Age(props: { at: string | null | undefined }) {
  const { t, i18n } = useTranslation('exams');
  const now = useNow();
  if (!props.at) return <span>{t('common:time.never')}</span>;
  const then = Date.parse(props.at);
  const rel = relativeTimeKey(Math.min(then, now), now);
  const text = rel ? t(`common:${rel.key}`, { count: rel.count }) : new Date(then).toLocaleString(i18n.language);
  return (
    <time dateTime={new Date(then).toISOString()} title={new Date(then).toLocaleString(i18n.language)}>
      {text}
    </time>
  );
}

const ExamWorkerRow = memo(function ExamWorkerRow(props: { row: FragmentType<typeof ExamWorkerReadinessFragment>; on: ExamWorkerActions }) {
  const { t } = useTranslation('exams');
  const r = useFragment(ExamWorkerReadinessFragment, props.row);
  const w = useFragment(ExamWorkerFragment, r.worker);
  const busy = props.on.busyId === w.id;
  const disabled = w.status === 'DISABLED';
  return (
    <Table.Tr data-worker={w.code} data-health={w.health} data-drain={w.drainStatus} data-status={w.status}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Anchor component={Link} to={`/workers/${w.id}`} fw={600} size="sm" ff="monospace">
          {w.code}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <HealthBadge health={w.health} />
      </Table.Td>
      <Table.Td>
        <StatusBadge status={w.status} />
      </Table.Td>
      <Table.Td>
        <DrainBadge drainStatus={w.drainStatus} />
      </Table.Td>
      <Table.Td style={NUM} data-testid="slots">
        {w.slotsAvailable}/{w.maxSessions}
      </Table.Td>
      <Table.Td style={NUM}>{r.warm}</Table.Td>
      <Table.Td style={NUM}>{r.seated}</Table.Td>
      <Table.Td maw={260}>
        {r.eligible ? (
          <Text size="sm" c="teal.9">
            {t('workers.eligible')}
          </Text>
        ) : (
          <Text size="sm" c="dimmed" lineClamp={2} title={r.reason ?? undefined} data-refusal={r.refusal ?? undefined}>
            {r.refusal ? t(`workers:refusal.${r.refusal}`, { defaultValue: r.reason ?? r.refusal }) : r.reason}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={NUM}>
        <Age at={w.lastHeartbeatAt} />
      </Table.Td>
      <Table.Td>
        <Group gap={6} justify="flex-end" wrap="nowrap">
          {!disabled && w.drainStatus === 'NONE' && (
            <Button size="compact-sm" variant="default" loading={busy} onClick={() => props.on.drain(w)}>
              {t('workers.drain')}
            </Button>
          )}
          {!disabled && (
            <Tooltip label={w.drainStatus === 'DRAINED' ? t('workers.disableDrained') : t('workers.disableForce')} withArrow>
              <Button size="compact-sm" variant="default" c="red.9" loading={busy} onClick={() => props.on.disable(w)}>
                {t('workers.disable')}
              </Button>
            </Tooltip>
          )}
          {(disabled || w.drainStatus !== 'NONE') && (
            <Button size="compact-sm" variant="default" c="teal.9" loading={busy} onClick={() => props.on.enable(w)}>
              {t('workers.enable')}
            </Button>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
});

/** Per worker: health, status, drain, slots (available/max), this exam's desktops on it, why not eligible, actions. */
export function ExamWorkerTable(props: { rows: readonly FragmentType<typeof ExamWorkerReadinessFragment>[]; on: ExamWorkerActions }) {
  const { t } = useTranslation('exams');
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped highlightOnHover verticalSpacing={6} fz="sm" aria-label={t('workers.label')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('workers.worker')}</Table.Th>
            <Table.Th>{t('workers.health')}</Table.Th>
            <Table.Th>{t('workers.status')}</Table.Th>
            <Table.Th>{t('workers.drainStatus')}</Table.Th>
            <Table.Th style={NUM}>{t('workers.slots')}</Table.Th>
            <Table.Th style={NUM}>{t('workers.warm')}</Table.Th>
            <Table.Th style={NUM}>{t('workers.seated')}</Table.Th>
            <Table.Th>{t('workers.placement')}</Table.Th>
            <Table.Th style={NUM}>{t('workers.lastHeartbeat')}</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>{t('workers.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.rows.map((row) => (
            <ExamWorkerRow key={(row as unknown as { worker: { id: string } }).worker.id} row={row} on={props.on} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
