import { useState } from 'react';
import { Alert, Button, Card, Group, NumberInput, Progress, Stack, Text, Title } from '@mantine/core';
import { IconFlame } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type FragmentType, graphql, useFragment } from '../../gql';

/** What the prewarm card shows of the exam's warm pool. */
export const PrewarmPanelFragment = graphql(`
  fragment PrewarmPanel_progress on PrewarmProgress {
    examId productId target capped warm provisioning failed missing blockedReason
  }
`);

/**
 * "Prewarm": how many desktops to keep warm, then a live progress bar (warm, being created) as
 * the workers report them.
 */
export function PrewarmPanel(props: { progress: FragmentType<typeof PrewarmPanelFragment>; busy: boolean; onPrewarm: (count: number) => void }) {
  const { t } = useTranslation('exams');
  const p = useFragment(PrewarmPanelFragment, props.progress);
  const [count, setCount] = useState<number>(p.target || 1);
  const of = Math.max(p.target, 1);
  const warmPct = Math.min(100, (p.warm / of) * 100);
  const provisioningPct = Math.min(100 - warmPct, (p.provisioning / of) * 100);
  // Seated candidates need no warm desktop: a pool below its target with nothing missing is done.
  const seatedShare = p.target > 0 && p.missing === 0 && p.provisioning === 0 && p.warm < p.target;
  const done = p.target > 0 && p.missing === 0 && p.provisioning === 0;
  return (
    <Card withBorder padding="lg" h="100%">
      <Stack gap="sm">
        <Title order={2} fz="md" fw={650}>
          {t('prewarm.title')}
        </Title>
        <Group align="flex-end" gap="sm" wrap="nowrap">
          <NumberInput
            label={t('prewarm.count')}
            min={0}
            allowDecimal={false}
            value={count}
            onChange={(n) => setCount(Number(n) || 0)}
            style={{ flex: 1 }}
            miw={0}
          />
          <Button leftSection={<IconFlame size={16} />} loading={props.busy} onClick={() => props.onPrewarm(count)}>
            {t('prewarm.button')}
          </Button>
        </Group>
        <Progress.Root size={14} aria-label={t('prewarm.progressLabel')} data-testid="prewarm-progress" data-warm={p.warm} data-target={p.target}>
          <Progress.Section value={warmPct} color="teal" aria-label={t('prewarm.warmLabel')} />
          <Progress.Section value={provisioningPct} color="yellow" striped animated aria-label={t('prewarm.provisioningLabel')} />
        </Progress.Root>
        <Text size="sm" data-testid="prewarm-status" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {p.target === 0 ? t('prewarm.none') : t('prewarm.status', { warm: p.warm, target: p.target, provisioning: p.provisioning, failed: p.failed })}
          {done && ` · ${t('prewarm.done')}`}
        </Text>
        {seatedShare && (
          <Text size="xs" c="dimmed" data-testid="prewarm-seated">
            {t('prewarm.seated')}
          </Text>
        )}
        {p.capped && (
          <Text size="xs" c="dimmed">
            {t('prewarm.capped', { target: p.target })}
          </Text>
        )}
        {p.blockedReason && (
          <Alert color="orange" variant="light" p="xs" data-testid="prewarm-blocked">
            <Text size="sm">{t('prewarm.blocked', { reason: p.blockedReason })}</Text>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
