import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Authenticator } from './authenticator.js';
import { clientAddress, type compileTrust } from './client-address.js';
import { graphqlHandler } from './graphql-handler.js';
import { wantsGraphiql } from './graphiql.js';
import { sendError } from './error-response.js';
import { createContext, type GraphQLContext, type LiveStreams } from '../graphql/context.js';
import { formatThrown, type FormatError } from '../graphql/format-error.js';
import { queryLimitsPlugin, type DocumentGuard } from '../graphql/query-limits.js';
import type { Metrics } from '../observability/metrics.js';
import type { Logger } from '../observability/logger.js';
import type { ServerConfig } from '../config/config.js';
import { DomainError } from '../shared/domain-error.js';
import type { Viewer } from '../shared/viewer.js';

/** What the Apollo route needs. */
export interface ApolloRouteDeps {
  config: ServerConfig;
  orm: MikroORM;
  schema: GraphQLSchema;
  auth: Authenticator;
  metrics: Metrics;
  logger: Logger;
  live: LiveStreams;
  guard: DocumentGuard;
  formatError: FormatError;
  trust: ReturnType<typeof compileTrust>;
  /** The HTTP server Apollo drains on stop. */
  server: http.Server;
  /** Stops the WebSocket side when Apollo drains (it serves the same schema). */
  drainAlso: () => Promise<void>;
}

/** GraphQL over HTTP on `/graphql`: whether a request is its own, its handler, and its stop. */
export interface ApolloRoute {
  owns(req: http.IncomingMessage): boolean;
  handle(req: http.IncomingMessage, res: http.ServerResponse): void;
  stop(): Promise<void>;
}

/** Starts Apollo Server on the schema and returns the `/graphql` route (GET and POST; GraphiQL is not its own). */
export async function createApolloRoute(deps: ApolloRouteDeps): Promise<ApolloRoute> {
  const { config, orm, auth, live, guard, formatError, trust } = deps;
  const apollo = createApollo(deps);
  await apollo.start();
  const handle = graphqlHandler(
    apollo,
    config.graphql.maxBodyBytes,
    async (req): Promise<GraphQLContext> => createContext(() => orm.em.fork(), await viewerOf(auth, req), clientAddress(req, trust), randomUUID(), live),
    guard,
    formatError,
  );
  return {
    owns: (req) => req.url?.split('?')[0] === '/graphql' && !wantsGraphiql(req),
    handle: (req, res) =>
      // A crash outside any resolver: logged and (in production) masked by the formatter.
      void handle(req, res).catch((err: unknown) => sendError(res, 500, formatThrown(formatError, err))),
    stop: () => apollo.stop(),
  };
}

/** The caller, from the Authorization header; a token that does not verify is UNAUTHENTICATED with HTTP 401. */
async function viewerOf(auth: Authenticator, req: http.IncomingMessage): Promise<Viewer> {
  try {
    return await auth.authenticate(req.headers.authorization);
  } catch (err) {
    if (err instanceof DomainError) throw new GraphQLError(err.message, { extensions: { code: err.code, http: { status: 401 } } });
    throw err;
  }
}

function createApollo({ config, schema, metrics, formatError, server, drainAlso }: ApolloRouteDeps): ApolloServer<GraphQLContext> {
  const mask = config.nodeEnv === 'production';
  return new ApolloServer<GraphQLContext>({
    schema,
    introspection: config.graphql.introspection,
    csrfPrevention: true,
    // The process's own SIGTERM/SIGINT handler stops everything in order (Apollo among it). Apollo's
    // handlers, on by default outside NODE_ENV=test, would start a second stop that a concurrent
    // apollo.stop() waits on forever: shutdown then hung until forced, leaving PostgreSQL running.
    stopOnTerminationSignals: false,
    formatError,
    // The guard in graphqlHandler already parsed with this limit; kept here for any other way in.
    parseOptions: { maxTokens: config.limits.maxTokens },
    includeStacktraceInErrorResponses: !mask,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      ApolloServerPluginLandingPageDisabled(),
      // No response is cacheable (every answer depends on who asks): skip the per-field cache hints.
      ApolloServerPluginCacheControlDisabled(),
      queryLimitsPlugin(schema, config.graphql),
      metrics.apolloPlugin(),
      { serverWillStart: async () => ({ drainServer: drainAlso }) },
    ],
  });
}
