import { type FormEvent, useState } from 'react';
import { Alert, Button, Code, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/api-error';

/** The smallest new password the server accepts (changeMyPassword: 8 to 256 characters). */
export const MIN_PASSWORD_LENGTH = 8;

/** What the form checks before asking the server: length and the confirmation; the server checks the rest. */
export function passwordFormProblems(v: { current: string; next: string; confirm: string }): { next?: string; confirm?: string } {
  return {
    next: v.next.length > 0 && v.next.length < MIN_PASSWORD_LENGTH ? 'account.tooShort' : v.next && v.next === v.current ? 'account.sameAsCurrent' : undefined,
    confirm: v.confirm.length > 0 && v.confirm !== v.next ? 'account.mismatch' : undefined,
  };
}

/**
 * "Current password", "New password", "Confirm new password" and "Change password". Problems the
 * form can see are marked as the person types; the server's refusal shows with its code.
 */
export function ChangePasswordForm(props: {
  onSubmit: (current: string, next: string) => unknown;
  busy: boolean;
  error: ApiError | null;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const problems = passwordFormProblems({ current, next, confirm });
  const ready = current.length > 0 && next.length >= MIN_PASSWORD_LENGTH && confirm === next && !problems.next;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (ready) void props.onSubmit(current, next);
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <PasswordInput
          label={t('account.current')}
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          data-autofocus
        />
        <PasswordInput
          label={t('account.new')}
          description={t('account.newHint', { count: MIN_PASSWORD_LENGTH })}
          autoComplete="new-password"
          required
          value={next}
          onChange={(e) => setNext(e.currentTarget.value)}
          error={problems.next ? t(problems.next, { count: MIN_PASSWORD_LENGTH }) : undefined}
        />
        <PasswordInput
          label={t('account.confirm')}
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.currentTarget.value)}
          error={problems.confirm ? t(problems.confirm) : undefined}
        />
        {props.error && (
          <Alert role="alert" color="red" variant="light" icon={<IconAlertCircle size={18} />} data-code={props.error.code}>
            <Text size="sm">
              <Code fw={600}>{props.error.code}</Code> {props.error.code === 'WRONG_PASSWORD' ? t('account.wrongPassword') : props.error.message}
            </Text>
          </Alert>
        )}
        <Group justify="flex-end" mt="xs">
          {props.onCancel && (
            <Button variant="default" onClick={props.onCancel}>
              {t('confirm.cancel')}
            </Button>
          )}
          <Button type="submit" loading={props.busy} disabled={!ready}>
            {t('account.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
