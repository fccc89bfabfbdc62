import { useCallback, useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Where a cursor-paged list is: the `after` to ask with, and how to move. */
export interface CursorPaging {
  /** Pass as the query's `after`. */
  after: string | null;
  /** 0-based page number. */
  page: number;
  next(endCursor: string | null | undefined): void;
  previous(): void;
  /** Back to the first page (a new search or filter). */
  reset(): void;
}

/** Previous/next over a Relay connection: remembers the cursors it came through, so "Previous" needs no backward cursor. */
export function useCursorPaging(): CursorPaging {
  const [stack, setStack] = useState<(string | null)[]>([null]);
  const next = useCallback((endCursor: string | null | undefined) => {
    if (endCursor) setStack((s) => [...s, endCursor]);
  }, []);
  const previous = useCallback(() => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)), []);
  const reset = useCallback(() => setStack([null]), []);
  return { after: stack[stack.length - 1] ?? null, page: stack.length - 1, next, previous, reset };
}

/** "1–20 of 57" with "Previous" and "Next" under a paged table. */
export function CursorPager(props: { paging: CursorPaging; pageSize: number; shown: number; total: number; hasNextPage: boolean; endCursor?: string | null }) {
  const { t } = useTranslation();
  const { paging } = props;
  const from = props.shown === 0 ? 0 : paging.page * props.pageSize + 1;
  const to = paging.page * props.pageSize + props.shown;
  return (
    <Group justify="space-between" mt="sm">
      <Text size="sm" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }} aria-live="polite">
        {t('pager.range', { from, to, total: props.total })}
      </Text>
      <Group gap="xs">
        <Button variant="default" size="compact-sm" leftSection={<IconChevronLeft size={14} />} disabled={paging.page === 0} onClick={paging.previous}>
          {t('pager.previous')}
        </Button>
        <Button
          variant="default"
          size="compact-sm"
          rightSection={<IconChevronRight size={14} />}
          disabled={!props.hasNextPage}
          onClick={() => paging.next(props.endCursor)}
        >
          {t('pager.next')}
        </Button>
      </Group>
    </Group>
  );
}
