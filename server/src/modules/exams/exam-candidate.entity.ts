import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Exam } from './exam.entity.js';
import { User } from '../users/user.entity.js';
import { Worker } from '../workers/worker.entity.js';

/**
 * A candidate on an exam's roster, with where they last sat: a candidate who comes back within
 * WORKER_STICKY_EXAM_TTL_SEC is placed on the same worker first.
 */
@Entity({ tableName: 'exam_candidates' })
@Unique({ properties: ['exam', 'user'] })
export class ExamCandidate {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Exam, { deleteRule: 'cascade' })
  exam!: Exam;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: User;

  @ManyToOne(() => Worker, { nullable: true, deleteRule: 'set null' })
  stickyWorker?: Worker | null;

  @Property({ type: 'datetime', nullable: true })
  stickyUntil?: Date | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
