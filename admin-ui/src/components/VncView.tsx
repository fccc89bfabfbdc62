import { useEffect, useRef, useState } from 'react';
import RFB from '@novnc/novnc';

/** What a VNC view shows besides the screen. */
export type VncStatus = 'connecting' | 'connected' | 'disconnected' | 'failed';

/** A remote screen over a WebSocket (noVNC), scaled to its box. */
export function VncView(props: { url: string; password: string | null; onStatus?: (s: VncStatus, detail?: string) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<VncStatus>('connecting');
  const { url, password, onStatus } = props;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const report = (s: VncStatus, detail?: string) => {
      setStatus(s);
      onStatus?.(s, detail);
    };
    let rfb: RFB | null = null;
    let ended = false;
    // Connected on the next tick: a mount undone at once (React's development double mount) never
    // opens the URL, whose ticket is good for one connection only.
    const start = setTimeout(() => {
      rfb = new RFB(el, url, { credentials: { password: password ?? undefined } });
      rfb.scaleViewport = true;
      rfb.focusOnClick = true;
      rfb.addEventListener('connect', () => report('connected'));
      rfb.addEventListener('disconnect', (e) => {
        ended = true;
        report((e as CustomEvent<{ clean: boolean }>).detail.clean ? 'disconnected' : 'failed');
      });
      rfb.addEventListener('securityfailure', (e) => report('failed', (e as CustomEvent<{ reason?: string }>).detail.reason));
    });
    return () => {
      clearTimeout(start);
      // noVNC reports an error when told to disconnect a connection that has already ended.
      if (!ended) rfb?.disconnect();
    };
  }, [url, password, onStatus]);

  return <div ref={box} data-vnc-status={status} style={{ width: '100%', height: '100%', background: '#111' }} />;
}
