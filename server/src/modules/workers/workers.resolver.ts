import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Worker } from './worker.entity.js';
import { ClusterSummary, PlacementVerdict, PreRegisterWorkerInput, UpdateWorkerInput, WorkerHeartbeatEvent } from './workers.inputs.js';
import type { WorkersService } from './workers.service.js';
import { Role } from '../users/user.entity.js';
import { hasRole } from '../auth/viewer.js';
import { Topic, type TopicPayloads } from '../../graphql/pubsub.js';
import type { GraphQLContext } from '../../graphql/context.js';

const STAFF = [Role.ADMIN, Role.OPERATOR];

/** The fleet, as admins and operators see it. */
@Resolver(() => Worker)
export class WorkersResolver {
  constructor(private readonly service: WorkersService) {}

  @FieldResolver(() => String, { nullable: true, description: 'Where the worker\'s gateway listens; ADMIN only (null for everyone else)' })
  apiBaseUrl(@Root() worker: Worker, @Ctx() ctx: GraphQLContext): string | null {
    return hasRole(ctx.viewer, Role.ADMIN) ? (worker.apiBaseUrl ?? null) : null;
  }

  @Authorized(...STAFF)
  @Query(() => [Worker], { description: 'Every worker with health, load and free slots (ADMIN, OPERATOR)' })
  workers(@Ctx() ctx: GraphQLContext): Promise<Worker[]> {
    return this.service.list(ctx.em);
  }

  @Authorized(...STAFF)
  @Query(() => ClusterSummary, { description: 'Capacity totals and worker counts, for one product\'s workers when given (ADMIN, OPERATOR)' })
  async clusterSummary(
    @Arg('productId', () => ID, { nullable: true, description: 'Count only workers that can serve this product' }) productId: string | undefined,
    @Arg('examId', () => ID, { nullable: true, description: 'Count only workers that can serve this exam\'s product' }) examId: string | undefined,
    @Ctx() ctx: GraphQLContext,
  ) {
    return this.service.summary(ctx.em, await this.service.productFor(ctx.em, productId, examId));
  }

  @Authorized(...STAFF)
  @Query(() => [PlacementVerdict], { description: 'Per worker: can it take a session of this product now, and if not, why (ADMIN, OPERATOR)' })
  async placementExplain(
    @Arg('productId', () => ID, { description: 'The product to place' }) productId: string,
    @Arg('examId', () => ID, { nullable: true, description: 'An exam of that product (BAD_USER_INPUT when it is of another product)' }) examId: string | undefined,
    @Ctx() ctx: GraphQLContext,
  ) {
    return this.service.explain(ctx.em, await this.service.productFor(ctx.em, productId, examId));
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Worker, { description: 'Add a worker by name and URL before its agent connects (ADMIN)' })
  preRegisterWorker(@Arg('input', () => PreRegisterWorkerInput, { description: 'The worker' }) input: PreRegisterWorkerInput, @Ctx() ctx: GraphQLContext) {
    return this.service.preRegister(ctx.em, ctx.viewer, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Worker, { description: 'Change a worker\'s name, URL, labels or session limit (ADMIN)' })
  updateWorker(
    @Arg('id', () => ID, { description: 'Worker id' }) id: string,
    @Arg('input', () => UpdateWorkerInput, { description: 'The changes' }) input: UpdateWorkerInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return this.service.update(ctx.em, ctx.viewer, id, input);
  }

  @Authorized(...STAFF)
  @Mutation(() => Worker, { description: 'Stop new sessions on a worker; it becomes DRAINED when no live session is left (ADMIN, OPERATOR)' })
  drainWorker(@Arg('id', () => ID, { description: 'Worker id' }) id: string, @Ctx() ctx: GraphQLContext) {
    return this.service.drain(ctx.em, ctx.viewer, id);
  }

  @Authorized(...STAFF)
  @Mutation(() => Worker, { description: 'Take a worker out of service; CONFLICT unless DRAINED or force (ADMIN, OPERATOR)' })
  disableWorker(
    @Arg('id', () => ID, { description: 'Worker id' }) id: string,
    @Arg('force', () => Boolean, { nullable: true, description: 'Disable even with live sessions' }) force: boolean | undefined,
    @Ctx() ctx: GraphQLContext,
  ) {
    return this.service.disable(ctx.em, ctx.viewer, id, force ?? false);
  }

  @Authorized(...STAFF)
  @Mutation(() => Worker, { description: 'Put a worker back into service, not draining (ADMIN, OPERATOR)' })
  enableWorker(@Arg('id', () => ID, { description: 'Worker id' }) id: string, @Ctx() ctx: GraphQLContext) {
    return this.service.enable(ctx.em, ctx.viewer, id);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Worker, { description: 'Revoke a worker\'s credential; its agent must register again (ADMIN)' })
  revokeWorkerCredential(@Arg('id', () => ID, { description: 'Worker id' }) id: string, @Ctx() ctx: GraphQLContext) {
    return this.service.revokeCredential(ctx.em, ctx.viewer, id);
  }

  @Authorized(...STAFF)
  @Subscription(() => WorkerHeartbeatEvent, { topics: Topic.WORKER_HEARTBEAT, description: 'Every heartbeat as it arrives (ADMIN, OPERATOR)' })
  workerHeartbeats(@Root() event: TopicPayloads[Topic.WORKER_HEARTBEAT]): WorkerHeartbeatEvent {
    return event;
  }

  @Authorized(...STAFF)
  @Subscription(() => Worker, { topics: Topic.WORKER_UPDATED, description: 'A worker after any change: registration, health, drain, disable (ADMIN, OPERATOR)' })
  workerUpdated(@Root() event: TopicPayloads[Topic.WORKER_UPDATED], @Ctx() ctx: GraphQLContext): Promise<Worker> {
    return this.service.get(ctx.em.fork(), event.workerId);
  }

  @Authorized(...STAFF)
  @Subscription(() => ClusterSummary, { topics: Topic.CLUSTER_SUMMARY_CHANGED, description: 'The cluster summary after any change that moves it (ADMIN, OPERATOR)' })
  async clusterSummaryUpdated(
    @Root() _event: TopicPayloads[Topic.CLUSTER_SUMMARY_CHANGED],
    @Arg('productId', () => ID, { nullable: true, description: 'Count only workers that can serve this product' }) productId: string | undefined,
    @Arg('examId', () => ID, { nullable: true, description: 'Count only workers that can serve this exam\'s product' }) examId: string | undefined,
    @Ctx() ctx: GraphQLContext,
  ) {
    const em = ctx.em.fork();
    return this.service.summary(em, await this.service.productFor(em, productId, examId));
  }
}
