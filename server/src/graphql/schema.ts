import 'reflect-metadata';
import { buildSchema, type ContainerType, type NonEmptyArray } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { authChecker } from './auth-checker.js';
import type { AppPubSub } from './pubsub.js';

/**
 * Builds the schema from resolver classes (the composition root lists them, in schema order) and
 * their instances, made there by constructor. Without instances the schema can still be printed.
 */
export async function createSchema(
  // biome-ignore lint/complexity/noBannedTypes: type-graphql's buildSchema takes resolver classes as NonEmptyArray<Function>
  resolvers: readonly Function[],
  instances: object[],
  pubSub: AppPubSub,
): Promise<GraphQLSchema> {
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
    resolvers: resolvers as NonEmptyArray<Function>,
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
