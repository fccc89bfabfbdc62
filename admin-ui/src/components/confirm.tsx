import type { ReactNode } from 'react';
import { Button, type ButtonProps, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { i18n } from '../i18n/i18n';

/** What a confirmation asks. */
export interface ConfirmOptions {
  title: ReactNode;
  message: ReactNode;
  /** The confirming button's label ("Delete", "Disable", …). */
  confirmLabel: string;
  /** Red confirm button: the action destroys or interrupts something. */
  danger?: boolean;
}

/** Asks before a destructive action; resolves true only when the person confirms. */
export function confirmAction(options: ConfirmOptions): Promise<boolean> {
  return new Promise((resolve) => {
    modals.openConfirmModal({
      title: options.title,
      centered: true,
      children: <Text size="sm">{options.message}</Text>,
      labels: { confirm: options.confirmLabel, cancel: i18n.t('common:confirm.cancel') },
      confirmProps: { color: options.danger ? 'red' : undefined, 'data-autofocus': true },
      onConfirm: () => resolve(true),
      onCancel: () => resolve(false),
      onClose: () => resolve(false),
    });
  });
}

/** A button that confirms first, then runs `onConfirmed`. */
export function ConfirmButton(props: ButtonProps & { confirm: ConfirmOptions; onConfirmed: () => unknown; children: ReactNode }) {
  const { confirm, onConfirmed, ...button } = props;
  return (
    <Button
      color={confirm.danger ? 'red' : undefined}
      variant={confirm.danger ? 'light' : undefined}
      {...button}
      onClick={async () => {
        if (await confirmAction(confirm)) await onConfirmed();
      }}
    />
  );
}
