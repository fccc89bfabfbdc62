import { useState } from 'react';
import { useMutation } from '@apollo/client';
import { graphql } from '../../gql';
import type { ReconcilePhase } from '../../modules/exams/ReconcileModal';

const RECONCILE = graphql(`
  mutation ExamDetailPage_reconcile($dryRun: Boolean) { reconcileNow(dryRun: $dryRun) { total ...ReconcileReport_report } }
`);

/** "Reconcile now" as a small state machine: open runs the dry run, `apply` runs it for real. */
export function useReconcile() {
  const [opened, setOpened] = useState(false);
  const [phase, setPhase] = useState<ReconcilePhase>('checking');
  const [run, { data, error, reset }] = useMutation(RECONCILE);
  const check = async () => {
    setPhase('checking');
    reset();
    await run({ variables: { dryRun: true } }).catch(() => undefined);
    setPhase('diff');
  };
  return {
    opened,
    phase,
    report: data?.reconcileNow ?? null,
    total: data?.reconcileNow.total ?? 0,
    error: error ?? null,
    open: () => {
      setOpened(true);
      void check();
    },
    retry: () => void check(),
    apply: async () => {
      setPhase('applying');
      const r = await run({ variables: { dryRun: false } }).catch(() => null);
      setPhase(r?.data ? 'applied' : 'diff');
    },
    close: () => setOpened(false),
  };
}
