import { useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CopyField } from '../../components/CopyField';

/** The longest name the server takes. */
const MAX_NAME = 128;

/**
 * "Create wall link": a name (where the TV hangs), then the full address to open on the TV,
 * shown this once with a copy button (only the secret's hash is kept on the server).
 */
export function CreateWallLinkDialog(props: {
  opened: boolean;
  onClose: () => void;
  onCreate: (name: string) => Promise<void>;
  creating: boolean;
  error: string | null;
  createdUrl: string | null;
}) {
  const { t } = useTranslation('wall');
  const [name, setName] = useState('');
  const trimmed = name.trim();
  const close = () => {
    setName('');
    props.onClose();
  };
  return (
    <Modal
      opened={props.opened}
      onClose={close}
      title={props.createdUrl ? t('links.created.title') : t('links.create.title')}
      centered
      size="lg"
      closeButtonProps={{ 'aria-label': t('links.create.close') }}
    >
      {props.createdUrl ? (
        <Stack gap="md">
          <CopyField label={t('links.created.url')} value={props.createdUrl} monospace />
          <Text size="sm" c="dimmed">
            {t('links.created.once')}
          </Text>
          <Group justify="flex-end">
            <Button onClick={close}>{t('links.created.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (trimmed) void props.onCreate(trimmed);
          }}
        >
          <Stack gap="md">
            <TextInput
              label={t('links.create.name')}
              description={t('links.create.nameHint')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              maxLength={MAX_NAME}
              required
              data-autofocus
            />
            {props.error && (
              <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
                {props.error}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('links.create.cancel')}
              </Button>
              <Button type="submit" loading={props.creating} disabled={!trimmed}>
                {t('links.create.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
