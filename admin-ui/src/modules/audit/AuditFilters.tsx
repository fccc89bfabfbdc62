import { Autocomplete, Button, Group, Select } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconCalendar, IconFilterOff, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The audit log's filters, as the URL holds them. */
export interface AuditFilterValues {
  actorId: string;
  action: string;
  /** `YYYY-MM-DD` or ''. */
  since: string;
  until: string;
}

/** Actions the server records, offered as suggestions (any text filters). */
export const KNOWN_ACTIONS = [
  'coins.add',
  'coins.set',
  'coins.sub',
  'exam.create',
  'exam.export',
  'exam.update',
  'product.create',
  'product.setWorkers',
  'product.update',
  'reconcile.apply',
  'user.changePassword',
  'user.create',
  'user.disable',
  'user.enable',
  'user.resetPassword',
  'wallLink.create',
  'wallLink.revoke',
  'worker.disable',
  'worker.drain',
  'worker.enable',
  'worker.preRegister',
  'worker.register',
  'worker.revokeCredential',
  'worker.update',
];

/** Filter by actor, action and date range; "Clear filters" when any is set. */
export function AuditFilters(props: {
  values: AuditFilterValues;
  onChange: (v: Partial<AuditFilterValues>) => void;
  actors: readonly { id: string; username: string }[];
  onActorSearch: (q: string) => void;
  actions: readonly string[];
}) {
  const { t } = useTranslation('audit');
  const { values } = props;
  const any = values.actorId || values.action || values.since || values.until;
  const range: [string | null, string | null] = [values.since || null, values.until || null];
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Select
        label={t('filter.actor')}
        placeholder={t('filter.anyone')}
        leftSection={<IconUser size={16} />}
        data={props.actors.map((a) => ({ value: a.id, label: a.username }))}
        value={values.actorId || null}
        onChange={(v) => props.onChange({ actorId: v ?? '' })}
        onSearchChange={props.onActorSearch}
        searchable
        clearable
        nothingFoundMessage={t('filter.noActor')}
        w={220}
      />
      <Autocomplete
        label={t('filter.action')}
        placeholder={t('filter.anyAction')}
        data={[...new Set([...KNOWN_ACTIONS, ...props.actions])].sort()}
        value={values.action}
        onChange={(v) => props.onChange({ action: v })}
        w={220}
        ff="monospace"
      />
      <DatePickerInput
        type="range"
        label={t('filter.dates')}
        placeholder={t('filter.anyTime')}
        leftSection={<IconCalendar size={16} />}
        value={range}
        onChange={(r) => props.onChange({ since: r[0] ?? '', until: r[1] ?? r[0] ?? '' })}
        valueFormat="YYYY-MM-DD"
        clearable
        clearButtonProps={{ 'aria-label': t('filter.clearDates') }}
        styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
        allowSingleDateInRange
        w={260}
      />
      {any && (
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconFilterOff size={16} />}
          onClick={() => props.onChange({ actorId: '', action: '', since: '', until: '' })}
        >
          {t('filter.clear')}
        </Button>
      )}
    </Group>
  );
}
