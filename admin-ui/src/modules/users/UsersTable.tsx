import { Anchor, Button, Group, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { IconCoins, IconKey, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../components/StatusBadge';
import { RelativeTime } from '../../components/RelativeTime';
import { type FragmentType, graphql, useFragment as readFragment } from '../../gql';
import type { Role } from '../../gql/graphql';
import { Coins } from './Coins';

/** What a row of the users table shows. */
export const UsersTableUserFragment = graphql(`
  fragment UsersTable_user on User { id username role coinBalance disabled mustChangePassword createdAt }
`);

const ROLE_COLOR: Record<Role, string> = { ADMIN: 'grape', OPERATOR: 'indigo', USER: 'blue', CANDIDATE: 'cyan' };

/** The row actions; each gets the user's id. */
export interface UserRowActions {
  /** Where the username links to: this page showing the user's ledger. */
  ledgerLink(id: string): string;
  onAdjust(id: string): void;
  onResetPassword(id: string): void;
  onSetDisabled(id: string, disabled: boolean): void;
}

/** Users with role, balance, state and creation time; the selected one (whose ledger shows) is highlighted. */
export function UsersTable(
  props: { users: readonly FragmentType<typeof UsersTableUserFragment>[]; selectedId: string | null; viewerId?: string } & UserRowActions,
) {
  const { t } = useTranslation('users');
  const users = readFragment(UsersTableUserFragment, props.users);
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table verticalSpacing="xs" highlightOnHover striped={false}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('col.username')}</Table.Th>
            <Table.Th>{t('col.role')}</Table.Th>
            <Table.Th ta="right">{t('col.balance')}</Table.Th>
            <Table.Th>{t('col.status')}</Table.Th>
            <Table.Th>{t('col.created')}</Table.Th>
            <Table.Th ta="right">{t('col.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((u) => (
            <Table.Tr key={u.id} data-user-id={u.id} bg={u.id === props.selectedId ? 'var(--mantine-primary-color-light)' : undefined}>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={props.ledgerLink(u.id)}
                  fw={600}
                  size="sm"
                  aria-current={u.id === props.selectedId ? 'true' : undefined}
                  title={t('showLedgerOf', { username: u.username })}
                >
                  {u.username}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <StatusBadge color={ROLE_COLOR[u.role]}>{t(`common:roles.${u.role}`)}</StatusBadge>
              </Table.Td>
              <Table.Td ta="right" data-testid="user-balance">
                <Coins value={u.coinBalance} />
              </Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <StatusBadge color={u.disabled ? 'red' : 'teal'}>{u.disabled ? t('state.disabled') : t('state.active')}</StatusBadge>
                  {u.mustChangePassword && (
                    <StatusBadge variant="outline" color="orange">
                      {t('state.mustChange')}
                    </StatusBadge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  <RelativeTime value={u.createdAt} />
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={6} justify="flex-end" wrap="nowrap">
                  <Button size="compact-sm" variant="light" leftSection={<IconCoins size={14} />} onClick={() => props.onAdjust(u.id)}>
                    {t('adjust.open')}
                  </Button>
                  <Button size="compact-sm" variant="default" leftSection={<IconKey size={14} />} onClick={() => props.onResetPassword(u.id)}>
                    {t('reset.open')}
                  </Button>
                  {u.disabled ? (
                    <Button
                      size="compact-sm"
                      variant="default"
                      leftSection={<IconUserCheck size={14} color="var(--mantine-color-teal-7)" />}
                      onClick={() => props.onSetDisabled(u.id, false)}
                    >
                      {t('enable')}
                    </Button>
                  ) : (
                    <Button
                      size="compact-sm"
                      variant="default"
                      leftSection={<IconUserOff size={14} color="var(--mantine-color-red-7)" />}
                      disabled={u.id === props.viewerId}
                      onClick={() => props.onSetDisabled(u.id, true)}
                    >
                      {t('disable')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
