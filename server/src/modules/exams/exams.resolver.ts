import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Exam } from './exam.entity.js';
import { ExamInput } from './exams.inputs.js';
import { ExamReadiness, PrewarmProgress, RosterImportResult } from './exams.types.js';
import type { ExamsService } from './exams.service.js';
import type { ExamSeatingService } from './exam-seating.service.js';
import type { ExamReadinessService } from './exam-readiness.service.js';
import type { PrewarmService } from './prewarm.service.js';
import type { ExamExportService } from './exam-export.service.js';
import { Session } from '../sessions/session.entity.js';
import type { SessionProvisioningService } from '../sessions/session-provisioning.service.js';
import { Role } from '../../shared/role.js';
import { WALL_ROLE } from '../../shared/viewer.js';
import { Topic, type TopicPayloads } from '../../graphql/pubsub.js';
import type { GraphQLContext } from '../../graphql/context.js';

/** Exams: creation, rosters, prewarm, readiness, and candidates joining and leaving. */
@Resolver(() => Exam)
export class ExamsResolver {
  constructor(
    private readonly service: ExamsService,
    private readonly seating: ExamSeatingService,
    private readonly readinessService: ExamReadinessService,
    private readonly prewarmer: PrewarmService,
    private readonly provisioning: SessionProvisioningService,
    private readonly exporter?: ExamExportService,
  ) {}

  @Authorized(Role.ADMIN, Role.OPERATOR)
  @Mutation(() => Exam, { description: 'Create an exam of an active product (ADMIN, OPERATOR); CONFLICT when the code is taken' })
  createExam(@Arg('input', () => ExamInput, { description: 'The exam' }) input: ExamInput, @Ctx() ctx: GraphQLContext): Promise<Exam> {
    return this.service.create(ctx.em, ctx.viewer, input);
  }

  @Authorized(Role.ADMIN, Role.OPERATOR, WALL_ROLE)
  @Query(() => [Exam], { description: 'Every exam, newest start first (ADMIN, OPERATOR, WALL)' })
  exams(@Ctx() ctx: GraphQLContext): Promise<Exam[]> {
    return this.service.list(ctx.em);
  }

  @Authorized(Role.ADMIN, Role.OPERATOR)
  @Mutation(() => RosterImportResult, {
    description:
      'Import candidates from CSV ("username[,password]" per line, header optional) onto an exam\'s roster (ADMIN, OPERATOR). New accounts get the given or a generated password, returned only in this answer. All or nothing: a bad line stores nothing (BAD_USER_INPUT names the line)',
  })
  importRoster(
    @Arg('examId', () => ID, { description: 'The exam' }) examId: string,
    @Arg('csv', () => String, { description: 'The roster as CSV text, at most 5,000 candidates' }) csv: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RosterImportResult> {
    return this.service.importRoster(ctx.em, ctx.viewer, examId, csv);
  }

  @Authorized()
  @Mutation(() => Session, {
    description:
      'A candidate on the roster takes their desktop: the one they already have (a reconnect), else a warm one, else a new one — on their previous worker first within WORKER_STICKY_EXAM_TTL_SEC. Returns at once; NO_CAPACITY with reasons, EXAM_CLOSED after the end, FORBIDDEN when not on the roster',
  })
  joinExam(@Arg('examCode', () => String, { description: 'The exam code' }) examCode: string, @Ctx() ctx: GraphQLContext): Promise<Session> {
    return this.seating.join(() => ctx.em, ctx.viewer, examCode);
  }

  @Authorized()
  @Mutation(() => Session, { description: 'Give a desktop back (its owner, ADMIN or OPERATOR): STOPPING until the worker confirms, then DELETED' })
  releaseSession(@Arg('id', () => ID, { description: 'Session id' }) id: string, @Ctx() ctx: GraphQLContext): Promise<Session> {
    return this.provisioning.release(ctx.em, ctx.viewer, id);
  }

  @Authorized(Role.ADMIN, Role.OPERATOR)
  @Mutation(() => PrewarmProgress, {
    description:
      'Keep `count` warm desktops ready for an exam (or product-wide for a product), created VDI_PREWARM_CONCURRENCY at a time and capped by VDI_PREWARM_MAX; 0 removes them. Returns at once with the progress; follow it with the prewarmProgress subscription',
  })
  prewarm(
    @Arg('examId', () => ID, { nullable: true, description: 'The exam whose pool to fill' }) examId: string | undefined,
    @Arg('productId', () => ID, { nullable: true, description: "A product-wide pool (without examId), or a check of the exam's product" }) productId:
      | string
      | undefined,
    @Arg('count', () => Int, { description: 'Warm desktops wanted' }) count: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PrewarmProgress> {
    return this.prewarmer.prewarm(ctx.em, ctx.viewer, examId ?? null, productId ?? null, count);
  }

  @Authorized(Role.ADMIN, Role.OPERATOR)
  @Query(() => PrewarmProgress, { name: 'prewarmProgress', description: "Where an exam's (or a product-wide) warm pool stands now (ADMIN, OPERATOR)" })
  prewarmProgressNow(
    @Arg('examId', () => ID, { nullable: true, description: 'The exam' }) examId: string | undefined,
    @Arg('productId', () => ID, { nullable: true, description: 'The product (product-wide pool)' }) productId: string | undefined,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PrewarmProgress> {
    return this.prewarmer.progressOf(ctx.em, examId ?? null, productId ?? null);
  }

  @Authorized(Role.ADMIN, Role.OPERATOR)
  @Subscription(() => PrewarmProgress, {
    topics: Topic.PREWARM_PROGRESS,
    description: "A warm pool's progress each time one of its desktops changes (ADMIN, OPERATOR)",
    filter: ({ payload, args }: { payload: TopicPayloads[Topic.PREWARM_PROGRESS]; args: { examId?: string | null; productId?: string | null } }) =>
      args.examId ? payload.examId === args.examId : payload.examId === null && payload.productId === args.productId,
  })
  prewarmProgress(
    @Root() event: TopicPayloads[Topic.PREWARM_PROGRESS],
    @Arg('examId', () => ID, { nullable: true, description: 'The exam' }) _examId: string | undefined,
    @Arg('productId', () => ID, { nullable: true, description: 'The product (product-wide pool)' }) _productId: string | undefined,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PrewarmProgress> {
    return this.prewarmer.progressOf(ctx.em.fork(), event.examId, event.productId);
  }

  @Authorized(Role.ADMIN, Role.OPERATOR, WALL_ROLE)
  @Query(() => ExamReadiness, {
    description: 'Go / no-go for an exam: warm desktops, capacity, and per worker what it offers or why it cannot (ADMIN, OPERATOR, WALL)',
  })
  examReadiness(@Arg('examId', () => ID, { description: 'The exam' }) examId: string, @Ctx() ctx: GraphQLContext): Promise<ExamReadiness> {
    return this.readinessService.readiness(ctx.em, examId);
  }

  @Authorized(Role.ADMIN, Role.OPERATOR)
  @Query(() => GraphQLJSONObject, {
    description:
      'Everything about an exam for the record after it (ADMIN, OPERATOR; audited): the exam, candidates (username, joinedAt), desktops (sessionId, state, workerCode, createdAt, readyAt, endedAt, failureReason), the workers involved with their heartbeat minutes around the exam, and every log line. Bounded to 10,000 desktops and 200,000 log lines (truncated says when cut)',
  })
  examExport(@Arg('examId', () => ID, { description: 'The exam' }) examId: string, @Ctx() ctx: GraphQLContext): Promise<Record<string, unknown>> {
    if (!this.exporter) throw new Error('exam export is not wired');
    return this.exporter.export(ctx.em, ctx.viewer, examId);
  }
}
