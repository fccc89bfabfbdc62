import type http from 'node:http';
import type net from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { DisplayService, DisplayTarget } from './display.service.js';
import { DisplayError } from './display.errors.js';
import { ErrorCode } from '../../shared/error-codes.js';
import type { Logger } from '../../observability/logger.js';

/**
 * `/desktop/:sessionId?ticket=…`: the browser's WebSocket, authorised by the one-time ticket from
 * `desktopAccess`, bridged to the desktop's worker gateway with a fresh single-use token. Worker
 * addresses never reach browsers.
 */
export class DesktopProxy {
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, handleProtocols: (protocols) => [...protocols][0] ?? false });

  constructor(
    private readonly orm: MikroORM,
    private readonly display: DisplayService,
    private readonly logger: Logger,
  ) {}

  /** Handles one upgrade request whose path starts with /desktop/. */
  async handle(req: http.IncomingMessage, socket: net.Socket, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://portal');
    const sessionId = url.pathname.slice('/desktop/'.length);
    let target: DisplayTarget;
    try {
      target = await this.display.target(this.orm.em.fork(), sessionId, url.searchParams.get('ticket'));
    } catch (err) {
      const status = err instanceof DisplayError ? (err.code === ErrorCode.CONFLICT ? 409 : 403) : 400;
      return refuse(socket, status, err instanceof Error ? err.message : 'refused');
    }
    const upstream = new WebSocket(`${target.gatewayUrl}?token=${encodeURIComponent(target.token)}`, { perMessageDeflate: false, handshakeTimeout: 10_000 });
    upstream.once('unexpected-response', (_r, res) => refuse(socket, 502, `the worker refused the display (${res.statusCode})`));
    upstream.once('error', (err) => {
      this.logger.warn({ sessionId, err: err.message }, 'worker display gateway unreachable');
      if (!socket.destroyed) refuse(socket, 502, "the worker's display gateway does not answer");
    });
    upstream.once('open', () => {
      this.wss.handleUpgrade(req, socket, head, (client) => {
        client.on('message', (d, binary) => upstream.readyState === upstream.OPEN && upstream.send(d, { binary }));
        upstream.on('message', (d, binary) => client.readyState === client.OPEN && client.send(d, { binary }));
        client.on('close', () => upstream.close());
        upstream.on('close', () => client.close());
        client.on('error', () => upstream.terminate());
        upstream.on('error', () => client.terminate());
      });
    });
  }

  dispose(): void {
    for (const c of this.wss.clients) c.terminate();
  }
}

function refuse(socket: net.Socket, status: number, reason: string): void {
  if (socket.destroyed) return;
  socket.end(
    `HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : status === 409 ? 'Conflict' : 'Bad Gateway'}\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n${reason}\n`,
  );
}
