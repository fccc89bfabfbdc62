import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { ContainerReport, Worker } from './worker.entity.js';
import { HeartbeatSample } from './heartbeat-sample.entity.js';
import type { HeartbeatHistoryService } from './heartbeat-history.service.js';
import { PreRegisterWorkerInput, UpdateWorkerInput } from './workers.inputs.js';
import { WorkerHeartbeatEvent } from './workers.types.js';
import type { WorkersService } from './workers.service.js';
import { Role } from '../../shared/role.js';
import { hasRole, WALL_ROLE } from '../../shared/viewer.js';
import { Topic, type TopicPayloads } from '../../graphql/pubsub.js';
import type { GraphQLContext } from '../../graphql/context.js';

const STAFF = [Role.ADMIN, Role.OPERATOR];
/** The monitoring reads a wall display may make as well. */
const MONITORING = [Role.ADMIN, Role.OPERATOR, WALL_ROLE];

/** The fleet, as admins and operators see it. */
@Resolver(() => Worker)
export class WorkersResolver {
  constructor(
    private readonly service: WorkersService,
    private readonly history: HeartbeatHistoryService,
  ) {}

  @FieldResolver(() => [ContainerReport], { description: 'Containers reported in the last heartbeat (empty for a wall link: it sees no sessions)' })
  inventory(@Root() worker: Worker, @Ctx() ctx: GraphQLContext): ContainerReport[] {
    return ctx.viewer?.kind === 'wall' ? [] : worker.inventory;
  }

  @FieldResolver(() => Int, { description: 'Memory of the machine in MiB (capacity.memoryMb), beside memoryUsedMb for the fleet table' })
  memoryTotalMb(@Root() worker: Worker): number {
    return worker.capacity.memoryMb;
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'The container engine answered in the last heartbeat; null before any report' })
  engineReachable(@Root() worker: Worker): boolean | null {
    return worker.driver?.reachable ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Container engine version, last reported' })
  engineVersion(@Root() worker: Worker): string | null {
    return worker.driver?.version ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Why the container engine could not be reached, last reported' })
  engineError(@Root() worker: Worker): string | null {
    return worker.driver?.error ?? null;
  }

  @Authorized(...MONITORING)
  @Query(() => [HeartbeatSample], {
    description: "One worker's per-minute heartbeat history, oldest first, at most 10,080 minutes (the newest when more match) (ADMIN, OPERATOR, WALL)",
  })
  workerHeartbeatHistory(
    @Arg('workerId', () => ID, { description: 'The worker' }) workerId: string,
    @Arg('since', () => Date, { nullable: true, description: 'From this time (default: 24 hours before until)' }) since: Date | undefined,
    @Arg('until', () => Date, { nullable: true, description: 'Up to this time (default: now)' }) until: Date | undefined,
    @Ctx() ctx: GraphQLContext,
  ): Promise<HeartbeatSample[]> {
    return this.history.history(ctx.em, workerId, since ?? null, until ?? null);
  }

  @FieldResolver(() => String, { nullable: true, description: "Where the worker's gateway listens; ADMIN only (null for everyone else)" })
  apiBaseUrl(@Root() worker: Worker, @Ctx() ctx: GraphQLContext): string | null {
    return hasRole(ctx.viewer, Role.ADMIN) ? (worker.apiBaseUrl ?? null) : null;
  }

  @Authorized(...MONITORING)
  @Query(() => [Worker], { description: 'Every worker with health, load and free slots (ADMIN, OPERATOR, WALL)' })
  workers(@Ctx() ctx: GraphQLContext): Promise<Worker[]> {
    return this.service.list(ctx.em);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Worker, { description: 'Add a worker by name and URL before its agent connects (ADMIN)' })
  preRegisterWorker(@Arg('input', () => PreRegisterWorkerInput, { description: 'The worker' }) input: PreRegisterWorkerInput, @Ctx() ctx: GraphQLContext) {
    return this.service.preRegister(ctx.em, ctx.viewer, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Worker, { description: "Change a worker's name, URL, labels or session limit (ADMIN)" })
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
  @Mutation(() => Worker, { description: "Revoke a worker's credential; its agent must register again (ADMIN)" })
  revokeWorkerCredential(@Arg('id', () => ID, { description: 'Worker id' }) id: string, @Ctx() ctx: GraphQLContext) {
    return this.service.revokeCredential(ctx.em, ctx.viewer, id);
  }

  @Authorized(...MONITORING)
  @Subscription(() => WorkerHeartbeatEvent, { topics: Topic.WORKER_HEARTBEAT, description: 'Every heartbeat as it arrives (ADMIN, OPERATOR, WALL)' })
  workerHeartbeats(@Root() event: TopicPayloads[Topic.WORKER_HEARTBEAT]): WorkerHeartbeatEvent {
    return event;
  }

  @Authorized(...MONITORING)
  @Subscription(() => Worker, {
    topics: Topic.WORKER_UPDATED,
    description: 'A worker after any change: registration, health, drain, disable (ADMIN, OPERATOR, WALL)',
  })
  workerUpdated(@Root() event: TopicPayloads[Topic.WORKER_UPDATED], @Ctx() ctx: GraphQLContext): Promise<Worker> {
    return this.service.get(ctx.em.fork(), event.workerId);
  }
}
