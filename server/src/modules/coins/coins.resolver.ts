import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '../users/user.entity.js';
import { CoinLedgerEntry } from './coin-ledger-entry.entity.js';
import { AdjustCoinsInput, CoinLedgerConnection } from './coins.inputs.js';
import type { CoinsService } from './coins.service.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { pageComplexity } from '../../graphql/query-limits.js';

/** Balances and the ledger (seed 004 "Admin Coin Management"). */
@Resolver(() => CoinLedgerEntry)
export class CoinsResolver {
  constructor(private readonly coins: CoinsService) {}

  @Authorized(Role.ADMIN)
  @Mutation(() => CoinLedgerEntry, { description: 'Add, subtract or set a balance with a reason (ADMIN); SUB below zero is INSUFFICIENT_COINS and writes nothing' })
  adjustCoins(@Arg('input', () => AdjustCoinsInput, { description: 'The change' }) input: AdjustCoinsInput, @Ctx() ctx: GraphQLContext): Promise<CoinLedgerEntry> {
    return this.coins.adjust(ctx.em, ctx.viewer, input);
  }

  @Authorized()
  @Query(() => CoinLedgerConnection, { complexity: pageComplexity, description: 'Ledger entries newest first: your own, or any user\'s for an ADMIN' })
  coinLedger(
    @Arg('userId', () => ID, { nullable: true, description: 'Whose ledger; yours when omitted' }) userId: string | undefined,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 200 (default 50)' }) first: number | undefined,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after' }) after: string | undefined,
    @Ctx() ctx: GraphQLContext,
  ) {
    return this.coins.ledger(ctx.em, ctx.viewer, userId ?? undefined, first ?? undefined, after ?? undefined);
  }
}
