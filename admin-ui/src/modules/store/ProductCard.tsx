import { Badge, Button, Card, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconClockHour4, IconCpu, IconShoppingCart } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type FragmentType, graphql, useFragment } from '../../gql';
import { durationText, PRODUCT_KIND, productKind } from './product-kind';
import { tone } from './tone';

/** What a store card shows of a product. */
export const ProductCard_product = graphql(`
  fragment ProductCard_product on Product {
    id name provisionAction linuxDesktop priceCoins durationMinutes available cpus memoryMb
  }
`);

/**
 * One product in the store: kind with its icon, name, price in coins, lifetime, size, the live
 * "N available" (or "Sold out"), and "Buy". Fixed-width figures, so live numbers do not shift the card.
 */
export function ProductCard(props: { product: FragmentType<typeof ProductCard_product>; balance: number; onBuy: () => void }) {
  const { t } = useTranslation('store');
  const p = useFragment(ProductCard_product, props.product);
  const kindKey = productKind(p);
  const kind = PRODUCT_KIND[kindKey];
  const KindIcon = kind.icon;
  const soldOut = p.available <= 0;
  const short = props.balance < p.priceCoins;
  const duration = durationText(p.durationMinutes);
  return (
    <Card withBorder radius="md" padding="lg" data-testid="product-card" data-product-id={p.id} aria-labelledby={`product-${p.id}`}>
      <Stack gap="md" h="100%">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <ThemeIcon size={44} radius="md" variant="light" color={kind.color} aria-hidden>
              <KindIcon size={26} />
            </ThemeIcon>
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Title order={2} fz="lg" fw={650} id={`product-${p.id}`} lineClamp={2}>
                {p.name}
              </Title>
              <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.06em' }}>
                {t(`kind.${kindKey}`)}
              </Text>
            </Stack>
          </Group>
          {soldOut ? (
            <Badge color="red" variant="dot" size="lg" radius="sm" data-testid="availability" styles={{ root: { textTransform: 'none', flexShrink: 0 } }}>
              {t('soldOut')}
            </Badge>
          ) : (
            <Badge
              color="teal"
              variant="dot"
              size="lg"
              radius="sm"
              data-testid="availability"
              styles={{ root: { textTransform: 'none', fontVariantNumeric: 'tabular-nums', flexShrink: 0 } }}
            >
              {t('available', { count: p.available })}
            </Badge>
          )}
        </Group>
        <Group gap="lg" c="dimmed">
          <Group gap={6} wrap="nowrap">
            <IconClockHour4 size={16} aria-hidden />
            <Text size="sm">{t(duration.key, duration)}</Text>
          </Group>
          <Group gap={6} wrap="nowrap">
            <IconCpu size={16} aria-hidden />
            <Text size="sm">{t('size', { cpus: p.cpus, memory: (p.memoryMb / 1024).toFixed(p.memoryMb % 1024 === 0 ? 0 : 1) })}</Text>
          </Group>
        </Group>
        <Group justify="space-between" align="flex-end" mt="auto" wrap="nowrap">
          <Stack gap={0}>
            <Text fz={28} fw={700} lh={1.1} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="price">
              {t('price', { count: p.priceCoins })}
            </Text>
            <Text size="xs" {...(short ? tone('red') : { c: 'dimmed' })}>
              {short ? t('notEnough', { count: p.priceCoins - props.balance }) : t('perDesktop')}
            </Text>
          </Stack>
          <Button leftSection={<IconShoppingCart size={16} />} disabled={soldOut} onClick={props.onBuy} aria-describedby={`product-${p.id}`}>
            {t('buy')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
