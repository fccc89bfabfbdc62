import { describe, expect, it } from 'vitest';
import { computeMaxSessions } from './worker-capacity.js';

const seed = { reservedCpus: 1, reservedMemoryMb: 1024, vmCpus: 1.5, vmMemoryMb: 2048 };

describe('worker capacity (the capacity formula)', () => {
  it('gives 4 sessions for 8 vCPU / 12288 MB with the defaults (CPU-bound: 4 by CPU, 5 by memory)', () => {
    expect(computeMaxSessions({ cpus: 8, memoryMb: 12288, ...seed })).toBe(4);
  });
  it('is memory-bound when memory is short', () => {
    expect(computeMaxSessions({ cpus: 32, memoryMb: 8192, ...seed })).toBe(3);
  });
  it('never goes below zero when reserves exceed the machine', () => {
    expect(computeMaxSessions({ cpus: 1, memoryMb: 512, ...seed })).toBe(0);
  });
  it('does not lose a slot to floating point (7 / 1.75 = 4)', () => {
    expect(computeMaxSessions({ cpus: 8, memoryMb: 65536, ...seed, vmCpus: 1.75 })).toBe(4);
  });
  it('lets an admin override lower the limit but never raise it', () => {
    const c = { cpus: 8, memoryMb: 12288, ...seed };
    expect(computeMaxSessions(c, 2)).toBe(2);
    expect(computeMaxSessions(c, 10)).toBe(4);
    expect(computeMaxSessions(c, 0)).toBe(0);
  });
});
