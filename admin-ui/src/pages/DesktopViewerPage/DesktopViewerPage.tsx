import { useCallback, useEffect, useState } from 'react';
import { useMutation } from '@apollo/client';
import { graphql } from '../../gql';
import { VncView, type VncStatus } from '../../components/VncView';

const DESKTOP_ACCESS = graphql(`
  mutation DesktopViewerPage_access($sessionId: ID!) {
    desktopAccess(sessionId: $sessionId) { url expiresAt password }
  }
`);

/** `/viewer/:sessionId`: the candidate's (or user's) desktop in the browser. */
export function DesktopViewerPage(props: { sessionId: string }) {
  const [access, { data, error, loading }] = useMutation(DESKTOP_ACCESS);
  const [status, setStatus] = useState<VncStatus>('connecting');
  const [detail, setDetail] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    void access({ variables: { sessionId: props.sessionId } }).catch(() => undefined);
  }, [access, props.sessionId, attempt]);

  const onStatus = useCallback((s: VncStatus, d?: string) => {
    setStatus(s);
    setDetail(d);
  }, []);

  const wsUrl = data ? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${data.desktopAccess.url}` : null;
  return (
    <div style={{ position: 'fixed', inset: 0, display: 'flex', flexDirection: 'column', fontFamily: 'system-ui, sans-serif' }}>
      <header style={{ padding: '4px 12px', background: '#222', color: '#eee', fontSize: 13, display: 'flex', gap: 12 }}>
        <span>Desktop {props.sessionId.slice(0, 8)}</span>
        <span data-testid="viewer-status">{loading ? 'requesting access' : error ? 'no access' : status}</span>
        {(status === 'disconnected' || status === 'failed' || error) && <button onClick={() => setAttempt((n) => n + 1)}>Reconnect</button>}
      </header>
      <main style={{ flex: 1, minHeight: 0 }}>
        {error && <p role="alert" style={{ padding: 24 }}>This desktop cannot be opened: {error.message}</p>}
        {!error && !wsUrl && <p style={{ padding: 24 }}>Opening your desktop…</p>}
        {wsUrl && <VncView key={wsUrl} url={wsUrl} password={data!.desktopAccess.password ?? null} onStatus={onStatus} />}
        {detail && <p role="alert">{detail}</p>}
      </main>
    </div>
  );
}
