import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DrainStatus, Worker, WorkerStatus } from './worker.entity.js';

/** The answer to registerWorker. */
@ObjectType({ description: 'A registered worker and its new credential' })
export class WorkerRegistration {
  @Field(() => Worker, { description: 'The worker record' })
  worker!: Worker;
  @Field(() => String, { description: 'Per-worker credential, shown once; only its hash is stored. Send as "Authorization: Bearer <credential>"' })
  credential!: string;
}

/** The answer to a heartbeat. */
@ObjectType({ description: 'What the control plane answers a heartbeat with' })
export class HeartbeatAck {
  @Field(() => Date, { description: 'Server time, to spot clock skew' })
  serverTime!: Date;
  @Field(() => WorkerStatus, { description: 'Whether the worker is in service' })
  status!: WorkerStatus;
  @Field(() => DrainStatus, { description: 'Maintenance state' })
  drainStatus!: DrainStatus;
}

/** A heartbeat as the wall display sees it. */
@ObjectType({ description: 'A heartbeat as it arrived' })
export class WorkerHeartbeatEvent {
  @Field(() => ID, { description: 'Worker id' })
  workerId!: string;
  @Field(() => String, { description: 'Worker code' })
  code!: string;
  @Field(() => Date, { description: 'When it arrived' })
  receivedAt!: Date;
  @Field(() => Float, { nullable: true, description: 'CPU use in percent' })
  cpuPercent?: number | null;
  @Field(() => Int, { nullable: true, description: 'Memory in use in MiB' })
  memoryUsedMb?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Container engine reachable, if reported' })
  driverReachable?: boolean | null;
  @Field(() => Int, { description: 'Containers in the inventory' })
  containers!: number;
}
