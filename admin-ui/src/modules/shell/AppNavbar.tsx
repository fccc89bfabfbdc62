import { NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Role } from '../../gql/graphql';
import { navItemsFor } from './nav-items';

/** The role's sections (inside the shell's labelled `<nav>`); the current one is marked for sight and for screen readers. */
export function AppNavbar(props: { role: Role; onNavigate: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const items = navItemsFor(props.role);
  return (
    <ScrollArea type="never" style={{ flex: 1 }}>
      <Stack gap={2}>
        <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pb={6} pt={4} style={{ letterSpacing: '0.06em' }}>
          {t(`nav.section.${props.role}`)}
        </Text>
        {items.map((item) => {
          const active = pathname === item.to || pathname.startsWith(`${item.to}/`);
          const Icon = item.icon;
          return (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={t(item.labelKey)}
              leftSection={<Icon size={18} stroke={1.7} />}
              active={active}
              aria-current={active ? 'page' : undefined}
              onClick={props.onNavigate}
              variant="light"
              styles={{ root: { borderRadius: 'var(--mantine-radius-md)' }, label: { fontWeight: 500 } }}
            />
          );
        })}
      </Stack>
    </ScrollArea>
  );
}
