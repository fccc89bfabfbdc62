import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property, OptionalProps } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';

/** Who did an audited action, as the audit log shows it. */
@ObjectType({ description: 'Who did an audited action' })
export class AuditActor {
  @Field(() => ID, { nullable: true, description: "The person's id; null for a worker, a wall link or the system" })
  id?: string | null;
  @Field(() => String, { description: 'Username at the time (or worker:<code>, wall:<name>, anonymous for the system)' })
  username!: string;
}

/** One admin or operator action: who did what to which object, with its data. Append-only. */
@ObjectType('AuditLogEntry', { description: 'One admin or operator action: who did what to which object' })
@Entity({ tableName: 'audit_log' })
@Index({ properties: ['targetType', 'targetId'] })
@Index({ properties: ['createdAt'] })
@Index({ properties: ['actorId', 'createdAt'] })
export class AuditLog {
  [OptionalProps]?: 'createdAt' | 'actor';

  @Field(() => ID, { description: 'Stable id' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid', nullable: true })
  actorId?: string | null;

  @Property({ type: 'string', length: 128 })
  actorLabel!: string;

  @Field(() => String, { description: 'What was done, as domain.verb (user.create, worker.drain, wallLink.revoke, ...)' })
  @Property({ type: 'string', length: 64 })
  action!: string;

  @Field(() => String, { description: 'Kind of object acted on (user, worker, product, exam, session, wallLink, ...)' })
  @Property({ type: 'string', length: 32 })
  targetType!: string;

  @Field(() => String, { nullable: true, description: 'Id of the object acted on' })
  @Property({ type: 'string', length: 64, nullable: true })
  targetId?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'What the action changed or carried (never secrets)' })
  @Property({ type: 'json', nullable: true })
  data?: Record<string, unknown> | null;

  @Field(() => Date, { description: 'When it was done' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  /** Who did it, from the id and label written at the time. */
  @Field(() => AuditActor, { description: 'Who did it' })
  get actor(): AuditActor {
    return { id: this.actorId ?? null, username: this.actorLabel };
  }
}
