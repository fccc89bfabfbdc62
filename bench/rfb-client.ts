/**
 * A small RFB (VNC) client for benchmarks and tests: it speaks the real protocol (RFB 3.8,
 * RFC 6143) over a WebSocket (the viewer's path: the control plane's `/desktop/:sessionId` proxy
 * and the worker's gateway) or a plain TCP connection (straight to the container's VNC port).
 * ProtocolVersion, security (VNC authentication, or None), ClientInit, ServerInit, SetEncodings
 * (raw; Tight with noVNC's quality and compression levels, as the browser viewer asks; or ZRLE) and
 * FramebufferUpdateRequest; it reads FramebufferUpdates whole without keeping (or decoding) the pixels.
 */
import net from 'node:net';
import { ByteQueue } from './byte-queue.js';
import { openWebSocket } from './websocket-lite.js';
import { vncAuthResponse } from '../worker/src/vnc-des.js';

const SECURITY_NONE = 1;
const SECURITY_VNC = 2;
const ENCODING_RAW = 0;
/** ZRLE (RFC 6143 §7.7.6): each rectangle is a length and zlib data. */
export const ENCODING_ZRLE = 16;
/** Tight: the first encoding the browser viewer (noVNC 1.7) offers that Xvnc speaks; fills, JPEG, or zlib data with a filter. */
export const ENCODING_TIGHT = 7;
/** The quality (JPEG) and compression levels noVNC asks for by default: pseudo-encodings −32 + 6 and −256 + 2. */
const NOVNC_QUALITY_6 = -26;
const NOVNC_COMPRESS_2 = -254;
/** Tight sends data shorter than this as it is, longer data as a compact length and zlib data. */
const TIGHT_MIN_TO_COMPRESS = 12;

/** One FramebufferUpdate as received: its size on the wire and when its first and last bytes came. */
export interface FramebufferUpdate {
  rects: number;
  bytes: number;
  /** performance.now() when the message's first byte was read. */
  startedAt: number;
  /** performance.now() when its last byte was read. */
  doneAt: number;
}

interface Transport {
  write(b: Buffer): void;
  close(): void;
}

/** A connected, initialised RFB session (after ServerInit). */
export class RfbClient {
  /** performance.now() when the transport opened (WebSocket handshake done, or TCP connected). */
  connectedAt = 0;
  width = 0;
  height = 0;
  bytesPerPixel = 4;
  name = '';

  private constructor(
    private readonly transport: Transport,
    private readonly queue: ByteQueue,
  ) {}

  /**
   * Connects over a WebSocket URL (ws://…; the bench's own lean client, which like a browser's
   * costs little per frame) and runs the handshake.
   */
  static async overWebSocket(url: string, password: string | null): Promise<RfbClient> {
    const ws = await openWebSocket(url, ['binary']);
    const client = new RfbClient({ write: (b) => ws.send(b), close: () => ws.close() }, ws.queue);
    client.connectedAt = performance.now();
    try {
      await client.handshake(password);
    } catch (err) {
      ws.close();
      throw err;
    }
    return client;
  }

  /** Connects straight to a VNC port and runs the handshake. */
  static overTcp(host: string, port: number, password: string | null): Promise<RfbClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port, noDelay: true });
      const queue = new ByteQueue();
      socket.on('data', (d: Buffer) => queue.push(d));
      socket.on('error', (err) => {
        queue.fail(err);
        reject(err);
      });
      socket.on('close', () => queue.fail(new Error('the connection closed')));
      socket.once('connect', () => {
        const client = new RfbClient({ write: (b) => socket.write(b), close: () => socket.destroy() }, queue);
        client.handshake(password).then(
          () => resolve(client),
          (err: Error) => {
            socket.destroy();
            reject(err);
          },
        );
      });
    });
  }

  private async handshake(password: string | null): Promise<void> {
    const version = (await this.queue.read(12)).toString('latin1');
    if (!/^RFB \d{3}\.\d{3}\n$/.test(version)) throw new Error(`not an RFB server: ${JSON.stringify(version)}`);
    this.transport.write(Buffer.from('RFB 003.008\n', 'latin1'));
    const count = (await this.queue.read(1))[0]!;
    if (count === 0) throw new Error(`the server refused the connection: ${await this.reason()}`);
    const types = [...(await this.queue.read(count))];
    const type = password !== null && types.includes(SECURITY_VNC) ? SECURITY_VNC : types.includes(SECURITY_NONE) ? SECURITY_NONE : null;
    if (type === null) throw new Error(`no security type this client speaks (offered: ${types.join(', ')})`);
    this.transport.write(Buffer.from([type]));
    if (type === SECURITY_VNC) this.transport.write(vncAuthResponse(password!, await this.queue.read(16)));
    if ((await this.queue.read(4)).readUInt32BE(0) !== 0) throw new Error(`VNC authentication failed: ${await this.reason()}`);
    this.transport.write(Buffer.from([1])); // ClientInit: shared
    const init = await this.queue.read(24);
    this.width = init.readUInt16BE(0);
    this.height = init.readUInt16BE(2);
    this.bytesPerPixel = init[4]! / 8;
    this.name = (await this.queue.read(init.readUInt32BE(20))).toString('utf8');
  }

  private async reason(): Promise<string> {
    return (await this.queue.read((await this.queue.read(4)).readUInt32BE(0))).toString('utf8');
  }

  /** SetEncodings: raw only (every rectangle is width × height × bytes-per-pixel on the wire). */
  setEncodingsRaw(): void {
    this.setEncodings([ENCODING_RAW]);
  }

  /** SetEncodings: ZRLE first (the server compresses each rectangle), raw as the fallback. */
  setEncodingsZrle(): void {
    this.setEncodings([ENCODING_ZRLE, ENCODING_RAW]);
  }

  /** SetEncodings as the browser viewer sends them to Xvnc: Tight first, ZRLE, raw, with noVNC's default quality and compression levels. */
  setEncodingsTight(): void {
    this.setEncodings([ENCODING_TIGHT, ENCODING_ZRLE, ENCODING_RAW, NOVNC_QUALITY_6, NOVNC_COMPRESS_2]);
  }

  private setEncodings(encodings: number[]): void {
    const m = Buffer.alloc(4 + 4 * encodings.length);
    m[0] = 2;
    m.writeUInt16BE(encodings.length, 2);
    for (const [i, e] of encodings.entries()) m.writeInt32BE(e, 4 + 4 * i);
    this.transport.write(m);
  }

  /** FramebufferUpdateRequest for a region (the whole screen by default). */
  requestUpdate(incremental: boolean, x = 0, y = 0, w = this.width, h = this.height): void {
    const m = Buffer.alloc(10);
    m[0] = 3;
    m[1] = incremental ? 1 : 0;
    m.writeUInt16BE(x, 2);
    m.writeUInt16BE(y, 4);
    m.writeUInt16BE(w, 6);
    m.writeUInt16BE(h, 8);
    this.transport.write(m);
  }

  /** Reads server messages until a FramebufferUpdate has been read whole; skips bells, clipboard and colour maps. */
  async nextUpdate(): Promise<FramebufferUpdate> {
    for (;;) {
      const type = (await this.queue.read(1))[0]!;
      const startedAt = performance.now();
      if (type === 0) return this.readUpdate(startedAt);
      if (type === 1) await this.queue.skip((await this.queue.read(5)).readUInt16BE(3) * 6);
      else if (type === 3) await this.queue.skip((await this.queue.read(7)).readUInt32BE(3));
      else if (type !== 2) throw new Error(`unexpected server message type ${type}`);
    }
  }

  private async readUpdate(startedAt: number): Promise<FramebufferUpdate> {
    const rects = (await this.queue.read(3)).readUInt16BE(1);
    let bytes = 4;
    for (let i = 0; i < rects; i++) {
      const h = await this.queue.read(12);
      const encoding = h.readInt32BE(8);
      let size: number;
      if (encoding === ENCODING_RAW) {
        size = h.readUInt16BE(4) * h.readUInt16BE(6) * this.bytesPerPixel;
        await this.queue.skip(size);
      } else if (encoding === ENCODING_ZRLE) {
        size = 4 + (await this.queue.read(4)).readUInt32BE(0);
        await this.queue.skip(size - 4);
      } else if (encoding === ENCODING_TIGHT) size = await this.skipTight(h.readUInt16BE(4), h.readUInt16BE(6));
      else throw new Error(`unexpected encoding ${encoding} (only raw, ZRLE and Tight were asked for)`);
      bytes += 12 + size;
    }
    return { rects, bytes, startedAt, doneAt: performance.now() };
  }

  /**
   * Skips one Tight rectangle of w × h and says how many bytes it took. Its control byte says fill
   * (one pixel), JPEG (a compact length and the data) or basic (an optional filter: copy, a palette,
   * or gradient; then the filtered pixels as they are when short, else a compact length and zlib data).
   */
  private async skipTight(w: number, h: number): Promise<number> {
    const tpixel = this.bytesPerPixel === 4 ? 3 : this.bytesPerPixel;
    const kind = (await this.queue.read(1))[0]! >> 4;
    let bytes = 1;
    if (kind === 0x8) {
      await this.queue.skip(tpixel);
      return bytes + tpixel;
    }
    if (kind === 0x9) {
      const [length, lengthBytes] = await this.compactLength();
      await this.queue.skip(length);
      return bytes + lengthBytes + length;
    }
    if (kind > 0x9) throw new Error(`Tight compression type ${kind} was not asked for`);
    let rowBits = w * tpixel * 8;
    if (kind & 0x4) {
      const filter = (await this.queue.read(1))[0]!;
      bytes += 1;
      if (filter === 1) {
        const colours = (await this.queue.read(1))[0]! + 1;
        await this.queue.skip(colours * tpixel);
        bytes += 1 + colours * tpixel;
        rowBits = colours === 2 ? w : w * 8;
      } else if (filter !== 0 && filter !== 2) throw new Error(`unknown Tight filter ${filter}`);
    }
    const raw = Math.ceil(rowBits / 8) * h;
    if (raw < TIGHT_MIN_TO_COMPRESS) {
      await this.queue.skip(raw);
      return bytes + raw;
    }
    const [length, lengthBytes] = await this.compactLength();
    await this.queue.skip(length);
    return bytes + lengthBytes + length;
  }

  /** Tight's compact length: 1 to 3 bytes, 7 bits each, low bits first; and how many bytes it took. */
  private async compactLength(): Promise<[number, number]> {
    let length = 0;
    for (let i = 0; i < 3; i++) {
      const b = (await this.queue.read(1))[0]!;
      length |= (i === 2 ? b : b & 0x7f) << (7 * i);
      if (i === 2 || !(b & 0x80)) return [length, i + 1];
    }
    throw new Error('unreachable');
  }

  /** One whole-screen, non-incremental update: request → last byte. */
  async fullFrame(): Promise<FramebufferUpdate> {
    this.requestUpdate(false);
    return this.nextUpdate();
  }

  /** A round trip of the smallest update (a non-incremental 1×1 region), in ms. */
  async ping(): Promise<number> {
    const t0 = performance.now();
    this.requestUpdate(false, 0, 0, 1, 1);
    const u = await this.nextUpdate();
    return u.doneAt - t0;
  }

  close(): void {
    this.transport.close();
  }
}
