import type http from 'node:http';
import type net from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { DisplayService, DisplayTarget } from './display.service.js';
import { DisplayError } from './display.errors.js';
import { badUpgrade, openUpstream, splice, switchingProtocols, UpstreamError } from './websocket-splice.js';
import { ErrorCode } from '../../shared/error-codes.js';
import { DomainError } from '../../shared/domain-error.js';
import { formatDomainError } from '../../graphql/format-error.js';
import { refuseUpgrade } from '../../http/error-response.js';
import type { Logger } from '../../observability/logger.js';

/** How long the worker's gateway may take to answer its handshake. */
const GATEWAY_HANDSHAKE_MS = 10_000;

/**
 * `/desktop/:sessionId?ticket=…`: the browser's WebSocket, authorised by the one-time ticket from
 * `desktopAccess`, joined to the desktop's worker gateway (opened with a fresh single-use token).
 * Worker addresses never reach browsers. Both ends speak WebSocket without extensions, so once
 * both handshakes are done the two connections are spliced: frames pass as they are, never
 * parsed, copied into messages or framed again (the display's bytes cost this process a socket
 * write, not a WebSocket stack), and the gateway checks the browser's frames as it would its own.
 */
export class DesktopProxy {
  private readonly open = new Set<net.Socket>();

  constructor(
    private readonly orm: MikroORM,
    private readonly display: DisplayService,
    private readonly logger: Logger,
  ) {}

  /** Handles one upgrade request whose path starts with /desktop/. */
  async handle(req: http.IncomingMessage, socket: net.Socket, head: Buffer): Promise<void> {
    // The HTTP server let go of the socket at the upgrade: a reset while the checks run must not go unheard.
    socket.on('error', () => socket.destroy());
    const bad = badUpgrade(req);
    if (bad) return refuse(socket, 400, new DomainError(ErrorCode.BAD_REQUEST, bad));
    const url = new URL(req.url ?? '/', 'http://portal');
    const sessionId = url.pathname.slice('/desktop/'.length);
    const t0 = performance.now();
    let target: DisplayTarget;
    try {
      target = await this.display.target(this.orm.em.fork(), sessionId, url.searchParams.get('ticket'));
    } catch (err) {
      if (!(err instanceof DomainError)) {
        this.logger.error({ sessionId, err }, 'desktop access check failed');
        return refuse(socket, 500, new DomainError(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error'));
      }
      const status = err instanceof DisplayError ? (err.code === ErrorCode.CONFLICT ? 409 : 403) : 400;
      return refuse(socket, status, err);
    }
    const checked = performance.now();
    let upstream: Awaited<ReturnType<typeof openUpstream>>;
    try {
      upstream = await openUpstream(`${target.gatewayUrl}?token=${encodeURIComponent(target.token)}`, GATEWAY_HANDSHAKE_MS);
    } catch (err) {
      const status = err instanceof UpstreamError ? err.status : 0;
      if (!status) this.logger.warn({ sessionId, err: (err as Error).message }, 'worker display gateway unreachable');
      const why = status ? `the worker refused the display (${status})` : "the worker's display gateway does not answer";
      return refuse(socket, 502, new DomainError(ErrorCode.WORKER_UNREACHABLE, why));
    }
    if (socket.destroyed) return void upstream.socket.destroy();
    const ms = (t: number) => Math.round(t - t0);
    this.logger.debug({ sessionId, checkedMs: ms(checked), gatewayOpenMs: ms(performance.now()) }, 'desktop connection proxied');
    socket.write(switchingProtocols(req));
    this.open.add(socket);
    splice(socket, head, upstream, () => this.open.delete(socket));
  }

  dispose(): void {
    for (const s of this.open) s.destroy();
  }
}

/** Refuses the upgrade with `status` and the body every error answer has (the error's code and message). */
function refuse(socket: net.Socket, status: number, error: DomainError): void {
  refuseUpgrade(socket, status, formatDomainError(error));
}
