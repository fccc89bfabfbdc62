import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { User } from '../users/user.entity.js';
import { AuthPayload } from './auth.types.js';
import type { AuthService } from './auth.service.js';
import type { GraphQLContext } from '../../graphql/context.js';

/** Login and the current person. */
@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Mutation(() => AuthPayload, { description: 'Exchange a username and password for a token; failed attempts are rate limited' })
  login(
    @Arg('username', () => String, { description: 'Login name' }) username: string,
    @Arg('password', () => String, { description: 'Password' }) password: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AuthPayload> {
    return this.auth.login(username, password, ctx.ip);
  }

  @Query(() => User, { nullable: true, description: 'The person the token belongs to; null without a token or for a worker' })
  async me(@Ctx() ctx: GraphQLContext): Promise<User | null> {
    if (ctx.viewer?.kind !== 'user') return null;
    return ctx.em.findOne(User, { id: ctx.viewer.id });
  }
}
