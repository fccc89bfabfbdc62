import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client';
import { Button, Modal } from '@mantine/core';
import { IconPlus, IconSchool } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { graphql } from '../../gql';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { type ApiError, toApiError } from '../../modules/api/api-error';
import { ExamForm, type ExamFormValues, newExamValues, toExamInput } from '../../modules/exams/ExamForm';
import { ExamTable } from '../../modules/exams/ExamTable';
import { ExamReadinessCell } from './ExamReadinessCell';

const EXAMS = graphql(`
  query ExamsPage_exams { exams { id ...ExamRow_exam } }
`);

/** Active products, for the exam form's product select. */
export const EXAM_PRODUCTS = graphql(`
  query ExamsPage_products { products { id name isActive } }
`);

const CREATE = graphql(`
  mutation ExamsPage_create($input: ExamInput!) { createExam(input: $input) { id ...ExamRow_exam } }
`);

/** `/exams`: every exam with its go / no-go, and "New exam" (ADMIN, OPERATOR). */
export function ExamsPage() {
  const { t } = useTranslation('exams');
  const navigate = useNavigate();
  const result = useQuery(EXAMS);
  const [creating, setCreating] = useState(false);
  const products = useQuery(EXAM_PRODUCTS, { skip: !creating });
  const [error, setError] = useState<ApiError | null>(null);
  const [create, { loading }] = useMutation(CREATE, {
    update(cache, { data }) {
      const exam = data?.createExam;
      if (exam) cache.updateQuery({ query: EXAMS }, (d) => (d && !d.exams.some((e) => e.id === exam.id) ? { exams: [exam, ...d.exams] } : undefined));
    },
  });
  const open = () => {
    setError(null);
    setCreating(true);
  };
  const submit = async (values: ExamFormValues) => {
    setError(null);
    try {
      const r = await create({ variables: { input: toExamInput(values) } });
      if (r.data) navigate(`/exams/${r.data.createExam.id}`);
    } catch (e) {
      setError(toApiError(e as Error));
    }
  };
  const newButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={open}>
      {t('list.new')}
    </Button>
  );
  return (
    <>
      <PageHeader title={t('list.title')} subtitle={t('list.subtitle')} actions={newButton} />
      <QueryState
        result={result}
        isEmpty={(d) => d.exams.length === 0}
        empty={{ title: t('list.emptyTitle'), hint: t('list.emptyHint'), action: newButton, icon: <IconSchool size={28} /> }}
      >
        {(data) => <ExamTable exams={data.exams} readiness={(id, ended) => <ExamReadinessCell examId={id} ended={ended} />} />}
      </QueryState>
      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        title={t('list.new')}
        size="lg"
        centered
        closeButtonProps={{ 'aria-label': t('form.cancel') }}
      >
        <ExamForm
          initial={newExamValues()}
          products={(products.data?.products ?? []).filter((p) => p.isActive)}
          submitLabel={t('form.create')}
          saving={loading}
          error={error}
          onSubmit={(v) => void submit(v)}
          onCancel={() => setCreating(false)}
        />
      </Modal>
    </>
  );
}
