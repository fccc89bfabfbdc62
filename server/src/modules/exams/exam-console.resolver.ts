import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Exam } from './exam.entity.js';
import { ExamInput } from './exams.inputs.js';
import { ExamReadiness } from './exams.types.js';
import type { ExamsService } from './exams.service.js';
import type { ExamReadinessService } from './exam-readiness.service.js';
import { type ExamCandidatesService, ExamCandidateView } from './exam-candidates.service.js';
import { Role } from '../../shared/role.js';
import { WALL_ROLE } from '../../shared/viewer.js';
import { Topic, type TopicPayloads } from '../../graphql/pubsub.js';
import type { GraphQLContext } from '../../graphql/context.js';

type ReadinessEvent = TopicPayloads[Topic.CLUSTER_SUMMARY_CHANGED] | TopicPayloads[Topic.PREWARM_PROGRESS];

/** What the exam page reads beside readiness: one exam, its edit, its candidates, and readiness live. */
@Resolver()
export class ExamConsoleResolver {
  constructor(
    private readonly exams: ExamsService,
    private readonly readinessService: ExamReadinessService,
    private readonly candidates: ExamCandidatesService,
  ) {}

  @Authorized(Role.ADMIN, Role.OPERATOR, WALL_ROLE)
  @Query(() => Exam, { description: 'One exam by id (ADMIN, OPERATOR, WALL); NOT_FOUND otherwise' })
  exam(@Arg('id', () => ID, { description: 'The exam' }) id: string, @Ctx() ctx: GraphQLContext): Promise<Exam> {
    return this.exams.get(ctx.em, id);
  }

  @Authorized(Role.ADMIN, Role.OPERATOR)
  @Mutation(() => Exam, {
    description: 'Change an exam with the rules of createExam (ADMIN, OPERATOR; audited); NOT_FOUND for an unknown id, CONFLICT when the new code is taken',
  })
  updateExam(
    @Arg('id', () => ID, { description: 'The exam' }) id: string,
    @Arg('input', () => ExamInput, { description: 'Its new values' }) input: ExamInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Exam> {
    return this.exams.update(ctx.em, ctx.viewer, id, input);
  }

  @Authorized(Role.ADMIN, Role.OPERATOR)
  @Query(() => [ExamCandidateView], {
    description: "An exam's roster by username, each candidate with their desktop of it (ADMIN, OPERATOR); NOT_FOUND for an unknown exam",
  })
  examCandidates(@Arg('examId', () => ID, { description: 'The exam' }) examId: string, @Ctx() ctx: GraphQLContext): Promise<ExamCandidateView[]> {
    return this.candidates.list(ctx.em, examId);
  }

  @Authorized(Role.ADMIN, Role.OPERATOR, WALL_ROLE)
  @Subscription(() => ExamReadiness, {
    topics: [Topic.CLUSTER_SUMMARY_CHANGED, Topic.PREWARM_PROGRESS],
    description:
      "An exam's go / no-go again after any change that can move it: a worker's health, drain or status, a desktop, the warm pool (ADMIN, OPERATOR, WALL)",
    filter: ({ payload, args }: { payload: ReadinessEvent; args: { examId: string } }) =>
      !('productId' in payload) || payload.examId === null || payload.examId === args.examId,
  })
  examReadinessUpdated(
    @Root() _event: ReadinessEvent,
    @Arg('examId', () => ID, { description: 'The exam' }) examId: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ExamReadiness> {
    // A fork: in a subscription the context lives as long as the socket.
    return this.readinessService.readiness(ctx.em.fork(), examId);
  }
}
