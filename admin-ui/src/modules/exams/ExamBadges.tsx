import { Badge } from '@mantine/core';
import { IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { DrainStatus, SessionState, WorkerHealth, WorkerStatus } from '../../gql/graphql';
import classes from './ExamBadges.module.css';

/** Props that make a state badge readable in both schemes (see ExamBadges.module.css). */
export function toneProps(color: string) {
  return {
    color,
    className: classes.badge,
    style: { '--badge-tone-9': `var(--mantine-color-${color}-9)`, '--badge-tone-2': `var(--mantine-color-${color}-2)` } as Record<string, string>,
  };
}

/** "Go" (green) or "No-go" (red): whether every expected candidate can get a desktop now. */
export function GoBadge(props: { go: boolean; size?: 'sm' | 'md' | 'lg' | 'xl' }) {
  const { t } = useTranslation('exams');
  return (
    <Badge
      {...toneProps(props.go ? 'teal' : 'red')}
      color={props.size === 'xl' ? (props.go ? 'teal.9' : 'red.9') : props.go ? 'teal' : 'red'}
      variant={props.size === 'xl' ? 'filled' : 'light'}
      size={props.size ?? 'md'}
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
    <Badge {...toneProps(props.health === 'HEALTHY' ? 'teal' : 'red')} variant="light" data-health={props.health}>
      {t(`health.${props.health}`)}
    </Badge>
  );
}

/** "Draining" (orange) or "Drained" (violet); nothing when not draining. */
export function DrainBadge(props: { drainStatus: DrainStatus }) {
  const { t } = useTranslation('exams');
  if (props.drainStatus === 'NONE') return <span aria-hidden>—</span>;
  return (
    <Badge {...toneProps(props.drainStatus === 'DRAINING' ? 'orange' : 'grape')} variant="light" data-drain={props.drainStatus}>
      {t(`drain.${props.drainStatus}`)}
    </Badge>
  );
}

/** "Active" or "Disabled". */
export function StatusBadge(props: { status: WorkerStatus }) {
  const { t } = useTranslation('exams');
  const disabled = props.status === 'DISABLED';
  return (
    <Badge {...toneProps(disabled ? 'gray' : 'blue')} color={disabled ? 'gray.7' : 'blue'} variant={disabled ? 'filled' : 'light'} data-status={props.status}>
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
    <Badge {...toneProps(STATE_COLORS[props.state])} variant="light" data-state={props.state}>
      {t(`sessionState.${props.state}`)}
    </Badge>
  );
}
