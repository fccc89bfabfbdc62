import { Ctx, FieldResolver, Int, Resolver } from 'type-graphql';
import { ClusterSummary } from '../placement/placement.types.js';
import { SessionState } from '../sessions/session-state.js';
import type { GraphQLContext } from '../../graphql/context.js';

/** Figures of the cluster summary that the wall's alert strip needs beside capacity. */
@Resolver(() => ClusterSummary)
export class ClusterSummaryResolver {
  @FieldResolver(() => Int, { description: "Desktops that ended FAILED within the last hour (the wall's failed-desktop alert)" })
  async failedSessionsLastHour(@Ctx() ctx: GraphQLContext): Promise<number> {
    const [row] = await ctx.em
      .fork()
      .execute<{ n: string }[]>(`select count(*) as n from sessions where state = ? and ended_at > now() - interval '1 hour'`, [SessionState.FAILED]);
    return Number(row?.n ?? 0);
  }
}
