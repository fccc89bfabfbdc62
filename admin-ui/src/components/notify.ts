import { notifications } from '@mantine/notifications';
import { i18n } from '../i18n/i18n';

/**
 * A toast that is accessible: its close button is named, and its message keeps AA contrast
 * (Mantine's default grey for the message does not).
 */
export function notify(options: { color: 'teal' | 'red' | 'orange' | 'blue'; title: string; message: string }): void {
  notifications.show({
    ...options,
    closeButtonProps: { 'aria-label': i18n.t('common:dialog.close') },
    styles: { description: { color: 'var(--mantine-color-text)' } },
  });
}
