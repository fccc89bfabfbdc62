import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { ReconcileReport } from './reconcile.types.js';
import type { ReconcileService } from './reconcile.service.js';
import { Role } from '../../shared/role.js';
import type { GraphQLContext } from '../../graphql/context.js';

/** "Reconcile now": the database against the workers' inventories. */
@Resolver()
export class ReconcileResolver {
  constructor(private readonly service: ReconcileService) {}

  @Authorized(Role.ADMIN, Role.OPERATOR)
  @Mutation(() => ReconcileReport, {
    description:
      "Compare the database with every worker's reported containers: orphan containers, sessions whose container is gone, stuck sessions, warm pools below target, stale workers. dryRun lists; otherwise each is fixed (ADMIN, OPERATOR)",
  })
  reconcileNow(
    @Arg('dryRun', () => Boolean, { nullable: true, description: 'List only, change nothing (default false)' }) dryRun: boolean | undefined,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ReconcileReport> {
    return this.service.reconcile(ctx.viewer, dryRun ?? false);
  }
}
