import { Button, Card, Loader, Stack, Stepper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../gql/graphql';

const STEP: Partial<Record<SessionState, number>> = { PENDING: 1, PROVISIONING: 2, WARM: 2, READY: 3 };

/** While the candidate's desktop starts: where it is (requested → starting → ready) and what to expect. */
export function JoinWait(props: { examCode: string; state: SessionState | null; onCancel: () => void }) {
  const { t } = useTranslation('join');
  const active = props.state ? (STEP[props.state] ?? 0) : 0;
  return (
    <Card withBorder radius="md" padding="xl" maw={640} mx="auto" mt="xl" data-testid="join-wait" data-state={props.state ?? 'JOINING'}>
      <Stack gap="lg" align="center" ta="center">
        <Loader size="lg" type="dots" aria-hidden />
        <Stack gap={4}>
          <Title order={2} fz="xl">
            {t('wait.heading')}
          </Title>
          <Text c="dimmed" role="status" aria-live="polite">
            {t(`wait.${props.state ?? 'JOINING'}`, { defaultValue: t('wait.JOINING') })}
          </Text>
        </Stack>
        <Stepper active={active} size="sm" w="100%" allowNextStepsSelect={false}>
          <Stepper.Step label={t('wait.steps.requested')} />
          <Stepper.Step label={t('wait.steps.starting')} />
          <Stepper.Step label={t('wait.steps.ready')} />
        </Stepper>
        <Text size="xs" c="dimmed">
          {t('wait.exam', { code: props.examCode })} · {t('wait.keepOpen')}
        </Text>
        <Button variant="subtle" color="gray" size="compact-sm" onClick={props.onCancel}>
          {t('wait.otherCode')}
        </Button>
      </Stack>
    </Card>
  );
}
