import { Badge } from '@mantine/core';
import { IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { DrainStatus, SessionState, WorkerHealth, WorkerStatus } from '../../gql/graphql';

const BADGE_STYLES = { root: { textTransform: 'none' as const, fontWeight: 600 } };

/** "Go" (green) or "No-go" (red): whether every expected candidate can get a desktop now. */
export function GoBadge(props: { go: boolean; size?: 'sm' | 'md' | 'lg' | 'xl' }) {
  const { t } = useTranslation('exams');
  return (
    <Badge
      color={props.go ? 'teal' : 'red'}
      variant={props.size === 'xl' ? 'filled' : 'light'}
      size={props.size ?? 'md'}
      styles={BADGE_STYLES}
      leftSection={props.go ? <IconCircleCheck size={14} /> : <IconCircleX size={14} />}
      data-go={props.go ? 'go' : 'no-go'}
    >
      {props.go ? t('readiness.go') : t('readiness.noGo')}
    </Badge>
  );
}

/** "Healthy" (green) or "Stale" (red). */
export function HealthBadge(props: { health: WorkerHealth }) {
  const { t } = useTranslation('exams');
  return (
    <Badge color={props.health === 'HEALTHY' ? 'teal' : 'red'} variant="light" styles={BADGE_STYLES} data-health={props.health}>
      {t(`health.${props.health}`)}
    </Badge>
  );
}

/** "Draining" (orange) or "Drained" (violet); nothing when not draining. */
export function DrainBadge(props: { drainStatus: DrainStatus }) {
  const { t } = useTranslation('exams');
  if (props.drainStatus === 'NONE') return <span aria-hidden>—</span>;
  return (
    <Badge color={props.drainStatus === 'DRAINING' ? 'orange' : 'grape'} variant="light" styles={BADGE_STYLES} data-drain={props.drainStatus}>
      {t(`drain.${props.drainStatus}`)}
    </Badge>
  );
}

/** "Active" or "Disabled". */
export function StatusBadge(props: { status: WorkerStatus }) {
  const { t } = useTranslation('exams');
  const disabled = props.status === 'DISABLED';
  return (
    <Badge color={disabled ? 'gray' : 'blue'} variant={disabled ? 'filled' : 'light'} styles={BADGE_STYLES} data-status={props.status}>
      {t(`status.${props.status}`)}
    </Badge>
  );
}

const STATE_COLORS: Record<SessionState, string> = {
  PENDING: 'yellow',
  PROVISIONING: 'yellow',
  WARM: 'cyan',
  READY: 'teal',
  STOPPING: 'orange',
  DELETED: 'gray',
  FAILED: 'red',
  EXPIRED: 'gray',
};

/** A desktop's state, coloured: waiting (yellow), ready (green), failed (red), ended (grey). */
export function SessionStateBadge(props: { state: SessionState }) {
  const { t } = useTranslation('exams');
  return (
    <Badge color={STATE_COLORS[props.state]} variant="light" styles={BADGE_STYLES} data-state={props.state}>
      {t(`sessionState.${props.state}`)}
    </Badge>
  );
}
