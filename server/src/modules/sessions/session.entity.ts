import { randomUUID } from 'node:crypto';
import { Check, Entity, Index, ManyToOne, PrimaryKey, Property, Unique, OptionalProps, Enum } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { User } from '../users/user.entity.js';
import { Product } from '../products/product.entity.js';
import { Worker } from '../workers/worker.entity.js';
import { SessionState } from './session-state.js';

/**
 * What a session knows of its exam: the row it points at (by the entity's name, `Exam`), read for
 * its id and code. The exams module builds on sessions, so sessions do not import the exam class.
 */
export interface ExamOfSession {
  id: string;
  code: string;
}

/**
 * How to reach a desktop; shown to its owner and to admins only. GraphQL type `Connection` (its
 * name in the schema); `DesktopConnection` here, apart from the pages of results (`shared/pagination`).
 */
@ObjectType('Connection', { description: 'How to reach a desktop; visible to its owner and admins only' })
export class DesktopConnection {
  @Field(() => String, { description: 'vnc, rdp, ssh or test' })
  protocol!: string;
  @Field(() => String, { nullable: true, description: 'Host to connect to' })
  host?: string | null;
  @Field(() => Int, { nullable: true, description: 'Port to connect to' })
  port?: number | null;
  @Field(() => String, { nullable: true, description: 'Login name' })
  username?: string | null;
  @Field(() => String, { nullable: true, description: 'Login password' })
  password?: string | null;
}

/** A desktop: one container on one worker, owned by a user or a candidate (none while warm). */
@ObjectType({ description: 'A desktop on a worker' })
@Entity({ tableName: 'sessions' })
@Index({ properties: ['worker', 'state'] })
@Index({ properties: ['owner', 'createdAt'] })
@Index({ properties: ['exam', 'state'] })
@Index({
  name: 'sessions_warm_pool_index',
  expression: `create index "sessions_warm_pool_index" on "sessions" ("product_id", "created_at") where "state" = 'WARM' and "owner_id" is null`,
})
@Unique({ properties: ['owner', 'idempotencyKey'] })
@Unique({
  name: 'sessions_live_slot_unique',
  expression: 'create unique index "sessions_live_slot_unique" on "sessions" ("worker_id", "slot_no") where "slot_no" is not null',
})
@Check({
  name: 'sessions_slot_held_check',
  expression: "((state = ANY (ARRAY['DELETED'::text, 'FAILED'::text, 'EXPIRED'::text])) = (slot_no IS NULL)) OR (worker_id IS NULL)",
})
export class Session {
  [OptionalProps]?: 'state' | 'createdAt' | 'updatedAt' | 'failedWorkerIds';

  @Field(() => ID, { description: 'Stable id' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { nullable: true, deleteRule: 'restrict' })
  owner?: User | null;

  @Field(() => Product, { description: 'What was bought or handed out' })
  @ManyToOne(() => Product, { deleteRule: 'restrict' })
  product!: Product;

  @ManyToOne(() => Worker, { nullable: true, deleteRule: 'restrict' })
  worker?: Worker | null;

  /** The exam this desktop belongs to (null for VPS purchases and product-wide warm desktops). */
  @ManyToOne('Exam', { nullable: true, deleteRule: 'restrict' })
  exam?: ExamOfSession | null;

  /** Set while something needs an operator's eye, e.g. `WORKER_STALE: …` when its worker stopped heartbeating. */
  @Field(() => String, {
    nullable: true,
    description: 'Why operators should look at this session now (e.g. WORKER_STALE: its worker stopped heartbeating); null when all is well',
  })
  @Property({ type: 'text', nullable: true })
  attention?: string | null;

  @Field(() => SessionState, { description: 'Where the desktop is in its life cycle' })
  @Enum({ items: () => SessionState, type: 'string', length: 16, default: SessionState.PENDING })
  state: SessionState = SessionState.PENDING;

  /** Workers that already failed to create this session; a retry goes elsewhere. */
  @Property({ type: 'json', default: '[]' })
  failedWorkerIds: string[] = [];

  /** The worker slot this live session holds (worker_slots); null once it has ended. */
  @Property({ type: 'integer', nullable: true })
  slotNo?: number | null;

  @Field(() => String, { nullable: true, description: 'Container name on the worker (like quack_xxxxx)' })
  @Property({ type: 'string', length: 128, nullable: true })
  workerRoute?: string | null;

  @Property({ type: 'string', length: 16, nullable: true })
  connectionProtocol?: string | null;

  @Property({ type: 'string', length: 255, nullable: true })
  connectionHost?: string | null;

  @Property({ type: 'integer', nullable: true })
  connectionPort?: number | null;

  @Property({ type: 'string', length: 128, nullable: true })
  connectionUsername?: string | null;

  /** AES-GCM ciphertext; never stored in clear. */
  @Property({ type: 'text', nullable: true, hidden: true })
  connectionPasswordEnc?: string | null;

  @Field(() => String, { nullable: true, description: 'Why the session failed' })
  @Property({ type: 'text', nullable: true })
  failureReason?: string | null;

  @Property({ type: 'string', length: 128, nullable: true })
  idempotencyKey?: string | null;

  @Field(() => Date, { description: 'When the session was requested' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => Date, { description: 'When the session last changed' })
  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field(() => Date, { nullable: true, description: 'When the desktop became READY' })
  @Property({ type: 'datetime', nullable: true })
  readyAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the desktop expires (timed products)' })
  @Property({ type: 'datetime', nullable: true })
  expiresAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the session reached DELETED, FAILED or EXPIRED' })
  @Property({ type: 'datetime', nullable: true })
  endedAt?: Date | null;
}
