import { useRef, useState } from 'react';
import { useMutation, useQuery, useSubscription } from '@apollo/client';
import { Button, SimpleGrid } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceDesktop } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { LoadingState, QueryState } from '../../components/QueryState';
import { graphql } from '../../gql';
import { toApiError, type ApiError } from '../../modules/api/api-error';
import { useViewer } from '../../modules/auth/use-viewer';
import { BuyConfirmModal, type BuyConfirmProduct } from '../../modules/store/BuyConfirmModal';
import { ProductCard } from '../../modules/store/ProductCard';
import { newPurchaseKey } from '../../modules/store/purchase-key';

const PRODUCTS = graphql(`
  query StorePage_products {
    products { id name priceCoins ...ProductCard_product }
  }
`);

/** Free slots per product as capacity moves; written onto the cached products (they carry no `__typename` here). */
const AVAILABILITY = graphql(`
  subscription StorePage_availability {
    productAvailabilityUpdated { productId available }
  }
`);

const PURCHASE = graphql(`
  mutation StorePage_purchase($productId: ID!, $idempotencyKey: String!) {
    purchaseAndCreate(productId: $productId, idempotencyKey: $idempotencyKey) { id state product { id name } }
  }
`);

/** One purchase being confirmed: which product, and the key every attempt of it sends. */
interface PendingPurchase extends BuyConfirmProduct {
  id: string;
  key: string | null;
}

/** `/store` (USER): the products with live availability; "Buy" confirms, then buys once per confirmed purchase. */
export function StorePage() {
  const { t } = useTranslation('store');
  const viewer = useViewer();
  const navigate = useNavigate();
  const result = useQuery(PRODUCTS);
  useSubscription(AVAILABILITY, {
    onData: ({ client, data }) => {
      for (const a of data.data?.productAvailabilityUpdated ?? []) {
        const id = client.cache.identify({ __typename: 'Product', id: a.productId });
        client.cache.modify({ id, fields: { available: () => a.available } });
      }
    },
  });
  const [purchase] = useMutation(PURCHASE);
  const [pending, setPending] = useState<PendingPurchase | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // Set synchronously: a double click lands before React re-renders the disabled button.
  const inFlight = useRef(false);
  const balance = viewer?.coinBalance ?? 0;

  const open = (p: BuyConfirmProduct & { id: string }) => {
    setError(null);
    setPending({ id: p.id, name: p.name, priceCoins: p.priceCoins, key: null });
  };
  const close = () => {
    if (inFlight.current) return;
    setPending(null);
  };
  const confirm = async () => {
    if (!pending || inFlight.current) return;
    inFlight.current = true;
    // Made once per confirmed purchase and kept across retries: the server buys once per key.
    const key = pending.key ?? newPurchaseKey();
    setPending({ ...pending, key });
    setBusy(true);
    setError(null);
    try {
      const r = await purchase({ variables: { productId: pending.id, idempotencyKey: key } });
      const bought = r.data?.purchaseAndCreate;
      setPending(null);
      notifications.show({
        color: 'teal',
        title: t('bought.title'),
        message: t('bought.message', { name: bought?.product.name ?? pending.name }),
        closeButtonProps: { 'aria-label': t('confirm.close') },
      });
      void navigate('/my');
    } catch (e) {
      setError(toApiError(e as Error));
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          <Button component={Link} to="/my" variant="default" leftSection={<IconDeviceDesktop size={16} />}>
            {t('myDesktops')}
          </Button>
        }
      />
      <QueryState
        result={result}
        loading={<LoadingState variant="cards" />}
        isEmpty={(d) => d.products.length === 0}
        empty={{ title: t('empty.title'), hint: t('empty.hint') }}
      >
        {(d) => (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg">
            {d.products.map((p) => (
              <ProductCard key={p.id} product={p} balance={balance} onBuy={() => open(p)} />
            ))}
          </SimpleGrid>
        )}
      </QueryState>
      <BuyConfirmModal product={pending} balance={balance} busy={busy} error={error} onConfirm={() => void confirm()} onClose={close} />
    </>
  );
}
