import { Alert, Badge, Button, Group, Modal, ScrollArea, Stack, Table, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type FragmentType, graphql, useFragment } from '../../gql';
import type { ReconcileKind } from '../../gql/graphql';
import { ErrorState, LoadingState } from '../../components/QueryState';
import { toneProps } from './ExamBadges';

/** What a reconcile report shows: each difference between the database and the workers. */
export const ReconcileReportFragment = graphql(`
  fragment ReconcileReport_report on ReconcileReport {
    at dryRun total
    items { kind action detail workerCode container sessionId }
  }
`);

const KIND_COLORS: Record<ReconcileKind, string> = {
  ORPHAN_CONTAINER: 'orange',
  MISSING_CONTAINER: 'red',
  STUCK_SESSION: 'yellow',
  MISSING_WARM: 'cyan',
  STALE_WORKER: 'grape',
};

function ReportTable(props: { report: FragmentType<typeof ReconcileReportFragment> }) {
  const { t } = useTranslation('exams');
  const r = useFragment(ReconcileReportFragment, props.report);
  if (r.total === 0)
    return (
      <Group gap="xs" py="md" data-testid="reconcile-clean">
        <ThemeIcon color="teal" variant="light" radius="xl" aria-hidden>
          <IconCheck size={16} />
        </ThemeIcon>
        <Text>{t('reconcile.clean')}</Text>
      </Group>
    );
  return (
    <ScrollArea.Autosize mah={420}>
      <Table verticalSpacing={6} fz="sm" aria-label={r.dryRun ? t('reconcile.diffLabel') : t('reconcile.resultLabel')} data-testid="reconcile-items">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('reconcile.kind')}</Table.Th>
            <Table.Th>{t('reconcile.worker')}</Table.Th>
            <Table.Th>{t('reconcile.target')}</Table.Th>
            <Table.Th>{t('reconcile.detail')}</Table.Th>
            <Table.Th>{r.dryRun ? t('reconcile.wouldDo') : t('reconcile.did')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {r.items.map((i) => (
            <Table.Tr key={`${i.kind}-${i.workerCode}-${i.container}-${i.sessionId}-${i.detail}`} data-kind={i.kind}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Badge {...toneProps(KIND_COLORS[i.kind])} variant="light" maw="none">
                  {t(`reconcile.kinds.${i.kind}`)}
                </Badge>
              </Table.Td>
              <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                {i.workerCode ?? '—'}
              </Table.Td>
              <Table.Td ff="monospace" fz="xs">
                {i.container ?? i.sessionId?.slice(0, 8) ?? '—'}
              </Table.Td>
              <Table.Td>{i.detail}</Table.Td>
              <Table.Td>{i.action}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}

/** Where "Reconcile now" is: the dry run running, its diff waiting for "Apply", applying, or applied. */
export type ReconcilePhase = 'checking' | 'diff' | 'applying' | 'applied';

/**
 * "Reconcile now": the dry run's diff first (orphan containers, vanished sessions, stuck states,
 * missing warm desktops), then "Apply" fixes them and shows what was done.
 */
export function ReconcileModal(props: {
  opened: boolean;
  phase: ReconcilePhase;
  report: FragmentType<typeof ReconcileReportFragment> | null;
  total: number;
  error: Error | null;
  onApply: () => void;
  onRetry: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('exams');
  const title = props.phase === 'applied' ? t('reconcile.appliedTitle') : t('reconcile.title');
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={title} size="xl" centered closeButtonProps={{ 'aria-label': t('reconcile.close') }}>
      <Stack gap="md">
        {props.phase === 'checking' ? (
          <LoadingState variant="lines" rows={4} />
        ) : props.error ? (
          <ErrorState error={props.error} onRetry={props.onRetry} />
        ) : (
          <>
            <Alert color={props.phase === 'applied' ? 'teal' : 'blue'} variant="light" icon={<IconInfoCircle size={18} />}>
              {props.phase === 'applied' ? t('reconcile.appliedHint', { count: props.total }) : t('reconcile.dryRunHint', { count: props.total })}
            </Alert>
            {props.report && <ReportTable report={props.report} />}
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('reconcile.close')}
          </Button>
          {props.phase !== 'applied' && (
            <Button onClick={props.onApply} loading={props.phase === 'applying'} disabled={props.phase === 'checking' || !!props.error}>
              {t('reconcile.apply')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
