import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { WallLink } from './wall-link.entity.js';
import { WallLinkCreated } from './wall.types.js';
import type { WallLinksService } from './wall-links.service.js';
import { Role } from '../../shared/role.js';
import type { GraphQLContext } from '../../graphql/context.js';

/** Read-only credentials for wall displays. */
@Resolver(() => WallLink)
export class WallResolver {
  constructor(private readonly service: WallLinksService) {}

  @Authorized(Role.ADMIN)
  @Mutation(() => WallLinkCreated, { description: 'Create a read-only wall link for a TV; its secret is returned once (ADMIN)' })
  createWallLink(
    @Arg('name', () => String, { description: 'Where the TV hangs, 1 to 128 characters' }) name: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<WallLinkCreated> {
    return this.service.create(ctx.em, ctx.viewer, name);
  }

  @Authorized(Role.ADMIN)
  @Query(() => [WallLink], { description: 'Every wall link, newest first, revoked ones included (ADMIN)' })
  wallLinks(@Ctx() ctx: GraphQLContext): Promise<WallLink[]> {
    return this.service.list(ctx.em);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => WallLink, { description: 'Revoke a wall link: refused at once, its open subscriptions closed (ADMIN)' })
  revokeWallLink(@Arg('id', () => ID, { description: 'Wall link id' }) id: string, @Ctx() ctx: GraphQLContext): Promise<WallLink> {
    return this.service.revoke(ctx.em, ctx.viewer, id);
  }
}
