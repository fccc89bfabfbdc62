import { type FormEvent, useState } from 'react';
import { Alert, Button, Code, Group, Modal, NumberInput, Radio, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CoinOp } from '../../gql/graphql';
import type { ApiError } from '../api/api-error';
import { Coins } from './Coins';

/** What the admin asks for. */
export interface CoinAdjustment {
  op: CoinOp;
  amount: number;
  reason: string;
}

/** The balance an adjustment would leave (negative: the server will refuse it). */
export function balanceAfter(balance: number, a: { op: CoinOp; amount: number }): number {
  if (a.op === 'ADD') return balance + a.amount;
  if (a.op === 'SUB') return balance - a.amount;
  return a.amount;
}

/**
 * "Adjust coins": op "Add" / "Subtract" / "Set", an amount, a required "Reason". The preview shows
 * the balance it leaves; the server decides, and a refusal shows with its code (INSUFFICIENT_COINS
 * below zero, BAD_USER_INPUT for an empty reason).
 */
export function AdjustCoinsDialog(props: {
  user: { username: string; coinBalance: number } | null;
  onClose: () => void;
  onSubmit: (a: CoinAdjustment) => unknown;
  busy: boolean;
  error: ApiError | null;
}) {
  const { t } = useTranslation('users');
  const [op, setOp] = useState<CoinOp>('ADD');
  const [amount, setAmount] = useState<number | string>('');
  const [reason, setReason] = useState('');
  const value = typeof amount === 'number' ? amount : Number.NaN;
  const after = Number.isFinite(value) && props.user ? balanceAfter(props.user.coinBalance, { op, amount: value }) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (Number.isFinite(value)) void props.onSubmit({ op, amount: value, reason });
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common:dialog.close') }}
      opened={props.user !== null}
      onClose={props.onClose}
      title={t('adjust.title', { username: props.user?.username ?? '' })}
      centered
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('adjust.current')} <Coins value={props.user?.coinBalance ?? 0} fw={700} />
          </Text>
          <Radio.Group label={t('adjust.op')} value={op} onChange={(v) => setOp(v as CoinOp)}>
            <Group gap="lg" mt={6}>
              <Radio value="ADD" label={t('adjust.add')} />
              <Radio value="SUB" label={t('adjust.subtract')} />
              <Radio value="SET" label={t('adjust.set')} />
            </Group>
          </Radio.Group>
          <NumberInput
            label={t('adjust.amount')}
            min={op === 'SET' ? 0 : 1}
            allowDecimal={false}
            thousandSeparator=","
            value={amount}
            onChange={setAmount}
            required
            data-autofocus
          />
          <Textarea
            label={t('adjust.reason')}
            description={t('adjust.reasonHint')}
            withAsterisk
            autosize
            minRows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          {after !== null && (
            <Text size="sm" data-testid="adjust-preview">
              {t('adjust.after')} <Coins value={after} fw={700} />
              {after < 0 && (
                <Text component="span" size="sm" c="red.9">
                  {' '}
                  {t('adjust.belowZero')}
                </Text>
              )}
            </Text>
          )}
          {props.error && (
            <Alert role="alert" color="red" variant="light" icon={<IconAlertCircle size={18} />} data-code={props.error.code}>
              <Text size="sm">
                <Code fw={600}>{props.error.code}</Code> {props.error.message}
              </Text>
            </Alert>
          )}
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={props.onClose}>
              {t('common:confirm.cancel')}
            </Button>
            <Button type="submit" loading={props.busy} disabled={!Number.isFinite(value)}>
              {t('adjust.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
