import { Field, ObjectType } from 'type-graphql';
import { WallLink } from './wall-link.entity.js';

/** A new wall link with its secret, shown once. */
@ObjectType({ description: 'A new wall link and its secret; the secret is shown once and only its hash is kept' })
export class WallLinkCreated {
  @Field(() => WallLink, { description: 'The link' })
  link!: WallLink;
  @Field(() => String, { description: 'The secret: the TV opens /wall?key=<secret> and sends it as "Authorization: Bearer <secret>"' })
  secret!: string;
  @Field(() => String, { description: 'The path to open on the TV, secret included (/wall?key=...)' })
  path!: string;
}
