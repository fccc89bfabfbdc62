import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import { DesktopConnection, Session } from './session.entity.js';
import { SessionState } from './session-state.js';
import { SessionConnection } from './sessions.types.js';
import type { SessionsService } from './sessions.service.js';
import { Role } from '../../shared/role.js';
import { isStaff } from '../../shared/viewer.js';
import { Topic, type TopicPayloads } from '../../graphql/pubsub.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { pageComplexity } from '../../graphql/query-limits.js';

@ArgsType()
class SessionsArgs {
  @Field(() => SessionState, { nullable: true, description: 'Only sessions in this state' })
  state?: SessionState;
  @Field(() => ID, { nullable: true, description: 'Only sessions on this worker' })
  workerId?: string;
  @Field(() => ID, { nullable: true, description: 'Only sessions of this exam' })
  examId?: string;
  @Field(() => Boolean, { nullable: true, description: "Only sessions that need an operator's eye (attention set), e.g. on a stale worker" })
  flagged?: boolean;
  @Field(() => Int, { nullable: true, description: 'Page size, 1 to 200 (default 50)' })
  first?: number;
  @Field(() => String, { nullable: true, description: 'Cursor to continue after' })
  after?: string;
}

/** Desktops: the owner's view and the staff's view. */
@Resolver(() => Session)
export class SessionsResolver {
  constructor(private readonly service: SessionsService) {}

  @FieldResolver(() => DesktopConnection, { nullable: true, description: 'How to connect; only for the owner and admins, once known' })
  connection(@Root() session: Session, @Ctx() ctx: GraphQLContext): DesktopConnection | null {
    return this.service.connectionFor(ctx.viewer, session);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'Id of the person the desktop belongs to; null while warm' })
  ownerId(@Root() session: Session): string | null {
    return session.owner?.id ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Username of the person the desktop belongs to; null while warm' })
  ownerUsername(@Root() session: Session): string | null {
    return session.owner?.username ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Code of the worker running it (ADMIN, OPERATOR; null for everyone else and before placement)' })
  workerCode(@Root() session: Session, @Ctx() ctx: GraphQLContext): string | null {
    return isStaff(ctx.viewer) ? (session.worker?.code ?? null) : null;
  }

  @FieldResolver(() => ID, { nullable: true, description: 'Id of the worker running it (ADMIN, OPERATOR; null for everyone else and before placement)' })
  workerId(@Root() session: Session, @Ctx() ctx: GraphQLContext): string | null {
    return isStaff(ctx.viewer) ? (session.worker?.id ?? null) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Code of the exam it belongs to; null for a bought desktop' })
  examCode(@Root() session: Session): string | null {
    return session.exam?.code ?? null;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Coins given back after this desktop failed (a REFUND ledger entry); owner and ADMIN only, null otherwise or when nothing was refunded',
  })
  refundedCoins(@Root() session: Session, @Ctx() ctx: GraphQLContext): Promise<number | null> {
    // A fork: in a subscription the context (and its identity map) lives as long as the socket.
    return this.service.refundedCoins(ctx.em.fork(), ctx.viewer, session);
  }

  @Authorized()
  @Query(() => [Session], { description: 'Your own sessions, newest first' })
  mySessions(@Ctx() ctx: GraphQLContext): Promise<Session[]> {
    return this.service.mine(ctx.em, ctx.viewer);
  }

  @Authorized()
  @Query(() => Session, { nullable: true, description: 'One session: your own, or any for ADMIN and OPERATOR; NOT_FOUND otherwise' })
  session(@Arg('id', () => ID, { description: 'Session id' }) id: string, @Ctx() ctx: GraphQLContext): Promise<Session> {
    return this.service.get(ctx.em, ctx.viewer, id);
  }

  @Authorized(Role.ADMIN, Role.OPERATOR)
  @Query(() => SessionConnection, { complexity: pageComplexity, description: 'Every session, filtered, newest first (ADMIN, OPERATOR)' })
  sessions(@Args(() => SessionsArgs) args: SessionsArgs, @Ctx() ctx: GraphQLContext) {
    return this.service.list(
      ctx.em,
      { state: args.state ?? undefined, workerId: args.workerId ?? undefined, examId: args.examId ?? undefined, flagged: args.flagged ?? undefined },
      args.first ?? undefined,
      args.after ?? undefined,
    );
  }

  @Authorized()
  @Subscription(() => Session, {
    topics: Topic.SESSION_UPDATED,
    description: 'Session changes: your own; all for ADMIN and OPERATOR; one session when id is given',
    filter: ({ payload, args, context }: { payload: TopicPayloads[Topic.SESSION_UPDATED]; args: { id?: string | null }; context: GraphQLContext }) =>
      (!args.id || args.id === payload.sessionId) && sessionsVisible(context, payload),
  })
  sessionUpdated(
    @Root() event: TopicPayloads[Topic.SESSION_UPDATED],
    @Arg('id', () => ID, { nullable: true, description: 'Only this session' }) _id: string | undefined,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Session> {
    return this.service.get(ctx.em.fork(), ctx.viewer, event.sessionId);
  }
}

function sessionsVisible(ctx: GraphQLContext, payload: TopicPayloads[Topic.SESSION_UPDATED]): boolean {
  const v = ctx.viewer;
  if (v?.kind !== 'user') return false;
  return v.role === Role.ADMIN || v.role === Role.OPERATOR || payload.ownerId === v.id;
}
