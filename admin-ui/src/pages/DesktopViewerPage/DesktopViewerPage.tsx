import { useCallback, useEffect, useState } from 'react';
import { useMutation } from '@apollo/client';
import { Alert, Badge, Button, Group, Text } from '@mantine/core';
import { IconArrowLeft, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { graphql } from '../../gql';
import { VncView, type VncStatus } from '../../components/VncView';
import { toApiError } from '../../modules/api/api-error';

const DESKTOP_ACCESS = graphql(`
  mutation DesktopViewerPage_access($sessionId: ID!) {
    desktopAccess(sessionId: $sessionId) { url expiresAt password }
  }
`);

const STATUS_COLOR: Record<VncStatus, string> = { connecting: 'gray', connected: 'teal', disconnected: 'orange', failed: 'red' };

/** `/viewer/:sessionId`: the candidate's (or user's) desktop in the browser, full screen. */
export function DesktopViewerPage() {
  const { t } = useTranslation('viewer');
  const sessionId = useParams().sessionId ?? '';
  const [access, { data, error, loading }] = useMutation(DESKTOP_ACCESS);
  const [status, setStatus] = useState<VncStatus>('connecting');
  const [detail, setDetail] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new `attempt` ("Reconnect") asks for access again.
  useEffect(() => {
    void access({ variables: { sessionId } }).catch(() => undefined);
  }, [access, sessionId, attempt]);

  const onStatus = useCallback((s: VncStatus, d?: string) => {
    setStatus(s);
    setDetail(d);
  }, []);

  const wsUrl = data ? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${data.desktopAccess.url}` : null;
  const statusText = loading ? t('status.requesting') : error ? t('status.noAccess') : t(`status.${status}`);
  return (
    <div style={{ position: 'fixed', inset: 0, display: 'flex', flexDirection: 'column', background: '#111' }} data-mantine-color-scheme="dark">
      <Group component="header" px="sm" py={4} gap="sm" bg="dark.8" c="gray.3" wrap="nowrap">
        <Button component={Link} to="/" variant="subtle" color="gray" size="compact-xs" leftSection={<IconArrowLeft size={14} />}>
          {t('back')}
        </Button>
        <Text size="xs">{t('title', { id: sessionId.slice(0, 8) })}</Text>
        <Badge data-testid="viewer-status" size="sm" variant="dot" color={error ? 'red' : STATUS_COLOR[status]} styles={{ root: { textTransform: 'none' } }}>
          {statusText}
        </Badge>
        {(status === 'disconnected' || status === 'failed' || error) && (
          <Button size="compact-xs" variant="light" leftSection={<IconRefresh size={14} />} onClick={() => setAttempt((n) => n + 1)}>
            {t('reconnect')}
          </Button>
        )}
      </Group>
      <main style={{ flex: 1, minHeight: 0 }}>
        {error && (
          <Alert role="alert" color="red" m="lg" title={t('cannotOpen')}>
            {toApiError(error).code}: {toApiError(error).message}
          </Alert>
        )}
        {!error && !wsUrl && (
          <Text c="gray.4" p="lg">
            {t('opening')}
          </Text>
        )}
        {wsUrl && <VncView key={wsUrl} url={wsUrl} password={data?.desktopAccess.password ?? null} onStatus={onStatus} />}
        {detail && (
          <Alert role="alert" color="red" m="lg">
            {detail}
          </Alert>
        )}
      </main>
    </div>
  );
}
