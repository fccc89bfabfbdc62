import { type FormEvent, useState } from 'react';
import { Alert, Button, Card, Code, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconDoorEnter, IconSchool } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/api-error';
import { useJoinRefusalText } from './join-refusal';

/** The candidate's door: "Exam code" and "Join"; a refusal says why, by its code. */
export function JoinForm(props: { initialCode: string; busy: boolean; error: ApiError | null; onJoin: (code: string) => void }) {
  const { t } = useTranslation('join');
  const refusal = useJoinRefusalText();
  const [code, setCode] = useState(props.initialCode);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (code.trim()) props.onJoin(code.trim());
  };
  const why = props.error ? refusal(props.error) : null;
  return (
    <Card withBorder radius="md" padding="xl" maw={520} mx="auto" mt="xl">
      <form onSubmit={submit} noValidate>
        <Stack gap="lg">
          <Stack gap="xs" align="center" ta="center">
            <ThemeIcon size={56} radius="xl" variant="light" aria-hidden>
              <IconSchool size={30} />
            </ThemeIcon>
            <Title order={2} fz="xl">
              {t('form.heading')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('form.hint')}
            </Text>
          </Stack>
          <TextInput
            label={t('form.code')}
            placeholder={t('form.placeholder')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            size="md"
            autoFocus
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            required
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.08em' } }}
          />
          {props.error && why && (
            <Alert role="alert" color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={why.title} data-code={props.error.code}>
              <Text size="sm">
                <Code fw={600} data-testid="error-code">
                  {props.error.code}
                </Code>{' '}
                {why.body}
              </Text>
            </Alert>
          )}
          <Button type="submit" size="md" loading={props.busy} disabled={!code.trim()} leftSection={<IconDoorEnter size={18} />}>
            {t('form.join')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
