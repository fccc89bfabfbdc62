import { Field, ObjectType } from 'type-graphql';
import { User } from './user.entity.js';
import { Connection } from '../../shared/pagination.js';

/** A page of users. */
export const UserConnection = Connection('User', User);
export type UserConnection = InstanceType<typeof UserConnection>;

/** The answer to resetUserPassword. */
@ObjectType({ description: 'A password an admin reset: the new one is shown once, and the person must change it at next use' })
export class PasswordReset {
  @Field(() => User, { description: 'The account (mustChangePassword is now true)' })
  user!: User;
  @Field(() => String, { description: 'The generated password; shown once, never stored in clear' })
  password!: string;
}
