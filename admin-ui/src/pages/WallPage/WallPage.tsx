import '../../modules/wall/wall.css';
import { useEffect, useMemo, useState } from 'react';
import { ApolloProvider, useQuery } from '@apollo/client';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { toApiError } from '../../modules/api/api-error';
import { sessionToken } from '../../modules/auth/session-token';
import { VIEWER_QUERY } from '../../modules/auth/use-viewer';
import { LiveConnectionContext, useLiveConnection } from '../../modules/live/use-live-status';
import { createWallClient } from '../../modules/wall/wall-client';
import { takeWallKey } from '../../modules/wall/wall-key';
import { WallMessage, WallRevoked } from '../../modules/wall/WallStates';
import { NotAllowedPage } from '../NotAllowedPage/NotAllowedPage';
import { WallBoard } from './WallBoard';

/** A wall opened with a wall-link key: its own client and live connection, nobody signed in. */
function KeyedWall(props: { secret: string }) {
  const [revoked, setRevoked] = useState(false);
  const wall = useMemo(() => createWallClient(props.secret, () => setRevoked(true)), [props.secret]);
  useEffect(() => {
    wall.live.start();
    return () => wall.dispose();
  }, [wall]);
  useEffect(() => {
    // A revoked link is refused for good: stop knocking.
    if (revoked) wall.live.stop();
  }, [revoked, wall]);
  if (revoked) return <WallRevoked />;
  return (
    <ApolloProvider client={wall.client}>
      <LiveConnectionContext.Provider value={wall.live}>
        <WallBoard />
      </LiveConnectionContext.Provider>
    </ApolloProvider>
  );
}

/** A wall opened by a signed-in person: ADMIN and OPERATOR see it, others "Not allowed", nobody signed in goes to `/login`. */
function SignedInWall() {
  const { t } = useTranslation('wall');
  const live = useLiveConnection();
  const token = sessionToken.get();
  const { data, error, refetch } = useQuery(VIEWER_QUERY, { skip: !token, fetchPolicy: 'cache-first' });
  useEffect(() => {
    if (token) live.start();
  }, [token, live]);
  if (!token || data?.me === null) return <Navigate to={`/login?next=${encodeURIComponent('/wall')}`} replace />;
  if (error && !data) {
    const e = toApiError(error);
    return (
      <WallMessage tone="bad" title={t('error.title')} body={`${e.code}: ${e.message}`} testId="wall-error">
        <button type="button" className="wall-top__link" onClick={() => void refetch()}>
          {t('error.retry')}
        </button>
      </WallMessage>
    );
  }
  if (!data?.me) return <WallMessage title={t('loading')} testId="wall-loading" />;
  if (data.me.role !== 'ADMIN' && data.me.role !== 'OPERATOR') return <NotAllowedPage role={data.me.role} />;
  return <WallBoard admin={data.me.role === 'ADMIN'} />;
}

/**
 * `/wall`: the wall display. A TV opens `/wall?key=<wall link secret>` (the key is kept in this tab
 * only and taken out of the address bar); a signed-in ADMIN or OPERATOR opens `/wall` as it is.
 */
export function WallPage() {
  const { t } = useTranslation('wall');
  const location = useLocation();
  const navigate = useNavigate();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key is read once, when the wall opens.
  const secret = useMemo(() => takeWallKey(location.search), []);
  useEffect(() => {
    if (new URLSearchParams(location.search).has('key')) void navigate('/wall', { replace: true });
  }, [location.search, navigate]);
  useEffect(() => {
    const previous = document.title;
    document.title = `${t('title')} · VDI Portal`;
    return () => {
      document.title = previous;
    };
  }, [t]);
  return secret ? <KeyedWall secret={secret} /> : <SignedInWall />;
}
