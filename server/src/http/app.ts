import http from 'node:http';
import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate, type GraphQLSchema, type ExecutionArgs } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AuthService } from '../modules/auth/auth.service.js';
import type { Viewer } from '../modules/auth/viewer.js';
import type { GraphQLContext } from '../graphql/context.js';
import { createFormatError } from '../graphql/format-error.js';
import { assertQueryLimits, queryLimitsPlugin } from '../graphql/query-limits.js';
import { graphiqlRouter } from './graphiql.js';
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
}

/** The HTTP + WebSocket server; `dispose` stops taking work and waits for what is in flight. */
export interface HttpServer {
  server: http.Server;
  listen(port: number, host: string): Promise<number>;
  dispose(): Promise<void>;
}

/** GraphQL over HTTP and graphql-ws on `/graphql`, GraphiQL, health, readiness and metrics. */
export async function createHttpServer(deps: HttpDeps): Promise<HttpServer> {
  const { config, orm, schema, auth, metrics, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const server = http.createServer(app);
  const mask = config.nodeEnv === 'production';
  const formatError = createFormatError(logger, mask);
  const limits = { maxDepth: config.graphql.maxDepth, maxComplexity: config.graphql.maxComplexity };
  const wsRules = [...specifiedRules, ...(config.graphql.introspection ? [] : [NoSchemaIntrospectionCustomRule])];

  const wss = new WebSocketServer({ server, path: '/graphql', maxPayload: config.graphql.maxBodyBytes });
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
      context: (ctx): GraphQLContext => ({ em: orm.em.fork(), viewer: ctx.extra.viewer ?? null, ip: ctx.extra.request.socket.remoteAddress ?? '', requestId: randomUUID() }),
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
    formatError,
    includeStacktraceInErrorResponses: !mask,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      ApolloServerPluginLandingPageDisabled(),
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
  app.use(
    '/graphql',
    express.json({ limit: config.graphql.maxBodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<GraphQLContext> => {
        let viewer: Viewer;
        try {
          viewer = await auth.authenticate(req.headers.authorization);
        } catch (err) {
          if (err instanceof DomainError) throw new GraphQLError(err.message, { extensions: { code: err.code, http: { status: 401 } } });
          throw err;
        }
        return { em: orm.em.fork(), viewer, ip: req.ip ?? '', requestId: randomUUID() };
      },
    }),
  );
  app.use((err: Error & { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) logger.error({ err }, 'http error');
    const message = err.type === 'entity.too.large' ? `Request body exceeds ${config.graphql.maxBodyBytes} bytes` : status === 500 ? 'Internal server error' : err.message;
    res.status(status).json({ errors: [{ message, extensions: { code: status === 500 ? ErrorCode.INTERNAL_SERVER_ERROR : ErrorCode.BAD_REQUEST } }] });
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
