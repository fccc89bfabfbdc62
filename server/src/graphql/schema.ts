import 'reflect-metadata';
import { buildSchema, type ContainerType, type NonEmptyArray } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { authChecker } from './auth-checker.js';
import type { AppPubSub } from './pubsub.js';
import { AuthResolver } from '../modules/auth/auth.resolver.js';
import { UsersResolver } from '../modules/users/users.resolver.js';
import { CoinsResolver } from '../modules/coins/coins.resolver.js';
import { ProductsResolver } from '../modules/products/products.resolver.js';
import { WorkersResolver } from '../modules/workers/workers.resolver.js';
import { WorkerAgentResolver } from '../modules/workers/worker-agent.resolver.js';
import { SessionsResolver } from '../modules/sessions/sessions.resolver.js';
import { SessionLifecycleResolver } from '../modules/sessions/session-lifecycle.resolver.js';
import { WorkerCommandsResolver } from '../modules/workers/worker-commands.resolver.js';
import { ExamsResolver } from '../modules/exams/exams.resolver.js';
import { ExamConsoleResolver } from '../modules/exams/exam-console.resolver.js';
import { ReconcileResolver } from '../modules/placement/reconcile.resolver.js';
import { DisplayResolver } from '../modules/display/display.resolver.js';
import { AuditResolver } from '../modules/audit/audit.resolver.js';
import { WallResolver } from '../modules/wall/wall.resolver.js';
import { ClusterSummaryResolver } from '../modules/workers/cluster-summary.resolver.js';
import { StorefrontLiveResolver } from '../modules/storefront/storefront-live.resolver.js';

/** Every resolver class, in schema order. */
export const RESOLVERS = [
  AuthResolver,
  UsersResolver,
  CoinsResolver,
  ProductsResolver,
  WorkersResolver,
  WorkerAgentResolver,
  SessionsResolver,
  SessionLifecycleResolver,
  WorkerCommandsResolver,
  ExamsResolver,
  ExamConsoleResolver,
  ReconcileResolver,
  DisplayResolver,
  AuditResolver,
  WallResolver,
  ClusterSummaryResolver,
  StorefrontLiveResolver,
] as const;

/** Builds the schema; resolvers come ready-made from the composition root. */
export async function createSchema(instances: object[], pubSub: AppPubSub): Promise<GraphQLSchema> {
  const byClass = new Map<unknown, object>(instances.map((i) => [i.constructor, i]));
  const container: ContainerType = {
    get(someClass) {
      const found = byClass.get(someClass);
      if (!found) throw new Error(`no instance wired for ${(someClass as { name?: string }).name}`);
      return found;
    },
  };
  const schema = await buildSchema({
    // biome-ignore lint/complexity/noBannedTypes: type-graphql's buildSchema takes resolver classes as NonEmptyArray<Function>
    resolvers: RESOLVERS as unknown as NonEmptyArray<Function>,
    container,
    authChecker,
    pubSub,
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    emitSchemaFile: false,
  });
  // type-graphql has no decorator for the root types; their descriptions are set here.
  schema.getQueryType()!.description = 'Reads: people, coins, products, the fleet and sessions';
  schema.getMutationType()!.description = 'Changes: login, admin actions, and the worker protocol';
  schema.getSubscriptionType()!.description = 'Live updates over graphql-ws on the same path';
  return schema;
}
