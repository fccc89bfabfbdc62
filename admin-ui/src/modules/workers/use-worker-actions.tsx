import { type ReactNode, useMemo, useState } from 'react';
import { useMutation } from '@apollo/client';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import { confirmAction } from '../../components/confirm';
import { toApiError } from '../api/api-error';
import { useViewer } from '../auth/use-viewer';
import type { WorkerActionHandlers, WorkerActionTarget } from './WorkerActions';
import { MaxSessionsModal, RegistryModal } from './WorkerDialogs';
import { PlacementExplainModal } from './PlacementExplainModal';

const DRAIN = graphql(`mutation WorkerActions_drain($id: ID!) { drainWorker(id: $id) { id ...WorkerRow_worker } }`);
const DISABLE = graphql(`mutation WorkerActions_disable($id: ID!, $force: Boolean) { disableWorker(id: $id, force: $force) { id ...WorkerRow_worker } }`);
const ENABLE = graphql(`mutation WorkerActions_enable($id: ID!) { enableWorker(id: $id) { id ...WorkerRow_worker } }`);
const UPDATE = graphql(
  `mutation WorkerActions_update($id: ID!, $input: UpdateWorkerInput!) { updateWorker(id: $id, input: $input) { id ...WorkerRow_worker } }`,
);
const REVOKE = graphql(`mutation WorkerActions_revoke($id: ID!) { revokeWorkerCredential(id: $id) { id credentialIssuedAt ...WorkerRow_worker } }`);
const REGISTRY = graphql(`
  mutation WorkerActions_registry($workerId: ID!, $auth: RegistryAuthInput) { setWorkerRegistryAuth(workerId: $workerId, auth: $auth) { id } }
`);

/** Runs one worker mutation and says how it went (the API's code when refused); true when it succeeded. */
async function attempt(
  t: (key: string, options?: Record<string, unknown>) => string,
  w: WorkerActionTarget,
  what: string,
  go: () => Promise<unknown>,
): Promise<boolean> {
  try {
    await go();
    notifications.show({ closeButtonProps: { 'aria-label': t('close') }, color: 'teal', message: t(`done.${what}`, { code: w.code }) });
    return true;
  } catch (e) {
    const err = toApiError(e as Error);
    notifications.show({
      closeButtonProps: { 'aria-label': t('close') },
      color: 'red',
      title: t('failed', { code: err.code }),
      message: err.message,
      autoClose: 8000,
    });
    return false;
  }
}

/**
 * The worker actions both workers pages offer, wired to their mutations: confirmations for the
 * destructive ones, an error notification with the API's code when refused, and the dialogs
 * (`dialogs`, to render once in the page). The mutations answer with the worker's row, so the
 * cache — and every view of that worker — updates at once.
 */
export function useWorkerActions(): { on: WorkerActionHandlers; dialogs: ReactNode } {
  const { t } = useTranslation('workers');
  const viewer = useViewer();
  const [busy, setBusy] = useState<string | null>(null);
  const [editing, setEditing] = useState<WorkerActionTarget | null>(null);
  const [registryFor, setRegistryFor] = useState<WorkerActionTarget | null>(null);
  const [explain, setExplain] = useState<{ workerId: string | null } | null>(null);
  const [drain] = useMutation(DRAIN);
  const [disable] = useMutation(DISABLE);
  const [enable] = useMutation(ENABLE);
  const [update] = useMutation(UPDATE);
  const [revoke] = useMutation(REVOKE);
  const [registry] = useMutation(REGISTRY);

  const on = useMemo<WorkerActionHandlers>(() => {
    /** Runs one mutation for a worker, showing it busy meanwhile. */
    const run = async (w: WorkerActionTarget, what: string, go: () => Promise<unknown>): Promise<boolean> => {
      setBusy(w.id);
      try {
        return await attempt(t, w, what, go);
      } finally {
        setBusy(null);
      }
    };
    return {
      isAdmin: viewer?.role === 'ADMIN',
      busy,
      drain: (w) => run(w, 'drain', () => drain({ variables: { id: w.id } })),
      enable: (w) => run(w, 'enable', () => enable({ variables: { id: w.id } })),
      disable: async (w) => {
        const force = w.drainStatus !== 'DRAINED';
        const ok = await confirmAction({
          title: t('disableDialog.title', { code: w.code }),
          message: force ? t('disableDialog.force') : t('disableDialog.drained'),
          confirmLabel: force ? t('disableDialog.confirmForce') : t('actions.disable'),
          danger: true,
        });
        if (ok) await run(w, 'disable', () => disable({ variables: { id: w.id, force } }));
      },
      revoke: async (w) => {
        const ok = await confirmAction({
          title: t('revokeDialog.title', { code: w.code }),
          message: t('revokeDialog.message'),
          confirmLabel: t('revokeDialog.confirm'),
          danger: true,
        });
        if (ok) await run(w, 'revoke', () => revoke({ variables: { id: w.id } }));
      },
      editMax: (w) => setEditing(w),
      registry: (w) => setRegistryFor(w),
      explain: (w) => setExplain({ workerId: w?.id ?? null }),
    };
  }, [t, viewer?.role, busy, drain, enable, disable, revoke]);

  const dialogs = (
    <>
      <MaxSessionsModal
        worker={editing}
        onClose={() => setEditing(null)}
        onSave={(w, value) =>
          attempt(t, w, 'max', () =>
            update({ variables: { id: w.id, input: value === null ? { clearMaxSessionsOverride: true } : { maxSessionsOverride: value } } }),
          )
        }
      />
      <RegistryModal
        worker={registryFor}
        onClose={() => setRegistryFor(null)}
        onSave={(w, auth) => attempt(t, w, auth ? 'registry' : 'registryCleared', () => registry({ variables: { workerId: w.id, auth } }))}
      />
      <PlacementExplainModal opened={explain !== null} highlightWorkerId={explain?.workerId ?? null} onClose={() => setExplain(null)} />
    </>
  );

  return { on, dialogs };
}
