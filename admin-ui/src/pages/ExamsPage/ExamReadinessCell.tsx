import { useQuery } from '@apollo/client';
import { Badge, Skeleton, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import { GoBadge } from '../../modules/exams/ExamBadges';

const READINESS = graphql(`
  query ExamsPage_readiness($examId: ID!) { examReadiness(examId: $examId) { go reasons } }
`);

/** One exam's go / no-go in the list (its reasons on hover); "Ended" once the exam is over. */
export function ExamReadinessCell(props: { examId: string; ended: boolean }) {
  const { t } = useTranslation('exams');
  const { data, error } = useQuery(READINESS, { variables: { examId: props.examId }, skip: props.ended });
  if (props.ended)
    return (
      <Badge color="gray.7" variant="outline" styles={{ root: { textTransform: 'none' } }}>
        {t('list.ended')}
      </Badge>
    );
  if (error)
    return (
      <Badge color="gray.7" variant="outline" styles={{ root: { textTransform: 'none' } }}>
        {t('list.readinessUnknown')}
      </Badge>
    );
  if (!data) return <Skeleton height={20} width={70} radius="xl" />;
  const r = data.examReadiness;
  return (
    <Tooltip label={r.go ? t('readiness.go') : r.reasons.join(' · ')} multiline maw={360} withArrow>
      <span>
        <GoBadge go={r.go} size="sm" />
      </span>
    </Tooltip>
  );
}
