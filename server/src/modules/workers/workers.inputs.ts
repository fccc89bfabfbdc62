import { Field, Float, ID, InputType, Int } from 'type-graphql';

/** A worker's resources; omitted profile values take the seed defaults 1 / 1024 / 1.5 / 2048. */
@InputType({ description: "A worker's resources and desktop profile" })
export class CapacityInput {
  @Field(() => Float, { description: 'CPUs of the machine (0.5 to 1024)' })
  cpus!: number;
  @Field(() => Int, { description: 'Memory of the machine in MiB (256 to 16,777,216)' })
  memoryMb!: number;
  @Field(() => Float, { nullable: true, description: 'CPUs kept for the host (WORKER_RESERVED_CPUS, default 1)' })
  reservedCpus?: number | null;
  @Field(() => Int, { nullable: true, description: 'Memory kept for the host in MiB (WORKER_RESERVED_MEMORY_MB, default 1024)' })
  reservedMemoryMb?: number | null;
  @Field(() => Float, { nullable: true, description: 'CPUs per desktop (EXAM_VM_CPUS, default 1.5)' })
  vmCpus?: number | null;
  @Field(() => Int, { nullable: true, description: 'Memory per desktop in MiB (EXAM_VM_MEMORY_MB, default 2048)' })
  vmMemoryMb?: number | null;
}

/** What a worker agent sends to join. */
@InputType({ description: 'What a worker agent sends to join the cluster' })
export class RegisterWorkerInput {
  @Field(() => String, { description: 'The cluster token (WORKER_CLUSTER_TOKEN)' })
  clusterToken!: string;
  @Field(() => String, { description: 'Unique worker code (WORKER_CODE): letters, digits, . _ -; 1 to 128 characters' })
  code!: string;
  @Field(() => String, { nullable: true, description: 'Friendly name (WORKER_NAME)' })
  name?: string | null;
  @Field(() => String, { description: "Where the worker's gateway listens (WORKER_API_BASE_URL)" })
  apiBaseUrl!: string;
  @Field(() => String, { nullable: true, description: 'Worker agent version' })
  version?: string | null;
  @Field(() => CapacityInput, { description: 'Resources and desktop profile' })
  capacity!: CapacityInput;
}

/** An admin adding a worker before it first connects. */
@InputType({ description: 'A worker known before its agent first connects' })
export class PreRegisterWorkerInput {
  @Field(() => String, { description: 'Friendly name' })
  name!: string;
  @Field(() => String, { description: "Where the worker's gateway listens" })
  apiBaseUrl!: string;
  @Field(() => String, { nullable: true, description: 'Worker code its agent will register with; derived from the name when omitted' })
  code?: string | null;
}

/** Admin changes to a worker; omitted fields stay as they are. */
@InputType({ description: 'Admin changes to a worker; omitted fields stay as they are' })
export class UpdateWorkerInput {
  @Field(() => String, { nullable: true, description: 'Friendly name' })
  name?: string | null;
  @Field(() => String, { nullable: true, description: "Where the worker's gateway listens" })
  apiBaseUrl?: string | null;
  @Field(() => Int, { nullable: true, description: 'Limit below the computed capacity; send clearMaxSessionsOverride to remove it' })
  maxSessionsOverride?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Remove the admin limit' })
  clearMaxSessionsOverride?: boolean | null;
  @Field(() => [String], { nullable: true, description: 'Free labels, up to 32 of up to 64 characters' })
  labels?: string[] | null;
}

/** Usage figures in a heartbeat. */
@InputType({ description: 'Usage figures in a heartbeat' })
export class UsageInput {
  @Field(() => Float, { nullable: true, description: 'CPU use in percent of the whole machine (0 to 100)' })
  cpuPercent?: number | null;
  @Field(() => Int, { nullable: true, description: 'Memory in use in MiB' })
  memoryUsedMb?: number | null;
}

/** Container engine status in a heartbeat. */
@InputType({ description: 'Container engine status; placement needs reachable: true as last reported' })
export class DriverStatusInput {
  @Field(() => Boolean, { description: 'The engine answered' })
  reachable!: boolean;
  @Field(() => String, { nullable: true, description: 'Engine version' })
  version?: string | null;
  @Field(() => String, { nullable: true, description: 'Why the engine could not be reached' })
  error?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'The machine can run KVM virtual machines (/dev/kvm present and usable); omitted = unknown, which placement treats as no KVM for WINDOWS',
  })
  kvm?: boolean | null;
}

/** One container in a heartbeat's inventory. */
@InputType({ description: 'A container the worker runs for the cluster (found by label)' })
export class ContainerReportInput {
  @Field(() => String, { description: 'Container name' })
  name!: string;
  @Field(() => ID, { nullable: true, description: 'Session id from the container labels' })
  sessionId?: string | null;
  @Field(() => String, { description: 'Engine state (running, exited, ...)' })
  state!: string;
  @Field(() => Int, {
    nullable: true,
    description: 'Host port the RDP desktop holds (from WORKER_RDP_PORT_RANGE), 1 to 65535; omitted for desktops without RDP',
  })
  rdpPort?: number | null;
}

/** A heartbeat; every part is optional, and omitted parts keep their last reported value. */
@InputType({ description: 'A heartbeat; omitted parts keep their last reported value' })
export class WorkerHeartbeatInput {
  @Field(() => UsageInput, { nullable: true, description: 'Usage figures' })
  usage?: UsageInput | null;
  @Field(() => DriverStatusInput, { nullable: true, description: 'Container engine status' })
  driver?: DriverStatusInput | null;
  @Field(() => [ContainerReportInput], { nullable: true, description: 'Containers the worker runs for the cluster (up to 1,000)' })
  inventory?: ContainerReportInput[] | null;
}
