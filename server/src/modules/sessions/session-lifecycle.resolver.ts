import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver, Root, Subscription, UseMiddleware } from 'type-graphql';
import { Session } from './session.entity.js';
import { ReportSessionInput } from './sessions.inputs.js';
import type { SessionProvisioningService } from './session-provisioning.service.js';
import type { SessionLogsService } from './session-logs.service.js';
import { Role } from '../../shared/role.js';
import { WORKER_ROLE, type WorkerViewer } from '../../shared/viewer.js';
import { Topic, type TopicPayloads } from '../../graphql/pubsub.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { RefusalAudience } from '../placement/refusal-audience.middleware.js';

/** Buying, deleting and following a desktop; the worker's reports and log lines. */
@Resolver(() => Session)
export class SessionLifecycleResolver {
  constructor(
    private readonly provisioning: SessionProvisioningService,
    private readonly logs: SessionLogsService,
  ) {}

  @Authorized()
  @UseMiddleware(RefusalAudience)
  @Mutation(() => Session, {
    description:
      'Buy a desktop of a product: debits its price and creates the session on the least-loaded eligible worker; returns at once (PENDING). The same key returns the same session; with another product, CONFLICT',
  })
  purchaseAndCreate(
    @Arg('productId', () => ID, { description: 'What to buy' }) productId: string,
    @Arg('idempotencyKey', () => String, { description: 'Makes retries safe: one debit and one session per key' }) idempotencyKey: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Session> {
    return this.provisioning.purchaseAndCreate(() => ctx.em, ctx.viewer, productId, idempotencyKey);
  }

  @Authorized()
  @Mutation(() => Session, { description: "Stop and remove your desktop (ADMIN: anyone's); STOPPING until the worker confirms, then DELETED" })
  deleteSession(@Arg('id', () => ID, { description: 'Session id' }) id: string, @Ctx() ctx: GraphQLContext): Promise<Session> {
    return this.provisioning.delete(ctx.em, ctx.viewer, id);
  }

  @Authorized()
  @Query(() => String, { name: 'sessionLog', description: 'The whole kept log, credentials included: owner or ADMIN only' })
  sessionLogText(@Arg('id', () => ID, { description: 'Session id' }) id: string, @Ctx() ctx: GraphQLContext): Promise<string> {
    return this.logs.read(ctx.em, ctx.viewer, id);
  }

  @Authorized()
  @Subscription(() => [String], {
    name: 'sessionLog',
    topics: Topic.SESSION_LOG,
    description: 'New log lines as they arrive: owner or ADMIN only',
    filter: ({ payload, args, context }: { payload: TopicPayloads[Topic.SESSION_LOG]; args: { id: string }; context: GraphQLContext }) =>
      payload.sessionId === args.id && context.viewer?.kind === 'user' && (payload.ownerId === context.viewer.id || context.viewer.role === Role.ADMIN),
  })
  async sessionLogLines(@Root() event: TopicPayloads[Topic.SESSION_LOG], @Arg('id', () => ID, { description: 'Session id' }) _id: string): Promise<string[]> {
    return event.lines;
  }

  @Authorized(WORKER_ROLE)
  @Mutation(() => Boolean, { description: "Report a session's state, container name, connection or failure (worker credential; its own sessions only)" })
  async reportSession(
    @Arg('input', () => ReportSessionInput, { description: 'The report' }) input: ReportSessionInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<boolean> {
    await this.provisioning.report(ctx.em, ctx.viewer as WorkerViewer, input);
    return true;
  }

  @Authorized(WORKER_ROLE)
  @Mutation(() => Boolean, { description: "Append lines to a session's log, up to 500 per call (worker credential; its own sessions only)" })
  async appendSessionLog(
    @Arg('sessionId', () => ID, { description: 'Session id' }) sessionId: string,
    @Arg('lines', () => [String], { description: 'Lines, oldest first' }) lines: string[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<boolean> {
    await this.logs.append(ctx.em, ctx.viewer as WorkerViewer, sessionId, lines);
    return true;
  }
}
