import { z } from 'zod';
import path from 'node:path';

/** Reads a boolean the way operators write it in `.env` files. */
const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  VDI_DATA_DIR: z.string().default('./.data'),
  DATABASE_URL: z.string().url().optional(),
  VDI_DB_POOL_MAX: z.coerce.number().int().min(2).max(500).default(20),
  VDI_EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(5439),
  ADMIN_USERNAME: z.string().min(1).default('admin'),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  JWT_SECRET: z.string().min(16).optional(),
  JWT_TTL_SEC: z.coerce.number().int().min(60).default(43_200),
  GUAC_TOKEN_KEY: z.string().min(16).optional(),
  WORKER_CLUSTER_TOKEN: z.string().min(16).optional(),
  VDI_ENCRYPTION_KEY: z.string().min(16).optional(),
  VDI_LOCAL_WORKER: z.enum(['auto', 'true', 'false']).default('auto'),
  WORKER_DISPATCH_CLEANUP_ENABLED: bool.default(true),
  WORKER_DISPATCH_STALE_SEC: z.coerce.number().int().min(1).default(21_600),
  WORKER_DISPATCH_SCAN_COUNT: z.coerce.number().int().min(1).max(10_000).default(200),
  WORKER_ALLOCATE_RETRY_COUNT: z.coerce.number().int().min(0).max(100).default(3),
  VDI_ALLOCATE_TIMEOUT_SEC: z.coerce.number().int().min(1).default(90),
  WORKER_STICKY_EXAM_TTL_SEC: z.coerce.number().int().min(0).default(21_600),
  VDI_PREWARM_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(4),
  VDI_PREWARM_MAX: z.coerce.number().int().min(0).max(100_000).default(80),
  VDI_CROSS_REPLICA_EVENTS: bool.default(false),
  VDI_LOOP_INTERVAL_SEC: z.coerce.number().min(0.1).max(3600).default(5),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WORKER_HEARTBEAT_TTL_SEC: z.coerce.number().int().min(5).default(120),
  WORKER_RESERVED_CPUS: z.coerce.number().min(0).default(1),
  WORKER_RESERVED_MEMORY_MB: z.coerce.number().int().min(0).default(1024),
  EXAM_VM_CPUS: z.coerce.number().positive().default(1.5),
  EXAM_VM_MEMORY_MB: z.coerce.number().int().positive().default(2048),
  VDI_HEARTBEAT_FLUSH_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  VDI_HEARTBEAT_HISTORY_DAYS: z.coerce.number().min(0.01).max(366).default(7),
  VDI_GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).default(10),
  VDI_GRAPHQL_MAX_COMPLEXITY: z.coerce.number().int().min(10).default(2000),
  VDI_GRAPHQL_INTROSPECTION: bool.optional(),
  VDI_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(262_144),
  VDI_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(10),
  VDI_LOGIN_WINDOW_SEC: z.coerce.number().int().min(1).default(300),
  VDI_GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(100).default(2000),
  VDI_GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).default(30),
  VDI_GRAPHQL_MAX_DIRECTIVES: z.coerce.number().int().min(0).default(50),
  VDI_WS_MAX_SUBSCRIPTIONS: z.coerce.number().int().min(1).default(100),
  VDI_WS_MAX_SUBSCRIPTIONS_PER_USER: z.coerce.number().int().min(1).default(300),
  VDI_WS_MAX_BUFFERED_BYTES: z.coerce.number().int().min(65_536).default(8_388_608),
  VDI_TRUST_PROXY: z.string().default('false'),
  VDI_METRICS_TOKEN: z.string().min(16).optional(),
  VDI_ADMIN_UI_DIST: z.string().optional(),
});

/** Validated settings of the control plane. Nothing else reads `process.env`. */
export interface ServerConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  embeddedPgPort: number;
  /** Database connections this process may hold. */
  dbPoolMax: number;
  adminUsername: string;
  adminPassword?: string;
  jwtSecret?: string;
  jwtTtlSec: number;
  guacTokenKey?: string;
  clusterToken?: string;
  encryptionKey?: string;
  logLevel: string;
  /** Start a worker agent for this machine when a Docker Engine answers ('auto'), always, or never. */
  localWorker: 'auto' | 'true' | 'false';
  /** Dispatch cleanup: fail sessions and commands stuck longer than staleSec, scanCount per pass. */
  dispatchCleanup: { enabled: boolean; staleSec: number; scanCount: number };
  /** A failed create moves to another worker up to `retries` times; the whole allocation has `timeoutSec`. */
  allocation: { retries: number; timeoutSec: number };
  /** A candidate who comes back within this many seconds is placed on the same worker first. */
  stickyExamTtlSec: number;
  /** Warm desktops: at most `concurrency` being created at once, never more than `max` kept. */
  prewarm: { concurrency: number; max: number };
  /** Carry live events between server replicas through PostgreSQL LISTEN/NOTIFY. */
  crossReplicaEvents: boolean;
  /** How often the background loops (expiry, cleanup, health, orphans) run. */
  loopIntervalMs: number;
  heartbeatTtlSec: number;
  capacityDefaults: { reservedCpus: number; reservedMemoryMb: number; vmCpus: number; vmMemoryMb: number };
  /** Which of WORKER_RESERVED_CPUS, WORKER_RESERVED_MEMORY_MB, EXAM_VM_CPUS, EXAM_VM_MEMORY_MB the operator set (the local worker sizes the rest to this machine). */
  capacitySet: string[];
  heartbeatFlushMs: number;
  /** How long the per-minute heartbeat history is kept (VDI_HEARTBEAT_HISTORY_DAYS). */
  heartbeatHistoryDays: number;
  graphql: { maxDepth: number; maxComplexity: number; introspection: boolean; maxBodyBytes: number };
  login: { maxFailures: number; windowSec: number };
  /** Parse-time limits checked before validation, and the graphql-ws subscription caps. */
  limits: {
    maxTokens: number;
    maxAliases: number;
    maxDirectives: number;
    wsMaxSubscriptions: number;
    wsMaxSubscriptionsPerUser: number;
    wsMaxBufferedBytes: number;
  };
  /** Which reverse proxies' X-Forwarded-For is believed (`false`: none; see http/client-address.ts). */
  trustProxy: string;
  /** Bearer token that opens /metrics to remote callers (unset: direct loopback callers only). */
  metricsToken?: string;
  /** Where the built admin SPA is served from (default: admin-ui/dist). */
  adminUiDist?: string;
}

/** Thrown when the environment holds a value the control plane cannot run with. */
export class ConfigError extends Error {}

/** Parses and validates the environment; throws {@link ConfigError} naming every bad key. */
export function loadServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const c = parsed.data;
  return {
    nodeEnv: c.NODE_ENV,
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(c.VDI_DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    embeddedPgPort: c.VDI_EMBEDDED_PG_PORT,
    dbPoolMax: c.VDI_DB_POOL_MAX,
    adminUsername: c.ADMIN_USERNAME,
    adminPassword: c.ADMIN_PASSWORD,
    jwtSecret: c.JWT_SECRET,
    jwtTtlSec: c.JWT_TTL_SEC,
    guacTokenKey: c.GUAC_TOKEN_KEY,
    clusterToken: c.WORKER_CLUSTER_TOKEN,
    encryptionKey: c.VDI_ENCRYPTION_KEY,
    logLevel: c.LOG_LEVEL,
    localWorker: c.VDI_LOCAL_WORKER,
    dispatchCleanup: { enabled: c.WORKER_DISPATCH_CLEANUP_ENABLED, staleSec: c.WORKER_DISPATCH_STALE_SEC, scanCount: c.WORKER_DISPATCH_SCAN_COUNT },
    allocation: { retries: c.WORKER_ALLOCATE_RETRY_COUNT, timeoutSec: c.VDI_ALLOCATE_TIMEOUT_SEC },
    stickyExamTtlSec: c.WORKER_STICKY_EXAM_TTL_SEC,
    prewarm: { concurrency: c.VDI_PREWARM_CONCURRENCY, max: c.VDI_PREWARM_MAX },
    crossReplicaEvents: c.VDI_CROSS_REPLICA_EVENTS,
    loopIntervalMs: Math.round(c.VDI_LOOP_INTERVAL_SEC * 1000),
    heartbeatTtlSec: c.WORKER_HEARTBEAT_TTL_SEC,
    capacitySet: ['WORKER_RESERVED_CPUS', 'WORKER_RESERVED_MEMORY_MB', 'EXAM_VM_CPUS', 'EXAM_VM_MEMORY_MB'].filter((k) => k in cleaned),
    capacityDefaults: {
      reservedCpus: c.WORKER_RESERVED_CPUS,
      reservedMemoryMb: c.WORKER_RESERVED_MEMORY_MB,
      vmCpus: c.EXAM_VM_CPUS,
      vmMemoryMb: c.EXAM_VM_MEMORY_MB,
    },
    heartbeatFlushMs: c.VDI_HEARTBEAT_FLUSH_MS,
    heartbeatHistoryDays: c.VDI_HEARTBEAT_HISTORY_DAYS,
    graphql: {
      maxDepth: c.VDI_GRAPHQL_MAX_DEPTH,
      maxComplexity: c.VDI_GRAPHQL_MAX_COMPLEXITY,
      introspection: c.VDI_GRAPHQL_INTROSPECTION ?? c.NODE_ENV !== 'production',
      maxBodyBytes: c.VDI_MAX_BODY_BYTES,
    },
    login: { maxFailures: c.VDI_LOGIN_MAX_FAILURES, windowSec: c.VDI_LOGIN_WINDOW_SEC },
    limits: {
      maxTokens: c.VDI_GRAPHQL_MAX_TOKENS,
      maxAliases: c.VDI_GRAPHQL_MAX_ALIASES,
      maxDirectives: c.VDI_GRAPHQL_MAX_DIRECTIVES,
      wsMaxSubscriptions: c.VDI_WS_MAX_SUBSCRIPTIONS,
      wsMaxSubscriptionsPerUser: c.VDI_WS_MAX_SUBSCRIPTIONS_PER_USER,
      wsMaxBufferedBytes: c.VDI_WS_MAX_BUFFERED_BYTES,
    },
    trustProxy: c.VDI_TRUST_PROXY,
    metricsToken: c.VDI_METRICS_TOKEN,
    adminUiDist: c.VDI_ADMIN_UI_DIST ? path.resolve(c.VDI_ADMIN_UI_DIST) : undefined,
  };
}
