import { type FormEvent, useState } from 'react';
import { Alert, Button, Code, Group, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { DatesProvider, DateTimePicker } from '@mantine/dates';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/api-error';

/** The form's values; date-times as `YYYY-MM-DD HH:mm:ss` in local time (what the pickers hold). */
export interface ExamFormValues {
  code: string;
  name: string;
  productId: string | null;
  startsAt: string | null;
  endsAt: string | null;
  expectedCandidates: number;
  prewarmTarget: number;
}

const PICKER_FORMAT = 'YYYY-MM-DD HH:mm:ss';

/** Values for a new exam: tomorrow 08:00 to 10:00. */
export function newExamValues(): ExamFormValues {
  const start = dayjs().add(1, 'day').hour(8).minute(0).second(0);
  return {
    code: '',
    name: '',
    productId: null,
    startsAt: start.format(PICKER_FORMAT),
    endsAt: start.add(2, 'hour').format(PICKER_FORMAT),
    expectedCandidates: 0,
    prewarmTarget: 0,
  };
}

/** An exam's stored values as the form holds them. */
export function examValues(exam: {
  code: string;
  name: string;
  product: { id: string };
  startsAt: string;
  endsAt: string;
  expectedCandidates: number;
  prewarmTarget: number;
}): ExamFormValues {
  return {
    code: exam.code,
    name: exam.name,
    productId: exam.product.id,
    startsAt: dayjs(exam.startsAt).format(PICKER_FORMAT),
    endsAt: dayjs(exam.endsAt).format(PICKER_FORMAT),
    expectedCandidates: exam.expectedCandidates,
    prewarmTarget: exam.prewarmTarget,
  };
}

/** The API's input (`ExamInput`) for the form's values; date-times sent as ISO instants. */
export function toExamInput(v: ExamFormValues) {
  const iso = (s: string | null) => (s ? dayjs(s).toISOString() : '');
  return {
    code: v.code.trim(),
    name: v.name.trim(),
    productId: v.productId ?? '',
    startsAt: iso(v.startsAt),
    endsAt: iso(v.endsAt),
    expectedCandidates: v.expectedCandidates,
    prewarmTarget: v.prewarmTarget,
  };
}

/**
 * Create or edit an exam: code, name, product, start and end (date-time pickers), expected
 * candidates and warm target. A refusal shows under the field it names, with the API's code.
 */
export function ExamForm(props: {
  initial: ExamFormValues;
  products: readonly { id: string; name: string }[];
  submitLabel: string;
  saving: boolean;
  error: ApiError | null;
  onSubmit: (values: ExamFormValues) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation('exams');
  const [v, setV] = useState<ExamFormValues>(props.initial);
  const set =
    <K extends keyof ExamFormValues>(key: K) =>
    (value: ExamFormValues[K]) =>
      setV((old) => ({ ...old, [key]: value }));
  const field = typeof props.error?.extensions.field === 'string' ? props.error.extensions.field : null;
  const errorFor = (name: string) => (props.error && field === name ? `${props.error.code}: ${props.error.message}` : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit(v);
  };
  return (
    <DatesProvider settings={{ locale: i18n.language, firstDayOfWeek: 1 }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {props.error && !['code', 'name', 'productId', 'startsAt', 'endsAt', 'expectedCandidates', 'prewarmTarget'].includes(field ?? '') && (
            <Alert color="red" variant="light" role="alert">
              <Code fw={600}>{props.error.code}</Code> {props.error.message}
            </Alert>
          )}
          <SimpleGrid cols={2}>
            <TextInput
              label={t('fields.code')}
              description={t('form.codeHint')}
              required
              value={v.code}
              onChange={(e) => set('code')(e.currentTarget.value)}
              error={errorFor('code')}
              ff="monospace"
              data-autofocus
            />
            <TextInput label={t('fields.name')} required value={v.name} onChange={(e) => set('name')(e.currentTarget.value)} error={errorFor('name')} />
          </SimpleGrid>
          <Select
            label={t('fields.product')}
            required
            placeholder={t('form.productPlaceholder')}
            data={props.products.map((p) => ({ value: p.id, label: p.name }))}
            value={v.productId}
            onChange={set('productId')}
            error={errorFor('productId')}
            nothingFoundMessage={t('form.noProducts')}
            searchable
          />
          <SimpleGrid cols={2}>
            <DateTimePicker
              label={t('fields.startsAt')}
              required
              value={v.startsAt}
              onChange={set('startsAt')}
              error={errorFor('startsAt')}
              valueFormat="DD MMM YYYY HH:mm"
            />
            <DateTimePicker
              label={t('fields.endsAt')}
              required
              value={v.endsAt}
              onChange={set('endsAt')}
              error={errorFor('endsAt')}
              valueFormat="DD MMM YYYY HH:mm"
            />
          </SimpleGrid>
          <SimpleGrid cols={2}>
            <NumberInput
              label={t('fields.expectedCandidates')}
              required
              min={0}
              allowDecimal={false}
              value={v.expectedCandidates}
              onChange={(n) => set('expectedCandidates')(Number(n) || 0)}
              error={errorFor('expectedCandidates')}
            />
            <NumberInput
              label={t('fields.prewarmTarget')}
              description={t('form.prewarmHint')}
              min={0}
              allowDecimal={false}
              value={v.prewarmTarget}
              onChange={(n) => set('prewarmTarget')(Number(n) || 0)}
              error={errorFor('prewarmTarget')}
            />
          </SimpleGrid>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={props.onCancel}>
              {t('form.cancel')}
            </Button>
            <Button type="submit" loading={props.saving}>
              {props.submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </DatesProvider>
  );
}
