import { Button, Code, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconEdit, IconPlayerPause, IconPlayerPlay, IconWorld, IconWorldOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../components/StatusBadge';
import { type FragmentType, graphql, useFragment as readFragment } from '../../gql';
import type { ProvisionAction } from '../../gql/graphql';
import { productKind } from '../store/product-kind';

/** What a row of the products table shows. */
export const ProductsTableProductFragment = graphql(`
  fragment ProductsTable_product on Product {
    id name provisionAction linuxDesktop allowSudo priceCoins image cpus memoryMb durationMinutes isActive available
    network { restrictInternet }
    eligibleWorkers { id code }
  }
`);

const ACTION_COLOR: Record<ProvisionAction, string> = { LINUX: 'orange', WINDOWS: 'blue', TEST: 'gray' };

/** Products with kind, price, image, limits, state and live free slots; "Edit" and "Activate"/"Deactivate" per row. */
export function ProductsTable(props: {
  products: readonly FragmentType<typeof ProductsTableProductFragment>[];
  onEdit: (id: string) => void;
  onSetActive: (id: string, active: boolean) => void;
}) {
  const { t, i18n } = useTranslation('products');
  const products = readFragment(ProductsTableProductFragment, props.products);
  const n = (x: number) => new Intl.NumberFormat(i18n.language).format(x);
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('col.name')}</Table.Th>
            <Table.Th>{t('col.kind')}</Table.Th>
            <Table.Th ta="right">{t('col.price')}</Table.Th>
            <Table.Th>{t('col.image')}</Table.Th>
            <Table.Th ta="right">{t('col.limits')}</Table.Th>
            <Table.Th>{t('col.status')}</Table.Th>
            <Table.Th ta="right">{t('col.available')}</Table.Th>
            <Table.Th ta="right">{t('col.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {products.map((p) => (
            <Table.Tr key={p.id} data-product-id={p.id}>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={600}>
                    {p.name}
                  </Text>
                  <Tooltip label={p.network.restrictInternet ? t('restricted') : t('unrestricted')} withArrow>
                    <span role="img" aria-label={p.network.restrictInternet ? t('restricted') : t('unrestricted')} style={{ display: 'inline-flex' }}>
                      {p.network.restrictInternet ? (
                        <IconWorldOff size={15} color="var(--mantine-color-orange-7)" />
                      ) : (
                        <IconWorld size={15} color="var(--mantine-color-dimmed)" />
                      )}
                    </span>
                  </Tooltip>
                </Group>
                <Text size="xs" c="dimmed">
                  {p.eligibleWorkers && p.eligibleWorkers.length > 0 ? t('workersSome', { count: p.eligibleWorkers.length }) : t('workersAll')}
                </Text>
              </Table.Td>
              <Table.Td>
                <StatusBadge color={ACTION_COLOR[p.provisionAction]}>{t(`action.${p.provisionAction}`)}</StatusBadge>
                {p.provisionAction !== 'TEST' && (
                  <Text size="xs" c="dimmed" mt={2} data-testid="product-kind">
                    {t(`kind.${productKind(p)}`)}
                    {p.allowSudo && ` · ${t('sudo')}`}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                {n(p.priceCoins)}{' '}
                <Text span size="xs" c="dimmed">
                  {t('coinsSuffix')}
                </Text>
              </Table.Td>
              <Table.Td maw={240}>
                {p.image ? (
                  <Code style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', display: 'block' }}>{p.image}</Code>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('defaultImage')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                <Text size="sm">{t('limits', { cpus: n(p.cpus), memory: n(p.memoryMb) })}</Text>
                <Text size="xs" c="dimmed">
                  {p.durationMinutes === 0 ? t('noExpiry') : t('duration', { count: p.durationMinutes })}
                </Text>
              </Table.Td>
              <Table.Td>
                <StatusBadge color={p.isActive ? 'teal' : 'gray'}>{p.isActive ? t('active') : t('inactive')}</StatusBadge>
              </Table.Td>
              <Table.Td ta="right" data-testid="product-available">
                <StatusBadge
                  variant={p.available > 0 ? 'light' : 'outline'}
                  color={!p.isActive ? 'gray' : p.available > 0 ? 'teal' : 'red'}
                  radius="sm"
                  size="lg"
                  styles={{ label: { fontVariantNumeric: 'tabular-nums' } }}
                >
                  {p.isActive && p.available === 0 ? t('soldOut') : t('slots', { count: p.available })}
                </StatusBadge>
              </Table.Td>
              <Table.Td>
                <Group gap={6} justify="flex-end" wrap="nowrap">
                  <Button size="compact-sm" variant="light" leftSection={<IconEdit size={14} />} onClick={() => props.onEdit(p.id)}>
                    {t('edit')}
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="default"
                    leftSection={p.isActive ? <IconPlayerPause size={14} /> : <IconPlayerPlay size={14} />}
                    onClick={() => props.onSetActive(p.id, !p.isActive)}
                  >
                    {p.isActive ? t('deactivate') : t('activate')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
