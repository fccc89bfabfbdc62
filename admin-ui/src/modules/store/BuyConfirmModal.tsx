import { Alert, Button, Code, Divider, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconShoppingCart } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/api-error';

/** The product being bought, as the confirmation shows it. */
export interface BuyConfirmProduct {
  name: string;
  priceCoins: number;
}

/** Every worker refused for want of KVM (a Windows machine and no server that can run one): waiting will not help. */
function onlyNoKvm(reasonsByKind: unknown): boolean {
  const kinds = reasonsByKind && typeof reasonsByKind === 'object' ? Object.keys(reasonsByKind) : [];
  return kinds.length > 0 && kinds.every((k) => k === 'NO_KVM');
}

/** Why a purchase was refused, in the person's words, from the API's code and extensions. */
function useRefusalText(): (e: ApiError) => string {
  const { t } = useTranslation('store');
  return (e) => {
    switch (e.code) {
      case 'INSUFFICIENT_COINS':
        return t('refusal.insufficient', { balance: Number(e.extensions.balance ?? 0), price: Number(e.extensions.required ?? 0) });
      case 'NO_CAPACITY':
        return onlyNoKvm(e.extensions.reasonsByKind) ? t('refusal.noKvm') : t('refusal.noCapacity', { reason: e.message });
      case 'NETWORK_ERROR':
        return t('refusal.network');
      default:
        return e.message;
    }
  };
}

/**
 * "Buy" asks first: the product, its price, the balance now and after. The confirm button stays
 * disabled while the purchase is in flight; a refusal says why, and "Try again" retries the same purchase.
 */
export function BuyConfirmModal(props: {
  product: BuyConfirmProduct | null;
  balance: number;
  busy: boolean;
  error: ApiError | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('store');
  const refusal = useRefusalText();
  const { product } = props;
  const after = product ? props.balance - product.priceCoins : 0;
  return (
    <Modal
      opened={product !== null}
      onClose={props.onClose}
      title={t('confirm.title')}
      centered
      closeOnClickOutside={!props.busy}
      closeOnEscape={!props.busy}
      closeButtonProps={{ 'aria-label': t('confirm.close'), disabled: props.busy }}
    >
      {product && (
        <Stack gap="md">
          <Stack gap={6}>
            <Row label={t('confirm.product')} value={product.name} />
            <Row label={t('confirm.price')} value={t('coins', { count: product.priceCoins })} />
            <Row label={t('confirm.balanceNow')} value={t('coins', { count: props.balance })} />
            <Divider />
            <Row label={t('confirm.balanceAfter')} value={t('coins', { count: after })} strong warn={after < 0} testId="balance-after" />
          </Stack>
          {after < 0 && !props.error && (
            <Text size="sm" c="orange.8">
              {t('confirm.short', { count: -after })}
            </Text>
          )}
          {props.error && (
            <Alert role="alert" color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('confirm.refused')}>
              <Text size="sm">
                <Code fw={600} data-testid="error-code">
                  {props.error.code}
                </Code>{' '}
                {refusal(props.error)}
              </Text>
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={props.onClose} disabled={props.busy}>
              {t('common:confirm.cancel')}
            </Button>
            <Button leftSection={<IconShoppingCart size={16} />} loading={props.busy} onClick={props.onConfirm} data-autofocus>
              {props.error ? t('confirm.retry') : t('confirm.buy')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function Row(props: { label: string; value: string; strong?: boolean; warn?: boolean; testId?: string }) {
  return (
    <Group justify="space-between" wrap="nowrap">
      <Text size="sm" c="dimmed">
        {props.label}
      </Text>
      <Text
        size="sm"
        fw={props.strong ? 700 : 500}
        c={props.warn ? 'red.8' : undefined}
        style={{ fontVariantNumeric: 'tabular-nums' }}
        data-testid={props.testId}
      >
        {props.value}
      </Text>
    </Group>
  );
}
