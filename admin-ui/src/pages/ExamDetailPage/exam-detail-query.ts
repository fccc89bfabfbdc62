import { graphql } from '../../gql';

/** The readiness the page shows: the go / no-go card and the per-worker table (query and subscription alike). */
export const ExamDetailReadinessFragment = graphql(`
  fragment ExamDetailPage_readiness on ExamReadiness {
    go
    ...ReadinessPanel_readiness
    workers { worker { id } ...ExamWorkerRow_readiness }
  }
`);

/** Everything the exam morning page reads at once. */
export const EXAM_DETAIL = graphql(`
  query ExamDetailPage_exam($id: ID!) {
    exam(id: $id) { id code name startsAt endsAt expectedCandidates prewarmTarget product { id name } }
    examReadiness(examId: $id) { ...ExamDetailPage_readiness }
    clusterSummary(examId: $id) { ...TotalAvailable_summary }
    prewarmProgress(examId: $id) { ...PrewarmPanel_progress }
  }
`);
