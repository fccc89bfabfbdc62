import { Alert } from '@mantine/core';
import { IconWifiOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLiveStatus } from '../modules/live/use-live-status';

/** A strip a live page shows while its subscriptions reconnect: values on screen may be behind until then. */
export function ReconnectingAlert() {
  const { t } = useTranslation();
  const status = useLiveStatus();
  if (status !== 'reconnecting') return null;
  return (
    <Alert color="orange" variant="light" icon={<IconWifiOff size={18} />} mb="md" role="status" data-testid="reconnecting-alert">
      {t('live.reconnectingHint')}
    </Alert>
  );
}
