import type net from 'node:net';

/** Where pooled reads go: `write` must call `done` once it no longer needs the chunk. */
export type PooledSink = (chunk: Buffer, done: () => void) => void;

/**
 * Reads a socket into a few buffers that are used again and again (the `onread` option of
 * `net.connect`), instead of a fresh 64 KiB buffer for every read: a desktop's screen updates
 * (megabytes each) then cost a handful of reads and no garbage, so the process's heap is not
 * collected again and again under a moving picture. Buffers are made when a read first needs
 * them, small at first (`first` bytes), and four times larger each time a read fills one, up to
 * `size`: a connection that carries small updates (a quiet exam page, a handshake) never holds
 * megabytes, so thirty candidates opening their desktops at once do not make the process allocate
 * and collect 90 MiB. A chunk is lent to the sink until it says it is done with it; when every
 * buffer but the next is lent out, reading pauses until one comes back. Until a sink is set,
 * chunks are copied aside (reading waits after a buffer's worth) and handed over when it is.
 */
export class ReadPool {
  private buffers: Buffer[] = [];
  private readonly lent = new Set<Buffer>();
  private current: number;
  private sink: PooledSink | null = null;
  private early: Buffer[] = [];
  private socket: net.Socket | null = null;

  constructor(
    private readonly size = 1 << 20,
    private readonly count = 3,
    first = 16 * 1024,
  ) {
    this.current = Math.min(first, size);
  }

  /** The `onread` option for `net.connect`. */
  get onread(): { buffer: () => Buffer; callback: (n: number, buf: Buffer) => boolean } {
    return { buffer: () => this.free(), callback: (n, buf) => this.received(n, buf) };
  }

  /** The bytes of the buffers the pool reads into now (lent ones included). */
  get bytesHeld(): number {
    const all = new Set([...this.buffers, ...this.lent]);
    return [...all].reduce((sum, b) => sum + b.length, 0);
  }

  /** The socket the pool reads (to pause and resume it). */
  attach(socket: net.Socket): void {
    this.socket = socket;
  }

  /** Starts handing chunks to `sink` (first any kept aside before); null keeps them aside (copied) until a sink is set. */
  drainTo(sink: PooledSink | null): void {
    this.sink = sink;
    if (!sink) return;
    for (const chunk of this.early.splice(0)) sink(chunk, () => undefined);
    if (this.socket && !this.socket.destroyed) this.socket.resume();
  }

  private free(): Buffer {
    // Reading pauses while all but one are lent, so at most `count` buffers are ever made at one size.
    const unlent = this.buffers.find((b) => !this.lent.has(b));
    if (unlent) return unlent;
    const made = Buffer.allocUnsafeSlow(this.current);
    this.buffers.push(made);
    return made;
  }

  private received(n: number, buf: Buffer): boolean {
    if (n === buf.length && this.current < this.size) {
      // A read filled its buffer: more is coming than these hold. The next reads go into larger
      // ones; the smaller are dropped (a lent one when it comes back).
      this.current = Math.min(this.size, this.current * 4);
      this.buffers = [];
    }
    if (!this.sink) {
      // Kept aside up to one buffer's worth; then reading waits for the sink.
      this.early.push(Buffer.from(buf.subarray(0, n)));
      return this.early.reduce((a, c) => a + c.length, 0) < buf.length;
    }
    this.lent.add(buf);
    this.sink(buf.subarray(0, n), () => this.giveBack(buf));
    return this.lent.size < this.count - 1;
  }

  private giveBack(buf: Buffer): void {
    this.lent.delete(buf);
    // resume() restarts reading on an `onread` socket that the callback paused (and does nothing otherwise).
    if (this.socket && !this.socket.destroyed && this.lent.size < this.count - 1) this.socket.resume();
  }
}
