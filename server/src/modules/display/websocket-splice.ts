import { createHash, randomBytes } from 'node:crypto';
import type http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { ReadPool } from './read-pool.js';

/** RFC 6455's fixed GUID, hashed with a key into Sec-WebSocket-Accept. */
const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
/** The most a gateway's handshake answer may hold. */
const MAX_HANDSHAKE_BYTES = 16 * 1024;

/** Sec-WebSocket-Accept for a Sec-WebSocket-Key. */
export function acceptFor(key: string): string {
  return createHash('sha1')
    .update(key + WS_GUID)
    .digest('base64');
}

/** Why a browser's upgrade request is not a WebSocket opening handshake this proxy accepts (RFC 6455 4.2.1), or null. */
export function badUpgrade(req: http.IncomingMessage): string | null {
  if (req.method !== 'GET') return 'a WebSocket handshake is a GET';
  if (req.headers.upgrade?.toLowerCase() !== 'websocket') return 'Upgrade: websocket is required';
  if (!/^[+/0-9A-Za-z]{22}==$/.test(req.headers['sec-websocket-key'] ?? '')) return 'a valid Sec-WebSocket-Key is required';
  if (req.headers['sec-websocket-version'] !== '13') return 'Sec-WebSocket-Version 13 is required';
  return null;
}

/** The 101 answer to a browser's handshake: no extension, its first subprotocol if it offered any. */
export function switchingProtocols(req: http.IncomingMessage): string {
  const protocol = req.headers['sec-websocket-protocol']?.split(',')[0]?.trim();
  return [
    'HTTP/1.1 101 Switching Protocols',
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Accept: ${acceptFor(req.headers['sec-websocket-key']!)}`,
    ...(protocol ? [`Sec-WebSocket-Protocol: ${protocol}`] : []),
    '',
    '',
  ].join('\r\n');
}

/** Refusal of the upstream handshake: the gateway's HTTP status, or 0 when it did not answer one. */
export class UpstreamError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** An open WebSocket to the worker's gateway (handshake verified, no extension), not yet joined to a browser. */
export interface Upstream {
  socket: net.Socket;
  /** Sends everything the gateway sends (its frames as they are) to `to`, from the first byte after its 101. */
  forwardTo(to: net.Socket): void;
}

/** The request line and headers of a client's opening handshake. */
function handshakeRequest(target: URL, key: string): string {
  return `GET ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`;
}

/** Checks the gateway's answer head; throws UpstreamError when it is not a plain 101 for `key`. */
function checkAnswer(head: string, key: string): void {
  const [statusLine, ...lines] = head.split('\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine ?? '')?.[1] ?? 0);
  if (status !== 101) throw new UpstreamError(status, `the gateway refused (${status || statusLine})`);
  const headers = new Map(lines.map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  if (headers.get('sec-websocket-accept') !== acceptFor(key) || headers.has('sec-websocket-extensions'))
    throw new UpstreamError(0, 'the gateway answered an invalid WebSocket handshake');
}

/**
 * Opens a WebSocket to a ws: gateway on a plain TCP connection whose reads go into a few reused
 * large buffers (ReadPool): after the handshake its frames are relayed as they are, never parsed
 * or framed again, and never copied into fresh memory. A wss: gateway goes through https instead.
 */
export function openUpstream(url: string, timeoutMs: number): Promise<Upstream> {
  const target = new URL(url.replace(/^ws/, 'http'));
  if (target.protocol === 'https:') return openTlsUpstream(target, timeoutMs);
  const key = randomBytes(16).toString('base64');
  const pool = new ReadPool();
  const socket = net.connect({ host: target.hostname, port: Number(target.port || 80), noDelay: true, onread: pool.onread });
  pool.attach(socket);
  socket.setTimeout(timeoutMs);
  return new Promise((resolve, reject) => {
    let answer = Buffer.alloc(0);
    const fail = (err: Error) => {
      socket.destroy();
      reject(err instanceof UpstreamError ? err : new UpstreamError(0, err.message));
    };
    const timedOut = () => fail(new Error(`no answer within ${timeoutMs} ms`));
    const closed = () => fail(new Error('the gateway closed the connection'));
    socket.once('error', fail).once('timeout', timedOut).once('close', closed);
    socket.once('connect', () => socket.write(handshakeRequest(target, key)));
    pool.drainTo((chunk, done) => {
      answer = Buffer.concat([answer, chunk]);
      done();
      const end = answer.indexOf('\r\n\r\n');
      if (end < 0) return answer.length > MAX_HANDSHAKE_BYTES ? fail(new Error('the gateway answered no handshake')) : undefined;
      try {
        checkAnswer(answer.subarray(0, end).toString('latin1'), key);
      } catch (err) {
        return fail(err as Error);
      }
      socket.setTimeout(0);
      socket.off('error', fail).off('timeout', timedOut).off('close', closed);
      const rest = answer.subarray(end + 4);
      pool.drainTo(null);
      resolve({
        socket,
        forwardTo: (to) => {
          if (rest.length) to.write(rest);
          pool.drainTo((c, release) => to.write(c, release));
        },
      });
    });
  });
}

function openTlsUpstream(target: URL, timeoutMs: number): Promise<Upstream> {
  const key = randomBytes(16).toString('base64');
  const request = https.request(target, {
    headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Key': key, 'Sec-WebSocket-Version': '13' },
    timeout: timeoutMs,
  });
  return new Promise((resolve, reject) => {
    request.once('upgrade', (res, socket: net.Socket, head: Buffer) => {
      if (res.headers['sec-websocket-accept'] !== acceptFor(key) || res.headers['sec-websocket-extensions']) {
        socket.destroy();
        return reject(new UpstreamError(0, 'the gateway answered an invalid WebSocket handshake'));
      }
      socket.setTimeout(0);
      resolve({
        socket,
        forwardTo: (to) => {
          if (head.length) to.write(head);
          socket.pipe(to);
        },
      });
    });
    request.once('response', (res) => {
      res.resume();
      reject(new UpstreamError(res.statusCode ?? 0, `the gateway refused (${res.statusCode})`));
    });
    request.once('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.once('error', (err) => reject(new UpstreamError(0, err.message)));
    request.end();
  });
}

/** How long a side may take to flush and close after the other has closed. */
const LINGER_MS = 5000;

/**
 * Joins two sockets that each carry one end of the same WebSocket conversation: the browser's frames
 * (masked, as a client's must be) go to the gateway, which takes them as its client's; the
 * gateway's (unmasked, as a server's) go to the browser. Nothing is buffered beyond the sockets'
 * backpressure, and small frames (input, update requests) leave at once (no Nagle delay). One side
 * ending or closing ends the other once what it was sent has been flushed (so a close frame
 * arrives); an error closes both. `onClose` hears when both are closed.
 */
export function splice(browser: net.Socket, browserHead: Buffer, upstream: Upstream, onClose: () => void): void {
  const gateway = upstream.socket;
  browser.setNoDelay(true);
  browser.setTimeout(0);
  if (browserHead.length) gateway.write(browserHead);
  upstream.forwardTo(browser);
  browser.pipe(gateway);
  let open = 2;
  const ended = (other: net.Socket) => () => {
    other.end();
    setTimeout(() => other.destroy(), LINGER_MS).unref();
  };
  const failed = () => {
    browser.destroy();
    gateway.destroy();
  };
  for (const [s, other] of [
    [browser, gateway],
    [gateway, browser],
  ] as const) {
    s.once('end', ended(other));
    s.once('close', ended(other));
    s.once('close', () => --open === 0 && onClose());
    s.once('error', failed);
  }
}
