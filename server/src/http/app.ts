import http from 'node:http';
import type net from 'node:net';
import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { WebSocketServer } from 'ws';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Authenticator } from './authenticator.js';
import type { Viewer } from '../shared/viewer.js';
import { createContext, type GraphQLContext, type LiveStreams } from '../graphql/context.js';
import { createFormatError } from '../graphql/format-error.js';
import { DocumentGuard, queryLimitsPlugin } from '../graphql/query-limits.js';
import { createGraphqlWsServer } from './graphql-ws-server.js';
import { securityHeaders } from './security-headers.js';
import { metricsAccess } from './metrics-access.js';
import { clientAddress, compileTrust } from './client-address.js';
import { graphiqlRouter, wantsGraphiql } from './graphiql.js';
import { graphqlHandler } from './graphql-handler.js';
import { adminSpaRouter } from './admin-spa.js';
import { opsRouter } from './ops.js';
import type { Metrics } from '../observability/metrics.js';
import type { Logger } from '../observability/logger.js';
import type { ServerConfig } from '../config/config.js';
import { DomainError } from '../shared/domain-error.js';
import { ErrorCode } from '../shared/error-codes.js';

/** What the HTTP layer needs from the composition root. */
export interface HttpDeps {
  config: ServerConfig;
  orm: MikroORM;
  schema: GraphQLSchema;
  auth: Authenticator;
  metrics: Metrics;
  logger: Logger;
  live: LiveStreams;
  /** Other WebSocket paths by prefix (the desktop proxy on /desktop/). */
  upgrades?: Record<string, (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => Promise<void>>;
}

/** The HTTP + WebSocket server; `dispose` stops taking work and waits for what is in flight. */
export interface HttpServer {
  server: http.Server;
  listen(port: number, host: string): Promise<number>;
  dispose(): Promise<void>;
}

/** GraphQL over HTTP and graphql-ws on `/graphql`, GraphiQL, health, readiness and metrics. */
export async function createHttpServer(deps: HttpDeps): Promise<HttpServer> {
  const { config, orm, schema, auth, metrics, logger, live } = deps;
  const app = express();
  app.disable('x-powered-by');
  const trust = compileTrust(config.trustProxy);
  app.set('trust proxy', trust);
  let handleGraphql: ((req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) | undefined;
  const headers = securityHeaders();
  const server = http.createServer((req, res) => headers(req, res, () => route(req, res)));
  const route = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (handleGraphql && req.url?.split('?')[0] === '/graphql' && !wantsGraphiql(req)) {
      handleGraphql(req, res).catch((err: unknown) => {
        logger.error({ err }, 'graphql request failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] }));
      });
      return;
    }
    app(req, res);
  };
  const mask = config.nodeEnv === 'production';
  const formatError = createFormatError(logger, mask);
  const guard = new DocumentGuard(schema, { ...config.graphql, ...config.limits });

  const wss = new WebSocketServer({ noServer: true, maxPayload: config.graphql.maxBodyBytes });
  server.on('upgrade', (req, socket, head) => {
    const path = req.url?.split('?')[0] ?? '';
    if (path === '/graphql') return wss.handleUpgrade(req, socket, head, (client) => wss.emit('connection', client, req));
    const prefix = Object.keys(deps.upgrades ?? {}).find((p) => path.startsWith(p));
    if (!prefix) return void socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
    deps.upgrades![prefix]!(req, socket as net.Socket, head).catch((err: unknown) => {
      logger.error({ err, path }, 'websocket upgrade failed');
      socket.destroy();
    });
  });
  const ws = createGraphqlWsServer(wss, { config, orm, schema, auth, live, guard, formatError });

  const apollo = new ApolloServer<GraphQLContext>({
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
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await ws.dispose();
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.use(opsRouter(orm, logger));
  const metricsAllowed = metricsAccess(config.metricsToken);
  app.get('/metrics', async (req, res) => {
    const allowed = metricsAllowed(req);
    if (allowed !== 200)
      return void res
        .status(allowed)
        .set(allowed === 401 ? { 'www-authenticate': 'Bearer' } : {})
        .end();
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(graphiqlRouter());
  handleGraphql = graphqlHandler(
    apollo,
    config.graphql.maxBodyBytes,
    async (req): Promise<GraphQLContext> => {
      let viewer: Viewer;
      try {
        viewer = await auth.authenticate(req.headers.authorization);
      } catch (err) {
        if (err instanceof DomainError) throw new GraphQLError(err.message, { extensions: { code: err.code, http: { status: 401 } } });
        throw err;
      }
      return createContext(() => orm.em.fork(), viewer, clientAddress(req, trust), randomUUID(), live);
    },
    guard,
  );
  app.use(adminSpaRouter(config.adminUiDist));
  app.use((err: Error, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    logger.error({ err }, 'http error');
    res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] });
  });

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as { port: number }).port));
      }),
    dispose: async () => {
      await apollo.stop();
      wss.close();
    },
  };
}
