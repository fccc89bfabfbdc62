import { Field, InputType, ObjectType } from 'type-graphql';
import { User } from './user.entity.js';
import { Role } from '../../shared/role.js';
import { Connection } from '../../shared/pagination.js';

/** A new account. */
@InputType({ description: 'A new account' })
export class CreateUserInput {
  @Field(() => String, { description: 'Unique login name: letters, digits, dot, dash, underscore, @; 1 to 64 characters' })
  username!: string;
  @Field(() => String, { description: 'Password, 8 to 256 characters' })
  password!: string;
  @Field(() => Role, { description: 'What the person may do' })
  role!: Role;
}

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
