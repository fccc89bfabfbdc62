import type { GraphQLSchema } from 'graphql';
import { User } from './modules/users/user.entity.js';
import { CoinLedgerEntry } from './modules/coins/coin-ledger-entry.entity.js';
import { Product } from './modules/products/product.entity.js';
import { Worker } from './modules/workers/worker.entity.js';
import { Session } from './modules/sessions/session.entity.js';
import { AuditLog } from './modules/audit/audit-log.entity.js';
import { WorkerCommand } from './modules/workers/worker-command.entity.js';
import { SessionLogLine } from './modules/sessions/session-log-line.entity.js';
import { WorkerSlot } from './modules/placement/worker-slot.entity.js';
import { Exam } from './modules/exams/exam.entity.js';
import { ExamCandidate } from './modules/exams/exam-candidate.entity.js';
import { HeartbeatSample } from './modules/workers/heartbeat-sample.entity.js';
import { WallLink } from './modules/wall/wall-link.entity.js';
import { UsedDisplayTicket } from './modules/display/used-display-ticket.entity.js';
import { AuthResolver } from './modules/auth/auth.resolver.js';
import { UsersResolver } from './modules/users/users.resolver.js';
import { CoinsResolver } from './modules/coins/coins.resolver.js';
import { ProductsResolver } from './modules/products/products.resolver.js';
import { WorkersResolver } from './modules/workers/workers.resolver.js';
import { WorkerAgentResolver } from './modules/workers/worker-agent.resolver.js';
import { PlacementResolver } from './modules/placement/placement.resolver.js';
import { SessionsResolver } from './modules/sessions/sessions.resolver.js';
import { SessionLifecycleResolver } from './modules/sessions/session-lifecycle.resolver.js';
import { WorkerCommandsResolver } from './modules/workers/worker-commands.resolver.js';
import { ExamsResolver } from './modules/exams/exams.resolver.js';
import { ExamConsoleResolver } from './modules/exams/exam-console.resolver.js';
import { ReconcileResolver } from './modules/fleet/reconcile.resolver.js';
import { DisplayResolver } from './modules/display/display.resolver.js';
import { SessionDesktopResolver } from './modules/display/session-desktop.resolver.js';
import { AuditResolver } from './modules/audit/audit.resolver.js';
import { WallResolver } from './modules/wall/wall.resolver.js';
import { ClusterSummaryResolver } from './modules/fleet/cluster-summary.resolver.js';
import { StorefrontLiveResolver } from './modules/storefront/storefront-live.resolver.js';
import { createSchema } from './graphql/schema.js';
import type { AppServices, Infrastructure } from './app-services.js';
import { PasswordsService } from './modules/users/passwords.service.js';
import { ExamReadinessService } from './modules/exams/exam-readiness.service.js';
import { ExamExportService } from './modules/exams/exam-export.service.js';
import { ExamCandidatesService } from './modules/exams/exam-candidates.service.js';
import { AuditLogService } from './modules/audit/audit-log.service.js';
import { WallLinksService } from './modules/wall/wall-links.service.js';
import { ReconcileService } from './modules/fleet/reconcile.service.js';
import type { AppPubSub } from './graphql/pubsub.js';

/**
 * The registries of the composition root: every entity and every resolver class, from every
 * domain module. They live here, not in the core (db/, graphql/), so the core imports no module.
 */

/** Every entity, one per `modules/<domain>/*.entity.ts`. */
export const ENTITIES = [
  User,
  CoinLedgerEntry,
  Product,
  Worker,
  Session,
  AuditLog,
  WorkerCommand,
  SessionLogLine,
  WorkerSlot,
  Exam,
  ExamCandidate,
  HeartbeatSample,
  WallLink,
  UsedDisplayTicket,
];

/** Every resolver class, in schema order. */
export const RESOLVERS = [
  AuthResolver,
  UsersResolver,
  CoinsResolver,
  ProductsResolver,
  WorkersResolver,
  WorkerAgentResolver,
  PlacementResolver,
  SessionsResolver,
  SessionLifecycleResolver,
  WorkerCommandsResolver,
  ExamsResolver,
  ExamConsoleResolver,
  ReconcileResolver,
  DisplayResolver,
  SessionDesktopResolver,
  AuditResolver,
  WallResolver,
  ClusterSummaryResolver,
  StorefrontLiveResolver,
] as const;

/** The control plane's schema: every resolver class, answered by `instances` (none to only print it). */
export function createAppSchema(instances: object[], pubSub: AppPubSub): Promise<GraphQLSchema> {
  return createSchema(RESOLVERS, instances, pubSub);
}

/** One instance of every resolver class, wired to the services (and the few services only a resolver uses). */
export function createResolvers(s: AppServices, { config, orm, pubsub }: Infrastructure): object[] {
  const readiness = new ExamReadinessService(s.exams, s.workers);
  const { timeoutSec } = config.allocation;
  const reconcile = new ReconcileService(orm, s.heartbeats, s.sessions, s.provisioning, s.commands, s.prewarm, s.audit, timeoutSec, config.heartbeatTtlSec);
  return [
    new AuthResolver(s.auth),
    new UsersResolver(s.users, new PasswordsService(s.users, s.hasher, s.audit, pubsub)),
    new CoinsResolver(s.coins, pubsub),
    new ProductsResolver(s.products, s.workers),
    new WorkersResolver(s.workers, s.history),
    new WorkerAgentResolver(s.agent),
    new PlacementResolver(s.capacity),
    new SessionsResolver(s.sessions),
    new SessionLifecycleResolver(s.provisioning, s.logs),
    new WorkerCommandsResolver(s.commands, s.workers),
    new ExamsResolver(s.exams, s.seating, readiness, s.prewarm, s.provisioning, new ExamExportService(s.history, s.audit)),
    new ExamConsoleResolver(s.exams, readiness, new ExamCandidatesService(s.exams)),
    new ReconcileResolver(reconcile),
    new DisplayResolver(s.display),
    new SessionDesktopResolver(s.display),
    new AuditResolver(new AuditLogService()),
    new WallResolver(new WallLinksService(s.audit, pubsub)),
    new ClusterSummaryResolver(),
    new StorefrontLiveResolver(s.availability),
  ];
}
