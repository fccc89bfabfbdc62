import { useEffect, useState } from 'react';
import { useApolloClient, useFragment as useCacheFragment, useMutation, useQuery } from '@apollo/client';
import { Button, Card, Group, Stack, TextInput } from '@mantine/core';
import { IconSearch, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { confirmAction } from '../../components/confirm';
import { CursorPager, useCursorPaging } from '../../components/CursorPager';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useDebouncedSearchParam, useSearchParam } from '../../components/use-search-param';
import { graphql } from '../../gql';
import { useViewer } from '../../modules/auth/use-viewer';
import { PasswordResetDialog } from '../../modules/users/PasswordResetDialog';
import { UsersTable, UsersTableUserFragment } from '../../modules/users/UsersTable';
import { UserLedgerSection } from './UserLedgerSection';
import { showApiError, UserDialogs, type UserDialog } from './UserDialogs';

/** Users per page. */
const PAGE_SIZE = 20;

const USERS_QUERY = graphql(`
  query UsersPage_users($first: Int!, $after: String, $search: String) {
    users(first: $first, after: $after, search: $search) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id ...UsersTable_user } }
    }
  }
`);

const RESET_PASSWORD = graphql(`
  mutation UsersPage_resetPassword($userId: ID!) {
    resetUserPassword(userId: $userId) { password user { id username ...UsersTable_user } }
  }
`);

const SET_DISABLED = graphql(`
  mutation UsersPage_setDisabled($userId: ID!, $disabled: Boolean!) {
    setUserDisabled(userId: $userId, disabled: $disabled) { id ...UsersTable_user }
  }
`);

/** A user as the page knows them from the cache (any page of the table put them there). */
function useCachedUser(id: string | null) {
  const { data, complete } = useCacheFragment({ fragment: UsersTableUserFragment, from: { __typename: 'User', id: id ?? '' } });
  return id && complete ? (data as { id: string; username: string; coinBalance: number; disabled: boolean }) : null;
}

/** `/users` (ADMIN): search and page through accounts, create, disable/enable, reset passwords, adjust coins, read ledgers. */
export function UsersPage() {
  const { t } = useTranslation('users');
  const viewer = useViewer();
  const search = useDebouncedSearchParam('q');
  const [selectedId, setSelectedId] = useSearchParam('user');
  const paging = useCursorPaging();
  const { reset } = paging;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new search starts on its first page.
  useEffect(() => reset(), [search.value, reset]);
  const result = useQuery(USERS_QUERY, { variables: { first: PAGE_SIZE, after: paging.after, search: search.value || null } });
  const [setDisabled] = useMutation(SET_DISABLED);
  const [resetPassword] = useMutation(RESET_PASSWORD);
  const [resetResult, setResetResult] = useState<{ username: string; password: string } | null>(null);
  const [dialog, setDialog] = useState<UserDialog>(null);
  const selected = useCachedUser(selectedId || null);
  const client = useApolloClient();
  const [params] = useSearchParams();
  const ledgerLink = (id: string) => {
    const next = new URLSearchParams(params);
    next.set('user', id);
    return `?${next.toString()}`;
  };

  const usernameOf = (id: string) =>
    (client.readFragment({ fragment: UsersTableUserFragment, id: client.cache.identify({ __typename: 'User', id }) }) as { username?: string } | null)
      ?.username ?? '';
  const onResetPassword = async (id: string) => {
    const username = usernameOf(id);
    if (!(await confirmAction({ title: t('reset.confirmTitle', { username }), message: t('reset.confirmBody'), confirmLabel: t('reset.open') }))) return;
    const r = await resetPassword({ variables: { userId: id } }).catch((e: Error) => showApiError(t('actionFailed'), e));
    if (r?.data) setResetResult({ username, password: r.data.resetUserPassword.password });
  };
  const onSetDisabled = async (id: string, disabled: boolean) => {
    const username = usernameOf(id);
    if (
      disabled &&
      !(await confirmAction({ title: t('disableConfirm.title', { username }), message: t('disableConfirm.body'), confirmLabel: t('disable'), danger: true }))
    )
      return;
    await setDisabled({ variables: { userId: id, disabled } }).catch((e: Error) => showApiError(t('actionFailed'), e));
  };

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          <Button leftSection={<IconUserPlus size={16} />} onClick={() => setDialog({ kind: 'create' })}>
            {t('create.open')}
          </Button>
        }
      />
      <Card withBorder radius="md" p="md">
        <Stack gap="sm">
          <Group justify="space-between">
            <TextInput
              aria-label={t('search')}
              placeholder={t('searchPlaceholder')}
              leftSection={<IconSearch size={16} />}
              value={search.text}
              onChange={(e) => search.setText(e.currentTarget.value)}
              w={320}
              type="search"
            />
          </Group>
          <QueryState
            result={{ ...result, data: result.data ?? result.previousData }}
            isEmpty={(d) => d.users.totalCount === 0}
            empty={{
              title: search.value ? t('empty.searchTitle', { search: search.value }) : t('empty.title'),
              hint: search.value ? t('empty.searchHint') : t('empty.hint'),
              icon: <IconUsers size={28} />,
              action: (
                <Button leftSection={<IconUserPlus size={16} />} onClick={() => setDialog({ kind: 'create' })}>
                  {t('create.open')}
                </Button>
              ),
            }}
          >
            {(d) => (
              <>
                <UsersTable
                  users={d.users.edges.map((e) => e.node)}
                  selectedId={selectedId || null}
                  viewerId={viewer?.id}
                  ledgerLink={(id) => ledgerLink(id)}
                  onAdjust={(id) => setDialog({ kind: 'adjust', userId: id })}
                  onResetPassword={(id) => void onResetPassword(id)}
                  onSetDisabled={(id, disabled) => void onSetDisabled(id, disabled)}
                />
                <CursorPager
                  paging={paging}
                  pageSize={PAGE_SIZE}
                  shown={d.users.edges.length}
                  total={d.users.totalCount}
                  hasNextPage={d.users.pageInfo.hasNextPage}
                  endCursor={d.users.pageInfo.endCursor}
                />
              </>
            )}
          </QueryState>
        </Stack>
      </Card>
      <UserDialogs dialog={dialog} onClose={() => setDialog(null)} />
      <PasswordResetDialog result={resetResult} onClose={() => setResetResult(null)} />
      {selected && (
        <UserLedgerSection user={selected} onAdjust={() => setDialog({ kind: 'adjust', userId: selected.id })} onClose={() => setSelectedId(null)} />
      )}
    </Stack>
  );
}
