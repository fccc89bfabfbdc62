import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { warmWanted } from './warm-wanted.js';

describe('the warm desktops an exam pool keeps', () => {
  it('is the target before anyone joins, and shrinks by one for each candidate seated', () => {
    const exam = { target: 30, expectedCandidates: 30, rosterSize: 30 };
    expect(warmWanted({ ...exam, seated: 0 })).toBe(30);
    expect(warmWanted({ ...exam, seated: 1 })).toBe(29);
    expect(warmWanted({ ...exam, seated: 30 })).toBe(0);
  });

  it('keeps the spares asked beyond the candidates, even once all are seated', () => {
    expect(warmWanted({ target: 32, expectedCandidates: 30, rosterSize: 28, seated: 0 })).toBe(32);
    expect(warmWanted({ target: 32, expectedCandidates: 30, rosterSize: 28, seated: 30 })).toBe(2);
  });

  it('refills a target smaller than the exam while candidates are still to come', () => {
    const exam = { target: 10, expectedCandidates: 30, rosterSize: 30 };
    expect(warmWanted({ ...exam, seated: 10 })).toBe(10);
    expect(warmWanted({ ...exam, seated: 25 })).toBe(5);
  });

  it('counts the roster when it grew past the expected count', () => {
    expect(warmWanted({ target: 40, expectedCandidates: 30, rosterSize: 36, seated: 30 })).toBe(10);
  });

  it('never exceeds the target, never goes below zero, and never drops as a seated candidate leaves', () => {
    const n = fc.integer({ min: 0, max: 500 });
    fc.assert(
      fc.property(n, n, n, n, (target, expectedCandidates, rosterSize, seated) => {
        const w = warmWanted({ target, expectedCandidates, rosterSize, seated });
        expect(w).toBeGreaterThanOrEqual(0);
        expect(w).toBeLessThanOrEqual(target);
        if (seated > 0) expect(warmWanted({ target, expectedCandidates, rosterSize, seated: seated - 1 })).toBeGreaterThanOrEqual(w);
        if (seated === 0) expect(w).toBe(target);
      }),
    );
  });
});
