import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { DesktopAccess } from './display.types.js';
import type { DisplayService } from './display.service.js';
import { Session } from '../sessions/session.entity.js';
import type { GraphQLContext } from '../../graphql/context.js';

/** `Session.desktop`: the viewer's way in, carried by the answers that show a desktop READY. */
@Resolver(() => Session)
export class SessionDesktopResolver {
  constructor(private readonly service: DisplayService) {}

  @Authorized()
  @FieldResolver(() => DesktopAccess, {
    nullable: true,
    description:
      "What the in-browser viewer needs, as desktopAccess gives it (a fresh one-time ticket each time it is asked): for the session's owner while it is READY with a display; null otherwise, and for anyone else (an ADMIN asks desktopAccess). Asked with joinExam or sessionUpdated, it opens the viewer without another request.",
  })
  desktop(@Root() session: Session, @Ctx() ctx: GraphQLContext): Promise<DesktopAccess | null> {
    return this.service.accessTo(ctx.viewer, session);
  }
}
