import { useQuery, useSubscription } from '@apollo/client';
import type { FragmentType } from '../../gql';
import { WallExamCard, type WallExamFragment } from '../../modules/wall/WallExamCard';
import { WALL_EXAM_READINESS, WALL_EXAM_READINESS_UPDATED } from './wall-documents';

/** One exam's card with its go / no-go, read once and then kept live by `examReadinessUpdated`. */
export function WallExamReadiness(props: { examId: string; exam: FragmentType<typeof WallExamFragment> }) {
  const variables = { examId: props.examId };
  const { data } = useQuery(WALL_EXAM_READINESS, { variables });
  useSubscription(WALL_EXAM_READINESS_UPDATED, {
    variables,
    onData: ({ client, data: next }) => {
      const readiness = next.data?.examReadinessUpdated;
      if (readiness) client.writeQuery({ query: WALL_EXAM_READINESS, variables, data: { examReadiness: readiness } });
    },
  });
  return <WallExamCard exam={props.exam} readiness={data?.examReadiness ?? null} />;
}
