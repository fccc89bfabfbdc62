import { Authorized, Ctx, Field, ID, Int, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { User } from '../users/user.entity.js';
import type { ProductAvailabilityFeed } from './product-availability.feed.js';
import { Topic, type TopicPayloads } from '../../graphql/pubsub.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { UnauthenticatedError } from '../../shared/domain-error.js';

/** Free slots of one active product. */
@ObjectType({ description: 'Free slots of one active product right now' })
export class ProductAvailability {
  @Field(() => ID, { description: 'The product' })
  productId!: string;
  @Field(() => Int, { description: 'Free slots on its eligible workers (0 = sold out)' })
  available!: number;
}

type BalanceEvent = TopicPayloads[Topic.SESSION_UPDATED] | TopicPayloads[Topic.BALANCE_CHANGED];

/** Whose balance an event may have moved: a session's owner (purchase, refund) or an adjusted user. */
function balanceOwner(event: BalanceEvent): string | null {
  return 'userId' in event ? event.userId : event.ownerId;
}

/** The storefront's live parts: availability per product and the viewer's balance. */
@Resolver()
export class StorefrontLiveResolver {
  constructor(private readonly feed: ProductAvailabilityFeed) {}

  @Authorized()
  @Subscription(() => [ProductAvailability], {
    topics: Topic.PRODUCT_AVAILABILITY,
    description:
      'Free slots per active product, sent when capacity changes (worker health, drain or status; a session taking or freeing a slot; a product edit), at most four times a second (every signed-in person)',
  })
  productAvailabilityUpdated(@Root() list: TopicPayloads[Topic.PRODUCT_AVAILABILITY]): ProductAvailability[] {
    this.feed.noteDemand();
    return list;
  }

  @Authorized()
  @Subscription(() => User, {
    topics: [Topic.BALANCE_CHANGED, Topic.SESSION_UPDATED],
    filter: ({ payload, context }: { payload: BalanceEvent; context: GraphQLContext }) =>
      context.viewer?.kind === 'user' && balanceOwner(payload) === context.viewer.id,
    description:
      'You, with your balance, after your ledger may have moved: a purchase, a refund, an admin adjustment (also sent when one of your desktops changes)',
  })
  async myBalanceUpdated(@Root() _event: BalanceEvent, @Ctx() ctx: GraphQLContext): Promise<User> {
    if (ctx.viewer?.kind !== 'user') throw new UnauthenticatedError();
    return ctx.em.fork().findOneOrFail(User, { id: ctx.viewer.id });
  }
}
