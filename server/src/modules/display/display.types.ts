import { Field, ID, ObjectType } from 'type-graphql';

/** What the in-browser viewer needs to open a desktop. */
@ObjectType({ description: 'What the in-browser viewer (noVNC) needs to open a desktop: a one-time WebSocket URL on this server, valid briefly' })
export class DesktopAccess {
  @Field(() => ID, { description: 'The session' })
  sessionId!: string;
  @Field(() => String, { description: 'WebSocket path on this server, with a one-time ticket: open it as ws(s)://<this host><url> within expiresAt' })
  url!: string;
  @Field(() => Date, { description: 'When the ticket stops working (60 s)' })
  expiresAt!: Date;
  @Field(() => String, { nullable: true, description: "The desktop's VNC password (owner and ADMIN only, like the connection details)" })
  password!: string | null;
}
