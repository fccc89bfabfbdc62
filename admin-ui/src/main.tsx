import './modules/shell/shell-styles.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApolloProvider } from '@apollo/client';
import { localStorageColorSchemeManager, MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { I18nextProvider } from 'react-i18next';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { i18n } from './i18n/i18n';
import { createApolloClient } from './apollo';
import { routes } from './routes';
import { cssVariablesResolver, theme } from './theme';
import { AppSessionContext, createAppSession } from './modules/auth/app-session';
import { sessionToken } from './modules/auth/session-token';
import { createLiveConnection } from './modules/live/live-connection';
import { LiveConnectionContext } from './modules/live/use-live-status';

/** The composition root: the router, the live connection, the GraphQL client and the session, wired once. */
const router = createBrowserRouter(routes);
const live = createLiveConnection({
  url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
  token: sessionToken.get,
  onUnauthenticated: () => endSession(),
});
const client = createApolloClient({ live, onUnauthenticated: () => endSession() });
const session = createAppSession({ client, live, navigate: (to, opts) => router.navigate(to, opts) });

/** An expired, revoked or forged token (HTTP or WebSocket): back to `/login?next=<here>`, never a raw 401. */
function endSession(): void {
  const { pathname, search } = router.state.location;
  if (pathname === '/login') return void sessionToken.clear();
  void session.signOut({ next: pathname + search, expired: true });
}

const colorSchemeManager = localStorageColorSchemeManager({ key: 'vdi.color-scheme' });

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto" colorSchemeManager={colorSchemeManager}>
        <ModalsProvider>
          {/* Bottom right: a toast never covers the header (language, account, sign out) or a page's actions. */}
          <Notifications position="bottom-right" />
          <ApolloProvider client={client}>
            <LiveConnectionContext.Provider value={live}>
              <AppSessionContext.Provider value={session}>
                <RouterProvider router={router} />
              </AppSessionContext.Provider>
            </LiveConnectionContext.Provider>
          </ApolloProvider>
        </ModalsProvider>
      </MantineProvider>
    </I18nextProvider>
  </StrictMode>,
);
