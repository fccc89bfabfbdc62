import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DrainStatus, WorkerHealth, WorkerStatus } from '../../gql/graphql';
import { tone } from './tone';

const BADGE_STYLES = { root: { textTransform: 'none' as const, fontWeight: 600 } };

/** "Healthy" (green) or "Stale" (red): whether heartbeats arrive within WORKER_HEARTBEAT_TTL_SEC. */
export function HealthBadge(props: { health: WorkerHealth }) {
  const { t } = useTranslation('workers');
  const healthy = props.health === 'HEALTHY';
  return (
    <Badge {...tone(healthy ? 'teal' : 'red')} variant="light" data-health={props.health}>
      {healthy ? t('health.HEALTHY') : t('health.STALE')}
    </Badge>
  );
}

/** "Active" or "Disabled", then "Draining"/"Drained" when a drain is under way or done. */
export function StatusBadges(props: { status: WorkerStatus; drainStatus: DrainStatus }) {
  const { t } = useTranslation('workers');
  return (
    <Group gap={6} wrap="nowrap">
      {props.status === 'DISABLED' ? (
        <Badge color="gray.8" variant="filled" styles={BADGE_STYLES} data-status="DISABLED">
          {t('status.DISABLED')}
        </Badge>
      ) : (
        <Badge {...tone('blue')} variant="light" data-status="ACTIVE">
          {t('status.ACTIVE')}
        </Badge>
      )}
      {props.drainStatus === 'DRAINING' && (
        <Badge {...tone('orange')} variant="light" data-drain="DRAINING">
          {t('drain.DRAINING')}
        </Badge>
      )}
      {props.drainStatus === 'DRAINED' && (
        <Badge {...tone('grape')} variant="light" data-drain="DRAINED">
          {t('drain.DRAINED')}
        </Badge>
      )}
    </Group>
  );
}
