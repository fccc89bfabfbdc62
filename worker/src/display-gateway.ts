import http from 'node:http';
import net from 'node:net';
import { webcrypto } from 'node:crypto';
import { jwtVerify, type JWTPayload } from 'jose';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from 'pino';
import type { DockerDriver } from './docker-driver.js';
import { ReadPool } from './read-pool.js';
import { DisplayEndpoints } from './display-endpoints.js';

/** The audience of display tokens (the control plane signs them with GUAC_TOKEN_KEY). */
export const DISPLAY_AUDIENCE = 'vdi-display';
/** The longest life a display token may have. */
const MAX_TOKEN_SEC = 60;
/** The desktop's VNC port inside its container when its `vdi.display-port` label names none (the exam image's). */
const VNC_PORT = 5901;

/**
 * The display gateway on WORKER_PUBLIC_PORT: `GET /desktop/<sessionId>?token=…` upgrades to a
 * WebSocket bridged to that session's VNC port. Only tokens signed with GUAC_TOKEN_KEY are
 * accepted, each at most 60 s long, once, for that session on this worker.
 */
export class DisplayGateway {
  private readonly server: http.Server;
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  /** GUAC_TOKEN_KEY, imported once as a CryptoKey (jose would import a KeyObject again on every check). */
  private readonly key: Promise<webcrypto.CryptoKey> | null;
  /** Where this worker's desktops listen (one engine listing shared by the connections that ask at once). */
  private readonly endpoints: DisplayEndpoints;
  /** Token ids already used, kept until they would have expired anyway. */
  private readonly used = new Map<string, number>();

  constructor(
    private readonly workerCode: string,
    tokenKey: string | null,
    driver: DockerDriver,
    private readonly logger: Logger,
  ) {
    this.endpoints = new DisplayEndpoints(driver.docker, workerCode);
    this.key = tokenKey ? webcrypto.subtle.importKey('raw', Buffer.from(tokenKey, 'utf8'), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']) : null;
    this.server = http.createServer((req, res) => {
      if (req.url === '/healthz') return void res.end('ok');
      res.writeHead(404).end();
    });
    this.server.on('upgrade', (req, socket, head) => {
      void this.upgrade(req, socket as net.Socket, head);
    });
  }

  /** Starts listening; resolves with the port. */
  listen(port: number, host = '0.0.0.0'): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve((this.server.address() as net.AddressInfo).port));
    });
  }

  private async upgrade(req: http.IncomingMessage, socket: net.Socket, head: Buffer): Promise<void> {
    const refuse = (status: number, reason: string) => {
      this.logger.warn({ status, reason, url: req.url?.replace(/token=[^&]+/, 'token=…') }, 'display connection refused');
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n${reason}\n`);
    };
    const url = new URL(req.url ?? '/', 'http://gateway');
    const m = /^\/desktop\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (!m) return refuse(404, 'no such path');
    const sessionId = m[1]!;
    const t0 = performance.now();
    const problem = await this.checkToken(url.searchParams.get('token'), sessionId);
    if (problem) return refuse(problem.status, problem.reason);
    const checked = performance.now();
    const endpoint = await this.endpoints.find(sessionId);
    const found = performance.now();
    if (!endpoint) return refuse(404, 'this session has no running desktop on this worker');
    // The screen's bytes are read into a few reused large buffers and sent on as they are (no garbage per read).
    const pool = new ReadPool();
    const vnc = net.connect({ host: endpoint.ip, port: endpoint.displayPort ?? VNC_PORT, noDelay: true, onread: pool.onread });
    pool.attach(vnc);
    // Before the connection opens, an error refuses the upgrade; afterwards the bridge closes both ends.
    const unreachable = (err: Error) => {
      this.logger.warn({ sessionId, err: err.message }, 'desktop VNC port unreachable');
      refuse(502, 'the desktop does not answer');
    };
    vnc.once('error', unreachable);
    vnc.once('connect', () => {
      vnc.off('error', unreachable);
      const ms = (t: number) => Math.round(t - t0);
      this.logger.debug({ sessionId, tokenMs: ms(checked), lookupMs: ms(found), connectedMs: ms(performance.now()) }, 'display connection opened');
      this.wss.handleUpgrade(req, socket, head, (ws) => bridge(ws, vnc, pool));
    });
  }

  /** Why a token is refused, or null when it opens this session's desktop. */
  private async checkToken(token: string | null, sessionId: string): Promise<{ status: number; reason: string } | null> {
    if (!this.key) return { status: 503, reason: 'GUAC_TOKEN_KEY is not set on this worker' };
    if (!token) return { status: 401, reason: 'a display token is required' };
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, await this.key, {
        audience: DISPLAY_AUDIENCE,
        algorithms: ['HS256'],
        requiredClaims: ['jti', 'exp', 'iat', 'sub'],
      }));
    } catch (err) {
      return { status: 401, reason: `invalid or expired display token (${(err as Error).message})` };
    }
    if (claims.exp! - claims.iat! > MAX_TOKEN_SEC) return { status: 401, reason: `display tokens live at most ${MAX_TOKEN_SEC} s` };
    if (claims.sub !== sessionId) return { status: 403, reason: 'this token is for another session' };
    if (claims.wid !== this.workerCode) return { status: 403, reason: 'this token is for another worker' };
    const now = Date.now();
    for (const [id, until] of this.used) if (until < now) this.used.delete(id);
    if (this.used.has(claims.jti!)) return { status: 401, reason: 'this display token was already used' };
    this.used.set(claims.jti!, claims.exp! * 1000);
    return null;
  }

  async dispose(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

/** Pipes a WebSocket (binary frames) and a TCP connection (read through `pool`) into each other until either ends. */
function bridge(ws: WebSocket, tcp: net.Socket, pool: ReadPool): void {
  // Each chunk goes out as one frame; its buffer is read into again once the frame has been written.
  pool.drainTo((chunk, done) => (ws.readyState === ws.OPEN ? ws.send(chunk, { binary: true }, () => done()) : done()));
  ws.on('message', (d: Buffer) => tcp.write(d));
  tcp.on('close', () => ws.close());
  tcp.on('error', () => ws.close());
  ws.on('close', () => tcp.destroy());
  ws.on('error', () => tcp.destroy());
}
