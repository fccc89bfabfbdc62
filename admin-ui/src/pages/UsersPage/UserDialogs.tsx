import { useApolloClient, useMutation } from '@apollo/client';
import { useTranslation } from 'react-i18next';
import { notify } from '../../components/notify';
import { graphql } from '../../gql';
import { toApiError } from '../../modules/api/api-error';
import { AdjustCoinsDialog, type CoinAdjustment } from '../../modules/users/AdjustCoinsDialog';
import { NewUserDialog } from '../../modules/users/NewUserDialog';
import { UsersTableUserFragment } from '../../modules/users/UsersTable';
import { applyAdjustment } from './ledger-cache';

/** Which dialog of the users page is open. */
export type UserDialog = { kind: 'create' } | { kind: 'adjust'; userId: string } | null;

const CREATE_USER = graphql(`
  mutation UsersPage_createUser($input: CreateUserInput!) {
    createUser(input: $input) { id username ...UsersTable_user }
  }
`);

const ADJUST_COINS = graphql(`
  mutation UsersPage_adjustCoins($input: AdjustCoinsInput!) {
    adjustCoins(input: $input) { id balanceAfter ...LedgerTable_entry }
  }
`);

/** A refused action as a notification: the API's code and message. */
export function showApiError(title: string, error: Error): void {
  const e = toApiError(error);
  notify({ color: 'red', title, message: `${e.code}: ${e.message}` });
}

/** A key that makes one submitted adjustment safe to retry (works on plain HTTP, where crypto.randomUUID does not exist). */
function idempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The users page's dialogs and their mutations: "New user" and "Adjust coins". */
export function UserDialogs(props: { dialog: UserDialog; onClose: () => void }) {
  const { t } = useTranslation('users');
  const client = useApolloClient();
  const [create, created] = useMutation(CREATE_USER, { refetchQueries: ['UsersPage_users'] });
  const [adjust, adjusted] = useMutation(ADJUST_COINS);
  const { dialog } = props;
  const adjustUserId = dialog?.kind === 'adjust' ? dialog.userId : null;
  const adjustUser = adjustUserId
    ? client.readFragment({ fragment: UsersTableUserFragment, id: client.cache.identify({ __typename: 'User', id: adjustUserId }) })
    : null;

  const close = () => {
    created.reset();
    adjusted.reset();
    props.onClose();
  };
  const onCreate = async (input: { username: string; password: string; role: 'ADMIN' | 'OPERATOR' | 'USER' | 'CANDIDATE' }) => {
    const r = await create({ variables: { input } }).catch(() => null);
    if (!r?.data) return;
    close();
    notify({ color: 'teal', title: t('create.doneTitle'), message: t('create.done', { username: r.data.createUser.username }) });
  };
  const onAdjust = async (a: CoinAdjustment) => {
    if (!adjustUserId) return;
    const input = { userId: adjustUserId, op: a.op, amount: a.amount, reason: a.reason, idempotencyKey: idempotencyKey() };
    const r = await adjust({ variables: { input }, update: (cache, { data }) => data && applyAdjustment(cache, adjustUserId, data.adjustCoins) }).catch(
      () => null,
    );
    if (r?.data) close();
  };
  return (
    <>
      <NewUserDialog
        key={dialog?.kind === 'create' ? 'open' : 'closed'}
        opened={dialog?.kind === 'create'}
        onClose={close}
        onSubmit={onCreate}
        busy={created.loading}
        error={created.error ? toApiError(created.error) : null}
      />
      <AdjustCoinsDialog
        key={adjustUserId ?? 'closed'}
        user={adjustUser as { username: string; coinBalance: number } | null}
        onClose={close}
        onSubmit={onAdjust}
        busy={adjusted.loading}
        error={adjusted.error ? toApiError(adjusted.error) : null}
      />
    </>
  );
}
