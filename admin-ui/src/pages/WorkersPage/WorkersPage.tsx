import { useDeferredValue, useMemo, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client';
import { Button, Group, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconQuestionMark, IconSearch, IconServer2 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { ReconnectingAlert } from '../../components/ReconnectingAlert';
import { toApiError } from '../../modules/api/api-error';
import { AddWorkerModal, WorkerJoinHint } from '../../modules/workers/AddWorkerPanel';
import { ClusterTotals } from '../../modules/workers/ClusterTotals';
import { FLEET_QUERY, useFleetLive } from '../../modules/workers/fleet-live';
import { useWorkerActions } from '../../modules/workers/use-worker-actions';
import { WorkerTable } from '../../modules/workers/WorkerTable';

const PRE_REGISTER = graphql(`
  mutation WorkersPage_preRegister($input: PreRegisterWorkerInput!) { preRegisterWorker(input: $input) { id code ...WorkerRow_worker } }
`);

/** `/workers`: the live fleet table with cluster totals and every worker action (ADMIN, OPERATOR). */
export function WorkersPage() {
  const { t } = useTranslation('workers');
  const result = useQuery(FLEET_QUERY);
  useFleetLive();
  const { on, dialogs } = useWorkerActions();
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState(false);
  const [preRegister] = useMutation(PRE_REGISTER, {
    update(cache, { data }) {
      const w = data?.preRegisterWorker;
      if (!w) return;
      cache.updateQuery({ query: FLEET_QUERY }, (f) => (f && !f.workers.some((x) => x.id === w.id) ? { ...f, workers: [...f.workers, w] } : undefined));
    },
  });
  const query = useDeferredValue(search.trim().toLowerCase());
  const workers = result.data?.workers;
  const shown = useMemo(() => (query && workers ? workers.filter((w) => w.code.toLowerCase().includes(query)) : workers), [workers, query]);

  const addWorker = async (input: { name: string; apiBaseUrl: string; code?: string }) => {
    try {
      await preRegister({ variables: { input } });
      notifications.show({ closeButtonProps: { 'aria-label': t('close') }, color: 'teal', message: t('add.done', { name: input.name }) });
      return true;
    } catch (e) {
      const err = toApiError(e as Error);
      notifications.show({ closeButtonProps: { 'aria-label': t('close') }, color: 'red', title: t('failed', { code: err.code }), message: err.message });
      return false;
    }
  };
  const addButton = on.isAdmin && (
    <Button leftSection={<IconPlus size={16} />} variant="default" onClick={() => setAdding(true)}>
      {t('add.button')}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          <>
            <Button leftSection={<IconQuestionMark size={16} />} variant="default" onClick={() => on.explain(null)}>
              {t('actions.whyNotPlaced')}
            </Button>
            {addButton}
          </>
        }
      />
      <ReconnectingAlert />
      <QueryState
        result={result}
        isEmpty={(d) => d.workers.length === 0}
        empty={{ title: t('empty.title'), hint: <WorkerJoinHint />, action: addButton, icon: <IconServer2 size={28} /> }}
      >
        {(data) => (
          <>
            <ClusterTotals summary={data.clusterSummary} />
            <Group justify="space-between" mb="sm">
              <TextInput
                leftSection={<IconSearch size={16} />}
                placeholder={t('search')}
                aria-label={t('search')}
                value={search}
                onChange={(e) => setSearch(e.currentTarget.value)}
                w={280}
              />
              <Text size="sm" c="dimmed">
                {t('count', { count: shown?.length ?? 0, total: data.workers.length })}
              </Text>
            </Group>
            <WorkerTable workers={shown ?? []} on={on} />
          </>
        )}
      </QueryState>
      <AddWorkerModal opened={adding} onClose={() => setAdding(false)} onSave={addWorker} />
      {dialogs}
    </>
  );
}
