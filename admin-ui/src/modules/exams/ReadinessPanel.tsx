import { Card, Group, List, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type FragmentType, graphql, useFragment } from '../../gql';
import { GoBadge } from './ExamBadges';

/** What the go / no-go card shows. */
export const ReadinessPanelFragment = graphql(`
  fragment ReadinessPanel_readiness on ExamReadiness {
    go reasons expectedCandidates rosterSize seated warm provisioning prewarmTarget warmWanted slotsAvailable capacityShortfall
  }
`);

function Figure(props: { label: string; value: number; of?: number; warn?: boolean; hint?: string; testId: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em', whiteSpace: 'nowrap' }} truncate title={props.label}>
        {props.label}
      </Text>
      <Text
        fz={22}
        fw={650}
        c={props.warn ? 'red' : undefined}
        data-warn={props.warn || undefined}
        data-testid={props.testId}
        style={{ fontVariantNumeric: 'tabular-nums' }}
      >
        {props.value}
        {props.of !== undefined && (
          <Text span c="dimmed" fz="sm" fw={500}>
            {' '}
            / {props.of}
          </Text>
        )}
      </Text>
      {props.hint && (
        <Text size="xs" c="dimmed" data-testid={`${props.testId}-hint`}>
          {props.hint}
        </Text>
      )}
    </Stack>
  );
}

/** Go / no-go for the exam with every reason it is not go, and the figures behind it. */
export function ReadinessPanel(props: { readiness: FragmentType<typeof ReadinessPanelFragment> }) {
  const { t } = useTranslation('exams');
  const r = useFragment(ReadinessPanelFragment, props.readiness);
  return (
    <Card
      withBorder
      padding="lg"
      h="100%"
      data-testid="readiness"
      data-go={r.go ? 'go' : 'no-go'}
      style={{ borderLeft: `4px solid var(--mantine-color-${r.go ? 'teal' : 'red'}-6)` }}
    >
      <Group justify="space-between" align="flex-start" mb="sm">
        <Title order={2} fz="md" fw={650}>
          {t('readiness.title')}
        </Title>
        <GoBadge go={r.go} size="xl" />
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md" mb="md">
        <Figure
          label={t('readiness.warm')}
          value={r.warm}
          of={r.warmWanted}
          warn={r.warm < r.warmWanted}
          hint={r.warmWanted < r.prewarmTarget ? t('readiness.warmHint', { target: r.prewarmTarget, seated: r.seated }) : undefined}
          testId="readiness-warm"
        />
        <Figure label={t('readiness.seated')} value={r.seated} of={r.expectedCandidates} testId="readiness-seated" />
        <Figure label={t('readiness.roster')} value={r.rosterSize} testId="readiness-roster" />
        <Figure label={t('readiness.shortfall')} value={r.capacityShortfall} warn={r.capacityShortfall > 0} testId="readiness-shortfall" />
      </SimpleGrid>
      {r.go ? (
        <Group gap="xs">
          <ThemeIcon color="teal" variant="light" radius="xl" size="sm" aria-hidden>
            <IconCheck size={14} />
          </ThemeIcon>
          <Text size="sm">{t('readiness.allClear', { count: r.expectedCandidates })}</Text>
        </Group>
      ) : (
        <List
          size="sm"
          spacing={4}
          aria-label={t('readiness.reasons')}
          icon={
            <ThemeIcon color="red" variant="light" radius="xl" size="sm" aria-hidden>
              <IconAlertTriangle size={12} />
            </ThemeIcon>
          }
        >
          {r.reasons.map((reason) => (
            <List.Item key={reason} data-testid="readiness-reason">
              {reason}
            </List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}
