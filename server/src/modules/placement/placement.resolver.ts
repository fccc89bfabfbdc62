import { Arg, Authorized, Ctx, ID, Query, Resolver, Root, Subscription } from 'type-graphql';
import { ClusterSummary, PlacementVerdict } from './placement.types.js';
import type { CapacityService } from './capacity.service.js';
import { Role } from '../../shared/role.js';
import { WALL_ROLE } from '../../shared/viewer.js';
import { Topic, type TopicPayloads } from '../../graphql/pubsub.js';
import type { GraphQLContext } from '../../graphql/context.js';

const STAFF = [Role.ADMIN, Role.OPERATOR];
/** The monitoring reads a wall display may make as well. */
const MONITORING = [Role.ADMIN, Role.OPERATOR, WALL_ROLE];

/** What the fleet can take: the cluster summary, live, and per worker why it cannot take a product. */
@Resolver()
export class PlacementResolver {
  constructor(private readonly service: CapacityService) {}

  @Authorized(...MONITORING)
  @Query(() => ClusterSummary, { description: "Capacity totals and worker counts, for one product's workers when given (ADMIN, OPERATOR, WALL)" })
  async clusterSummary(
    @Arg('productId', () => ID, { nullable: true, description: 'Count only workers that can serve this product' }) productId: string | undefined,
    @Arg('examId', () => ID, { nullable: true, description: "Count only workers that can serve this exam's product" }) examId: string | undefined,
    @Ctx() ctx: GraphQLContext,
  ) {
    return this.service.summary(ctx.em, await this.service.productFor(ctx.em, productId, examId));
  }

  @Authorized(...STAFF)
  @Query(() => [PlacementVerdict], { description: 'Per worker: can it take a session of this product now, and if not, why (ADMIN, OPERATOR)' })
  async placementExplain(
    @Arg('productId', () => ID, { description: 'The product to place' }) productId: string,
    @Arg('examId', () => ID, { nullable: true, description: 'An exam of that product (BAD_USER_INPUT when it is of another product)' }) examId:
      | string
      | undefined,
    @Ctx() ctx: GraphQLContext,
  ) {
    return this.service.explain(ctx.em, await this.service.productFor(ctx.em, productId, examId));
  }

  @Authorized(...MONITORING)
  @Subscription(() => ClusterSummary, {
    topics: Topic.CLUSTER_SUMMARY_CHANGED,
    description: 'The cluster summary after any change that moves it (ADMIN, OPERATOR, WALL)',
  })
  async clusterSummaryUpdated(
    @Root() _event: TopicPayloads[Topic.CLUSTER_SUMMARY_CHANGED],
    @Arg('productId', () => ID, { nullable: true, description: 'Count only workers that can serve this product' }) productId: string | undefined,
    @Arg('examId', () => ID, { nullable: true, description: "Count only workers that can serve this exam's product" }) examId: string | undefined,
    @Ctx() ctx: GraphQLContext,
  ) {
    const em = ctx.em.fork();
    return this.service.summary(em, await this.service.productFor(em, productId, examId));
  }
}
