import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CopyField } from '../../components/CopyField';

/** The generated password after "Reset password", shown this once with a copy button. */
export function PasswordResetDialog(props: { result: { username: string; password: string } | null; onClose: () => void }) {
  const { t } = useTranslation('users');
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common:dialog.close') }}
      opened={props.result !== null}
      onClose={props.onClose}
      title={t('reset.doneTitle', { username: props.result?.username ?? '' })}
      centered
    >
      <Stack gap="sm">
        <CopyField label={t('reset.newPassword')} value={props.result?.password ?? ''} monospace />
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
          <Text size="sm">{t('reset.onceHint')}</Text>
        </Alert>
        <Group justify="flex-end">
          <Button onClick={props.onClose}>{t('reset.done')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
