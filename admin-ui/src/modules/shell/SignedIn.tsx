import { useEffect } from 'react';
import { useQuery } from '@apollo/client';
import { Center, Container, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorState } from '../../components/QueryState';
import { useAppSession } from '../auth/app-session';
import { sessionToken } from '../auth/session-token';
import { VIEWER_QUERY } from '../auth/use-viewer';
import { useLiveConnection } from '../live/use-live-status';

/**
 * Everything but `/login` lives under this: without a token it sends the person to
 * `/login?next=<here>`; with one it loads `me` (an expired or forged token ends the session
 * through the Apollo error link) and keeps the live connection open while signed in.
 */
export function SignedIn() {
  const { t } = useTranslation();
  const location = useLocation();
  const live = useLiveConnection();
  const session = useAppSession();
  const token = sessionToken.get();
  const here = location.pathname + location.search;
  const { data, error, refetch } = useQuery(VIEWER_QUERY, { skip: !token, fetchPolicy: 'cache-first', notifyOnNetworkStatusChange: true });
  const noViewer = data !== undefined && data.me === null;

  useEffect(() => {
    if (token) live.start();
  }, [token, live]);
  useEffect(() => {
    // A token the server no longer maps to a person (deleted account) is an ended session too.
    if (noViewer) void session.signOut({ next: here, expired: true });
  }, [noViewer, session, here]);

  if (!token && !session.isEnding()) return <Navigate to={`/login?next=${encodeURIComponent(here)}`} replace />;
  if (token && data?.me) return <Outlet />;
  if (token && error)
    return (
      <Container size="sm" py={80}>
        <ErrorState error={error} onRetry={() => refetch()} />
      </Container>
    );
  return (
    <Center h="100vh">
      <Stack align="center" gap="sm">
        <Loader type="dots" />
        <Text c="dimmed" size="sm" role="status">
          {t('signingIn')}
        </Text>
      </Stack>
    </Center>
  );
}
