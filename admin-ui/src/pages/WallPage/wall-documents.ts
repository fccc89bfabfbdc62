import { graphql } from '../../gql';

/** Everything the wall shows on arrival: every worker's tile, the totals, and the exams. */
export const WALL_BOARD = graphql(`
  query WallPage_board {
    workers { id code health status drainStatus ...WallTile_worker }
    clusterSummary { ...WallTotals_summary failedSessionsLastHour }
    exams { id startsAt endsAt ...WallExam_exam }
  }
`);

export const WALL_HEARTBEATS = graphql(`
  subscription WallPage_heartbeats {
    workerHeartbeats { workerId cpuPercent memoryUsedMb receivedAt }
  }
`);

export const WALL_WORKER_UPDATED = graphql(`
  subscription WallPage_workerUpdated {
    workerUpdated { id code health status drainStatus ...WallTile_worker }
  }
`);

export const WALL_CLUSTER_UPDATED = graphql(`
  subscription WallPage_clusterUpdated {
    clusterSummaryUpdated { ...WallTotals_summary failedSessionsLastHour }
  }
`);

export const WALL_EXAM_READINESS = graphql(`
  query WallPage_examReadiness($examId: ID!) {
    examReadiness(examId: $examId) { ...WallReadiness_readiness }
  }
`);

export const WALL_EXAM_READINESS_UPDATED = graphql(`
  subscription WallPage_examReadinessUpdated($examId: ID!) {
    examReadinessUpdated(examId: $examId) { ...WallReadiness_readiness }
  }
`);
