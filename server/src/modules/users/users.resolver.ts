import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Role, User } from './user.entity.js';
import { CreateUserInput, UserConnection } from './users.inputs.js';
import type { UsersService } from './users.service.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { pageComplexity } from '../../graphql/query-limits.js';

/** Accounts. */
@Resolver(() => User)
export class UsersResolver {
  constructor(private readonly service: UsersService) {}

  @Authorized(Role.ADMIN)
  @Mutation(() => User, { description: 'Create an account (ADMIN)' })
  createUser(@Arg('input', () => CreateUserInput, { description: 'The new account' }) input: CreateUserInput, @Ctx() ctx: GraphQLContext): Promise<User> {
    return this.service.create(ctx.em, ctx.viewer, input);
  }

  @Authorized(Role.ADMIN, Role.OPERATOR)
  @Query(() => UserConnection, { complexity: pageComplexity, description: 'Accounts ordered by username (ADMIN, OPERATOR)' })
  users(
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 200 (default 50)' }) first: number | undefined,
    @Arg('after', () => String, { nullable: true, description: 'Cursor to continue after' }) after: string | undefined,
    @Arg('search', () => String, { nullable: true, description: 'Case-insensitive part of the username' }) search: string | undefined,
    @Ctx() ctx: GraphQLContext,
  ) {
    return this.service.list(ctx.em, first ?? undefined, after ?? undefined, search ?? undefined);
  }
}
