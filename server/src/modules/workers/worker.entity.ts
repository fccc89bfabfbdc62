import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property, OptionalProps, Check, Enum } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

/** Whether a worker may be used at all. */
export enum WorkerStatus {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}

/** Maintenance state: draining workers take no new sessions. */
export enum DrainStatus {
  NONE = 'NONE',
  DRAINING = 'DRAINING',
  DRAINED = 'DRAINED',
}

/** Derived from the age of the last heartbeat against `WORKER_HEARTBEAT_TTL_SEC`. */
export enum WorkerHealth {
  HEALTHY = 'HEALTHY',
  STALE = 'STALE',
}

registerEnumType(WorkerStatus, {
  name: 'WorkerStatus',
  description: 'Whether a worker may be used at all',
  valuesConfig: {
    ACTIVE: { description: 'In service' },
    DISABLED: { description: 'Out of service; takes no sessions' },
  },
});
registerEnumType(DrainStatus, {
  name: 'DrainStatus',
  description: 'Maintenance state of a worker',
  valuesConfig: {
    NONE: { description: 'Takes new sessions' },
    DRAINING: { description: 'Takes no new sessions; waits for live ones to end' },
    DRAINED: { description: 'No live session left; safe to disable' },
  },
});
registerEnumType(WorkerHealth, {
  name: 'WorkerHealth',
  description: 'Heartbeat health',
  valuesConfig: {
    HEALTHY: { description: 'Heartbeat younger than WORKER_HEARTBEAT_TTL_SEC' },
    STALE: { description: 'No heartbeat within WORKER_HEARTBEAT_TTL_SEC (or never)' },
  },
});

/** A worker's resources and the per-desktop profile used to derive `maxSessions`. */
@ObjectType({ description: 'Resources of a worker and the desktop profile its capacity is computed with' })
export class WorkerCapacity {
  @Field(() => Float, { description: 'CPUs of the machine' })
  cpus!: number;
  @Field(() => Int, { description: 'Memory of the machine in MiB' })
  memoryMb!: number;
  @Field(() => Float, { description: 'CPUs kept for the host (WORKER_RESERVED_CPUS)' })
  reservedCpus!: number;
  @Field(() => Int, { description: 'Memory kept for the host in MiB (WORKER_RESERVED_MEMORY_MB)' })
  reservedMemoryMb!: number;
  @Field(() => Float, { description: 'CPUs per desktop (EXAM_VM_CPUS)' })
  vmCpus!: number;
  @Field(() => Int, { description: 'Memory per desktop in MiB (EXAM_VM_MEMORY_MB)' })
  vmMemoryMb!: number;
}

/** What the container engine on the worker said in the last heartbeat. */
@ObjectType({ description: 'Container engine status as last reported by the worker' })
export class DriverStatus {
  @Field(() => Boolean, { description: 'The engine answered' })
  reachable!: boolean;
  @Field(() => String, { nullable: true, description: 'Engine version' })
  version?: string | null;
  @Field(() => String, { nullable: true, description: 'Why the engine could not be reached' })
  error?: string | null;
}

/** One container the worker reported in its inventory. */
@ObjectType({ description: 'A container the worker reported in its last heartbeat' })
export class ContainerReport {
  @Field(() => String, { description: "Container name (the session's workerRoute)" })
  name!: string;
  @Field(() => ID, { nullable: true, description: 'Session the container belongs to, from its labels' })
  sessionId?: string | null;
  @Field(() => String, { description: 'Engine state (running, exited, ...)' })
  state!: string;
  @Field(() => Int, { nullable: true, description: 'Host port an RDP desktop holds (from WORKER_RDP_PORT_RANGE); null for desktops without RDP' })
  rdpPort?: number | null;
}

/** A machine that runs desktops. */
@ObjectType({ description: 'A machine that runs desktops' })
@Entity({ tableName: 'workers' })
@Check({ name: 'workers_max_sessions_check', expression: 'max_sessions >= 0 and coalesce(max_sessions_override, 0) >= 0' })
export class Worker {
  [OptionalProps]?:
    | 'status'
    | 'drainStatus'
    | 'labels'
    | 'inventory'
    | 'createdAt'
    | 'updatedAt'
    | 'health'
    | 'activeSessions'
    | 'slotsAvailable'
    | 'liveSessions';

  @Field(() => ID, { description: 'Stable id' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Unique code (WORKER_CODE)' })
  @Property({ type: 'string', length: 128, unique: true })
  code!: string;

  @Field(() => String, { nullable: true, description: 'Friendly name (WORKER_NAME)' })
  @Property({ type: 'string', length: 128, nullable: true })
  name?: string | null;

  /** Exposed through a field resolver that returns it to admins only. */
  @Property({ type: 'text', nullable: true })
  apiBaseUrl?: string | null;

  @Field(() => WorkerStatus, { description: 'Whether the worker may be used at all' })
  @Enum({ items: () => WorkerStatus, type: 'string', length: 16, default: WorkerStatus.ACTIVE })
  status: WorkerStatus = WorkerStatus.ACTIVE;

  @Field(() => DrainStatus, { description: 'Maintenance state' })
  @Enum({ items: () => DrainStatus, type: 'string', length: 16, default: DrainStatus.NONE })
  drainStatus: DrainStatus = DrainStatus.NONE;

  @Field(() => WorkerCapacity, { description: 'Resources and desktop profile' })
  @Property({ type: 'json' })
  capacity!: WorkerCapacity;

  @Field(() => Int, { nullable: true, description: 'Admin limit below the computed capacity' })
  @Property({ type: 'integer', nullable: true })
  maxSessionsOverride?: number | null;

  @Field(() => Int, { description: 'Desktops this worker may run at once: the capacity formula, lowered by the admin override' })
  @Property({ type: 'integer' })
  maxSessions!: number;

  /**
   * Slots held now, kept by a trigger on sessions (placement orders by it without counting).
   * Never set by the application (left undefined on create; unchanged ones are not written).
   */
  @Property({ type: 'integer', default: 0, hidden: true })
  liveSessions?: number;

  @Field(() => Date, { nullable: true, description: 'When the last heartbeat arrived' })
  @Property({ type: 'datetime', nullable: true })
  lastHeartbeatAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Worker agent version' })
  @Property({ type: 'string', length: 64, nullable: true })
  version?: string | null;

  @Property({ type: 'string', length: 64, nullable: true, unique: true, hidden: true })
  credentialHash?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the current credential was issued' })
  @Property({ type: 'datetime', nullable: true })
  credentialIssuedAt?: Date | null;

  @Field(() => [String], { description: 'Free labels (zone, rack, GPU, ...)' })
  @Property({ type: 'json' })
  labels: string[] = [];

  @Field(() => DriverStatus, { nullable: true, description: 'Container engine status as last reported' })
  @Property({ type: 'json', nullable: true })
  driver?: DriverStatus | null;

  /** Null until a heartbeat says (unknown counts as no KVM for placement). */
  @Field(() => Boolean, {
    nullable: true,
    description:
      'The worker can run KVM virtual machines (/dev/kvm usable), as last reported; null = never reported. WINDOWS products run only where this is true',
  })
  @Property({ type: 'boolean', nullable: true })
  kvm?: boolean | null;

  @Field(() => Float, { nullable: true, description: 'CPU use in percent, last reported' })
  @Property({ type: 'double', nullable: true })
  cpuPercent?: number | null;

  @Field(() => Int, { nullable: true, description: 'Memory in use in MiB, last reported' })
  @Property({ type: 'integer', nullable: true })
  memoryUsedMb?: number | null;

  @Field(() => [ContainerReport], { description: 'Containers reported in the last heartbeat' })
  @Property({ type: 'json' })
  inventory: ContainerReport[] = [];

  /** Registry login for pulling images (a registry login and token); the password is sealed. */
  @Property({ type: 'json', nullable: true, hidden: true })
  registryAuth?: { serverAddress: string; username: string; passwordEnc: string } | null;

  @Field(() => Date, { description: 'When the worker was first known' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => Date, { description: 'When the worker record last changed' })
  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  /** Derived by the service at read time; not stored. */
  @Field(() => WorkerHealth, { description: 'HEALTHY when the last heartbeat is younger than WORKER_HEARTBEAT_TTL_SEC' })
  health: WorkerHealth = WorkerHealth.STALE;

  /** Derived by the service at read time; not stored. */
  @Field(() => Int, { description: 'Sessions holding a slot on this worker (PENDING until DELETED, FAILED or EXPIRED)' })
  activeSessions: number = 0;

  /** Derived by the service at read time; not stored. */
  @Field(() => Int, { description: 'maxSessions minus activeSessions, never below zero' })
  slotsAvailable: number = 0;
}
