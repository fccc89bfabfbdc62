/**
 * Bytes in arrival order, for the benches' protocol clients: reads wait for what they need; skips
 * and moves take payloads as they arrive, without copying or keeping them.
 */
export class ByteQueue {
  private chunks: Buffer[] = [];
  private length = 0;
  /** What the one waiting read wants: n bytes, to keep (read), drop (skip) or hand to another queue (move). */
  private pending: { n: number; mode: 'read' | 'skip' | ByteQueue; resolve: (b: Buffer) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;

  push(b: Buffer): void {
    if (b.length === 0) return;
    this.chunks.push(b);
    this.length += b.length;
    this.pump();
  }

  fail(err: Error): void {
    this.failure ??= err;
    const p = this.pending;
    this.pending = null;
    p?.reject(err);
  }

  read(n: number): Promise<Buffer> {
    return this.wait(n, 'read');
  }

  /** Drops the next n bytes. */
  async skip(n: number): Promise<void> {
    if (n > 0) await this.wait(n, 'skip');
  }

  /** Hands the next n bytes to another queue as they arrive (slices of the same memory). */
  async moveTo(n: number, target: ByteQueue): Promise<void> {
    if (n > 0) await this.wait(n, target);
  }

  private wait(n: number, mode: 'read' | 'skip' | ByteQueue): Promise<Buffer> {
    if (this.pending) return Promise.reject(new Error('one read at a time'));
    return new Promise((resolve, reject) => {
      this.pending = { n, mode, resolve, reject };
      this.pump();
    });
  }

  private pump(): void {
    const p = this.pending;
    if (!p) return;
    if (p.mode === 'read') {
      if (this.length >= p.n) {
        this.pending = null;
        p.resolve(this.take(p.n));
        return;
      }
    } else {
      while (p.n > 0 && this.length > 0) {
        const chunk = this.drop(p.n);
        p.n -= chunk.length;
        if (p.mode !== 'skip') p.mode.push(chunk);
      }
      if (p.n === 0) {
        this.pending = null;
        p.resolve(Buffer.alloc(0));
        return;
      }
    }
    if (this.failure) this.fail(this.failure);
  }

  /** Takes up to `max` bytes off the first chunk. */
  private drop(max: number): Buffer {
    const head = this.chunks[0]!;
    const n = Math.min(max, head.length);
    if (n === head.length) this.chunks.shift();
    else this.chunks[0] = head.subarray(n);
    this.length -= n;
    return head.subarray(0, n);
  }

  private take(n: number): Buffer {
    if (this.chunks[0]!.length >= n) return this.drop(n);
    const out = Buffer.allocUnsafe(n);
    let at = 0;
    while (at < n) at += this.drop(n - at).copy(out, at);
    return out;
  }
}
