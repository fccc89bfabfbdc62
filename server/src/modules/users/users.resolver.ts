import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { User } from './user.entity.js';
import { Role } from '../../shared/role.js';
import { CreateUserInput } from './users.inputs.js';
import { PasswordReset, UserConnection } from './users.types.js';
import type { PasswordsService } from './passwords.service.js';
import type { UsersService } from './users.service.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { pageComplexity } from '../../graphql/query-limits.js';

/** Accounts. */
@Resolver(() => User)
export class UsersResolver {
  constructor(
    private readonly service: UsersService,
    private readonly passwords: PasswordsService,
  ) {}

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      'Change your own password: WRONG_PASSWORD when the current one does not match, BAD_USER_INPUT (with the rule) when the new one is weak. Clears mustChangePassword',
  })
  changeMyPassword(
    @Arg('currentPassword', () => String, { description: 'Your password now' }) currentPassword: string,
    @Arg('newPassword', () => String, { description: 'The new password: 8 to 256 characters, not your username, not the current one' }) newPassword: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<boolean> {
    return this.passwords.changeMine(ctx.em, ctx.viewer, currentPassword, newPassword);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => PasswordReset, { description: 'Give a person a new generated password, returned once; they must change it at next use (ADMIN)' })
  resetUserPassword(@Arg('userId', () => ID, { description: 'The account' }) userId: string, @Ctx() ctx: GraphQLContext): Promise<PasswordReset> {
    return this.passwords.reset(ctx.em, ctx.viewer, userId);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => User, {
    description: 'Disable or enable an account; a disabled person cannot log in, their tokens stop working and their live connections close (ADMIN)',
  })
  setUserDisabled(
    @Arg('userId', () => ID, { description: 'The account' }) userId: string,
    @Arg('disabled', () => Boolean, { description: 'true to disable, false to enable' }) disabled: boolean,
    @Ctx() ctx: GraphQLContext,
  ): Promise<User> {
    return this.passwords.setDisabled(ctx.em, ctx.viewer, userId, disabled);
  }

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
