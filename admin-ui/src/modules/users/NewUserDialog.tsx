import { type FormEvent, useState } from 'react';
import { Alert, Button, Code, Group, Modal, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../gql/graphql';
import type { ApiError } from '../api/api-error';

const ROLES: Role[] = ['USER', 'OPERATOR', 'ADMIN', 'CANDIDATE'];

/** "New user": username, password, role; the server's refusal (a taken name: CONFLICT) shows with its code. */
export function NewUserDialog(props: {
  opened: boolean;
  onClose: () => void;
  onSubmit: (v: { username: string; password: string; role: Role }) => unknown;
  busy: boolean;
  error: ApiError | null;
}) {
  const { t } = useTranslation('users');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('USER');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void props.onSubmit({ username: username.trim(), password, role });
  };
  return (
    <Modal closeButtonProps={{ 'aria-label': t('common:dialog.close') }} opened={props.opened} onClose={props.onClose} title={t('create.title')} centered>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label={t('create.username')}
            required
            autoComplete="off"
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            data-autofocus
          />
          <PasswordInput
            label={t('create.password')}
            description={t('create.passwordHint')}
            required
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Select
            label={t('create.role')}
            required
            allowDeselect={false}
            value={role}
            onChange={(v) => v && setRole(v as Role)}
            data={ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
          />
          {props.error && (
            <Alert role="alert" color="red" variant="light" icon={<IconAlertCircle size={18} />} data-code={props.error.code}>
              <Text size="sm">
                <Code fw={600}>{props.error.code}</Code> {props.error.message}
              </Text>
            </Alert>
          )}
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={props.onClose}>
              {t('common:confirm.cancel')}
            </Button>
            <Button type="submit" loading={props.busy} disabled={!username.trim() || !password}>
              {t('create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
