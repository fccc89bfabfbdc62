import { Field, InputType } from 'type-graphql';

/** A worker's acknowledgement of a command. */
@InputType({ description: 'How a command ended on the worker' })
export class CommandResultInput {
  @Field(() => Boolean, { description: 'It worked (for stop: the container is gone, including "was never there")' })
  ok!: boolean;
  @Field(() => String, { nullable: true, description: 'Why it failed, in words an operator can act on' })
  error?: string | null;
}

/** Registry login for a worker (a registry login and token). */
@InputType({ description: 'Registry login a worker uses to pull product images' })
export class RegistryAuthInput {
  @Field(() => String, { description: 'Registry host, like registry.school.internal' })
  serverAddress!: string;
  @Field(() => String, { description: 'Registry user' })
  username!: string;
  @Field(() => String, { description: 'Registry password or token; stored encrypted, sent only with create commands' })
  password!: string;
}
