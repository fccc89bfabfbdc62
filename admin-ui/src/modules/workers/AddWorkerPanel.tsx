import { useState } from 'react';
import { Button, Code, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The commands that start a worker agent on a worker machine (README "Workers"). */
export const WORKER_COMMANDS = [
  'cp deploy/worker-node/.env.worker.example deploy/worker-node/.env.worker',
  'npm ci && npm run worker -- --env-file deploy/worker-node/.env.worker',
];

/** How a worker joins: the commands to run on the machine, and that WORKER_CLUSTER_TOKEN must match. */
export function WorkerJoinHint() {
  const { t } = useTranslation('workers');
  return (
    <Stack gap={6} align="stretch" ta="left">
      <Text size="sm" c="dimmed">
        {t('empty.hint')}
      </Text>
      <Code block tabIndex={0}>
        {WORKER_COMMANDS.join('\n')}
      </Code>
      <Text size="sm" c="dimmed">
        {t('empty.bootstrap')} <Code>./bootstrap-worker.sh up</Code>
      </Text>
    </Stack>
  );
}

/** Adds a worker by name and URL before its agent connects (preRegisterWorker, ADMIN). */
export function AddWorkerModal(props: {
  opened: boolean;
  onClose: () => void;
  onSave: (input: { name: string; apiBaseUrl: string; code?: string }) => Promise<boolean>;
}) {
  const { t } = useTranslation('workers');
  const [form, setForm] = useState({ name: '', apiBaseUrl: '', code: '' });
  const [saving, setSaving] = useState(false);
  const field = (k: keyof typeof form) => ({
    value: form[k],
    onChange: (e: { currentTarget: { value: string } }) => setForm({ ...form, [k]: e.currentTarget.value }),
  });
  return (
    <Modal opened={props.opened} onClose={props.onClose} closeButtonProps={{ 'aria-label': t('close') }} title={t('add.title')} centered>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setSaving(true);
          const ok = await props.onSave({ name: form.name, apiBaseUrl: form.apiBaseUrl, ...(form.code ? { code: form.code } : {}) });
          setSaving(false);
          if (ok) {
            setForm({ name: '', apiBaseUrl: '', code: '' });
            props.onClose();
          }
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('add.hint')}
          </Text>
          <TextInput label={t('add.name')} required {...field('name')} data-autofocus />
          <TextInput label={t('add.apiBaseUrl')} placeholder="http://10.0.0.21:8081" required {...field('apiBaseUrl')} />
          <TextInput label={t('add.code')} description={t('add.codeHint')} {...field('code')} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={props.onClose}>
              {t('common:confirm.cancel')}
            </Button>
            <Button type="submit" loading={saving}>
              {t('add.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
