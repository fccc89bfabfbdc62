import type http from 'node:http';
import type net from 'node:net';
import { WebSocketServer } from 'ws';
import type { GraphQLSchema } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Authenticator } from './authenticator.js';
import { createGraphqlWsServer } from './graphql-ws-server.js';
import { refuseUpgrade } from './error-response.js';
import type { LiveStreams } from '../graphql/context.js';
import { formatThrown, type FormatError } from '../graphql/format-error.js';
import type { DocumentGuard } from '../graphql/query-limits.js';
import type { Logger } from '../observability/logger.js';
import type { ServerConfig } from '../config/config.js';
import { DomainError } from '../shared/domain-error.js';
import { ErrorCode } from '../shared/error-codes.js';

/** A handler of WebSocket upgrades under a path prefix (the desktop proxy on /desktop/). */
export type UpgradeHandler = (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => Promise<void>;

/** What the WebSocket side needs. */
export interface WebSocketDeps {
  config: ServerConfig;
  orm: MikroORM;
  schema: GraphQLSchema;
  auth: Authenticator;
  live: LiveStreams;
  guard: DocumentGuard;
  formatError: FormatError;
  logger: Logger;
  /** Other WebSocket paths by prefix. */
  upgrades?: Record<string, UpgradeHandler>;
}

/**
 * The WebSocket side of `server`: graphql-ws on `/graphql`, the other upgrade paths by prefix,
 * and for any other path a 404 with the body every error answer has.
 */
export function createWebSocketServer(server: http.Server, deps: WebSocketDeps): { dispose(): Promise<void> } {
  const { config, logger, formatError, upgrades = {} } = deps;
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.graphql.maxBodyBytes });
  server.on('upgrade', (req, socket, head) => {
    const path = req.url?.split('?')[0] ?? '';
    if (path === '/graphql') return wss.handleUpgrade(req, socket, head, (client) => wss.emit('connection', client, req));
    const prefix = Object.keys(upgrades).find((p) => path.startsWith(p));
    if (!prefix) return refuseUpgrade(socket, 404, formatThrown(formatError, new DomainError(ErrorCode.NOT_FOUND, `No WebSocket endpoint at ${path}`)));
    upgrades[prefix]!(req, socket as net.Socket, head).catch((err: unknown) => {
      logger.error({ err, path }, 'websocket upgrade failed');
      socket.destroy();
    });
  });
  const graphqlWs = createGraphqlWsServer(wss, deps);
  return {
    dispose: async () => {
      await graphqlWs.dispose();
      wss.close();
    },
  };
}
