import { createRoot } from 'react-dom/client';
import { ApolloProvider } from '@apollo/client';
import { createApolloClient } from './apollo';
import { LoginPage } from './pages/LoginPage/LoginPage';
import { DesktopViewerPage } from './pages/DesktopViewerPage/DesktopViewerPage';
import { sessionToken } from './modules/auth/session-token';

/** The few routes so far: `/login` and `/viewer/:sessionId` (the full admin SPA comes later). */
function App() {
  const viewer = /^\/viewer\/([0-9a-f-]{36})$/.exec(location.pathname);
  if (!sessionToken.get() || location.pathname === '/login') {
    if (location.pathname !== '/login') location.replace(`/login?next=${encodeURIComponent(location.pathname)}`);
    return <LoginPage />;
  }
  if (viewer) return <DesktopViewerPage sessionId={viewer[1]!} />;
  return <p style={{ fontFamily: 'system-ui, sans-serif', padding: 24 }}>Signed in. Open a desktop at /viewer/&lt;session id&gt;.</p>;
}

createRoot(document.getElementById('root')!).render(
  <ApolloProvider client={createApolloClient()}>
    <App />
  </ApolloProvider>,
);
