/**
 * The worker protocol's commands, typed once for both ends: the control plane builds these
 * payloads (`server/src/modules/sessions`, `workers`) and the worker agent checks every command
 * it receives with {@link parseWorkerCommand} before acting on it (`worker/src/commands.ts`).
 *
 * GraphQL carries a command as `WorkerCommand { id kind sessionId attempts payload: JSONObject }`;
 * this file says what `payload` holds for each `kind`. It depends on nothing, so the worker can
 * import it without importing the server.
 */

/** What a product provisions (the GraphQL enum `ProvisionAction`). */
export type ProvisionActionName = 'LINUX' | 'WINDOWS' | 'TEST';

/** Which Linux desktop a LINUX product gives (the GraphQL enum `LinuxDesktop`): the exam kiosk, or a VPS desktop with RDP. */
export type LinuxDesktopName = 'KIOSK' | 'DESKTOP';

/** A product's egress rules (the GraphQL type `NetworkPolicy`). */
export interface NetworkPolicyPayload {
  restrictInternet: boolean;
  allowedDomains?: string[];
  allowedCidrs?: string[];
  allowedIps?: string[];
  originIp?: string | null;
  strict?: boolean;
}

/** A registry login, added to create commands on their way out (never stored in the queue). */
export interface RegistryAuthPayload {
  serverAddress: string;
  username: string;
  password: string;
}

/** CREATE_SESSION: create (or adopt) the container of a session and report it READY. */
export interface CreateSessionPayload {
  sessionId: string;
  provisionAction: ProvisionActionName;
  image: string | null;
  cpus: number;
  memoryMb: number;
  shmMb: number;
  browserUrl: string | null;
  username: string;
  network?: NetworkPolicyPayload | null;
  registryAuth?: RegistryAuthPayload | null;
  /** LINUX only: KIOSK (the exam kiosk; the default when absent) or DESKTOP (the VPS desktop image, RDP + VNC). */
  linuxDesktop?: LinuxDesktopName | null;
  /** The session user may use sudo (VPS desktops only; absent = no). */
  allowSudo?: boolean | null;
  /** How long the desktop may take to become ready, in seconds; absent = the worker's default for its kind. */
  startTimeoutSec?: number | null;
}

/** STOP_SESSION: stop and remove a session's container; a missing one is success. */
export interface StopSessionPayload {
  sessionId: string;
  /** The container name the worker reported; null when it never reported one. */
  workerRoute: string | null;
}

/** STOP_CONTAINER: remove a labelled container the control plane does not know (reconcile's orphans). */
export interface StopContainerPayload {
  name: string;
  sessionId: string | null;
}

/** The payload of each command kind. */
export interface WorkerCommandPayloads {
  CREATE_SESSION: CreateSessionPayload;
  STOP_SESSION: StopSessionPayload;
  STOP_CONTAINER: StopContainerPayload;
}

/** A command kind (the GraphQL enum `WorkerCommandKind`). */
export type WorkerCommandKindName = keyof WorkerCommandPayloads;

/** One command as the worker receives it, discriminated by `kind`. */
export type WorkerCommandMessage = {
  [K in WorkerCommandKindName]: { id: string; kind: K; sessionId: string | null; attempts: number; payload: WorkerCommandPayloads[K] };
}[WorkerCommandKindName];

/** A command of one kind. */
export type WorkerCommandOf<K extends WorkerCommandKindName> = Extract<WorkerCommandMessage, { kind: K }>;

/** The outcome of {@link parseWorkerCommand}: the typed command, or every reason it was refused. */
export type ParsedWorkerCommand = { ok: true; command: WorkerCommandMessage } | { ok: false; id: string | null; problems: string[] };

/** Collects what is wrong with one object, field by field. */
class Check {
  readonly problems: string[] = [];

  constructor(
    private readonly value: Record<string, unknown>,
    private readonly at: string,
  ) {}

  text(key: string, nullable = false): void {
    this.expect(
      key,
      (v) => (typeof v === 'string' && v.length > 0) || (nullable && v === null),
      nullable ? 'a non-empty string or null' : 'a non-empty string',
    );
  }

  count(key: string, min: number): void {
    this.expect(key, (v) => typeof v === 'number' && Number.isInteger(v) && v >= min, `an integer ≥ ${min}`);
  }

  positive(key: string): void {
    this.expect(key, (v) => typeof v === 'number' && Number.isFinite(v) && v > 0, 'a number > 0');
  }

  oneOf(key: string, allowed: readonly string[]): void {
    this.expect(key, (v) => typeof v === 'string' && allowed.includes(v), `one of ${allowed.join(', ')}`);
  }

  optional(key: string, test: (v: unknown) => boolean, what: string): void {
    if (this.value[key] !== undefined && this.value[key] !== null) this.expect(key, test, what);
  }

  private expect(key: string, test: (v: unknown) => boolean, what: string): void {
    const v = this.value[key];
    if (!test(v)) this.problems.push(`${this.at}.${key} must be ${what}, got ${describe(v)}`);
  }
}

const PROVISION_ACTIONS: readonly ProvisionActionName[] = ['LINUX', 'WINDOWS', 'TEST'];
const KINDS: readonly WorkerCommandKindName[] = ['CREATE_SESSION', 'STOP_SESSION', 'STOP_CONTAINER'];

const PAYLOAD_CHECKS: { [K in WorkerCommandKindName]: (c: Check) => void } = {
  CREATE_SESSION: (c) => {
    c.text('sessionId');
    c.oneOf('provisionAction', PROVISION_ACTIONS);
    c.text('image', true);
    c.positive('cpus');
    c.count('memoryMb', 1);
    c.count('shmMb', 0);
    c.text('browserUrl', true);
    c.text('username');
    c.optional('network', (v) => isObject(v) && typeof v.restrictInternet === 'boolean', 'an object with a boolean restrictInternet');
    c.optional('linuxDesktop', (v) => v === 'KIOSK' || v === 'DESKTOP', 'KIOSK or DESKTOP');
    c.optional('allowSudo', (v) => typeof v === 'boolean', 'a boolean');
    c.optional('startTimeoutSec', (v) => typeof v === 'number' && Number.isInteger(v) && v > 0, 'an integer > 0');
    c.optional('registryAuth', (v) => isObject(v) && ['serverAddress', 'username', 'password'].every((k) => typeof v[k] === 'string'), 'a registry login');
  },
  STOP_SESSION: (c) => {
    c.text('sessionId');
    c.text('workerRoute', true);
  },
  STOP_CONTAINER: (c) => {
    c.text('name');
    c.text('sessionId', true);
  },
};

/**
 * Checks a command received from the control plane. A malformed one (unknown kind, a payload
 * field missing or of the wrong type) is refused with every problem named, so the worker can
 * report it as a failed command instead of crashing on it.
 */
export function parseWorkerCommand(x: unknown): ParsedWorkerCommand {
  if (!isObject(x)) return { ok: false, id: null, problems: [`command must be an object, got ${describe(x)}`] };
  const id = typeof x.id === 'string' && x.id ? x.id : null;
  const envelope = new Check(x, 'command');
  envelope.text('id');
  envelope.oneOf('kind', KINDS);
  envelope.text('sessionId', true);
  envelope.count('attempts', 0);
  const problems = [...envelope.problems];
  if (!isObject(x.payload)) problems.push(`command.payload must be an object, got ${describe(x.payload)}`);
  else if (KINDS.includes(x.kind as WorkerCommandKindName)) {
    const payload = new Check(x.payload, 'payload');
    PAYLOAD_CHECKS[x.kind as WorkerCommandKindName](payload);
    problems.push(...payload.problems);
  }
  if (problems.length > 0) return { ok: false, id, problems };
  return { ok: true, command: x as WorkerCommandMessage };
}

/** True for a well-formed CREATE_SESSION command. */
export function isCreateSessionCommand(x: unknown): x is WorkerCommandOf<'CREATE_SESSION'> {
  const r = parseWorkerCommand(x);
  return r.ok && r.command.kind === 'CREATE_SESSION';
}

/** True for a well-formed STOP_SESSION command. */
export function isStopSessionCommand(x: unknown): x is WorkerCommandOf<'STOP_SESSION'> {
  const r = parseWorkerCommand(x);
  return r.ok && r.command.kind === 'STOP_SESSION';
}

/** True for a well-formed STOP_CONTAINER command. */
export function isStopContainerCommand(x: unknown): x is WorkerCommandOf<'STOP_CONTAINER'> {
  const r = parseWorkerCommand(x);
  return r.ok && r.command.kind === 'STOP_CONTAINER';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return `a value of type ${typeof v}`;
}
