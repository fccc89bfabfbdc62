import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { RegisterWorkerInput, WorkerHeartbeatInput } from './workers.inputs.js';
import { HeartbeatAck, WorkerRegistration } from './workers.types.js';
import type { WorkerAgentService } from './worker-agent.service.js';
import { WORKER_ROLE, type WorkerViewer } from '../../shared/viewer.js';
import type { GraphQLContext } from '../../graphql/context.js';

/** Mutations the worker agent calls. */
@Resolver()
export class WorkerAgentResolver {
  constructor(private readonly agent: WorkerAgentService) {}

  @Mutation(() => WorkerRegistration, {
    description:
      'Join the cluster with the cluster token; returns a per-worker credential (shown once). A code that already holds a credential re-joins only with it (Authorization: Bearer <credential>): CONFLICT otherwise, until an ADMIN revokes it',
  })
  registerWorker(
    @Arg('input', () => RegisterWorkerInput, { description: 'The worker and its resources' }) input: RegisterWorkerInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return this.agent.register(ctx.em, input, ctx.viewer);
  }

  @Authorized(WORKER_ROLE)
  @Mutation(() => HeartbeatAck, { description: 'Report liveness, usage, engine status and inventory (worker credential)' })
  workerHeartbeat(@Arg('input', () => WorkerHeartbeatInput, { description: 'The heartbeat' }) input: WorkerHeartbeatInput, @Ctx() ctx: GraphQLContext) {
    return this.agent.heartbeat(ctx.em, ctx.viewer as WorkerViewer, input);
  }
}
