/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** A worker's resources and desktop profile */
export type CapacityInput = {
  /** CPUs of the machine (0.5 to 1024) */
  cpus: number;
  /** Memory of the machine in MiB (256 to 16,777,216) */
  memoryMb: number;
  /** CPUs kept for the host (WORKER_RESERVED_CPUS, default 1) */
  reservedCpus?: number | null | undefined;
  /** Memory kept for the host in MiB (WORKER_RESERVED_MEMORY_MB, default 1024) */
  reservedMemoryMb?: number | null | undefined;
  /** CPUs per desktop (EXAM_VM_CPUS, default 1.5) */
  vmCpus?: number | null | undefined;
  /** Memory per desktop in MiB (EXAM_VM_MEMORY_MB, default 2048) */
  vmMemoryMb?: number | null | undefined;
};

/** How a command ended on the worker */
export type CommandResultInput = {
  /** Why it failed, in words an operator can act on */
  error?: string | null | undefined;
  /** It worked (for stop: the container is gone, including "was never there") */
  ok: boolean;
};

/** How to reach a desktop, as the worker reports it */
export type ConnectionInput = {
  /** Host to connect to */
  host?: string | null | undefined;
  /** Login password; stored encrypted */
  password?: string | null | undefined;
  /** Port to connect to */
  port?: number | null | undefined;
  /** vnc, rdp, ssh or test */
  protocol: string;
  /** Login name */
  username?: string | null | undefined;
};

/** A container the worker runs for the cluster (found by label) */
export type ContainerReportInput = {
  /** Container name */
  name: string;
  /** Host port the RDP desktop holds (from WORKER_RDP_PORT_RANGE), 1 to 65535; omitted for desktops without RDP */
  rdpPort?: number | null | undefined;
  /** Session id from the container labels */
  sessionId?: string | number | null | undefined;
  /** Engine state (running, exited, ...) */
  state: string;
};

/** Maintenance state of a worker */
export type DrainStatus =
  /** No live session left; safe to disable */
  | 'DRAINED'
  /** Takes no new sessions; waits for live ones to end */
  | 'DRAINING'
  /** Takes new sessions */
  | 'NONE';

/** Container engine status; placement needs reachable: true as last reported */
export type DriverStatusInput = {
  /** Why the engine could not be reached */
  error?: string | null | undefined;
  /** The machine can run KVM virtual machines (/dev/kvm present and usable); omitted = unknown, which placement treats as no KVM for WINDOWS */
  kvm?: boolean | null | undefined;
  /** The engine answered */
  reachable: boolean;
  /** Engine version */
  version?: string | null | undefined;
};

/** What a worker agent sends to join the cluster */
export type RegisterWorkerInput = {
  /** Where the worker's gateway listens (WORKER_API_BASE_URL) */
  apiBaseUrl: string;
  /** Resources and desktop profile */
  capacity: CapacityInput;
  /** The cluster token (WORKER_CLUSTER_TOKEN) */
  clusterToken: string;
  /** Unique worker code (WORKER_CODE): letters, digits, . _ -; 1 to 128 characters */
  code: string;
  /** Friendly name (WORKER_NAME) */
  name?: string | null | undefined;
  /** Worker agent version */
  version?: string | null | undefined;
};

/** A worker's report on one of its sessions */
export type ReportSessionInput = {
  /** How to connect, once known */
  connection?: ConnectionInput | null | undefined;
  /** Why it failed */
  error?: string | null | undefined;
  /** The session */
  sessionId: string | number;
  /** Its state now (through the state machine) */
  state: SessionState;
  /** Container name (workerRoute) */
  workerRoute?: string | null | undefined;
};

/** Life cycle of a desktop */
export type SessionState =
  /** Stopped on request; the slot is free */
  | 'DELETED'
  /** Its product duration ran out; the slot is free */
  | 'EXPIRED'
  /** Provisioning or the worker failed; see failureReason; the slot is free */
  | 'FAILED'
  /** Accepted; a worker slot is held, the create command is queued */
  | 'PENDING'
  /** The worker is creating the container */
  | 'PROVISIONING'
  /** Running; connection details are available to the owner */
  | 'READY'
  /** The worker is stopping and removing the container */
  | 'STOPPING'
  /** Prewarmed and waiting for a candidate (no owner yet) */
  | 'WARM';

/** Usage figures in a heartbeat */
export type UsageInput = {
  /** CPU use in percent of the whole machine (0 to 100) */
  cpuPercent?: number | null | undefined;
  /** Memory in use in MiB */
  memoryUsedMb?: number | null | undefined;
};

/** What a worker is asked to do */
export type WorkerCommandKind =
  /** Create (or adopt) the container of a session and report it READY */
  | 'CREATE_SESSION'
  /** Stop and remove a labelled container the control plane does not know (an orphan) */
  | 'STOP_CONTAINER'
  /** Stop and remove the container of a session; missing is success */
  | 'STOP_SESSION';

/** A heartbeat; omitted parts keep their last reported value */
export type WorkerHeartbeatInput = {
  /** Container engine status */
  driver?: DriverStatusInput | null | undefined;
  /** Containers the worker runs for the cluster (up to 1,000) */
  inventory?: Array<ContainerReportInput> | null | undefined;
  /** Usage figures */
  usage?: UsageInput | null | undefined;
};

/** Whether a worker may be used at all */
export type WorkerStatus =
  /** In service */
  | 'ACTIVE'
  /** Out of service; takes no sessions */
  | 'DISABLED';

export type RegisterWorkerMutationVariables = Exact<{
  input: RegisterWorkerInput;
}>;


export type RegisterWorkerMutation = { registerWorker: { credential: string, worker: { id: string, code: string, maxSessions: number } } };

export type WorkerHeartbeatMutationVariables = Exact<{
  input: WorkerHeartbeatInput;
}>;


export type WorkerHeartbeatMutation = { workerHeartbeat: { status: WorkerStatus, drainStatus: DrainStatus, serverTime: string } };

export type WorkerCommandsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type WorkerCommandsSubscription = { workerCommands: { id: string, kind: WorkerCommandKind, sessionId: string | null, payload: Record<string, unknown>, attempts: number } };

export type CompleteWorkerCommandMutationVariables = Exact<{
  id: string | number;
  input: CommandResultInput;
}>;


export type CompleteWorkerCommandMutation = { completeWorkerCommand: boolean };

export type ReportSessionMutationVariables = Exact<{
  input: ReportSessionInput;
}>;


export type ReportSessionMutation = { reportSession: boolean };

export type AppendSessionLogMutationVariables = Exact<{
  sessionId: string | number;
  lines: Array<string> | string;
}>;


export type AppendSessionLogMutation = { appendSessionLog: boolean };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const RegisterWorkerDocument = new TypedDocumentString(`
    mutation RegisterWorker($input: RegisterWorkerInput!) {
  registerWorker(input: $input) {
    credential
    worker {
      id
      code
      maxSessions
    }
  }
}
    `) as unknown as TypedDocumentString<RegisterWorkerMutation, RegisterWorkerMutationVariables>;
export const WorkerHeartbeatDocument = new TypedDocumentString(`
    mutation WorkerHeartbeat($input: WorkerHeartbeatInput!) {
  workerHeartbeat(input: $input) {
    status
    drainStatus
    serverTime
  }
}
    `) as unknown as TypedDocumentString<WorkerHeartbeatMutation, WorkerHeartbeatMutationVariables>;
export const WorkerCommandsDocument = new TypedDocumentString(`
    subscription WorkerCommands {
  workerCommands {
    id
    kind
    sessionId
    payload
    attempts
  }
}
    `) as unknown as TypedDocumentString<WorkerCommandsSubscription, WorkerCommandsSubscriptionVariables>;
export const CompleteWorkerCommandDocument = new TypedDocumentString(`
    mutation CompleteWorkerCommand($id: ID!, $input: CommandResultInput!) {
  completeWorkerCommand(id: $id, input: $input)
}
    `) as unknown as TypedDocumentString<CompleteWorkerCommandMutation, CompleteWorkerCommandMutationVariables>;
export const ReportSessionDocument = new TypedDocumentString(`
    mutation ReportSession($input: ReportSessionInput!) {
  reportSession(input: $input)
}
    `) as unknown as TypedDocumentString<ReportSessionMutation, ReportSessionMutationVariables>;
export const AppendSessionLogDocument = new TypedDocumentString(`
    mutation AppendSessionLog($sessionId: ID!, $lines: [String!]!) {
  appendSessionLog(sessionId: $sessionId, lines: $lines)
}
    `) as unknown as TypedDocumentString<AppendSessionLogMutation, AppendSessionLogMutationVariables>;