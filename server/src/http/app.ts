import http from 'node:http';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Authenticator } from './authenticator.js';
import { createApolloRoute, type ApolloRoute } from './apollo-route.js';
import { createWebSocketServer, type UpgradeHandler } from './websocket-server.js';
import { sendError } from './error-response.js';
import { securityHeaders } from './security-headers.js';
import { compileTrust } from './client-address.js';
import { graphiqlRouter } from './graphiql.js';
import { adminSpaRouter } from './admin-spa.js';
import { metricsRouter } from './metrics-route.js';
import { opsRouter } from './ops.js';
import type { LiveStreams } from '../graphql/context.js';
import { createFormatError, formatThrown, type FormatError } from '../graphql/format-error.js';
import { DocumentGuard } from '../graphql/query-limits.js';
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
  upgrades?: Record<string, UpgradeHandler>;
}

/** The HTTP + WebSocket server; `dispose` stops taking work and waits for what is in flight. */
export interface HttpServer {
  server: http.Server;
  listen(port: number, host: string): Promise<number>;
  dispose(): Promise<void>;
}

/**
 * One server for everything: GraphQL over HTTP (the Apollo route, straight from the socket), the
 * WebSocket side (graphql-ws, the desktop proxy), and Express for the ops routes, GraphiQL and the
 * admin SPA. Every error answer has the one formatter's shape.
 */
export async function createHttpServer(deps: HttpDeps): Promise<HttpServer> {
  const { config, logger } = deps;
  const formatError = createFormatError(logger, config.nodeEnv === 'production');
  const guard = new DocumentGuard(deps.schema, { ...config.graphql, ...config.limits });
  const trust = compileTrust(config.trustProxy);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trust);
  let apollo: ApolloRoute | undefined;
  const headers = securityHeaders();
  const server = http.createServer((req, res) => headers(req, res, () => (apollo?.owns(req) ? apollo.handle(req, res) : app(req, res))));
  const ws = createWebSocketServer(server, { ...deps, guard, formatError });
  apollo = await createApolloRoute({ ...deps, guard, formatError, trust, server, drainAlso: () => ws.dispose() });
  mountRoutes(app, deps, formatError);
  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as { port: number }).port));
      }),
    // Apollo drains the HTTP server and, through drainAlso, the WebSocket side.
    dispose: () => apollo.stop(),
  };
}

/** The Express side: ops routes, GraphiQL, the admin SPA, then a 404 and the last-resort 500, both formatted. */
function mountRoutes(app: Express, { config, orm, metrics, logger }: HttpDeps, formatError: FormatError): void {
  app.use(opsRouter(orm, logger, formatError));
  app.use(metricsRouter(metrics, config.metricsToken, formatError));
  app.use(graphiqlRouter(formatError));
  app.use(adminSpaRouter(formatError, config.adminUiDist));
  app.use((req: Request, res: Response) => {
    sendError(res, 404, formatThrown(formatError, new DomainError(ErrorCode.NOT_FOUND, `Nothing at ${req.method} ${req.path}`)));
  });
  app.use((err: Error, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    sendError(res, 500, formatThrown(formatError, err)); // logged, and masked in production, by the formatter
  });
}
