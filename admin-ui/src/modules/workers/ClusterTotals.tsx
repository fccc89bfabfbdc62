import { Card, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type FragmentType, graphql, useFragment } from '../../gql';

/** The cluster's totals the fleet page shows on top. */
export const ClusterTotalsFragment = graphql(`
  fragment ClusterTotals_summary on ClusterSummary {
    totalAvailableSessions totalMaxSessions totalActiveSessions
    healthyWorkers staleWorkers drainingWorkers drainedWorkers disabledWorkers failedSessionsLastHour
  }
`);

function Stat(props: { label: string; value: string | number; hint?: string; color?: string; testId: string }) {
  return (
    <Card withBorder radius="md" padding="sm">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
        {props.label}
      </Text>
      <Text fz={26} fw={700} c={props.color} data-testid={props.testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {props.value}
      </Text>
      {props.hint && (
        <Text size="xs" c="dimmed">
          {props.hint}
        </Text>
      )}
    </Card>
  );
}

/** "Total available sessions" and the worker counts by health and drain, live. */
export function ClusterTotals(props: { summary: FragmentType<typeof ClusterTotalsFragment> }) {
  const s = useFragment(ClusterTotalsFragment, props.summary);
  const { t } = useTranslation('workers');
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" mb="lg" aria-label={t('totals.label')} component="section">
      <Stat
        label={t('totals.available')}
        value={`${s.totalAvailableSessions}/${s.totalMaxSessions}`}
        hint={t('totals.active', { count: s.totalActiveSessions })}
        testId="total-available"
      />
      <Stat label={t('totals.healthy')} value={s.healthyWorkers} color="teal" testId="healthy-workers" />
      <Stat label={t('totals.stale')} value={s.staleWorkers} color={s.staleWorkers > 0 ? 'red' : undefined} testId="stale-workers" />
      <Stat
        label={t('totals.draining')}
        value={s.drainingWorkers}
        hint={t('totals.drained', { count: s.drainedWorkers })}
        color={s.drainingWorkers > 0 ? 'orange' : undefined}
        testId="draining-workers"
      />
      <Stat label={t('totals.disabled')} value={s.disabledWorkers} testId="disabled-workers" />
      <Stat label={t('totals.failed')} value={s.failedSessionsLastHour} color={s.failedSessionsLastHour > 0 ? 'red' : undefined} testId="failed-sessions" />
    </SimpleGrid>
  );
}
