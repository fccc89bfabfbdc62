import { Field, ObjectType } from 'type-graphql';
import { User } from '../users/user.entity.js';

/** What a successful login returns. */
@ObjectType({ description: 'A successful login' })
export class AuthPayload {
  @Field(() => String, { description: 'Send as "Authorization: Bearer <token>" (HTTP) or connectionParams.authorization (WebSocket)' })
  token!: string;
  @Field(() => Date, { description: 'When the token stops working (JWT_TTL_SEC after login)' })
  expiresAt!: Date;
  @Field(() => User, { description: 'Who logged in' })
  user!: User;
}
