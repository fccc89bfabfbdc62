import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { DesktopAccess } from './display.types.js';
import type { DisplayService } from './display.service.js';
import type { GraphQLContext } from '../../graphql/context.js';

/** The desktop in the browser. */
@Resolver()
export class DisplayResolver {
  constructor(private readonly service: DisplayService) {}

  @Authorized()
  @Mutation(() => DesktopAccess, {
    description:
      'A one-time, 60-second WebSocket URL for the in-browser viewer of a READY desktop: its owner or an ADMIN (NOT_FOUND for anyone else, CONFLICT when not ready)',
  })
  desktopAccess(@Arg('sessionId', () => ID, { description: 'The session' }) sessionId: string, @Ctx() ctx: GraphQLContext): Promise<DesktopAccess> {
    return this.service.access(ctx.em, ctx.viewer, sessionId);
  }
}
