import fs from 'node:fs';
import os from 'node:os';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { parseCidr } from './session-subnets.js';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  WORKER_CODE: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,128}$/, 'letters, digits, . _ - (1 to 128)')
    .default(os.hostname().replace(/[^A-Za-z0-9._-]/g, '-')),
  WORKER_NAME: z.string().optional(),
  WORKER_API_BASE_URL: z.string().url().optional(),
  WORKER_PUBLIC_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  WORKER_PUBLIC_HOST: z
    .string()
    .regex(/^[A-Za-z0-9.:[\]-]+$/, 'a host name or an IP address')
    .optional(),
  WORKER_LISTEN_HOST: z.string().optional(),
  WORKER_CLUSTER_TOKEN: z.string().min(16, "must be the control plane's WORKER_CLUSTER_TOKEN"),
  CONTROL_PLANE_API_BASE: z.string().url().default('http://127.0.0.1:4000'),
  HEARTBEAT_INTERVAL_SEC: z.coerce.number().min(1).max(3600).default(20),
  CLUSTER_API_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  WORKER_RESERVED_CPUS: z.coerce.number().min(0).default(1),
  WORKER_RESERVED_MEMORY_MB: z.coerce.number().int().min(0).default(1024),
  EXAM_VM_CPUS: z.coerce.number().positive().default(1.5),
  EXAM_VM_MEMORY_MB: z.coerce.number().int().positive().default(2048),
  WORKER_CPUS: z.coerce.number().positive().optional(),
  WORKER_MEMORY_MB: z.coerce.number().int().positive().optional(),
  WORKER_STATE_DIR: z.string().default('/var/lib/vdi-worker'),
  WORKER_TEST_IMAGE: z.string().default('vdi-test-desktop:latest'),
  WORKER_READY_TIMEOUT_SEC: z.coerce.number().int().min(1).default(120),
  WORKER_SANDBOX_SPARES: z.coerce.number().int().min(0).max(64).default(2),
  DOCKER_HOST: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  EXAM_VM_USERNAME: z.string().default('student'),
  EXAM_IMAGE_NAME: z.string().default('sot-exam-linux:latest'),
  EXAM_IMAGE_CONTEXT: z.string().optional(),
  EXAM_IMAGE_AUTOBUILD: bool.default(true),
  EXAM_RESTRICT_INTERNET: bool.default(false),
  EXAM_BROWSER_URL: z.string().url().optional(),
  EXAM_ALLOWED_DOMAINS: z.string().default(''),
  EXAM_ALLOWED_CIDRS: z.string().default(''),
  EXAM_ALLOWED_IPS: z.string().default(''),
  EXAM_ORIGIN_IP: z.string().default(''),
  EXAM_FIREWALL_ENFORCE_STRICT: bool.default(false),
  EXAM_DOMAIN_REFRESH_SEC: z.coerce.number().int().min(10).default(300),
  EXAM_PREFLIGHT_BLOCKED: z
    .string()
    .regex(/^[^:\s]+:\d{1,5}$/, 'host:port')
    .default('169.254.169.254:80'),
  EXAM_PREFLIGHT_ALLOWED: z
    .string()
    .regex(/^[^:\s]+:\d{1,5}$/, 'host:port')
    .optional(),
  GUAC_TOKEN_KEY: z.string().min(16, "must be the control plane's GUAC_TOKEN_KEY").optional(),
  WORKER_RDP_PORT_RANGE: z
    .string()
    .regex(/^\d{1,5}-\d{1,5}$/, 'a-b, two port numbers')
    .refine((v) => {
      const [a, b] = v.split('-').map(Number) as [number, number];
      return a >= 1024 && a <= b && b <= 65535;
    }, 'a-b with 1024 ≤ a ≤ b ≤ 65535')
    .default('23390-23489'),
  WORKER_RDP_BIND_HOST: z.union([z.ipv4(), z.ipv6()], 'an IP address of this machine (0.0.0.0: every interface)').default('0.0.0.0'),
  VPS_LINUX_IMAGE: z.string().min(1).default('vdi-linux-desktop:latest'),
  WORKER_KVM_DEVICE: z.string().startsWith('/', 'an absolute device path').default('/dev/kvm'),
  WINDOWS_START_TIMEOUT_SEC: z.coerce.number().int().min(1).default(900),
  WORKER_SESSION_SUBNETS: z
    .string()
    .refine((v) => (parseCidr(v)?.prefix ?? 99) <= 28, 'an IPv4 range (CIDR) of /28 or larger, e.g. 10.240.0.0/16')
    .optional(),
});

/** Keys of the worker's `.env.worker` that belong to the control plane; a worker ignores them. */
const CONTROL_PLANE_KEYS = [
  /^DB_/,
  /^TYPEORM_/,
  /^VDI_/,
  /^JWT_SECRET$/,
  /^WORKER_HEARTBEAT_TTL_SEC$/,
  /^WORKER_STICKY_EXAM_TTL_SEC$/,
  /^WORKER_ALLOCATE_RETRY_COUNT$/,
  /^WORKER_DISPATCH_/,
];

/** Validated settings of the worker agent. Nothing else reads `process.env`. */
export interface WorkerConfig {
  code: string;
  name: string;
  apiBaseUrl: string;
  publicPort: number;
  /** Address the display gateway listens on. */
  listenHost: string;
  /**
   * The host users are given to reach their desktops (RDP): WORKER_PUBLIC_HOST, else the host of
   * WORKER_API_BASE_URL, else none — never this machine's own name, which means nothing outside it.
   */
  connectionHost: string | null;
  clusterToken: string;
  graphqlUrl: string;
  graphqlWsUrl: string;
  heartbeatIntervalMs: number;
  apiTimeoutMs: number;
  capacity: { cpus: number; memoryMb: number; reservedCpus: number; reservedMemoryMb: number; vmCpus: number; vmMemoryMb: number };
  stateDir: string;
  testImage: string;
  examImage: string;
  /** Where the exam image is built from when missing (null: the repository's exam-linux/). */
  examImageContext: string | null;
  /** Build the exam image at start when it is missing (otherwise the first exam desktop does). */
  examImageAutobuild: boolean;
  examUsername: string;
  readyTimeoutMs: number;
  /** Network sandboxes kept ready for the next desktops (0: each desktop makes its network as it starts). */
  sandboxSpares: number;
  /** Where session networks take their /28 subnets (WORKER_SESSION_SUBNETS); null: Docker's default pools (about 30 networks). */
  sessionSubnets: string | null;
  dockerHost?: string;
  logLevel: string;
  /** The worker's egress defaults (the EXAM_* keys); a product's own policy adds to them. */
  egress: {
    restrict: boolean;
    browserUrl: string | null;
    domains: string[];
    cidrs: string[];
    ips: string[];
    originIp: string | null;
    strict: boolean;
    refreshMs: number;
  };
  /** Preflight probe targets (host:port): one that must answer (default: the browser URL's), one that must not. */
  preflight: { allowed: string | null; blocked: string };
  /** Verifies display tokens from the control plane (GUAC_TOKEN_KEY); without it the display gateway refuses every connection. */
  guacTokenKey: string | null;
  /** RDP desktops (LINUX DESKTOP, WINDOWS): see rdp-desktop.ts. */
  rdp: {
    /** Host ports handed to RDP desktops (WORKER_RDP_PORT_RANGE), both ends included. */
    ports: { from: number; to: number };
    /** Address the RDP ports are published on (WORKER_RDP_BIND_HOST). */
    bindHost: string;
    /** The VPS Linux desktop image (VPS_LINUX_IMAGE), built from linux-desktop/ when missing. */
    linuxImage: string;
    /** The device that gives WINDOWS desktops KVM (WORKER_KVM_DEVICE), mapped to /dev/kvm inside. */
    kvmDevice: string;
    /** How long a WINDOWS desktop may take to answer RDP when its product says nothing. */
    windowsStartTimeoutMs: number;
  };
  /** Keys from the env file that belong to the control plane (reported once at start). */
  ignoredKeys: string[];
}

function list(csv: string): string[] {
  return csv
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

const UNSPECIFIED = new Set(['0.0.0.0', '::', '[::]']);
const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

/**
 * The advertised host and the listen address. WORKER_PUBLIC_HOST once also served as the listen
 * address: a wildcard there still means "listen everywhere" (and advertises nothing), and a
 * loopback one still keeps the gateway on loopback, unless WORKER_LISTEN_HOST says otherwise.
 */
function hosts(
  publicHost: string | undefined,
  listenHost: string | undefined,
  apiBaseUrl: string | undefined,
): { listenHost: string; connectionHost: string | null } {
  const advertised = publicHost && !UNSPECIFIED.has(publicHost) ? publicHost : null;
  const fromUrl = apiBaseUrl ? new URL(apiBaseUrl).hostname : null;
  return {
    listenHost: listenHost ?? (publicHost && (UNSPECIFIED.has(publicHost) || LOOPBACK.has(publicHost)) ? publicHost.replace(/^\[|\]$/g, '') : '0.0.0.0'),
    connectionHost: advertised ?? fromUrl,
  };
}

/** Thrown when the settings cannot start a worker. */
export class WorkerConfigError extends Error {}

/**
 * Reads settings from the environment and, when given (argument or WORKER_ENV_FILE), an env file
 * (the worker's `.env.worker`): the environment wins over the file.
 */
export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env, envFile?: string): WorkerConfig {
  const file = envFile ?? env.WORKER_ENV_FILE;
  const fromFile = file ? parseDotenv(fs.readFileSync(file)) : {};
  const merged = Object.fromEntries(Object.entries({ ...fromFile, ...env }).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(merged);
  if (!parsed.success) {
    throw new WorkerConfigError(`invalid worker configuration:\n  ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n  ')}`);
  }
  const c = parsed.data;
  const base = c.CONTROL_PLANE_API_BASE.replace(/\/+$/, '');
  return {
    code: c.WORKER_CODE,
    name: c.WORKER_NAME ?? c.WORKER_CODE,
    apiBaseUrl: c.WORKER_API_BASE_URL ?? `http://${os.hostname()}:${c.WORKER_PUBLIC_PORT}`,
    publicPort: c.WORKER_PUBLIC_PORT,
    ...hosts(c.WORKER_PUBLIC_HOST, c.WORKER_LISTEN_HOST, c.WORKER_API_BASE_URL),
    clusterToken: c.WORKER_CLUSTER_TOKEN,
    graphqlUrl: `${base}/graphql`,
    graphqlWsUrl: `${base.replace(/^http/, 'ws')}/graphql`,
    heartbeatIntervalMs: c.HEARTBEAT_INTERVAL_SEC * 1000,
    apiTimeoutMs: c.CLUSTER_API_TIMEOUT_MS,
    capacity: {
      cpus: c.WORKER_CPUS ?? os.cpus().length,
      memoryMb: c.WORKER_MEMORY_MB ?? Math.floor(os.totalmem() / 1048576),
      reservedCpus: c.WORKER_RESERVED_CPUS,
      reservedMemoryMb: c.WORKER_RESERVED_MEMORY_MB,
      vmCpus: c.EXAM_VM_CPUS,
      vmMemoryMb: c.EXAM_VM_MEMORY_MB,
    },
    stateDir: c.WORKER_STATE_DIR,
    testImage: c.WORKER_TEST_IMAGE,
    examImage: c.EXAM_IMAGE_NAME,
    examImageAutobuild: c.EXAM_IMAGE_AUTOBUILD,
    examImageContext: c.EXAM_IMAGE_CONTEXT && c.EXAM_IMAGE_CONTEXT !== './exam-linux' ? c.EXAM_IMAGE_CONTEXT : null,
    examUsername: c.EXAM_VM_USERNAME,
    readyTimeoutMs: c.WORKER_READY_TIMEOUT_SEC * 1000,
    sandboxSpares: c.WORKER_SANDBOX_SPARES,
    sessionSubnets: c.WORKER_SESSION_SUBNETS ?? null,
    dockerHost: c.DOCKER_HOST,
    logLevel: c.LOG_LEVEL,
    egress: {
      restrict: c.EXAM_RESTRICT_INTERNET,
      browserUrl: c.EXAM_BROWSER_URL ?? null,
      domains: list(c.EXAM_ALLOWED_DOMAINS),
      cidrs: list(c.EXAM_ALLOWED_CIDRS),
      ips: list(c.EXAM_ALLOWED_IPS),
      originIp: c.EXAM_ORIGIN_IP || null,
      strict: c.EXAM_FIREWALL_ENFORCE_STRICT,
      refreshMs: c.EXAM_DOMAIN_REFRESH_SEC * 1000,
    },
    preflight: { allowed: c.EXAM_PREFLIGHT_ALLOWED ?? null, blocked: c.EXAM_PREFLIGHT_BLOCKED },
    guacTokenKey: c.GUAC_TOKEN_KEY ?? null,
    rdp: {
      ports: { from: Number(c.WORKER_RDP_PORT_RANGE.split('-')[0]), to: Number(c.WORKER_RDP_PORT_RANGE.split('-')[1]) },
      bindHost: c.WORKER_RDP_BIND_HOST,
      linuxImage: c.VPS_LINUX_IMAGE,
      kvmDevice: c.WORKER_KVM_DEVICE,
      windowsStartTimeoutMs: c.WINDOWS_START_TIMEOUT_SEC * 1000,
    },
    ignoredKeys: Object.keys(fromFile)
      .filter((k) => CONTROL_PLANE_KEYS.some((re) => re.test(k)))
      .sort(),
  };
}
