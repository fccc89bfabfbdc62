import { useCallback, useEffect, useState } from 'react';
import { useMutation } from '@apollo/client';
import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { VncView, type VncStatus } from '../../components/VncView';
import { graphql } from '../../gql';
import { toApiError } from '../../modules/api/api-error';
import { DesktopFrame } from '../../modules/join/DesktopFrame';

const DESKTOP_ACCESS = graphql(`
  mutation JoinPage_desktopAccess($sessionId: ID!) {
    desktopAccess(sessionId: $sessionId) { url password }
  }
`);

/** After a dropped screen, ask for a new ticket by itself this many times, this far apart; then "Reconnect". */
const AUTO_RETRIES = 5;
const RETRY_MS = 3_000;

/** The candidate's READY desktop, full screen: a one-time ticket, then the VNC stream; reconnects by itself. */
export function JoinDesktop(props: { sessionId: string; examCode: string }) {
  const { t } = useTranslation('join');
  const [access, { data, error, loading }] = useMutation(DESKTOP_ACCESS);
  const [status, setStatus] = useState<VncStatus>('connecting');
  const [attempt, setAttempt] = useState(0);
  const [retries, setRetries] = useState(0);
  const { sessionId } = props;

  // biome-ignore lint/correctness/useExhaustiveDependencies: each `attempt` asks for a new single-use ticket.
  useEffect(() => {
    void access({ variables: { sessionId } }).catch(() => undefined);
  }, [access, sessionId, attempt]);

  const onStatus = useCallback((s: VncStatus) => {
    setStatus(s);
    if (s === 'connected') setRetries(0);
  }, []);

  const broken = status === 'disconnected' || status === 'failed' || error !== undefined;
  useEffect(() => {
    if (!broken || retries >= AUTO_RETRIES) return;
    const timer = setTimeout(() => {
      setRetries((n) => n + 1);
      setAttempt((n) => n + 1);
    }, RETRY_MS);
    return () => clearTimeout(timer);
  }, [broken, retries]);

  const reconnect = () => {
    setRetries(0);
    setAttempt((n) => n + 1);
  };
  const url = data && !loading ? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${data.desktopAccess.url}` : null;
  const shown = loading || !url ? (error ? 'failed' : 'requesting') : status;
  return (
    <DesktopFrame sessionId={sessionId} examCode={props.examCode} status={shown} onReconnect={reconnect}>
      {error && (
        <Alert role="alert" color="red" m="lg" title={t('desktop.cannotOpen')}>
          {toApiError(error).code}: {toApiError(error).message}
        </Alert>
      )}
      {url && !error && <VncView key={url} url={url} password={data?.desktopAccess.password ?? null} onStatus={onStatus} />}
    </DesktopFrame>
  );
}
