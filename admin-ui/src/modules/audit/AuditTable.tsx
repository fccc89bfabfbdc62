import { Fragment, useState } from 'react';
import { ActionIcon, Code, Table, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../components/StatusBadge';
import { RelativeTime } from '../../components/RelativeTime';
import { type FragmentType, graphql, useFragment as readFragment } from '../../gql';

/** What a row of the audit log shows. */
export const AuditTableEntryFragment = graphql(`
  fragment AuditTable_entry on AuditLogEntry { id action targetType targetId data createdAt actor { id username } }
`);

/** Colour of an action by its verb: removals red, refusals of service orange, creations green. */
function actionColor(action: string): string {
  const verb = action.split('.').pop() ?? '';
  if (/delete|revoke|disable|sub/.test(verb)) return 'red';
  if (/drain|reset|deactivate/.test(verb)) return 'orange';
  if (/create|add|enable|import|register/.test(verb)) return 'teal';
  return 'blue';
}

/** Admin and operator actions, newest first: time, actor, action, target; each row's data opens as JSON. */
export function AuditTable(props: { entries: readonly FragmentType<typeof AuditTableEntryFragment>[] }) {
  const { t } = useTranslation('audit');
  const entries = readFragment(AuditTableEntryFragment, props.entries);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>
              <span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clipPath: 'inset(50%)' }}>{t('col.data')}</span>
            </Table.Th>
            <Table.Th>{t('col.time')}</Table.Th>
            <Table.Th>{t('col.actor')}</Table.Th>
            <Table.Th>{t('col.action')}</Table.Th>
            <Table.Th>{t('col.target')}</Table.Th>
            <Table.Th>{t('col.summary')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => {
            const expanded = open.has(e.id);
            const hasData = e.data && Object.keys(e.data).length > 0;
            return (
              <Fragment key={e.id}>
                <Table.Tr data-audit-action={e.action}>
                  <Table.Td>
                    {hasData && (
                      <Tooltip label={expanded ? t('hideData') : t('showData')} withArrow>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-expanded={expanded}
                          aria-label={`${expanded ? t('hideData') : t('showData')}: ${e.action}`}
                          onClick={() => toggle(e.id)}
                        >
                          {expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      <RelativeTime value={e.createdAt} />
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {e.actor.username}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge
                      variant="light"
                      radius="sm"
                      color={actionColor(e.action)}
                      styles={{ label: { textTransform: 'none', fontFamily: 'var(--mantine-font-family-monospace)' } }}
                    >
                      {e.action}
                    </StatusBadge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {e.targetType}
                      {e.targetId && (
                        <Text span size="xs" c="dimmed" ff="monospace" title={e.targetId}>
                          {' '}
                          {e.targetId.length > 13 ? `${e.targetId.slice(0, 8)}…` : e.targetId}
                        </Text>
                      )}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={380}>
                    <Text size="xs" c="dimmed" ff="monospace" lineClamp={1}>
                      {hasData ? summary(e.data as Record<string, unknown>) : '—'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
                {expanded && (
                  <Table.Tr>
                    <Table.Td />
                    <Table.Td colSpan={5}>
                      <Code block data-testid="audit-data">
                        {JSON.stringify(e.data, null, 2)}
                      </Code>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The data of an entry on one line: `key=value` pairs, nested values as JSON. */
function summary(data: Record<string, unknown>): string {
  return Object.entries(data)
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join('  ');
}
