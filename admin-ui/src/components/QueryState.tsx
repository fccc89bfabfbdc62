import type { ReactNode } from 'react';
import type { ApolloError } from '@apollo/client';
import { Alert, Button, Card, Code, Group, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconInbox, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../modules/api/api-error';

/** A loading placeholder shaped like what is coming: table rows (default), cards, or a few lines. */
export function LoadingState(props: { variant?: 'table' | 'cards' | 'lines'; rows?: number }) {
  const { t } = useTranslation();
  const lines = props.variant === 'lines';
  const placeholders = Array.from({ length: props.variant === 'cards' ? 3 : (props.rows ?? 6) }, (_, i) => ({
    id: `placeholder-${i}`,
    width: lines ? `${90 - i * 7}%` : '100%',
  }));
  return (
    <Stack gap="sm" aria-busy="true" aria-label={t('state.loading')} role="status">
      {props.variant === 'cards' ? (
        <Group gap="md" grow align="stretch">
          {placeholders.map((p) => (
            <Skeleton key={p.id} height={140} radius="md" />
          ))}
        </Group>
      ) : (
        placeholders.map((p) => <Skeleton key={p.id} height={lines ? 14 : 36} radius="sm" width={p.width} />)
      )}
    </Stack>
  );
}

/** Nothing to show yet: says so, says what to do next, and offers the action that does it. */
export function EmptyState(props: { title: ReactNode; hint?: ReactNode; action?: ReactNode; icon?: ReactNode }) {
  return (
    <Card withBorder radius="md" py={48} px="lg">
      <Stack align="center" gap="xs" ta="center">
        <ThemeIcon size={52} radius="xl" variant="light" color="gray" aria-hidden>
          {props.icon ?? <IconInbox size={28} />}
        </ThemeIcon>
        <Title order={2} fz="lg" fw={600}>
          {props.title}
        </Title>
        {props.hint && (
          // A div, not a paragraph: a hint may hold blocks of its own (steps, commands).
          <Text component="div" c="dimmed" size="sm" maw={460}>
            {props.hint}
          </Text>
        )}
        {props.action && <Group mt="sm">{props.action}</Group>}
      </Stack>
    </Card>
  );
}

/** A failed request: the API's code and message, and "Retry" when the caller can retry. */
export function ErrorState(props: { error: ApolloError | Error; onRetry?: () => unknown; compact?: boolean }) {
  const { t } = useTranslation();
  const e = toApiError(props.error);
  const message = e.code === 'NETWORK_ERROR' ? t('state.networkError') : e.message;
  return (
    <Alert
      role="alert"
      color="red"
      variant="light"
      radius="md"
      icon={<IconAlertTriangle size={20} />}
      title={props.compact ? undefined : t('state.errorTitle')}
      styles={{ message: { display: 'flex', flexDirection: 'column', gap: 8 } }}
    >
      <Text size="sm">
        <Code data-testid="error-code" fw={600}>
          {e.code}
        </Code>{' '}
        {message}
      </Text>
      {props.onRetry && (
        <Group>
          <Button size="xs" variant="white" color="red" leftSection={<IconRefresh size={14} />} onClick={() => void props.onRetry?.()}>
            {t('state.retry')}
          </Button>
        </Group>
      )}
    </Alert>
  );
}

/** The part of an Apollo `useQuery` result the state views need. */
export interface QueryResultLike<T> {
  loading: boolean;
  error?: ApolloError;
  data?: T;
  refetch?: () => unknown;
}

/**
 * Renders one of the four states every page handles from its Apollo result: loading (skeleton),
 * error (code, message, "Retry"), empty (`isEmpty` + `empty`), or `children(data)`. Data already in
 * the cache stays on screen while it refreshes; an error then shows above it.
 */
export function QueryState<T>(props: {
  result: QueryResultLike<T>;
  children: (data: T) => ReactNode;
  isEmpty?: (data: T) => boolean;
  empty?: { title: ReactNode; hint?: ReactNode; action?: ReactNode; icon?: ReactNode };
  loading?: ReactNode;
}) {
  const { result } = props;
  const retry = result.refetch ? () => result.refetch?.() : undefined;
  if (!result.data) {
    if (result.error) return <ErrorState error={result.error} onRetry={retry} />;
    return <>{props.loading ?? <LoadingState />}</>;
  }
  const body = props.isEmpty?.(result.data) && props.empty ? <EmptyState {...props.empty} /> : props.children(result.data);
  if (!result.error) return <>{body}</>;
  return (
    <Stack gap="md">
      <ErrorState error={result.error} onRetry={retry} compact />
      {body}
    </Stack>
  );
}
