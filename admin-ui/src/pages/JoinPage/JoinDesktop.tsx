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

/** What opens the viewer: a one-time WebSocket path and the desktop's password. */
interface Access {
  url: string;
  password?: string | null;
}

/**
 * Tickets opened since the page loaded: each is good once, so a desktop shown again (the page
 * visited again, its seat still in the cache) asks desktopAccess for a new one instead.
 */
const opened = new Set<string>();

/**
 * The candidate's READY desktop, full screen: a one-time ticket, then the VNC stream; reconnects by
 * itself. The first ticket is the one the join or the READY push brought (`given`, no request in
 * between); each later attempt asks desktopAccess for a new one.
 */
export function JoinDesktop(props: { sessionId: string; examCode: string; given?: Access | null }) {
  const { t } = useTranslation('join');
  const [access, { data, error, loading }] = useMutation(DESKTOP_ACCESS);
  const [status, setStatus] = useState<VncStatus>('connecting');
  const [attempt, setAttempt] = useState(0);
  const [retries, setRetries] = useState(0);
  const [given] = useState(() => (props.given && !opened.has(props.given.url) ? props.given : null));
  const { sessionId } = props;
  /** The given ticket, on the first attempt only. */
  const first = attempt === 0 ? given : null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: each `attempt` asks for a new single-use ticket.
  useEffect(() => {
    if (first) opened.add(first.url);
    else void access({ variables: { sessionId } }).catch(() => undefined);
  }, [access, sessionId, attempt]);

  const onStatus = useCallback((s: VncStatus) => {
    setStatus(s);
    if (s === 'connected') setRetries(0);
  }, []);

  const broken = status === 'disconnected' || status === 'failed' || error !== undefined;
  useEffect(() => {
    if (!broken || retries >= AUTO_RETRIES) return;
    // The ticket the page was given may have expired meanwhile: a new one is asked for at once.
    const timer = setTimeout(
      () => {
        setRetries((n) => n + 1);
        setAttempt((n) => n + 1);
      },
      first ? 0 : RETRY_MS,
    );
    return () => clearTimeout(timer);
  }, [broken, retries, first]);

  const reconnect = () => {
    setRetries(0);
    setAttempt((n) => n + 1);
  };
  const current: Access | null = first ?? (data && !loading ? data.desktopAccess : null);
  const url = current ? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${current.url}` : null;
  const shown = loading || !url ? (error ? 'failed' : 'requesting') : status;
  return (
    <DesktopFrame sessionId={sessionId} examCode={props.examCode} status={shown} onReconnect={reconnect}>
      {error && (
        <Alert role="alert" color="red" m="lg" title={t('desktop.cannotOpen')}>
          {toApiError(error).code}: {toApiError(error).message}
        </Alert>
      )}
      {url && !error && <VncView key={url} url={url} password={current?.password ?? null} onStatus={onStatus} />}
    </DesktopFrame>
  );
}
