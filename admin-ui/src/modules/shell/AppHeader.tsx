import { Anchor, Avatar, Badge, Burger, Button, Group, Text, Tooltip, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconCoins, IconExternalLink, IconLogout } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Role } from '../../gql/graphql';
import { useAppSession } from '../auth/app-session';
import { ColorSchemeToggle } from './ColorSchemeToggle';
import { LanguageMenu } from './LanguageMenu';
import { LiveIndicator } from './LiveIndicator';
import { AppLogo } from './AppLogo';
import { useLiveBalance } from '../store/use-live-balance';
import { AccountActions } from '../account/AccountActions';

/** The signed-in person as the header shows them. */
export interface HeaderViewer {
  username: string;
  role: Role;
  coinBalance: number;
}

/** The header of every page but the wall and the viewer: who, balance, live status, language, sign-out. */
export function AppHeader(props: { viewer: HeaderViewer; navOpened: boolean; onToggleNav: () => void }) {
  const { t } = useTranslation();
  const session = useAppSession();
  const { viewer } = props;
  const staff = viewer.role === 'ADMIN' || viewer.role === 'OPERATOR';
  useLiveBalance(viewer.role === 'USER');
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
      <Group gap="sm" wrap="nowrap">
        <Burger opened={props.navOpened} onClick={props.onToggleNav} hiddenFrom="sm" size="sm" aria-label={t('header.toggleNavigation')} />
        <UnstyledButton component={Link} to="/" aria-label={t('header.home')}>
          <AppLogo />
        </UnstyledButton>
      </Group>
      <Group gap="sm" wrap="nowrap">
        <LiveIndicator />
        {viewer.role === 'USER' && (
          <Tooltip label={t('header.balance')} withArrow>
            <Badge
              data-testid="coin-balance"
              size="lg"
              radius="sm"
              variant="light"
              color="yellow"
              c="var(--mantine-color-text)"
              leftSection={<IconCoins size={14} />}
              styles={{ root: { textTransform: 'none' } }}
            >
              <VisuallyHidden>{t('header.balance')}: </VisuallyHidden>
              {t('header.coins', { count: viewer.coinBalance })}
            </Badge>
          </Tooltip>
        )}
        {staff && (
          <Anchor href="/graphql" size="sm" visibleFrom="md" c="dimmed" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
            {t('header.playground')}
            <IconExternalLink size={14} aria-hidden />
          </Anchor>
        )}
        <LanguageMenu />
        <ColorSchemeToggle />
        <Group gap={8} wrap="nowrap" visibleFrom="sm" data-testid="header-viewer">
          <Avatar size="sm" radius="xl" color="brand" name={viewer.username} alt="" />
          <div style={{ lineHeight: 1.1 }}>
            <Text size="sm" fw={600}>
              {viewer.username}
            </Text>
            <Text size="xs" c="dimmed" data-testid="header-role">
              {t(`roles.${viewer.role}`)}
            </Text>
          </div>
        </Group>
        <AccountActions />
        <Button variant="default" size="compact-sm" leftSection={<IconLogout size={14} />} onClick={() => void session.signOut()}>
          {t('header.signOut')}
        </Button>
      </Group>
    </Group>
  );
}
