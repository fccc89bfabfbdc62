import { Button, Group, Select, Switch } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../gql/graphql';
import { SESSION_STATES } from './SessionStateBadge';

/** The list's filters, as they sit in the URL query. */
export interface SessionFilterValues {
  state: SessionState | null;
  workerId: string | null;
  examId: string | null;
  flagged: boolean;
}

/** State, worker, exam and "flagged only"; each change goes to the URL so a link keeps it. */
export function SessionFilters(props: {
  value: SessionFilterValues;
  onChange: (v: SessionFilterValues) => void;
  workers: readonly { id: string; code: string }[];
  exams: readonly { id: string; code: string; name: string }[];
}) {
  const { t } = useTranslation('sessions');
  const v = props.value;
  const set = (patch: Partial<SessionFilterValues>) => props.onChange({ ...v, ...patch });
  const any = v.state || v.workerId || v.examId || v.flagged;
  return (
    <Group gap="sm" align="flex-end" mb="md" wrap="wrap">
      <Select
        label={t('filters.state')}
        placeholder={t('filters.any')}
        data={SESSION_STATES.map((s) => ({ value: s, label: t(`state.${s}`) }))}
        value={v.state}
        onChange={(s) => set({ state: (s as SessionState | null) ?? null })}
        clearable
        w={170}
      />
      <Select
        label={t('filters.worker')}
        placeholder={t('filters.any')}
        data={props.workers.map((w) => ({ value: w.id, label: w.code }))}
        value={v.workerId}
        onChange={(workerId) => set({ workerId })}
        clearable
        searchable
        nothingFoundMessage={t('filters.none')}
        w={200}
      />
      <Select
        label={t('filters.exam')}
        placeholder={t('filters.any')}
        data={props.exams.map((e) => ({ value: e.id, label: `${e.code} · ${e.name}` }))}
        value={v.examId}
        onChange={(examId) => set({ examId })}
        clearable
        searchable
        nothingFoundMessage={t('filters.none')}
        w={240}
      />
      <Switch label={t('filters.flagged')} checked={v.flagged} onChange={(e) => set({ flagged: e.currentTarget.checked })} mb={8} />
      {any && (
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconX size={14} />}
          onClick={() => props.onChange({ state: null, workerId: null, examId: null, flagged: false })}
        >
          {t('filters.clear')}
        </Button>
      )}
    </Group>
  );
}
