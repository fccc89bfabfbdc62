import { useMemo, useState } from 'react';
import { useMutation } from '@apollo/client';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import { confirmAction } from '../../components/confirm';
import { toApiError } from '../../modules/api/api-error';
import type { ExamWorkerActions, ExamWorkerTarget } from '../../modules/exams/ExamWorkerTable';

const DRAIN = graphql(`mutation ExamDetailPage_drain($id: ID!) { drainWorker(id: $id) { id ...ExamWorkerRow_worker } }`);
const DISABLE = graphql(`mutation ExamDetailPage_disable($id: ID!, $force: Boolean) { disableWorker(id: $id, force: $force) { id ...ExamWorkerRow_worker } }`);
const ENABLE = graphql(`mutation ExamDetailPage_enable($id: ID!) { enableWorker(id: $id) { id ...ExamWorkerRow_worker } }`);

/**
 * "Drain" (confirms: its warm desktops go), "Disable" (asks to force when not drained) and
 * "Enable" for the exam page's worker table. Each answers with the worker's row, so the table
 * updates at once; a refusal shows the API's code.
 */
export function useExamWorkerActions(): ExamWorkerActions {
  const { t } = useTranslation('exams');
  const [busyId, setBusyId] = useState<string | null>(null);
  const [drain] = useMutation(DRAIN);
  const [disable] = useMutation(DISABLE);
  const [enable] = useMutation(ENABLE);
  return useMemo(() => {
    const run = async (w: ExamWorkerTarget, what: 'drain' | 'disable' | 'enable', go: () => Promise<unknown>) => {
      setBusyId(w.id);
      try {
        await go();
        notifications.show({ color: 'teal', message: t(`workers.done.${what}`, { code: w.code }) });
      } catch (e) {
        const err = toApiError(e as Error);
        notifications.show({ color: 'red', title: t('failed', { code: err.code }), message: err.message, autoClose: 8000 });
      } finally {
        setBusyId(null);
      }
    };
    return {
      busyId,
      drain: async (w) => {
        const ok = await confirmAction({
          title: t('workers.drainDialog.title', { code: w.code }),
          message: t('workers.drainDialog.body'),
          confirmLabel: t('workers.drain'),
          danger: true,
        });
        if (ok) await run(w, 'drain', () => drain({ variables: { id: w.id } }));
      },
      disable: async (w) => {
        const force = w.drainStatus !== 'DRAINED';
        const ok = await confirmAction({
          title: t('workers.disableDialog.title', { code: w.code }),
          message: force ? t('workers.disableDialog.force') : t('workers.disableDialog.drained'),
          confirmLabel: force ? t('workers.disableDialog.confirmForce') : t('workers.disable'),
          danger: true,
        });
        if (ok) await run(w, 'disable', () => disable({ variables: { id: w.id, force } }));
      },
      enable: (w) => void run(w, 'enable', () => enable({ variables: { id: w.id } })),
    };
  }, [busyId, drain, disable, enable, t]);
}
