import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLiveStatus } from '../live/use-live-status';

/** "Live" while the push channel is up, "Reconnecting…" while it is lost (the app retries by itself). */
export function LiveIndicator() {
  const { t } = useTranslation();
  const status = useLiveStatus();
  const look = {
    connected: { color: 'teal', label: t('live.live'), hint: t('live.liveHint') },
    connecting: { color: 'gray', label: t('live.connecting'), hint: t('live.connectingHint') },
    reconnecting: { color: 'orange', label: t('live.reconnecting'), hint: t('live.reconnectingHint') },
    idle: { color: 'gray', label: t('live.offline'), hint: t('live.connectingHint') },
  }[status];
  return (
    <Tooltip label={look.hint} withArrow>
      <Badge
        data-testid="live-status"
        data-status={status}
        role="status"
        variant="dot"
        color={look.color}
        size="lg"
        radius="sm"
        styles={{ root: { textTransform: 'none', fontWeight: 600 } }}
      >
        {look.label}
      </Badge>
    </Tooltip>
  );
}
