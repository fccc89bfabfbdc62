import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RelativeTime } from '../../components/RelativeTime';

/** A moment as a date and time in the reader's language, with "in 2 h" / "3 min ago" under it. */
export function ExamWhen(props: { at: string }) {
  const { i18n } = useTranslation();
  const date = new Date(props.at);
  return (
    <Stack gap={0}>
      <Text size="sm" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
        {new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(date)}
      </Text>
      <Text size="xs" c="dimmed">
        <RelativeTime value={props.at} />
      </Text>
    </Stack>
  );
}
