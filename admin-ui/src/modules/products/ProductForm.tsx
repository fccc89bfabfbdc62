import { type FormEvent, useState } from 'react';
import { Alert, Button, Code, Divider, Group, MultiSelect, NumberInput, Radio, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type FragmentType, graphql, useFragment as readFragment } from '../../gql';
import type { LinuxDesktop, ProvisionAction } from '../../gql/graphql';
import type { ApiError } from '../api/api-error';
import type { RuleKind } from './network-rules';
import { formIsValid, isVpsDesktop, networkProblems, type ProductFormValues, START_TIMEOUT, toFormValues } from './product-form-values';
import { RuleTagsInput } from './RuleTagsInput';

const ACTIONS: ProvisionAction[] = ['LINUX', 'WINDOWS', 'TEST'];
const LINUX_DESKTOPS: LinuxDesktop[] = ['KIOSK', 'DESKTOP'];

/** Every stored field the product form edits. */
export const ProductFormProductFragment = graphql(`
  fragment ProductForm_product on Product {
    id name provisionAction linuxDesktop allowSudo startTimeoutSeconds priceCoins image cpus memoryMb shmMb durationMinutes browserUrl isActive
    network { restrictInternet allowedDomains allowedCidrs allowedIps originIp strict }
    eligibleWorkers { id }
  }
`);

/** The form's values for a product read through `ProductForm_product`. */
export function productFormValues(ref: FragmentType<typeof ProductFormProductFragment>): ProductFormValues {
  return toFormValues(readFragment(ProductFormProductFragment, ref));
}

/** A worker the eligible-workers list offers. */
export interface WorkerOption {
  id: string;
  code: string;
  name?: string | null;
}

/** Every `ProductInput` field, the network policy with its checked lists, and the eligible workers (none = all). */
export function ProductForm(props: {
  initial: ProductFormValues;
  workers: readonly WorkerOption[];
  onSubmit: (v: ProductFormValues) => unknown;
  onCancel: () => void;
  busy: boolean;
  error: ApiError | null;
  submitLabel: string;
}) {
  const { t } = useTranslation('products');
  const [v, setV] = useState<ProductFormValues>(props.initial);
  const [typing, setTyping] = useState<Record<RuleKind, string>>({ domain: '', cidr: '', ip: '' });
  const set = <K extends keyof ProductFormValues>(key: K, value: ProductFormValues[K]) => setV((prev) => ({ ...prev, [key]: value }));
  const originProblem = networkProblems(v).originIp;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (formIsValid(v, typing)) void props.onSubmit(v);
  };
  const rules = (kind: RuleKind, field: 'allowedDomains' | 'allowedCidrs' | 'allowedIps') => (
    <RuleTagsInput
      kind={kind}
      label={t(`network.${field}`)}
      description={t(`network.${field}Hint`)}
      value={v[field]}
      onChange={(x) => set(field, x)}
      typing={typing[kind]}
      onTypingChange={(x) => setTyping((s) => ({ ...s, [kind]: x }))}
    />
  );
  return (
    <form onSubmit={submit}>
      <Stack gap="md">
        <TextInput label={t('form.name')} required value={v.name} onChange={(e) => set('name', e.currentTarget.value)} data-autofocus />
        <Radio.Group label={t('form.provisionAction')} value={v.provisionAction} onChange={(x) => set('provisionAction', x as ProvisionAction)}>
          <Group gap="lg" mt={6}>
            {ACTIONS.map((a) => (
              <Radio key={a} value={a} label={t(`action.${a}`)} />
            ))}
          </Group>
        </Radio.Group>
        <DesktopKindFields v={v} set={set} />
        <SimpleGrid cols={2}>
          <NumberInput
            label={t('form.price')}
            required
            min={0}
            allowDecimal={false}
            thousandSeparator=","
            suffix={` ${t('coinsSuffix')}`}
            value={v.priceCoins}
            onChange={(x) => set('priceCoins', x)}
          />
          <NumberInput
            label={t('form.duration')}
            description={t('form.durationHint')}
            min={0}
            max={525600}
            allowDecimal={false}
            value={v.durationMinutes}
            onChange={(x) => set('durationMinutes', x)}
          />
        </SimpleGrid>
        <TextInput
          label={t('form.image')}
          description={t('form.imageHint')}
          placeholder="sot-exam-linux:latest"
          value={v.image}
          onChange={(e) => set('image', e.currentTarget.value)}
          ff="monospace"
        />
        <SimpleGrid cols={3}>
          <NumberInput label={t('form.cpus')} min={0.1} max={64} step={0.5} decimalScale={2} value={v.cpus} onChange={(x) => set('cpus', x)} />
          <NumberInput label={t('form.memoryMb')} min={64} step={256} allowDecimal={false} value={v.memoryMb} onChange={(x) => set('memoryMb', x)} />
          <NumberInput label={t('form.shmMb')} min={0} step={64} allowDecimal={false} value={v.shmMb} onChange={(x) => set('shmMb', x)} />
        </SimpleGrid>
        <TextInput
          label={t('form.browserUrl')}
          description={t('form.browserUrlHint')}
          placeholder="https://exam.school.edu"
          value={v.browserUrl}
          onChange={(e) => set('browserUrl', e.currentTarget.value)}
        />
        <Switch
          label={t('form.isActive')}
          description={t('form.isActiveHint')}
          checked={v.isActive}
          onChange={(e) => set('isActive', e.currentTarget.checked)}
        />
        <Divider />
        <Title order={3} fz="md">
          {t('network.title')}
        </Title>
        <Switch
          label={t('network.restrictInternet')}
          description={t('network.restrictInternetHint')}
          checked={v.restrictInternet}
          onChange={(e) => set('restrictInternet', e.currentTarget.checked)}
        />
        {rules('domain', 'allowedDomains')}
        {rules('cidr', 'allowedCidrs')}
        {rules('ip', 'allowedIps')}
        <TextInput
          label={t('network.originIp')}
          description={t('network.originIpHint')}
          value={v.originIp}
          onChange={(e) => set('originIp', e.currentTarget.value)}
          error={originProblem ? t(`network.invalid.${originProblem.key}`, originProblem.values) : undefined}
        />
        <Switch label={t('network.strict')} description={t('network.strictHint')} checked={v.strict} onChange={(e) => set('strict', e.currentTarget.checked)} />
        <Divider />
        <MultiSelect
          label={t('form.workers')}
          description={t('form.workersHint')}
          placeholder={v.workerIds.length === 0 ? t('form.allWorkers') : undefined}
          data={props.workers.map((w) => ({ value: w.id, label: w.name && w.name !== w.code ? `${w.code} (${w.name})` : w.code }))}
          value={v.workerIds}
          onChange={(x) => set('workerIds', x)}
          searchable
          clearable
          nothingFoundMessage={t('form.noWorkers')}
        />
        {props.error && (
          <Alert role="alert" color="red" variant="light" icon={<IconAlertCircle size={18} />} data-code={props.error.code}>
            <Text size="sm">
              <Code fw={600}>{props.error.code}</Code> {props.error.message}
            </Text>
          </Alert>
        )}
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={props.onCancel}>
            {t('common:confirm.cancel')}
          </Button>
          <Button type="submit" loading={props.busy} disabled={!formIsValid(v, typing)}>
            {props.submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * What kind of desktop the product gives beyond its action: for LINUX the exam kiosk or a VPS
 * desktop; for VPS desktops (LINUX desktop, WINDOWS) whether its user may sudo; for every kind how
 * long it may take to start (empty: the worker's default for the kind).
 */
function DesktopKindFields(props: { v: ProductFormValues; set: <K extends keyof ProductFormValues>(key: K, value: ProductFormValues[K]) => void }) {
  const { t } = useTranslation('products');
  const { v, set } = props;
  const timeout = typeof v.startTimeoutSeconds === 'number' ? v.startTimeoutSeconds : null;
  const timeoutBad = timeout !== null && (timeout < START_TIMEOUT.min || timeout > START_TIMEOUT.max);
  return (
    <>
      {v.provisionAction === 'LINUX' && (
        <Radio.Group label={t('form.linuxDesktop')} value={v.linuxDesktop} onChange={(x) => set('linuxDesktop', x as LinuxDesktop)}>
          <Stack gap="xs" mt={6}>
            {LINUX_DESKTOPS.map((d) => (
              <Radio key={d} value={d} label={t(`linuxDesktop.${d}`)} description={t(`linuxDesktop.${d}Hint`)} />
            ))}
          </Stack>
        </Radio.Group>
      )}
      <SimpleGrid cols={2}>
        {isVpsDesktop(v) ? (
          <Switch
            label={t('form.allowSudo')}
            description={t(v.provisionAction === 'WINDOWS' ? 'form.allowSudoWindowsHint' : 'form.allowSudoHint')}
            checked={v.allowSudo}
            onChange={(e) => set('allowSudo', e.currentTarget.checked)}
          />
        ) : (
          <div />
        )}
        <NumberInput
          label={t('form.startTimeout')}
          description={t('form.startTimeoutHint')}
          placeholder={t('form.startTimeoutDefault')}
          min={START_TIMEOUT.min}
          max={START_TIMEOUT.max}
          allowDecimal={false}
          value={v.startTimeoutSeconds}
          onChange={(x) => set('startTimeoutSeconds', x)}
          error={timeoutBad ? t('form.startTimeoutRange', START_TIMEOUT) : undefined}
        />
      </SimpleGrid>
    </>
  );
}
