import { memo } from 'react';
import { ActionIcon, Button, Group, Menu } from '@mantine/core';
import { IconDots, IconKey, IconLock, IconPlayerPause, IconPlayerPlay, IconPower, IconQuestionMark, IconRuler2 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { DrainStatus, WorkerStatus } from '../../gql/graphql';
import { tone } from './tone';

/** The worker an action is about: enough to choose which actions make sense. */
export interface WorkerActionTarget {
  id: string;
  code: string;
  status: WorkerStatus;
  drainStatus: DrainStatus;
  maxSessions: number;
  maxSessionsOverride?: number | null;
}

/** What the actions do; the page wires them to mutations. Stable callbacks keep rows from re-rendering. */
export interface WorkerActionHandlers {
  drain(w: WorkerActionTarget): unknown;
  disable(w: WorkerActionTarget): unknown;
  enable(w: WorkerActionTarget): unknown;
  editMax(w: WorkerActionTarget): unknown;
  explain(w: WorkerActionTarget | null): unknown;
  revoke(w: WorkerActionTarget): unknown;
  registry(w: WorkerActionTarget): unknown;
  /** Whether the signed-in person may edit, revoke and set registry logins (ADMIN). */
  isAdmin: boolean;
  /** The worker id an action is running for, to show it busy. */
  busy: string | null;
}

/**
 * "Drain", "Disable", "Enable" as buttons (whichever fit the worker's state), the rest in a menu:
 * max sessions, "Why not placed", registry login, revoke credential.
 */
export const WorkerActions = memo(function WorkerActions(props: { worker: WorkerActionTarget; on: WorkerActionHandlers; size?: 'compact-sm' | 'sm' }) {
  const { t } = useTranslation('workers');
  const { worker: w, on } = props;
  const size = props.size ?? 'compact-sm';
  const active = w.status === 'ACTIVE';
  const busy = on.busy === w.id;
  return (
    <Group gap={6} wrap="nowrap" justify="flex-end">
      {active && w.drainStatus === 'NONE' && (
        <Button size={size} variant="default" leftSection={<IconPlayerPause size={14} />} onClick={() => on.drain(w)} disabled={busy}>
          {t('actions.drain')}
        </Button>
      )}
      {active && (
        <Button size={size} variant="light" {...tone('red')} leftSection={<IconPower size={14} />} onClick={() => on.disable(w)} disabled={busy}>
          {t('actions.disable')}
        </Button>
      )}
      {(!active || w.drainStatus !== 'NONE') && (
        <Button size={size} variant="light" {...tone('teal')} leftSection={<IconPlayerPlay size={14} />} onClick={() => on.enable(w)} disabled={busy}>
          {t('actions.enable')}
        </Button>
      )}
      <Menu position="bottom-end" withinPortal shadow="md">
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" size={size === 'sm' ? 'lg' : 'md'} aria-label={t('actions.more', { code: w.code })}>
            <IconDots size={16} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconQuestionMark size={14} />} onClick={() => on.explain(w)}>
            {t('actions.whyNotPlaced')}
          </Menu.Item>
          {on.isAdmin && (
            <>
              <Menu.Item leftSection={<IconRuler2 size={14} />} onClick={() => on.editMax(w)}>
                {t('actions.editMax')}
              </Menu.Item>
              <Menu.Item leftSection={<IconLock size={14} />} onClick={() => on.registry(w)}>
                {t('actions.registry')}
              </Menu.Item>
              <Menu.Divider />
              <Menu.Item color="red" leftSection={<IconKey size={14} />} onClick={() => on.revoke(w)}>
                {t('actions.revoke')}
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
});
