import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Worker } from './worker.entity.js';

/** What a worker is asked to do. */
export enum WorkerCommandKind {
  CREATE_SESSION = 'CREATE_SESSION',
  STOP_SESSION = 'STOP_SESSION',
  STOP_CONTAINER = 'STOP_CONTAINER',
}

/** Delivery state of a command; unacknowledged ones are delivered again. */
export enum WorkerCommandState {
  QUEUED = 'QUEUED',
  DELIVERED = 'DELIVERED',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

registerEnumType(WorkerCommandKind, {
  name: 'WorkerCommandKind',
  description: 'What a worker is asked to do',
  valuesConfig: {
    CREATE_SESSION: { description: 'Create (or adopt) the container of a session and report it READY' },
    STOP_SESSION: { description: 'Stop and remove the container of a session; missing is success' },
    STOP_CONTAINER: { description: 'Stop and remove a labelled container the control plane does not know (an orphan)' },
  },
});
registerEnumType(WorkerCommandState, {
  name: 'WorkerCommandState',
  description: 'Delivery state of a command',
  valuesConfig: {
    QUEUED: { description: 'Written, not yet sent' },
    DELIVERED: { description: 'Sent; sent again on every reconnect until acknowledged' },
    SUCCEEDED: { description: 'The worker reported success' },
    FAILED: { description: 'The worker reported failure' },
  },
});

/** One command in the durable queue of a worker. */
@ObjectType({ description: 'A command for a worker, delivered over workerCommands until acknowledged' })
@Entity({ tableName: 'worker_commands' })
@Index({ properties: ['worker', 'state'] })
export class WorkerCommand {
  [OptionalProps]?: 'state' | 'attempts' | 'createdAt';

  @Field(() => ID, { description: 'Stable id; acknowledge with completeWorkerCommand' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Worker, { deleteRule: 'cascade' })
  worker!: Worker;

  @Field(() => ID, { nullable: true, description: 'The session it is about' })
  @Property({ type: 'uuid', nullable: true })
  sessionId?: string | null;

  @Field(() => WorkerCommandKind, { description: 'What to do' })
  @Enum({ items: () => WorkerCommandKind, type: 'string' })
  kind!: WorkerCommandKind;

  @Field(() => GraphQLJSONObject, { description: 'Everything the worker needs to do it' })
  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Field(() => WorkerCommandState, { description: 'Delivery state' })
  @Enum({ items: () => WorkerCommandState, type: 'string', default: WorkerCommandState.QUEUED })
  state: WorkerCommandState = WorkerCommandState.QUEUED;

  @Field(() => Int, { description: 'How many times it was sent' })
  @Property({ type: 'integer', default: 0 })
  attempts: number = 0;

  @Property({ type: 'text', nullable: true })
  error?: string | null;

  @Field(() => Date, { description: 'When it was queued' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  deliveredAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  completedAt?: Date | null;
}
