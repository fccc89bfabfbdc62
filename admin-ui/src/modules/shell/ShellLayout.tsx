import { Suspense } from 'react';
import { AppShell } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../components/QueryState';
import { useViewer } from '../auth/use-viewer';
import { AppHeader } from './AppHeader';
import { AppNavbar } from './AppNavbar';
import { RoleOutlet } from './route-guard';

/** The frame of every page but the wall and the viewer: header, role-aware navbar, and the page. */
export function ShellLayout() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const [opened, { toggle, close }] = useDisclosure(false);
  if (!viewer) return null;
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <AppShell.Header>
        <AppHeader viewer={viewer} navOpened={opened} onToggleNav={toggle} />
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
        <AppNavbar role={viewer.role} onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main bg="var(--app-page-bg)">
        <div style={{ maxWidth: 1480, margin: '0 auto' }}>
          <Suspense fallback={<LoadingState />}>
            <RoleOutlet />
          </Suspense>
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
