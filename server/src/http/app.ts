import http from 'node:http';
import type net from 'node:net';
import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate, type GraphQLSchema, type ExecutionArgs } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AuthService } from '../modules/auth/auth.service.js';
import type { Viewer } from '../modules/auth/viewer.js';
import { createContext, type GraphQLContext, type LiveStreams } from '../graphql/context.js';
import { createFormatError } from '../graphql/format-error.js';
import { assertQueryLimits, queryLimitsPlugin } from '../graphql/query-limits.js';
import { graphiqlRouter, wantsGraphiql } from './graphiql.js';
import { graphqlHandler } from './graphql-handler.js';
import { adminSpaRouter } from './admin-spa.js';
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
  auth: AuthService;
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
  app.set('trust proxy', 'loopback');
  let handleGraphql: ((req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) | undefined;
  const server = http.createServer((req, res) => {
    if (handleGraphql && req.url?.split('?')[0] === '/graphql' && !wantsGraphiql(req)) {
      handleGraphql(req, res).catch((err: unknown) => {
        logger.error({ err }, 'graphql request failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] }));
      });
      return;
    }
    app(req, res);
  });
  const mask = config.nodeEnv === 'production';
  const formatError = createFormatError(logger, mask);
  const limits = { maxDepth: config.graphql.maxDepth, maxComplexity: config.graphql.maxComplexity };
  const wsRules = [...specifiedRules, ...(config.graphql.introspection ? [] : [NoSchemaIntrospectionCustomRule])];

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
  const ws = useServer<Record<string, unknown>, { viewer?: Viewer; ip?: string }>(
    {
      schema,
      onConnect: async (ctx) => {
        try {
          const viewer = await auth.authenticate(String(ctx.connectionParams?.authorization ?? ''));
          if (!viewer) return false;
          ctx.extra.viewer = viewer;
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx): GraphQLContext => createContext(() => orm.em.fork(), ctx.extra.viewer ?? null, ctx.extra.request.socket.remoteAddress ?? '', randomUUID(), live),
      onSubscribe: (_ctx, _id, payload) => {
        let document;
        try {
          document = parse(payload.query);
        } catch (e) {
          return [new GraphQLError((e as Error).message, { extensions: { code: ErrorCode.GRAPHQL_PARSE_FAILED } })];
        }
        const errors = validate(schema, document, wsRules);
        if (errors.length > 0) return errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: e.extensions.code ?? ErrorCode.GRAPHQL_VALIDATION_FAILED } }));
        try {
          assertQueryLimits(schema, document, payload.operationName, payload.variables ?? undefined, limits);
        } catch (e) {
          return [e as GraphQLError];
        }
        return { schema, document, variableValues: payload.variables, operationName: payload.operationName } satisfies Partial<ExecutionArgs> as ExecutionArgs;
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatAsError(formatError(e, e))),
      onNext: (_ctx, _id, _payload, _args, result) => ('errors' in result && result.errors ? { ...result, errors: result.errors.map((e) => formatAsError(formatError(e, e))) } : result),
    },
    wss,
  );

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection: config.graphql.introspection,
    csrfPrevention: true,
    // The process's own SIGTERM/SIGINT handler stops everything in order (Apollo among it). Apollo's
    // handlers, on by default outside NODE_ENV=test, would start a second stop that a concurrent
    // apollo.stop() waits on forever: shutdown then hung until forced, leaving PostgreSQL running.
    stopOnTerminationSignals: false,
    formatError,
    includeStacktraceInErrorResponses: !mask,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      ApolloServerPluginLandingPageDisabled(),
      // No response is cacheable (every answer depends on who asks): skip the per-field cache hints.
      ApolloServerPluginCacheControlDisabled(),
      queryLimitsPlugin(schema, limits),
      metrics.apolloPlugin(),
      { async serverWillStart() { return { async drainServer() { await ws.dispose(); } }; } },
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', async (_req, res) => {
    try {
      await orm.em.getConnection().execute('select 1');
      res.json({ status: 'ready' });
    } catch (err) {
      logger.warn({ err }, 'readiness check failed');
      res.status(503).json({ status: 'database unreachable' });
    }
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(graphiqlRouter());
  handleGraphql = graphqlHandler(apollo, config.graphql.maxBodyBytes, async (req): Promise<GraphQLContext> => {
    let viewer: Viewer;
    try {
      viewer = await auth.authenticate(req.headers.authorization);
    } catch (err) {
      if (err instanceof DomainError) throw new GraphQLError(err.message, { extensions: { code: err.code, http: { status: 401 } } });
      throw err;
    }
    return createContext(() => orm.em.fork(), viewer, clientIp(req), randomUUID(), live);
  });
  app.use(adminSpaRouter());
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

function formatAsError(f: { message: string; extensions?: Record<string, unknown>; path?: readonly (string | number)[] }): GraphQLError {
  return new GraphQLError(f.message, { path: f.path, extensions: f.extensions });
}

/** The client address; behind a reverse proxy on this machine, the one it forwarded. */
function clientIp(req: http.IncomingMessage): string {
  const direct = req.socket.remoteAddress ?? '';
  const forwarded = req.headers['x-forwarded-for'];
  const isLoopback = direct === '127.0.0.1' || direct === '::1' || direct === '::ffff:127.0.0.1';
  if (isLoopback && typeof forwarded === 'string' && forwarded) return forwarded.split(',').at(-1)!.trim();
  return direct;
}
