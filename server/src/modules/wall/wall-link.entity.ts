import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property, OptionalProps } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * A read-only credential for a wall display (a TV): it may read the monitoring streams and
 * nothing else. Only the SHA-256 of its secret is stored; revoking it refuses it at once.
 */
@ObjectType({ description: 'A revocable read-only credential for a wall display' })
@Entity({ tableName: 'wall_links' })
export class WallLink {
  [OptionalProps]?: 'createdAt' | 'revokedAt';

  @Field(() => ID, { description: 'Stable id' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'What the admin called it (where the TV hangs)' })
  @Property({ type: 'string', length: 128 })
  name!: string;

  @Property({ type: 'string', length: 64, unique: true, hidden: true })
  secretHash!: string;

  @Field(() => ID, { nullable: true, description: 'Id of the admin who created it' })
  @Property({ type: 'uuid', nullable: true })
  createdById?: string | null;

  @Field(() => Date, { description: 'When it was created' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true, description: 'When it was revoked; null while it works' })
  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;
}
