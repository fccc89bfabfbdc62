import { Field, InputType } from 'type-graphql';
import { Role } from '../../shared/role.js';

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
