import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client';
import { Modal } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import { type ApiError, toApiError } from '../../modules/api/api-error';
import { ExamForm, examValues, type ExamFormValues, toExamInput } from '../../modules/exams/ExamForm';
import { EXAM_PRODUCTS } from '../ExamsPage/ExamsPage';

const UPDATE = graphql(`
  mutation ExamDetailPage_update($id: ID!, $input: ExamInput!) {
    updateExam(id: $id, input: $input) { id code name startsAt endsAt expectedCandidates prewarmTarget product { id name } ...ExamRow_exam }
  }
`);

type EditableExam = Parameters<typeof examValues>[0] & { id: string };

/** "Edit exam": the create form with the exam's values; the page reads its readiness again after a save. */
export function ExamEditModal(props: { exam: EditableExam; opened: boolean; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation('exams');
  const products = useQuery(EXAM_PRODUCTS, { skip: !props.opened });
  const [update, { loading }] = useMutation(UPDATE);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (values: ExamFormValues) => {
    setError(null);
    try {
      await update({ variables: { id: props.exam.id, input: toExamInput(values) } });
      notifications.show({ color: 'teal', message: t('form.saved', { code: values.code.trim() }) });
      props.onClose();
      props.onSaved();
    } catch (e) {
      setError(toApiError(e as Error));
    }
  };
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('detail.edit')} size="lg" centered closeButtonProps={{ 'aria-label': t('form.cancel') }}>
      {props.opened && (
        <ExamForm
          initial={examValues(props.exam)}
          products={(products.data?.products ?? []).filter((p) => p.isActive || p.id === props.exam.product.id)}
          submitLabel={t('form.save')}
          saving={loading}
          error={error}
          onSubmit={(v) => void submit(v)}
          onCancel={props.onClose}
        />
      )}
    </Modal>
  );
}
