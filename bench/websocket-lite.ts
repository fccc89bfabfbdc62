/**
 * A lean WebSocket client (RFC 6455) for the benches: the opening handshake (checked), binary
 * frames read without copying (their payloads go straight to a ByteQueue, as a browser's native
 * WebSocket costs little per frame), masked frames sent, pings answered, a close answered.
 * No extensions, no text messages.
 */
import { createHash, randomBytes } from 'node:crypto';
import net from 'node:net';
import { ByteQueue } from './byte-queue.js';

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export interface LiteWebSocket {
  /** The payload bytes of every data frame received, in order. */
  queue: ByteQueue;
  /** The subprotocol the server chose, or ''. */
  protocol: string;
  /** Sends one binary frame. */
  send(data: Buffer): void;
  close(): void;
}

/** A client frame: FIN, the opcode, the mask bit and a random mask over the payload. */
function frame(opcode: number, payload: Buffer): Buffer {
  const n = payload.length;
  const lenBytes = n < 126 ? 0 : n < 65536 ? 2 : 8;
  const out = Buffer.allocUnsafe(2 + lenBytes + 4 + n);
  out[0] = 0x80 | opcode;
  out[1] = 0x80 | (lenBytes === 0 ? n : lenBytes === 2 ? 126 : 127);
  if (lenBytes === 2) out.writeUInt16BE(n, 2);
  if (lenBytes === 8) out.writeBigUInt64BE(BigInt(n), 2);
  const mask = randomBytes(4);
  mask.copy(out, 2 + lenBytes);
  for (let i = 0; i < n; i++) out[6 + lenBytes + i] = payload[i]! ^ mask[i & 3]!;
  return out;
}

/** Reads the answer's head (to the blank line) byte by byte: the frames after it stay in the queue. */
async function readHead(raw: ByteQueue): Promise<string> {
  let head = '';
  while (!head.endsWith('\r\n\r\n')) {
    head += (await raw.read(1)).toString('latin1');
    if (head.length > 16_384) throw new Error('no end to the handshake answer');
  }
  return head;
}

/** Reads frames until the connection ends: data payloads to `out`, pings answered, a close answered. */
async function readFrames(raw: ByteQueue, out: ByteQueue, socket: net.Socket): Promise<void> {
  for (;;) {
    const h = await raw.read(2);
    const opcode = h[0]! & 0x0f;
    if (h[1]! & 0x80) throw new Error('the server masked a frame');
    let n = h[1]! & 0x7f;
    if (n === 126) n = (await raw.read(2)).readUInt16BE(0);
    else if (n === 127) n = Number((await raw.read(8)).readBigUInt64BE(0));
    if (opcode <= 2) await raw.moveTo(n, out);
    else if (opcode === 9) socket.write(frame(10, await raw.read(n)));
    else if (opcode === 8) {
      const body = await raw.read(n);
      socket.end(frame(8, body.subarray(0, 2)));
      throw new Error(`the server closed the WebSocket (${n >= 2 ? body.readUInt16BE(0) : 'no code'})`);
    } else await raw.skip(n);
  }
}

/** Opens a WebSocket to a ws:// URL; rejects with "WebSocket refused: HTTP <status>" when the server refuses. */
export async function openWebSocket(url: string, protocols: string[] = []): Promise<LiteWebSocket> {
  const u = new URL(url);
  if (u.protocol !== 'ws:') throw new Error(`only ws:// URLs (${url})`);
  const socket = net.connect({ host: u.hostname, port: Number(u.port || 80), noDelay: true });
  const raw = new ByteQueue();
  socket.on('data', (d: Buffer) => raw.push(d));
  socket.on('error', (err) => raw.fail(err));
  socket.on('close', () => raw.fail(new Error('the connection closed')));
  const key = randomBytes(16).toString('base64');
  socket.write(
    `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n` +
      (protocols.length ? `Sec-WebSocket-Protocol: ${protocols.join(', ')}\r\n` : '') +
      '\r\n',
  );
  let head: string;
  try {
    head = await readHead(raw);
  } catch (err) {
    socket.destroy();
    throw err;
  }
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
  const header = (name: string) => new RegExp(`^${name}: *(.*)$`, 'im').exec(head)?.[1]?.trim();
  const accept = createHash('sha1')
    .update(key + WS_GUID)
    .digest('base64');
  if (status !== 101 || header('sec-websocket-accept') !== accept) {
    socket.destroy();
    throw new Error(status === 101 ? 'WebSocket handshake answer is invalid' : `WebSocket refused: HTTP ${status}`);
  }
  const queue = new ByteQueue();
  readFrames(raw, queue, socket).catch((err: Error) => queue.fail(err));
  return {
    queue,
    protocol: header('sec-websocket-protocol') ?? '',
    send: (data) => socket.write(frame(2, data)),
    close: () => socket.destroy(),
  };
}
