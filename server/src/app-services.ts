import type { MikroORM } from '@mikro-orm/postgresql';
import type { ServerConfig } from './config/config.js';
import type { ServerSecrets } from './config/secrets.js';
import type { Logger } from './observability/logger.js';
import { Metrics } from './observability/metrics.js';
import { Topic, type AppPubSub, type TopicPayloads } from './graphql/pubsub.js';
import { SecretBox } from './shared/secret-box.js';
import { AuditService } from './modules/audit/audit.service.js';
import { AuthService } from './modules/auth/auth.service.js';
import { IdentityRevocations } from './modules/auth/identity-revocations.js';
import { LoginRateLimiter } from './modules/auth/login-rate-limiter.js';
import { TokenService } from './modules/auth/token.service.js';
import { PasswordHasher } from './modules/users/password-hasher.js';
import { UsersService } from './modules/users/users.service.js';
import { CoinsService } from './modules/coins/coins.service.js';
import { ProductsService } from './modules/products/products.service.js';
import { HeartbeatBuffer } from './modules/workers/heartbeat-buffer.js';
import { HeartbeatHistoryService } from './modules/workers/heartbeat-history.service.js';
import { WorkerAgentService } from './modules/workers/worker-agent.service.js';
import { WorkerCommandsService } from './modules/workers/worker-commands.service.js';
import { WorkersService } from './modules/workers/workers.service.js';
import { CapacityService } from './modules/placement/capacity.service.js';
import { PlacementService } from './modules/placement/placement.service.js';
import { SessionLogsService } from './modules/sessions/session-logs.service.js';
import { SessionProvisioningService } from './modules/sessions/session-provisioning.service.js';
import { SessionState } from './modules/sessions/session-state.js';
import { SessionsService } from './modules/sessions/sessions.service.js';
import { ExamSeatingService } from './modules/exams/exam-seating.service.js';
import { ExamsService } from './modules/exams/exams.service.js';
import { PrewarmService } from './modules/exams/prewarm.service.js';
import { WarmClaimBatcher } from './modules/exams/warm-claim-batcher.js';
import { DesktopProxy } from './modules/display/desktop-proxy.js';
import { DisplayTokens } from './modules/display/display-tokens.js';
import { DisplayService } from './modules/display/display.service.js';
import { ProductAvailabilityFeed } from './modules/storefront/product-availability.feed.js';
import { OrphanSweeper } from './modules/fleet/orphan-sweeper.js';
import { SessionSweeper } from './modules/fleet/session-sweeper.js';
import { WorkerHealthMonitor } from './modules/fleet/worker-health-monitor.js';

/** What every service is built on. */
export interface Infrastructure {
  config: ServerConfig;
  secrets: ServerSecrets;
  orm: MikroORM;
  pubsub: AppPubSub;
  logger: Logger;
}

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

/** Every part the composition root wires: the services, and what only the resolvers and the HTTP edge use. */
export interface AppServices extends Services {
  audit: AuditService;
  auth: AuthService;
  hasher: PasswordHasher;
  capacity: CapacityService;
  placement: PlacementService;
  display: DisplayService;
  desktopProxy: DesktopProxy;
  metrics: Metrics;
  revocations: IdentityRevocations;
}

/** A long-lived part with a background loop. */
interface Loop {
  start(): void;
  dispose(): Promise<void>;
}

/** Builds every service by constructor, module by module, lower modules first. */
export function createServices(infra: Infrastructure): AppServices {
  const identity = identityServices(infra);
  const fleet = fleetServices(infra, identity);
  const desktops = sessionServices(infra, identity, fleet);
  const exams = examServices(infra, identity, desktops);
  return { ...identity, ...fleet, ...desktops, ...exams, ...fleetLoops(infra, desktops) };
}

function identityServices({ config, secrets, orm, pubsub }: Infrastructure) {
  const audit = new AuditService();
  const hasher = new PasswordHasher();
  const tokens = new TokenService(secrets.jwtSecret, config.jwtTtlSec);
  const auth = new AuthService(orm, tokens, hasher, new LoginRateLimiter(config.login.maxFailures, config.login.windowSec));
  return { audit, hasher, auth, users: new UsersService(hasher, audit), coins: new CoinsService(audit), revocations: new IdentityRevocations(pubsub, auth) };
}

function fleetServices({ config, secrets, orm, pubsub, logger }: Infrastructure, { audit, auth }: ReturnType<typeof identityServices>) {
  const heartbeats = new HeartbeatBuffer(orm, config.heartbeatFlushMs, logger);
  const box = new SecretBox(secrets.encryptionKey);
  const workers = new WorkersService(config, heartbeats, audit, auth, pubsub, box);
  const agent = new WorkerAgentService(config, secrets.clusterToken, workers, heartbeats, auth, audit, pubsub);
  const capacity = new CapacityService(workers);
  const products = new ProductsService(config, capacity, audit);
  const commands = new WorkerCommandsService(orm, pubsub, workers);
  const history = new HeartbeatHistoryService(orm, config.heartbeatHistoryDays, logger);
  return { heartbeats, box, workers, agent, capacity, products, commands, history, placement: new PlacementService(workers, config.heartbeatTtlSec) };
}

function sessionServices(infra: Infrastructure, { coins }: ReturnType<typeof identityServices>, fleet: ReturnType<typeof fleetServices>) {
  const { config, secrets, orm, pubsub, logger } = infra;
  const sessions = new SessionsService(pubsub, fleet.box);
  const provisioning = new SessionProvisioningService(orm, sessions, coins, fleet.placement, fleet.commands, config.allocation);
  const display = new DisplayService(sessions, new DisplayTokens(secrets.jwtSecret, secrets.guacTokenKey));
  return {
    ...fleet,
    sessions,
    provisioning,
    logs: new SessionLogsService(pubsub),
    display,
    desktopProxy: new DesktopProxy(orm, display, logger),
    metrics: new Metrics(orm, config.heartbeatTtlSec, Object.values(SessionState)),
    availability: new ProductAvailabilityFeed(orm, fleet.products, pubsub, logger),
  };
}

function examServices(
  { config, orm, pubsub, logger }: Infrastructure,
  { hasher, audit }: ReturnType<typeof identityServices>,
  d: ReturnType<typeof sessionServices>,
) {
  const batcher = new WarmClaimBatcher(orm, config.heartbeatTtlSec, config.stickyExamTtlSec);
  return {
    exams: new ExamsService(hasher, audit, config.prewarm.max),
    seating: new ExamSeatingService(d.sessions, d.provisioning, d.placement, batcher, config.stickyExamTtlSec),
    prewarm: new PrewarmService(orm, config.prewarm, d.sessions, d.provisioning, d.commands, audit, pubsub, config.loopIntervalMs, logger),
  };
}

function fleetLoops({ config, orm, logger }: Infrastructure, d: ReturnType<typeof sessionServices>) {
  return {
    healthMonitor: new WorkerHealthMonitor(orm, d.workers, d.sessions, config.loopIntervalMs, logger),
    orphans: new OrphanSweeper(orm, d.commands, config.loopIntervalMs, logger),
    sweeper: new SessionSweeper(orm, config, d.sessions, d.provisioning, d.commands, logger),
  };
}

/**
 * Reactions across modules, wired here rather than registered by the modules on each other: the
 * session effects of a finished worker command, and the warm pool's refill on SESSION_CHANGED.
 */
export function wireReactions(s: AppServices, { pubsub, logger }: Infrastructure): { dispose(): Promise<void> } {
  s.commands.onCompleted((tx, command, result) => s.provisioning.commandCompleted(tx, command, result));
  return onDomainEvent(pubsub, Topic.SESSION_CHANGED, (e) => s.prewarm.sessionChanged(e), logger);
}

/** The background loops, in the order they start (the heartbeat buffer first). */
function loops(s: AppServices): Loop[] {
  return [s.heartbeats, s.history, s.revocations, s.availability, s.healthMonitor, s.orphans, s.sweeper, s.prewarm];
}

/** Starts every background loop. */
export function startLoops(s: AppServices): void {
  for (const loop of loops(s)) loop.start();
}

/**
 * Stops the background loops, all at once, but the heartbeat buffer: it flushes last, once
 * nothing sends heartbeats any more (after the HTTP server stopped).
 */
export async function stopLoops(s: AppServices): Promise<void> {
  await Promise.all(
    loops(s)
      .filter((loop) => loop !== s.heartbeats)
      .map((loop) => loop.dispose()),
  );
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
