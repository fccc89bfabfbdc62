import { useEffect, useState } from 'react';
import { useLazyQuery, useQuery } from '@apollo/client';
import { Badge, Modal, Select, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import { ErrorState, LoadingState } from '../../components/QueryState';
import { tone } from './tone';

const PRODUCTS = graphql(`
  query PlacementExplain_products {
    products(includeInactive: true) { id name provisionAction }
  }
`);

const EXPLAIN = graphql(`
  query PlacementExplain_verdicts($productId: ID!) {
    placementExplain(productId: $productId) { eligible reason refusal worker { id code } }
  }
`);

/**
 * "Why not placed": for a chosen product, every worker with whether it can take a session now and,
 * if not, why (draining, stale heartbeat, no free slot, not mapped, disabled, engine down).
 */
export function PlacementExplainModal(props: { opened: boolean; highlightWorkerId: string | null; onClose: () => void }) {
  const { t } = useTranslation('workers');
  const products = useQuery(PRODUCTS, { skip: !props.opened });
  const [productId, setProductId] = useState<string | null>(null);
  const [explain, verdicts] = useLazyQuery(EXPLAIN, { fetchPolicy: 'network-only' });
  const first = products.data?.products[0]?.id ?? null;
  useEffect(() => {
    if (props.opened && !productId && first) setProductId(first);
  }, [props.opened, productId, first]);
  useEffect(() => {
    if (props.opened && productId) void explain({ variables: { productId } });
  }, [props.opened, productId, explain]);

  return (
    <Modal opened={props.opened} onClose={props.onClose} closeButtonProps={{ 'aria-label': t('close') }} title={t('explain.title')} size="lg" centered>
      <Stack gap="md">
        <Select
          label={t('explain.product')}
          placeholder={t('explain.pickProduct')}
          data={(products.data?.products ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.provisionAction})` }))}
          value={productId}
          onChange={setProductId}
          allowDeselect={false}
          nothingFoundMessage={t('explain.noProducts')}
        />
        {products.data && products.data.products.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('explain.noProducts')}
          </Text>
        )}
        {verdicts.error && <ErrorState error={verdicts.error} onRetry={() => verdicts.refetch()} compact />}
        {verdicts.loading && !verdicts.data && <LoadingState rows={3} />}
        {verdicts.data && (
          <Table verticalSpacing={6} fz="sm" aria-label={t('explain.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('table.worker')}</Table.Th>
                <Table.Th>{t('explain.eligible')}</Table.Th>
                <Table.Th>{t('explain.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {verdicts.data.placementExplain.map((v) => (
                <Table.Tr key={v.worker.id} data-worker={v.worker.code} fw={props.highlightWorkerId === v.worker.id ? 700 : undefined}>
                  <Table.Td>{v.worker.code}</Table.Td>
                  <Table.Td>
                    <Badge {...tone(v.eligible ? 'teal' : 'red')} variant="light">
                      {v.eligible ? t('explain.yes') : t('explain.no')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{v.eligible ? '—' : v.refusal ? t(`refusal.${v.refusal}`, { defaultValue: v.reason ?? v.refusal }) : (v.reason ?? '—')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Modal>
  );
}
