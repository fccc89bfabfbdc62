import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** An amount of coins, grouped in the current language, tabular so live changes do not shift columns; `signed` shows +/− in colour. */
export function Coins(props: { value: number; signed?: boolean; fw?: number }) {
  const { t, i18n } = useTranslation('users');
  const n = new Intl.NumberFormat(i18n.language).format(Math.abs(props.value));
  const sign = props.signed ? (props.value > 0 ? '+' : props.value < 0 ? '−' : '±') : props.value < 0 ? '−' : '';
  const tone = props.value > 0 ? 'teal' : 'red';
  const color = props.signed && props.value !== 0 ? `color-mix(in srgb, var(--mantine-color-${tone}-9) 80%, black)` : props.signed ? 'dimmed' : undefined;
  return (
    <Text component="span" size="sm" fw={props.fw ?? 500} c={color} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {sign}
      {n}{' '}
      <Text component="span" size="xs" c="dimmed">
        {t('coinUnit', { count: Math.abs(props.value) })}
      </Text>
    </Text>
  );
}
