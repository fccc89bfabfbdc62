import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type FragmentType, graphql, useFragment } from '../../gql';

/** The cluster figures the exam page shows, counted for the exam's product. */
export const TotalAvailableFragment = graphql(`
  fragment TotalAvailable_summary on ClusterSummary {
    totalAvailableSessions totalMaxSessions totalActiveSessions healthyWorkers staleWorkers drainingWorkers drainedWorkers disabledWorkers
  }
`);

function Count(props: { label: string; value: number; color?: string; testId: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" fw={650} c={props.value > 0 ? props.color : undefined} data-testid={props.testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {props.value}
      </Text>
      <Text size="sm" c="dimmed">
        {props.label}
      </Text>
    </Group>
  );
}

/** "Total available sessions" as a big number, of the maximum, with the workers behind it. */
export function TotalAvailableCard(props: { summary: FragmentType<typeof TotalAvailableFragment> }) {
  const { t } = useTranslation('exams');
  const s = useFragment(TotalAvailableFragment, props.summary);
  return (
    <Card withBorder padding="lg" h="100%">
      <Stack gap="xs">
        <Title order={2} fz="md" fw={650} id="total-available-label">
          {t('total.title')}
        </Title>
        <Text fz={56} fw={700} lh={1} aria-labelledby="total-available-label" data-testid="total-available" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {s.totalAvailableSessions}
        </Text>
        <Text size="sm" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {t('total.of', { count: s.totalMaxSessions })} · {t('total.active', { count: s.totalActiveSessions })}
        </Text>
        <SimpleGrid cols={2} spacing={4} verticalSpacing={4} mt={4}>
          <Count label={t('total.healthy')} value={s.healthyWorkers} color="teal" testId="count-healthy" />
          <Count label={t('total.stale')} value={s.staleWorkers} color="red" testId="count-stale" />
          <Count label={t('total.draining')} value={s.drainingWorkers} color="orange" testId="count-draining" />
          <Count label={t('total.drained')} value={s.drainedWorkers} color="grape" testId="count-drained" />
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
