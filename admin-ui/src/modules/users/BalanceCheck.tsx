import { Group, Loader, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../components/StatusBadge';
import { Coins } from './Coins';

/**
 * The money invariant on screen: the stored balance beside the sum of every ledger delta. They
 * must agree; "Differs" in red means the books are wrong and someone must look.
 */
export function BalanceCheck(props: { balance: number; sum: number | null; entries: number | null; complete: boolean }) {
  const { t } = useTranslation('users');
  const agrees = props.sum !== null && props.complete && props.sum === props.balance;
  return (
    <Paper withBorder radius="md" px="md" py="sm" data-testid="balance-check" data-agrees={props.sum === null ? undefined : String(agrees)}>
      <Group gap="xl" wrap="wrap">
        <Stack gap={0}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            {t('ledger.balance')}
          </Text>
          <span data-testid="check-balance">
            <Coins value={props.balance} fw={700} />
          </span>
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            {t('ledger.sum')}
          </Text>
          {props.sum === null ? (
            <Loader size="xs" type="dots" aria-label={t('ledger.summing')} />
          ) : (
            <span data-testid="check-sum">
              <Coins value={props.sum} fw={700} />
            </span>
          )}
        </Stack>
        {props.sum !== null && (
          <Tooltip label={t('ledger.sumHint', { count: props.entries ?? 0 })} withArrow>
            <StatusBadge
              size="lg"
              radius="sm"
              color={agrees ? 'teal' : props.complete ? 'red' : 'gray'}
              leftSection={agrees ? <IconCircleCheck size={14} /> : <IconAlertTriangle size={14} />}
            >
              {agrees ? t('ledger.agrees') : props.complete ? t('ledger.differs') : t('ledger.partial')}
            </StatusBadge>
          </Tooltip>
        )}
      </Group>
    </Paper>
  );
}
