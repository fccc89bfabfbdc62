import type { ReactNode } from 'react';
import { Badge, Button, Group, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { VncStatus } from '../../components/VncView';

const STATUS_COLOR: Record<VncStatus, string> = { connecting: 'gray', connected: 'teal', disconnected: 'orange', failed: 'red' };

/**
 * The candidate's desktop over the whole window (above the shell): a thin bar with the exam, the
 * connection status and "Reconnect", and the screen below.
 */
export function DesktopFrame(props: { sessionId: string; examCode: string; status: VncStatus | 'requesting'; onReconnect: () => void; children: ReactNode }) {
  const { t } = useTranslation('join');
  const color = props.status === 'requesting' ? 'gray' : STATUS_COLOR[props.status];
  const broken = props.status === 'disconnected' || props.status === 'failed';
  return (
    <div
      data-testid="join-desktop"
      data-session-id={props.sessionId}
      data-mantine-color-scheme="dark"
      style={{ position: 'fixed', inset: 0, zIndex: 300, display: 'flex', flexDirection: 'column', background: '#111' }}
    >
      <Group component="header" px="sm" py={4} gap="sm" bg="dark.8" c="gray.3" wrap="nowrap">
        <Text size="xs" fw={600}>
          {t('desktop.exam', { code: props.examCode })}
        </Text>
        <Badge data-testid="viewer-status" data-status={props.status} size="sm" variant="dot" color={color} styles={{ root: { textTransform: 'none' } }}>
          {t(`desktop.status.${props.status}`)}
        </Badge>
        {broken && (
          <Button size="compact-xs" variant="light" leftSection={<IconRefresh size={14} />} onClick={props.onReconnect}>
            {t('desktop.reconnect')}
          </Button>
        )}
      </Group>
      <main style={{ flex: 1, minHeight: 0 }}>{props.children}</main>
    </div>
  );
}
