import { type ReactNode, useEffect } from 'react';
import { Group, Stack, Text, Title } from '@mantine/core';

/**
 * The top of every page: its title (the page's one `h1`, and the tab's title when it is text), an
 * optional subtitle, and its main actions on the right.
 */
export function PageHeader(props: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode; badge?: ReactNode }) {
  const { title } = props;
  useEffect(() => {
    if (typeof title !== 'string') return;
    const previous = document.title;
    document.title = `${title} · VDI Portal`;
    return () => {
      document.title = previous;
    };
  }, [title]);
  return (
    <Group justify="space-between" align="flex-start" wrap="wrap" gap="md" mb="lg">
      <Stack gap={4} style={{ minWidth: 0 }}>
        <Group gap="sm" wrap="nowrap">
          <Title order={1} fz={26} fw={650} lh={1.2}>
            {props.title}
          </Title>
          {props.badge}
        </Group>
        {props.subtitle && (
          <Text c="dimmed" size="sm">
            {props.subtitle}
          </Text>
        )}
      </Stack>
      {props.actions && (
        <Group gap="sm" wrap="wrap">
          {props.actions}
        </Group>
      )}
    </Group>
  );
}
