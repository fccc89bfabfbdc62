import 'reflect-metadata';
import { pathToFileURL } from 'node:url';
import { inspect } from 'node:util';
import type { MikroORM } from '@mikro-orm/postgresql';
import { loadServerConfig, type ServerConfig } from './config/config.js';
import { resolveSecrets } from './config/secrets.js';
import { createLogger, type Logger } from './observability/logger.js';
import { Metrics } from './observability/metrics.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded-postgres.js';
import { openDatabase } from './db/orm.js';
import { createAppPubSub, Topic, type AppPubSub, type TopicPayloads } from './graphql/pubsub.js';
import { PgEventBridge } from './graphql/pg-event-bridge.js';
import { createAppSchema, ENTITIES } from './app-modules.js';
import { createHttpServer } from './http/app.js';
import { AuditService } from './modules/audit/audit.service.js';
import { AuthService } from './modules/auth/auth.service.js';
import { AuthResolver } from './modules/auth/auth.resolver.js';
import { LoginRateLimiter } from './modules/auth/login-rate-limiter.js';
import { PasswordHasher } from './modules/users/password-hasher.js';
import { TokenService } from './modules/auth/token.service.js';
import { UsersService } from './modules/users/users.service.js';
import { UsersResolver } from './modules/users/users.resolver.js';
import { CoinsService } from './modules/coins/coins.service.js';
import { CoinsResolver } from './modules/coins/coins.resolver.js';
import { ProductsService } from './modules/products/products.service.js';
import { ProductsResolver } from './modules/products/products.resolver.js';
import { HeartbeatBuffer } from './modules/workers/heartbeat-buffer.js';
import { WorkersService } from './modules/workers/workers.service.js';
import { WorkersResolver } from './modules/workers/workers.resolver.js';
import { WorkerAgentService } from './modules/workers/worker-agent.service.js';
import { WorkerAgentResolver } from './modules/workers/worker-agent.resolver.js';
import { WorkerHealthMonitor } from './modules/fleet/worker-health-monitor.js';
import { SessionsService } from './modules/sessions/sessions.service.js';
import { SessionsResolver } from './modules/sessions/sessions.resolver.js';
import { SessionLifecycleResolver } from './modules/sessions/session-lifecycle.resolver.js';
import { SessionProvisioningService } from './modules/sessions/session-provisioning.service.js';
import { SessionLogsService } from './modules/sessions/session-logs.service.js';
import { OrphanSweeper } from './modules/fleet/orphan-sweeper.js';
import { SessionSweeper } from './modules/fleet/session-sweeper.js';
import { PlacementService } from './modules/placement/placement.service.js';
import { CapacityService } from './modules/placement/capacity.service.js';
import { PlacementResolver } from './modules/placement/placement.resolver.js';
import { WorkerCommandsService } from './modules/workers/worker-commands.service.js';
import { WorkerCommandsResolver } from './modules/workers/worker-commands.resolver.js';
import { SecretBox } from './shared/secret-box.js';
import { ExamsService } from './modules/exams/exams.service.js';
import { ExamSeatingService } from './modules/exams/exam-seating.service.js';
import { WarmClaimBatcher } from './modules/exams/warm-claim-batcher.js';
import { ExamReadinessService } from './modules/exams/exam-readiness.service.js';
import { PrewarmService } from './modules/exams/prewarm.service.js';
import { ExamsResolver } from './modules/exams/exams.resolver.js';
import { ExamConsoleResolver } from './modules/exams/exam-console.resolver.js';
import { ExamCandidatesService } from './modules/exams/exam-candidates.service.js';
import { ReconcileService } from './modules/fleet/reconcile.service.js';
import { ReconcileResolver } from './modules/fleet/reconcile.resolver.js';
import { DisplayTokens } from './modules/display/display-tokens.js';
import { DisplayService } from './modules/display/display.service.js';
import { DisplayResolver } from './modules/display/display.resolver.js';
import { DesktopProxy } from './modules/display/desktop-proxy.js';
import { AuditLogService } from './modules/audit/audit-log.service.js';
import { AuditResolver } from './modules/audit/audit.resolver.js';
import { IdentityRevocations } from './modules/auth/identity-revocations.js';
import { PasswordsService } from './modules/users/passwords.service.js';
import { WallLinksService } from './modules/wall/wall-links.service.js';
import { WallResolver } from './modules/wall/wall.resolver.js';
import { HeartbeatHistoryService } from './modules/workers/heartbeat-history.service.js';
import { ClusterSummaryResolver } from './modules/fleet/cluster-summary.resolver.js';
import { ExamExportService } from './modules/exams/exam-export.service.js';
import { ProductAvailabilityFeed } from './modules/storefront/product-availability.feed.js';
import { StorefrontLiveResolver } from './modules/storefront/storefront-live.resolver.js';
import { startLocalWorker } from './local-worker.js';
import type { LocalWorkerOffer } from './local-worker-capacity.js';
import { readyBanner } from './start-banner.js';
import type { WorkerViewer } from './shared/viewer.js';
import { SessionState } from './modules/sessions/session-state.js';

/** The services of a running control plane (tests drive some of them directly). */
export interface Services {
  users: UsersService;
  coins: CoinsService;
  products: ProductsService;
  workers: WorkersService;
  agent: WorkerAgentService;
  sessions: SessionsService;
  provisioning: SessionProvisioningService;
  logs: SessionLogsService;
  commands: WorkerCommandsService;
  heartbeats: HeartbeatBuffer;
  healthMonitor: WorkerHealthMonitor;
  orphans: OrphanSweeper;
  sweeper: SessionSweeper;
  exams: ExamsService;
  seating: ExamSeatingService;
  prewarm: PrewarmService;
  history: HeartbeatHistoryService;
  availability: ProductAvailabilityFeed;
}

/** A running control plane. */
export interface RunningServer {
  port: number;
  url: string;
  orm: MikroORM;
  pubsub: AppPubSub;
  services: Services;
  logger: Logger;
  /** What this machine's own worker offers, when one was started. */
  localWorker: LocalWorkerOffer | null;
  dispose(): Promise<void>;
}

/** The composition root: builds every part by constructor and starts serving. */
export async function startServer(config: ServerConfig, logger = createLogger(config.logLevel)): Promise<RunningServer> {
  const secrets = resolveSecrets(config);
  if (secrets.generated.length) logger.info({ keys: secrets.generated, file: secrets.file }, 'generated secrets kept in the data folder');
  let embedded: EmbeddedDatabase | undefined;
  if (!config.databaseUrl) embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort, logger);
  const databaseUrl = config.databaseUrl ?? (embedded as EmbeddedDatabase).url;
  // A failed migration must not leave the embedded PostgreSQL running behind an exited process.
  const orm = await openDatabase(databaseUrl, ENTITIES, logger, config.dbPoolMax).catch(async (err: unknown) => {
    await embedded?.dispose();
    throw err;
  });

  const pubsub = createAppPubSub();
  const bridge = config.crossReplicaEvents ? new PgEventBridge(databaseUrl, pubsub, logger) : null;
  await bridge?.start();
  const audit = new AuditService();
  const hasher = new PasswordHasher();
  const auth = new AuthService(
    orm,
    new TokenService(secrets.jwtSecret, config.jwtTtlSec),
    hasher,
    new LoginRateLimiter(config.login.maxFailures, config.login.windowSec),
  );
  const heartbeats = new HeartbeatBuffer(orm, config.heartbeatFlushMs, logger);
  const users = new UsersService(hasher, audit);
  const coins = new CoinsService(audit);
  const box = new SecretBox(secrets.encryptionKey);
  const workers = new WorkersService(config, heartbeats, audit, auth, pubsub, box);
  const agent = new WorkerAgentService(config, secrets.clusterToken, workers, heartbeats, auth, audit, pubsub);
  const capacity = new CapacityService(workers);
  const products = new ProductsService(config, capacity, audit);
  const sessions = new SessionsService(pubsub, box);
  const commands = new WorkerCommandsService(orm, pubsub, workers);
  const placement = new PlacementService(workers, config.heartbeatTtlSec);
  const provisioning = new SessionProvisioningService(orm, sessions, coins, placement, commands, config.allocation);
  const exams = new ExamsService(hasher, audit, config.prewarm.max);
  const seating = new ExamSeatingService(
    sessions,
    provisioning,
    placement,
    new WarmClaimBatcher(orm, config.heartbeatTtlSec, config.stickyExamTtlSec),
    config.stickyExamTtlSec,
  );
  const prewarm = new PrewarmService(orm, config.prewarm, sessions, provisioning, commands, audit, pubsub, config.loopIntervalMs, logger);
  // Reactions across modules are wired here, not registered by the modules on each other.
  commands.onCompleted((tx, command, result) => provisioning.commandCompleted(tx, command, result));
  const events = onDomainEvent(pubsub, Topic.SESSION_CHANGED, (e) => prewarm.sessionChanged(e), logger);
  const logs = new SessionLogsService(pubsub);
  const healthMonitor = new WorkerHealthMonitor(orm, workers, sessions, config.loopIntervalMs, logger);
  const orphans = new OrphanSweeper(orm, commands, config.loopIntervalMs, logger);
  const sweeper = new SessionSweeper(orm, config, sessions, provisioning, commands, logger);
  const metrics = new Metrics(orm, config.heartbeatTtlSec, Object.values(SessionState));
  const display = new DisplayService(sessions, new DisplayTokens(secrets.jwtSecret, secrets.guacTokenKey));
  const desktopProxy = new DesktopProxy(orm, display, logger);
  const history = new HeartbeatHistoryService(orm, config.heartbeatHistoryDays, logger);
  const revocations = new IdentityRevocations(pubsub, auth);
  const availability = new ProductAvailabilityFeed(orm, products, pubsub, logger);

  await users.ensureFirstAdmin(orm.em.fork(), config.adminUsername, config.adminPassword, logger);

  const schema = await createAppSchema(
    [
      new AuthResolver(auth),
      new UsersResolver(users, new PasswordsService(users, hasher, audit, pubsub)),
      new CoinsResolver(coins, pubsub),
      new ProductsResolver(products, workers),
      new WorkersResolver(workers, history),
      new WorkerAgentResolver(agent),
      new PlacementResolver(capacity),
      new SessionsResolver(sessions),
      new SessionLifecycleResolver(provisioning, logs),
      new WorkerCommandsResolver(commands, workers),
      new ExamsResolver(exams, seating, new ExamReadinessService(exams, workers), prewarm, provisioning, new ExamExportService(history, audit)),
      new ExamConsoleResolver(exams, new ExamReadinessService(exams, workers), new ExamCandidatesService(exams)),
      new DisplayResolver(display),
      new AuditResolver(new AuditLogService()),
      new WallResolver(new WallLinksService(audit, pubsub)),
      new ClusterSummaryResolver(),
      new StorefrontLiveResolver(availability),
      new ReconcileResolver(
        new ReconcileService(orm, heartbeats, sessions, provisioning, commands, prewarm, audit, config.allocation.timeoutSec, config.heartbeatTtlSec),
      ),
    ],
    pubsub,
  );
  const live = { workerCommands: (viewer: WorkerViewer) => commands.stream(viewer) };
  const http = await createHttpServer({
    config,
    orm,
    schema,
    auth,
    metrics,
    logger,
    live,
    upgrades: { '/desktop/': (req, socket, head) => desktopProxy.handle(req, socket, head) },
  });
  const port = await http.listen(config.port, config.host);
  heartbeats.start();
  history.start();
  revocations.start();
  availability.start();
  healthMonitor.start();
  orphans.start();
  sweeper.start();
  prewarm.start();
  logger.info({ port, graphql: `http://localhost:${port}/graphql` }, 'control plane listening');
  const localWorker =
    config.localWorker === 'false'
      ? null
      : await startLocalWorker({
          port,
          clusterToken: secrets.clusterToken,
          guacTokenKey: secrets.guacTokenKey,
          dataDir: config.dataDir,
          onlyWithDocker: config.localWorker === 'auto',
          logger,
          capacity: { defaults: config.capacityDefaults, set: config.capacitySet },
        });

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    orm,
    pubsub,
    services: {
      users,
      coins,
      products,
      workers,
      agent,
      sessions,
      provisioning,
      logs,
      commands,
      heartbeats,
      healthMonitor,
      orphans,
      sweeper,
      exams,
      seating,
      prewarm,
      history,
      availability,
    },
    logger,
    localWorker: localWorker?.offer ?? null,
    dispose: async () => {
      // Background loops first, all at once: Ctrl-C in a terminal reaches the embedded PostgreSQL
      // too, and a pass started while the local worker stops would only fail against it.
      await Promise.all([
        healthMonitor.dispose(),
        orphans.dispose(),
        sweeper.dispose(),
        prewarm.dispose(),
        history.dispose(),
        revocations.dispose(),
        availability.dispose(),
        events.dispose(),
      ]);
      await localWorker?.dispose();
      desktopProxy.dispose();
      await http.dispose();
      await heartbeats.dispose();
      await bridge?.dispose();
      await orm.close();
      await embedded?.dispose();
    },
  };
}

/** Calls `react` for every `topic` event of this process until disposed (a domain event's listener); a failed reaction is logged. */
function onDomainEvent<K extends Topic>(pubsub: AppPubSub, topic: K, react: (event: TopicPayloads[K]) => void, logger: Logger): { dispose(): Promise<void> } {
  const events = pubsub.subscribe(topic) as AsyncIterableIterator<TopicPayloads[K]>;
  void (async () => {
    for await (const event of events) {
      try {
        react(event);
      } catch (err) {
        logger.error({ err, topic }, 'domain event reaction failed');
      }
    }
  })();
  return {
    dispose: async () => {
      await events.return?.();
    },
  };
}

async function main(): Promise<void> {
  const config = loadServerConfig();
  const logger = createLogger(config.logLevel);
  const running = await startServer(config, logger);
  process.stdout.write(`${readyBanner(config, running.port, running.localWorker)}\n`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    await running.dispose();
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    // Logged at error level with its cause and printed plainly: whatever was thrown, never "undefined".
    const cause = err instanceof Error ? err.message : `${inspect(err)} (a failure without a message)`;
    createLogger('error').error({ err }, `control plane failed to start: ${cause}`);
    process.stderr.write(`control plane failed to start: ${cause}\n`);
    process.exit(1);
  });
}
