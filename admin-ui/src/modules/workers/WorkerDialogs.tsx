import { useEffect, useState } from 'react';
import { Button, Group, Modal, NumberInput, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { WorkerActionTarget } from './WorkerActions';

/** Edits a worker's max sessions override (downward only), or clears it. */
export function MaxSessionsModal(props: {
  worker: WorkerActionTarget | null;
  onClose: () => void;
  onSave: (w: WorkerActionTarget, value: number | null) => Promise<boolean>;
}) {
  const { t } = useTranslation('workers');
  const w = props.worker;
  const [value, setValue] = useState<number | string>('');
  const [saving, setSaving] = useState(false);
  useEffect(() => setValue(w?.maxSessionsOverride ?? w?.maxSessions ?? ''), [w]);
  const save = async (v: number | null) => {
    if (!w) return;
    setSaving(true);
    const ok = await props.onSave(w, v);
    setSaving(false);
    if (ok) props.onClose();
  };
  return (
    <Modal
      opened={w !== null}
      onClose={props.onClose}
      closeButtonProps={{ 'aria-label': t('close') }}
      title={t('maxDialog.title', { code: w?.code ?? '' })}
      centered
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save(typeof value === 'number' ? value : Number(value));
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('maxDialog.hint')}
          </Text>
          <NumberInput label={t('maxDialog.label')} min={0} max={1000} allowDecimal={false} value={value} onChange={setValue} required data-autofocus />
          <Group justify="space-between" mt="sm">
            <Button variant="subtle" color="gray" onClick={() => void save(null)} disabled={saving || w?.maxSessionsOverride == null}>
              {t('maxDialog.clear')}
            </Button>
            <Group gap="sm">
              <Button variant="default" onClick={props.onClose}>
                {t('common:confirm.cancel')}
              </Button>
              <Button type="submit" loading={saving}>
                {t('maxDialog.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Sets (or clears) the container registry login a worker pulls images with. */
export function RegistryModal(props: {
  worker: WorkerActionTarget | null;
  onClose: () => void;
  onSave: (w: WorkerActionTarget, auth: { serverAddress: string; username: string; password: string } | null) => Promise<boolean>;
}) {
  const { t } = useTranslation('workers');
  const w = props.worker;
  const [form, setForm] = useState({ serverAddress: '', username: '', password: '' });
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (w) setForm({ serverAddress: '', username: '', password: '' });
  }, [w]);
  const save = async (auth: typeof form | null) => {
    if (!w) return;
    setSaving(true);
    const ok = await props.onSave(w, auth);
    setSaving(false);
    if (ok) props.onClose();
  };
  const field = (k: keyof typeof form) => ({
    value: form[k],
    onChange: (e: { currentTarget: { value: string } }) => setForm({ ...form, [k]: e.currentTarget.value }),
  });
  return (
    <Modal
      opened={w !== null}
      onClose={props.onClose}
      closeButtonProps={{ 'aria-label': t('close') }}
      title={t('registryDialog.title', { code: w?.code ?? '' })}
      centered
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save(form);
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('registryDialog.hint')}
          </Text>
          <TextInput label={t('registryDialog.server')} placeholder="registry.local:5000" required {...field('serverAddress')} data-autofocus />
          <TextInput label={t('registryDialog.username')} required autoComplete="off" {...field('username')} />
          <PasswordInput label={t('registryDialog.password')} required autoComplete="new-password" {...field('password')} />
          <Group justify="space-between" mt="sm">
            <Button variant="subtle" color="red" onClick={() => void save(null)} disabled={saving}>
              {t('registryDialog.clear')}
            </Button>
            <Group gap="sm">
              <Button variant="default" onClick={props.onClose}>
                {t('common:confirm.cancel')}
              </Button>
              <Button type="submit" loading={saving}>
                {t('registryDialog.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
