import type { ReactNode } from 'react';
import { Container, Stack, Text, ThemeIcon, Title } from '@mantine/core';

/** A whole-page message (not found, not allowed, failed to load): an icon, a heading, a sentence, the way on. */
export function ResultView(props: { icon: ReactNode; color?: string; title: ReactNode; body: ReactNode; action?: ReactNode; code?: string }) {
  return (
    <Container size={560} py={72}>
      <Stack align="center" ta="center" gap="md">
        <ThemeIcon size={72} radius={36} variant="light" color={props.color ?? 'gray'} aria-hidden>
          {props.icon}
        </ThemeIcon>
        {props.code && (
          <Text c="dimmed" fw={700} size="sm" style={{ letterSpacing: '0.1em' }}>
            {props.code}
          </Text>
        )}
        <Title order={1} fz={28}>
          {props.title}
        </Title>
        <Text c="dimmed">{props.body}</Text>
        {props.action}
      </Stack>
    </Container>
  );
}
