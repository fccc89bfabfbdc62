import { Entity, Index, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

/**
 * One worker's heartbeats within one minute, summed: the history chart and the export after an
 * exam read these instead of every heartbeat. Sums and counts are stored (not averages) so that
 * several flushes, on several replicas, can add to the same minute.
 */
@ObjectType({ description: "A worker's heartbeats within one minute, downsampled" })
@Entity({ tableName: 'heartbeat_samples' })
@Index({ properties: ['bucket'] })
export class HeartbeatSample {
  [PrimaryKeyProp]?: ['workerId', 'bucket'];

  @Field(() => ID, { description: 'The worker' })
  @PrimaryKey({ type: 'uuid' })
  workerId!: string;

  @Field(() => Date, { description: 'Start of the minute these heartbeats arrived in' })
  @PrimaryKey({ type: 'datetime' })
  bucket!: Date;

  @Field(() => Int, { description: 'Heartbeats received in this minute' })
  @Property({ type: 'integer' })
  heartbeats!: number;

  @Property({ type: 'double', nullable: true, hidden: true })
  cpuSum?: number | null;

  @Property({ type: 'integer', default: 0, hidden: true })
  cpuCount!: number;

  @Field(() => Float, { nullable: true, description: 'Highest CPU use in percent reported in this minute' })
  @Property({ type: 'double', nullable: true })
  cpuMaxPercent?: number | null;

  @Property({ type: 'double', nullable: true, hidden: true })
  memorySum?: number | null;

  @Property({ type: 'integer', default: 0, hidden: true })
  memoryCount!: number;

  @Field(() => Int, { nullable: true, description: 'Highest memory in use in MiB reported in this minute' })
  @Property({ type: 'integer', nullable: true })
  memoryMaxMb?: number | null;

  @Field(() => Int, { nullable: true, description: 'Memory of the machine in MiB' })
  @Property({ type: 'integer', nullable: true })
  memoryTotalMb?: number | null;

  @Field(() => Int, { description: "Sessions holding a slot on the worker at the minute's last heartbeat" })
  @Property({ type: 'integer' })
  liveSessions!: number;

  @Field(() => Int, { description: "The worker's maxSessions at the minute's last heartbeat" })
  @Property({ type: 'integer' })
  maxSessions!: number;

  /** Average of the reported CPU figures; null when none was reported. */
  @Field(() => Float, { nullable: true, description: 'Average CPU use in percent over the heartbeats of this minute that reported it' })
  get cpuAvgPercent(): number | null {
    return this.cpuCount > 0 && this.cpuSum != null ? this.cpuSum / this.cpuCount : null;
  }

  /** Average of the reported memory figures; null when none was reported. */
  @Field(() => Int, { nullable: true, description: 'Average memory in use in MiB over the heartbeats of this minute that reported it' })
  get memoryAvgMb(): number | null {
    return this.memoryCount > 0 && this.memorySum != null ? Math.round(this.memorySum / this.memoryCount) : null;
  }
}
