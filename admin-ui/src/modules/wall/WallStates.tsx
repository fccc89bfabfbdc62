import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveStatus } from '../live/live-connection';

/** The big banner while the live connection is down: the figures on the wall may be behind. */
export function WallDisconnectedBanner(props: { status: LiveStatus }) {
  const { t } = useTranslation('wall');
  if (props.status !== 'reconnecting') return null;
  return (
    <div className="wall-banner" role="alert" data-testid="wall-disconnected">
      <strong>{t('live.disconnected')}</strong> <span>{t('live.disconnectedHint')}</span>
    </div>
  );
}

/** A full-screen message on the wall's dark background (revoked link, no workers, an error). */
export function WallMessage(props: { title: string; body?: ReactNode; tone?: 'bad' | 'calm'; testId?: string; children?: ReactNode }) {
  return (
    <main className="wall-root wall-message" data-tone={props.tone} data-testid={props.testId}>
      <div className="wall-message__box">
        <h1 className="wall-message__title">{props.title}</h1>
        {props.body && <p className="wall-message__body">{props.body}</p>}
        {props.children}
      </div>
    </main>
  );
}

/** What a TV shows once its wall link is revoked (or was never valid). */
export function WallRevoked() {
  const { t } = useTranslation('wall');
  return <WallMessage tone="bad" title={t('revoked.title')} body={t('revoked.body')} testId="wall-revoked" />;
}
