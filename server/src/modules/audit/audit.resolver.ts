import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { AuditLog } from './audit-log.entity.js';
import { AuditLogConnection, type AuditLogService } from './audit-log.service.js';
import { Role } from '../../shared/role.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { pageComplexity } from '../../graphql/query-limits.js';

/** The audit log: every admin and operator action. */
@Resolver(() => AuditLog)
export class AuditResolver {
  constructor(private readonly service: AuditLogService) {}

  @Authorized(Role.ADMIN)
  @Query(() => AuditLogConnection, { complexity: pageComplexity, description: 'Admin and operator actions, newest first, filtered (ADMIN)' })
  auditLog(
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 200 (default 50)' }) first: number | undefined,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after' }) after: string | undefined,
    @Arg('actorId', () => ID, { nullable: true, description: 'Only actions of this person' }) actorId: string | undefined,
    @Arg('action', () => String, { nullable: true, description: 'Only this action (e.g. worker.drain)' }) action: string | undefined,
    @Arg('since', () => Date, { nullable: true, description: 'Only actions at or after this time' }) since: Date | undefined,
    @Arg('until', () => Date, { nullable: true, description: 'Only actions at or before this time' }) until: Date | undefined,
    @Ctx() ctx: GraphQLContext,
  ) {
    return this.service.list(
      ctx.em,
      { actorId: actorId ?? undefined, action: action ?? undefined, since: since ?? undefined, until: until ?? undefined },
      first ?? undefined,
      after ?? undefined,
    );
  }
}
