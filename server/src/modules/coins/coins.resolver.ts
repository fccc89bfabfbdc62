import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { User } from '../users/user.entity.js';
import { Role } from '../../shared/role.js';
import { hasRole } from '../../shared/viewer.js';
import { CoinLedgerEntry } from './coin-ledger-entry.entity.js';
import { AdjustCoinsInput } from './coins.inputs.js';
import { CoinLedgerConnection } from './coins.types.js';
import type { CoinsService } from './coins.service.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { Topic, type AppPubSub } from '../../graphql/pubsub.js';
import { pageComplexity } from '../../graphql/query-limits.js';

/** Balances and the ledger (admin coin management). */
@Resolver(() => CoinLedgerEntry)
export class CoinsResolver {
  constructor(
    private readonly coins: CoinsService,
    private readonly pubsub?: AppPubSub,
  ) {}

  @FieldResolver(() => User, {
    nullable: true,
    description: 'The admin who made this entry (ADMIN only; null for purchases and refunds, and for everyone else: see actorUsername)',
  })
  async actor(@Root() entry: CoinLedgerEntry, @Ctx() ctx: GraphQLContext): Promise<User | null> {
    if (!entry.actor || !hasRole(ctx.viewer, Role.ADMIN)) return null;
    return ctx.em.findOne(User, { id: entry.actor.id });
  }

  @FieldResolver(() => String, { nullable: true, description: 'Username of the admin who made this entry; null for purchases and refunds' })
  async actorUsername(@Root() entry: CoinLedgerEntry, @Ctx() ctx: GraphQLContext): Promise<string | null> {
    if (!entry.actor) return null;
    return (await ctx.em.findOne(User, { id: entry.actor.id }, { fields: ['username'] }))?.username ?? null;
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => CoinLedgerEntry, {
    description: 'Add, subtract or set a balance with a reason (ADMIN); SUB below zero is INSUFFICIENT_COINS and writes nothing',
  })
  async adjustCoins(
    @Arg('input', () => AdjustCoinsInput, { description: 'The change' }) input: AdjustCoinsInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<CoinLedgerEntry> {
    const entry = await this.coins.adjust(ctx.em, ctx.viewer, input);
    // After the commit: myBalanceUpdated re-reads the balance.
    this.pubsub?.publish(Topic.BALANCE_CHANGED, { userId: entry.user.id });
    return entry;
  }

  @Authorized()
  @Query(() => CoinLedgerConnection, { complexity: pageComplexity, description: "Ledger entries newest first: your own, or any user's for an ADMIN" })
  coinLedger(
    @Arg('userId', () => ID, { nullable: true, description: 'Whose ledger; yours when omitted' }) userId: string | undefined,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 200 (default 50)' }) first: number | undefined,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after' }) after: string | undefined,
    @Ctx() ctx: GraphQLContext,
  ) {
    return this.coins.ledger(ctx.em, ctx.viewer, userId ?? undefined, first ?? undefined, after ?? undefined);
  }
}
