import { Badge, Group, Text } from '@mantine/core';
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

/** "Disabled" when out of service, "Draining"/"Drained" when a drain is under way or done, else a quiet "Active". */
export function StatusBadges(props: { status: WorkerStatus; drainStatus: DrainStatus }) {
  const { t } = useTranslation('workers');
  const disabled = props.status === 'DISABLED';
  return (
    <Group gap={6} wrap="nowrap">
      {disabled && (
        <Badge color="gray.8" variant="filled" styles={BADGE_STYLES} style={{ minWidth: 'max-content' }} data-status="DISABLED">
          {t('status.DISABLED')}
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
      {!disabled && props.drainStatus === 'NONE' && (
        <Text size="sm" c="dimmed" data-status="ACTIVE">
          {t('status.ACTIVE')}
        </Text>
      )}
    </Group>
  );
}

/** "Yes" / "No" / "Not reported" for the worker's KVM (WINDOWS products run only where it is yes). */
export function KvmText(props: { kvm: boolean | null | undefined }) {
  const { t } = useTranslation('workers');
  const key = props.kvm == null ? 'kvm.unknown' : props.kvm ? 'kvm.yes' : 'kvm.no';
  return (
    <Text span size="sm" c={props.kvm ? undefined : 'dimmed'} data-testid="kvm">
      {t(key)}
    </Text>
  );
}
