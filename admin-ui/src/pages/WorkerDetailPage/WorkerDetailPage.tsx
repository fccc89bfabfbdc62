import { useMemo, useState } from 'react';
import { useQuery } from '@apollo/client';
import { Anchor, Breadcrumbs, Grid, Group, SegmentedControl, Stack } from '@mantine/core';
import { IconServerOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { graphql } from '../../gql';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState, QueryState } from '../../components/QueryState';
import { ReconnectingAlert } from '../../components/ReconnectingAlert';
import { useFleetLive } from '../../modules/workers/fleet-live';
import { HeartbeatChart } from '../../modules/workers/HeartbeatChart';
import { HEARTBEAT_HISTORY_QUERY } from '../../modules/workers/usage-seed';
import { useWorkerActions } from '../../modules/workers/use-worker-actions';
import { HealthBadge, StatusBadges } from '../../modules/workers/WorkerBadges';
import { WorkerActions } from '../../modules/workers/WorkerActions';
import { InventoryTable, Section, WorkerFacts, WorkerInfoTable } from '../../modules/workers/WorkerDetailView';

const WORKERS = graphql(`
  query WorkerDetailPage_workers {
    workers { id code name status drainStatus health maxSessions maxSessionsOverride memoryTotalMb ...WorkerRow_worker ...WorkerDetail_worker }
  }
`);

const RANGES = ['1', '6', '24'] as const;

/** The heartbeat history card: CPU and memory over the chosen hours, live tail appended. */
function HistoryCard(props: { workerId: string; memoryTotalMb: number }) {
  const { t } = useTranslation('workers');
  const [hours, setHours] = useState<(typeof RANGES)[number]>('6');
  // The window start is fixed when the range is chosen: a moving `since` would be a new query each render.
  const since = useMemo(() => new Date(Date.now() - Number(hours) * 3_600_000).toISOString(), [hours]);
  const history = useQuery(HEARTBEAT_HISTORY_QUERY, { variables: { workerId: props.workerId, since } });
  return (
    <Section
      title={t('chart.title')}
      right={
        <SegmentedControl
          size="xs"
          value={hours}
          onChange={(v) => setHours(v as (typeof RANGES)[number])}
          data={RANGES.map((h) => ({ value: h, label: t('chart.hours', { count: Number(h) }) }))}
          aria-label={t('chart.range')}
        />
      }
    >
      {history.error && <ErrorState error={history.error} onRetry={() => history.refetch()} compact />}
      {!history.data && !history.error && <LoadingState variant="lines" rows={4} />}
      {history.data && <HeartbeatChart history={history.data.workerHeartbeatHistory} workerId={props.workerId} memoryTotalMb={props.memoryTotalMb} />}
    </Section>
  );
}

/** `/workers/:id`: one worker's live figures, history chart, reported containers, engine and capacity, and its actions. */
export function WorkerDetailPage() {
  const { t } = useTranslation('workers');
  const id = useParams().id ?? '';
  const result = useQuery(WORKERS);
  useFleetLive();
  const { on, dialogs } = useWorkerActions();
  const worker = result.data?.workers.find((w) => w.id === id);
  const crumbs = (
    <Breadcrumbs>
      <Anchor component={Link} to="/workers" size="sm">
        {t('title')}
      </Anchor>
      <span>{worker?.code ?? id.slice(0, 8)}</span>
    </Breadcrumbs>
  );

  return (
    <>
      <Group mb="xs">{crumbs}</Group>
      <QueryState result={result} loading={<LoadingState variant="cards" />}>
        {() =>
          !worker ? (
            <EmptyState
              icon={<IconServerOff size={28} />}
              title={t('detail.notFound')}
              hint={t('detail.notFoundHint')}
              action={
                <Anchor component={Link} to="/workers">
                  {t('detail.back')}
                </Anchor>
              }
            />
          ) : (
            <>
              <PageHeader
                title={worker.code}
                subtitle={worker.name && worker.name !== worker.code ? worker.name : undefined}
                badge={
                  <Group gap={6}>
                    <HealthBadge health={worker.health} />
                    <StatusBadges status={worker.status} drainStatus={worker.drainStatus} />
                  </Group>
                }
                actions={<WorkerActions worker={worker} on={on} size="sm" />}
              />
              <ReconnectingAlert />
              <WorkerFacts worker={worker} />
              <Stack gap="md">
                <HistoryCard workerId={worker.id} memoryTotalMb={worker.memoryTotalMb} />
                <Grid gutter="md">
                  <Grid.Col span={{ base: 12, md: 7 }}>
                    <Section title={t('detail.containers')}>
                      <InventoryTable worker={worker} />
                    </Section>
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, md: 5 }}>
                    <Section title={t('detail.about')}>
                      <WorkerInfoTable worker={worker} />
                    </Section>
                  </Grid.Col>
                </Grid>
              </Stack>
            </>
          )
        }
      </QueryState>
      {dialogs}
    </>
  );
}
