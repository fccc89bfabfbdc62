import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ephemeralOverlap, isPortConflict, NoFreeRdpPortError, RdpPortPool } from './rdp-ports.js';

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('RDP port pool', () => {
  it('hands out ports of the range in turn, one per owner, and the same one again to its owner', () => {
    const pool = new RdpPortPool({ from: 40000, to: 40002 });
    expect(pool.allocate('a')).toBe(40000);
    expect(pool.allocate('b')).toBe(40001);
    expect(pool.allocate('a')).toBe(40000);
    expect(pool.allocate('c')).toBe(40002);
    expect(() => pool.allocate('d')).toThrow(NoFreeRdpPortError);
    expect(() => pool.allocate('d')).toThrow(/WORKER_RDP_PORT_RANGE 40000-40002/);
  });

  it('does not reuse a freed port at once: the next one in turn comes first', () => {
    const pool = new RdpPortPool({ from: 40000, to: 40009 });
    pool.allocate('a');
    pool.allocate('b');
    expect(pool.release('a')).toBe(40000);
    expect(pool.allocate('c')).toBe(40002);
    expect(pool.release('nobody')).toBeNull();
  });

  it('wraps around to ports freed earlier once the end of the range is reached', () => {
    const pool = new RdpPortPool({ from: 40000, to: 40001 });
    pool.allocate('a');
    pool.allocate('b');
    pool.release('a');
    expect(pool.allocate('c')).toBe(40000);
  });

  it('sets a port the engine refused aside for a while, unless a desktop of its own holds it', () => {
    const t = clock();
    const pool = new RdpPortPool({ from: 40000, to: 40001 }, t.now);
    const p = pool.allocate('a');
    pool.refuse('a', p);
    expect(pool.portOf('a')).toBeNull();
    expect(pool.allocate('a')).toBe(40001);
    expect(() => pool.allocate('b')).toThrow(NoFreeRdpPortError);
    t.advance(11 * 60_000);
    expect(pool.allocate('b')).toBe(40000);
  });

  it('learns the ports running containers hold (a restarted worker) and never hands them out', () => {
    const pool = new RdpPortPool({ from: 40000, to: 40003 });
    pool.sync(
      [
        { owner: 'quack_a', port: 40000 },
        { owner: 'quack_b', port: 40002 },
      ],
      Date.now(),
    );
    expect(pool.held()).toEqual(
      new Map([
        [40000, 'quack_a'],
        [40002, 'quack_b'],
      ]),
    );
    expect(pool.allocate('quack_a')).toBe(40000);
    expect([pool.allocate('c'), pool.allocate('d')].sort()).toEqual([40001, 40003]);
  });

  it('frees a confirmed port whose container a later listing no longer shows, but not a create in progress nor one confirmed after the listing', () => {
    const t = clock();
    const pool = new RdpPortPool({ from: 40000, to: 40009 }, t.now);
    pool.allocate('gone');
    pool.confirm('gone');
    pool.allocate('creating');
    t.advance(10);
    const listedAt = t.now();
    t.advance(10);
    pool.allocate('just-made');
    pool.confirm('just-made');
    pool.sync([], listedAt);
    expect([...pool.held().values()].sort()).toEqual(['creating', 'just-made']);
  });

  it('gives a listed container its port over a create that asked for it meanwhile', () => {
    const pool = new RdpPortPool({ from: 40000, to: 40009 });
    expect(pool.allocate('new')).toBe(40000);
    pool.sync([{ owner: 'old', port: 40000 }], Date.now());
    expect(pool.held().get(40000)).toBe('old');
  });

  it('never gives one port to two owners, whatever the order of allocations, releases, refusals and listings', () => {
    type Op = { kind: 'allocate' | 'release' | 'confirm' | 'refuse'; owner: number } | { kind: 'sync'; owners: number[] };
    const owner = fc.integer({ min: 0, max: 11 });
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constantFrom('allocate', 'release', 'confirm', 'refuse'), owner }),
      fc.record({ kind: fc.constant('sync'), owners: fc.uniqueArray(owner, { maxLength: 5 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const t = clock();
        const pool = new RdpPortPool({ from: 40000, to: 40007 }, t.now);
        for (const o of ops) {
          t.advance(1);
          if (o.kind === 'sync') {
            // What the engine lists: containers holding the ports their owners hold now.
            const listed = o.owners
              .map((n) => ({ owner: `o${n}`, port: pool.portOf(`o${n}`) }))
              .filter((c): c is { owner: string; port: number } => c.port !== null);
            pool.sync(listed, t.now());
          } else if (o.kind === 'allocate') {
            try {
              const port = pool.allocate(`o${o.owner}`);
              expect(port).toBeGreaterThanOrEqual(40000);
              expect(port).toBeLessThanOrEqual(40007);
              expect(pool.held().get(port)).toBe(`o${o.owner}`);
            } catch (err) {
              expect(err).toBeInstanceOf(NoFreeRdpPortError);
              expect(pool.available()).toBe(0);
            }
          } else if (o.kind === 'release') pool.release(`o${o.owner}`);
          else if (o.kind === 'confirm') pool.confirm(`o${o.owner}`);
          else {
            const port = pool.portOf(`o${o.owner}`);
            if (port !== null) pool.refuse(`o${o.owner}`, port);
          }
          const owners = [...pool.held().values()];
          expect(new Set(owners).size).toBe(owners.length);
        }
        for (const o of [...pool.held().values()]) pool.release(o);
        expect(pool.held().size).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('hands 50 concurrent creates 50 different ports and has none left once they are all released', async () => {
    const pool = new RdpPortPool({ from: 33890, to: 33989 });
    const given = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        await new Promise((r) => setTimeout(r, Math.random() * 5));
        const port = pool.allocate(`quack_${i}`);
        await new Promise((r) => setTimeout(r, Math.random() * 5));
        pool.confirm(`quack_${i}`);
        return port;
      }),
    );
    expect(new Set(given).size).toBe(50);
    await Promise.all(given.map(async (_, i) => pool.release(`quack_${i}`)));
    expect(pool.held().size).toBe(0);
  });

  it("recognises the engine's words for a host port that is already bound", () => {
    expect(isPortConflict('driver failed programming external connectivity on endpoint x: Bind for 127.0.0.1:33890 failed: port is already allocated')).toBe(
      true,
    );
    expect(isPortConflict('listen tcp4 0.0.0.0:33890: bind: address already in use')).toBe(true);
    expect(isPortConflict('no such image')).toBe(false);
  });

  it('refuses a range that is not one', () => {
    expect(() => new RdpPortPool({ from: 5, to: 4 })).toThrow(/not a port range/);
    expect(() => new RdpPortPool({ from: 1, to: 70000 })).toThrow(/not a port range/);
  });
});

describe('ephemeralOverlap', () => {
  it('finds the part of the range the kernel hands to outgoing connections, and none for the default range', () => {
    expect(ephemeralOverlap({ from: 33890, to: 33989 }, '32768\t60999\n')).toEqual({ from: 33890, to: 33989 });
    expect(ephemeralOverlap({ from: 32000, to: 33000 }, '32768\t60999')).toEqual({ from: 32768, to: 33000 });
    expect(ephemeralOverlap({ from: 23390, to: 23489 }, '32768\t60999')).toBeNull();
    expect(ephemeralOverlap({ from: 23390, to: 23489 }, 'garbage')).toBeNull();
  });
});
