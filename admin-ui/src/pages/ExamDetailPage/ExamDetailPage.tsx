import { useState } from 'react';
import { useApolloClient, useMutation, useQuery } from '@apollo/client';
import { Button, Grid, Group, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconPencil, IconRefreshDot } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { graphql, useFragment } from '../../gql';
import { PageHeader } from '../../components/PageHeader';
import { LoadingState, QueryState } from '../../components/QueryState';
import { ReconnectingAlert } from '../../components/ReconnectingAlert';
import { RelativeTime } from '../../components/RelativeTime';
import { toApiError } from '../../modules/api/api-error';
import { GoBadge } from '../../modules/exams/ExamBadges';
import { downloadText } from '../../modules/exams/download';
import { ExamWorkerTable } from '../../modules/exams/ExamWorkerTable';
import { PrewarmPanel } from '../../modules/exams/PrewarmPanel';
import { ReadinessPanel } from '../../modules/exams/ReadinessPanel';
import { ReconcileModal } from '../../modules/exams/ReconcileModal';
import { TotalAvailableCard } from '../../modules/exams/TotalAvailableCard';
import { EXAM_DETAIL, ExamDetailReadinessFragment } from './exam-detail-query';
import { ExamEditModal } from './ExamEditModal';
import { ExamRosterSection } from './ExamRosterSection';
import { useExamLive } from './use-exam-live';
import { useExamWorkerActions } from './use-exam-worker-actions';
import { useReconcile } from './use-reconcile';

const PREWARM = graphql(`
  mutation ExamDetailPage_prewarm($examId: ID!, $count: Int!) { prewarm(examId: $examId, count: $count) { ...PrewarmPanel_progress } }
`);

const EXPORT = graphql(`
  query ExamDetailPage_export($examId: ID!) { examExport(examId: $examId) }
`);

/**
 * `/exams/:id`: the exam morning on one page (ADMIN, OPERATOR): go / no-go with every reason,
 * "Total available sessions", the workers with their health, drain and slots and their actions,
 * "Prewarm" with live progress, "Reconcile now", the roster and its desktops, edit and export.
 */
export function ExamDetailPage() {
  const { t } = useTranslation('exams');
  const id = useParams().id ?? '';
  const client = useApolloClient();
  const result = useQuery(EXAM_DETAIL, { variables: { id } });
  useExamLive(id, result);
  const actions = useExamWorkerActions();
  const reconcile = useReconcile();
  const [editing, setEditing] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [prewarm, { loading: prewarming }] = useMutation(PREWARM, {
    update(cache, { data }) {
      if (data) cache.updateQuery({ query: EXAM_DETAIL, variables: { id } }, (d) => (d ? { ...d, prewarmProgress: data.prewarm } : undefined));
    },
  });
  const readiness = useFragment(ExamDetailReadinessFragment, result.data?.examReadiness);
  const exam = result.data?.exam;

  const runPrewarm = async (count: number) => {
    try {
      await prewarm({ variables: { examId: id, count } });
    } catch (e) {
      const err = toApiError(e as Error);
      notifications.show({ color: 'red', title: t('failed', { code: err.code }), message: err.message, autoClose: 8000 });
    }
  };
  const runExport = async () => {
    if (!exam) return;
    setExporting(true);
    try {
      const r = await client.query({ query: EXPORT, variables: { examId: id }, fetchPolicy: 'network-only' });
      downloadText(`exam-${exam.code}-export.json`, `${JSON.stringify(r.data.examExport, null, 2)}\n`, 'application/json');
    } catch (e) {
      const err = toApiError(e as Error);
      notifications.show({ color: 'red', title: t('failed', { code: err.code }), message: err.message, autoClose: 8000 });
    } finally {
      setExporting(false);
    }
  };

  const subtitle = exam && (
    <Group gap={6} component="span" wrap="wrap">
      <Text span ff="monospace" fw={600} size="sm">
        {exam.code}
      </Text>
      <span aria-hidden>·</span>
      <span>{exam.product.name}</span>
      <span aria-hidden>·</span>
      <span>
        {t('detail.starts')} <RelativeTime value={exam.startsAt} />
      </span>
      <span aria-hidden>·</span>
      <span>
        {t('detail.ends')} <RelativeTime value={exam.endsAt} />
      </span>
      <span aria-hidden>·</span>
      <span>{t('detail.expected', { count: exam.expectedCandidates })}</span>
    </Group>
  );

  return (
    <>
      <PageHeader
        title={exam?.name ?? t('detail.loadingTitle')}
        subtitle={subtitle}
        badge={readiness && <GoBadge go={readiness.go} size="lg" />}
        actions={
          exam && (
            <>
              <Button leftSection={<IconRefreshDot size={16} />} onClick={reconcile.open}>
                {t('reconcile.button')}
              </Button>
              <Button leftSection={<IconPencil size={16} />} variant="default" onClick={() => setEditing(true)}>
                {t('detail.edit')}
              </Button>
              <Button leftSection={<IconDownload size={16} />} variant="default" loading={exporting} onClick={() => void runExport()}>
                {t('detail.export')}
              </Button>
            </>
          )
        }
      />
      <ReconnectingAlert />
      <QueryState result={result} loading={<LoadingState variant="cards" />}>
        {(data) => (
          <>
            <Grid gutter="md" align="stretch">
              <Grid.Col span={{ base: 12, lg: 5 }}>{readiness && <ReadinessPanel readiness={readiness} />}</Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
                <TotalAvailableCard summary={data.clusterSummary} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
                <PrewarmPanel progress={data.prewarmProgress} busy={prewarming} onPrewarm={(n) => void runPrewarm(n)} />
              </Grid.Col>
            </Grid>
            <section aria-labelledby="workers-title">
              <Title order={2} fz="lg" mt="xl" mb="sm" id="workers-title">
                {t('workers.title')}
              </Title>
              {readiness && readiness.workers.length > 0 ? (
                <ExamWorkerTable rows={readiness.workers} on={actions} />
              ) : (
                <Text c="dimmed" size="sm">
                  {t('workers.none')}
                </Text>
              )}
            </section>
            <ExamRosterSection examId={data.exam.id} examCode={data.exam.code} />
            <ExamEditModal exam={data.exam} opened={editing} onClose={() => setEditing(false)} onSaved={() => void result.refetch()} />
          </>
        )}
      </QueryState>
      <ReconcileModal
        opened={reconcile.opened}
        phase={reconcile.phase}
        report={reconcile.report}
        total={reconcile.total}
        error={reconcile.error}
        onApply={() => void reconcile.apply()}
        onRetry={reconcile.retry}
        onClose={reconcile.close}
      />
    </>
  );
}
