import { Check, Entity, ManyToOne, PrimaryKey } from '@mikro-orm/core';
import { Worker } from '../workers/worker.entity.js';

/**
 * One slot of a worker: a worker has exactly `maxSessions` of these, and a live session holds one
 * (sessions.slot_no, unique among live sessions). Over-commit is impossible in the database.
 */
@Entity({ tableName: 'worker_slots' })
@Check({ name: 'worker_slots_slot_no_check', expression: 'slot_no >= 0' })
export class WorkerSlot {
  @ManyToOne(() => Worker, { primary: true, deleteRule: 'cascade' })
  worker!: Worker;

  @PrimaryKey({ type: 'integer' })
  slotNo!: number;
}
