import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client';
import { ActionIcon, Modal, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconKey, IconLockPassword } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { notify } from '../../components/notify';
import { graphql } from '../../gql';
import { toApiError } from '../api/api-error';
import { ChangePasswordForm } from './ChangePasswordForm';

const ACCOUNT_QUERY = graphql(`
  query AccountActions_me {
    me { id mustChangePassword }
  }
`);

const CHANGE_PASSWORD = graphql(`
  mutation AccountActions_changePassword($currentPassword: String!, $newPassword: String!) {
    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);

/**
 * The header's "Change password" (every role), and the gate for a person who must choose a new
 * password (a new account or an admin's reset): until they do, only this dialog shows, over
 * everything, and it cannot be dismissed — the server refuses every other operation anyway
 * (PASSWORD_CHANGE_REQUIRED).
 */
export function AccountActions() {
  const { t } = useTranslation();
  const { data } = useQuery(ACCOUNT_QUERY, { fetchPolicy: 'cache-and-network' });
  const [change, { loading, error, reset }] = useMutation(CHANGE_PASSWORD);
  const [open, setOpen] = useState(false);
  const forced = data?.me?.mustChangePassword === true;
  const close = () => {
    reset();
    setOpen(false);
  };
  const submit = async (currentPassword: string, newPassword: string) => {
    const r = await change({ variables: { currentPassword, newPassword } }).catch(() => null);
    if (!r?.data?.changeMyPassword) return;
    if (forced) {
      // Every page and live view behind the gate was refused; start them afresh with the same sign-in.
      window.location.reload();
      return;
    }
    close();
    notify({ color: 'teal', title: t('account.changedTitle'), message: t('account.changed') });
  };
  const form = <ChangePasswordForm onSubmit={submit} busy={loading} error={error ? toApiError(error) : null} onCancel={forced ? undefined : close} />;
  return (
    <>
      <Tooltip label={t('account.change')} withArrow>
        <ActionIcon variant="subtle" color="gray" size="lg" aria-label={t('account.change')} onClick={() => setOpen(true)}>
          <IconKey size={18} />
        </ActionIcon>
      </Tooltip>
      <Modal closeButtonProps={{ 'aria-label': t('common:dialog.close') }} opened={open && !forced} onClose={close} title={t('account.change')} centered>
        {form}
      </Modal>
      <Modal
        closeButtonProps={{ 'aria-label': t('common:dialog.close') }}
        opened={forced}
        onClose={() => undefined}
        withCloseButton={false}
        closeOnEscape={false}
        closeOnClickOutside={false}
        fullScreen
        title={t('account.requiredTitle')}
        styles={{ body: { maxWidth: 440, margin: '0 auto', paddingTop: 48 }, header: { maxWidth: 440, margin: '0 auto' } }}
        overlayProps={{ backgroundOpacity: 1 }}
      >
        <Stack gap="md">
          <ThemeIcon size={52} radius="xl" variant="light" color="orange" aria-hidden>
            <IconLockPassword size={28} />
          </ThemeIcon>
          <Text size="sm">{t('account.requiredBody')}</Text>
          {form}
        </Stack>
      </Modal>
    </>
  );
}
