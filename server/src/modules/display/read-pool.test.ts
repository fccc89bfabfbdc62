import { createHash, randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ReadPool } from './read-pool.js';

/** A loopback server that sends `data` to whoever connects, then ends. */
async function source(data: Buffer): Promise<{ port: number; close: () => void }> {
  const server = net.createServer((s) => s.end(data));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { port: (server.address() as net.AddressInfo).port, close: () => server.close() };
}

describe('reads into a few reused buffers', () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanup.splice(0)) c();
  });

  it('hands over every byte in order, keeps what came before a sink aside, and pauses while a slow sink holds its buffers', async () => {
    const data = randomBytes(24 * 1024 * 1024);
    const src = await source(data);
    cleanup.push(src.close);
    const pool = new ReadPool(256 * 1024, 3);
    const socket = net.connect({ port: src.port, host: '127.0.0.1', onread: pool.onread });
    pool.attach(socket);
    // Bytes arrive before anyone takes them.
    while (socket.bytesRead === 0) await new Promise((r) => setTimeout(r, 5));
    const hash = createHash('sha256');
    let received = 0;
    let lent = 0;
    let mostLent = 0;
    let keptAside = 0;
    let flushing = true;
    const ended = new Promise((r) => socket.once('end', r));
    pool.drainTo((chunk, done) => {
      hash.update(chunk);
      received += chunk.length;
      if (flushing) {
        keptAside += chunk.length; // copies made before the sink came: not the pool's buffers
        return;
      }
      mostLent = Math.max(mostLent, ++lent);
      // A slow consumer: each chunk is given back a little later, in order.
      setTimeout(() => {
        lent--;
        done();
      }, 1);
    });
    flushing = false;
    await ended;
    expect(received).toBe(data.length);
    expect(hash.digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));
    expect(keptAside).toBeGreaterThan(0);
    expect(keptAside).toBeLessThan(2 * 256 * 1024);
    expect(mostLent).toBe(2);
  });

  it('holds small buffers while the bytes are few, and grows them to its size (never more than its count) when reads fill them', async () => {
    const small = randomBytes(1024);
    const big = randomBytes(8 * 1024 * 1024);
    const src = await source(Buffer.concat([small]));
    cleanup.push(src.close);
    const quiet = new ReadPool(1 << 20, 3, 16 * 1024);
    const a = net.connect({ port: src.port, host: '127.0.0.1', onread: quiet.onread });
    quiet.attach(a);
    let got = 0;
    quiet.drainTo((chunk, done) => {
      got += chunk.length;
      done();
    });
    await new Promise((r) => a.once('end', r));
    expect(got).toBe(small.length);
    expect(quiet.bytesHeld).toBe(16 * 1024);

    const bigSrc = await source(big);
    cleanup.push(bigSrc.close);
    const busy = new ReadPool(1 << 20, 3, 16 * 1024);
    const b = net.connect({ port: bigSrc.port, host: '127.0.0.1', onread: busy.onread });
    busy.attach(b);
    const hash = createHash('sha256');
    let mostHeld = 0;
    busy.drainTo((chunk, done) => {
      hash.update(chunk);
      mostHeld = Math.max(mostHeld, busy.bytesHeld);
      setImmediate(done);
    });
    await new Promise((r) => b.once('end', r));
    expect(hash.digest('hex')).toBe(createHash('sha256').update(big).digest('hex'));
    expect(mostHeld).toBeGreaterThanOrEqual(1 << 20);
    expect(mostHeld).toBeLessThanOrEqual(3 << 20);
  });
});
