import { useState } from 'react';
import { useApolloClient, useMutation, useQuery, useSubscription } from '@apollo/client';
import { Button, Card, Drawer, Stack } from '@mantine/core';
import { IconPackage, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { notify } from '../../components/notify';
import { confirmAction } from '../../components/confirm';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { graphql } from '../../gql';
import { toApiError } from '../../modules/api/api-error';
import { ProductForm, productFormValues } from '../../modules/products/ProductForm';
import { NEW_PRODUCT, type ProductFormValues, toProductInput } from '../../modules/products/product-form-values';
import { ProductsTable } from '../../modules/products/ProductsTable';

const PRODUCTS_QUERY = graphql(`
  query ProductsPage_products {
    products(includeInactive: true) { id ...ProductsTable_product ...ProductForm_product }
  }
`);

const WORKERS_QUERY = graphql(`
  query ProductsPage_workers {
    workers { id code name }
  }
`);

const AVAILABILITY = graphql(`
  subscription ProductsPage_availability {
    productAvailabilityUpdated { productId available }
  }
`);

const CREATE = graphql(`
  mutation ProductsPage_create($input: ProductInput!) {
    createProduct(input: $input) { id ...ProductsTable_product ...ProductForm_product }
  }
`);

const UPDATE = graphql(`
  mutation ProductsPage_update($id: ID!, $input: ProductInput!) {
    updateProduct(id: $id, input: $input) { id ...ProductsTable_product ...ProductForm_product }
  }
`);

const SET_WORKERS = graphql(`
  mutation ProductsPage_setWorkers($productId: ID!, $workerIds: [ID!]!) {
    setProductWorkers(productId: $productId, workerIds: $workerIds) { id ...ProductsTable_product ...ProductForm_product }
  }
`);

/** Free slots arrive per product id; each lands on its cached Product, so every view of it follows. */
function useLiveAvailability(): void {
  const client = useApolloClient();
  useSubscription(AVAILABILITY, {
    onData: ({ data }) => {
      for (const a of data.data?.productAvailabilityUpdated ?? []) {
        client.cache.modify({ id: client.cache.identify({ __typename: 'Product', id: a.productId }), fields: { available: () => a.available } });
      }
    },
  });
}

type Editing = { id: string | null; initial: ProductFormValues } | null;

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** `/products` (ADMIN): the catalogue with live free slots; create and edit in a drawer, activate/deactivate, eligible workers. */
export function ProductsPage() {
  const { t } = useTranslation('products');
  const result = useQuery(PRODUCTS_QUERY);
  const workers = useQuery(WORKERS_QUERY);
  useLiveAvailability();
  const [create, created] = useMutation(CREATE, { refetchQueries: ['ProductsPage_products'] });
  const [update, updated] = useMutation(UPDATE);
  const [setWorkers, settingWorkers] = useMutation(SET_WORKERS);
  const [editing, setEditing] = useState<Editing>(null);
  const saveError = created.error ?? updated.error ?? settingWorkers.error;

  const close = () => {
    created.reset();
    updated.reset();
    settingWorkers.reset();
    setEditing(null);
  };
  const openEdit = (id: string) => {
    const ref = result.data?.products.find((p) => p.id === id);
    if (ref) setEditing({ id, initial: productFormValues(ref) });
  };
  const save = async (v: ProductFormValues) => {
    if (!editing) return;
    const input = toProductInput(v);
    const r = editing.id ? await update({ variables: { id: editing.id, input } }).catch(() => null) : await create({ variables: { input } }).catch(() => null);
    const id = r?.data && ('updateProduct' in r.data ? r.data.updateProduct.id : r.data.createProduct.id);
    if (!id) return;
    if (!sameSet(v.workerIds, editing.initial.workerIds) && !(await setWorkers({ variables: { productId: id, workerIds: v.workerIds } }).catch(() => null)))
      return;
    close();
    notify({ color: 'teal', title: t('savedTitle'), message: t('saved', { name: input.name }) });
  };
  const setActive = async (id: string, active: boolean) => {
    const ref = result.data?.products.find((p) => p.id === id);
    if (!ref) return;
    const values = productFormValues(ref);
    const name = values.name;
    if (
      !active &&
      !(await confirmAction({
        title: t('deactivateConfirm.title', { name }),
        message: t('deactivateConfirm.body'),
        confirmLabel: t('deactivate'),
        danger: true,
      }))
    )
      return;
    await update({ variables: { id, input: toProductInput({ ...values, isActive: active }) } }).catch((e: Error) => {
      const err = toApiError(e);
      notify({ color: 'red', title: t('actionFailed'), message: `${err.code}: ${err.message}` });
    });
  };

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ id: null, initial: NEW_PRODUCT })}>
            {t('new')}
          </Button>
        }
      />
      <Card withBorder radius="md" p="md">
        <QueryState
          result={result}
          isEmpty={(d) => d.products.length === 0}
          empty={{
            title: t('empty.title'),
            hint: t('empty.hint'),
            icon: <IconPackage size={28} />,
            action: (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ id: null, initial: NEW_PRODUCT })}>
                {t('new')}
              </Button>
            ),
          }}
        >
          {(d) => <ProductsTable products={d.products} onEdit={openEdit} onSetActive={(id, a) => void setActive(id, a)} />}
        </QueryState>
      </Card>
      <Drawer
        closeButtonProps={{ 'aria-label': t('common:dialog.close') }}
        opened={editing !== null}
        onClose={close}
        position="right"
        size={560}
        title={editing?.id ? t('editTitle') : t('newTitle')}
      >
        {editing && (
          <ProductForm
            key={editing.id ?? 'new'}
            initial={editing.initial}
            workers={workers.data?.workers ?? []}
            onSubmit={save}
            onCancel={close}
            busy={created.loading || updated.loading || settingWorkers.loading}
            error={saveError ? toApiError(saveError) : null}
            submitLabel={editing.id ? t('save') : t('create')}
          />
        )}
      </Drawer>
    </Stack>
  );
}
