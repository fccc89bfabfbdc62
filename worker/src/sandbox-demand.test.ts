import { describe, expect, it } from 'vitest';
import { MAX_SPARES, SpareDemand } from './sandbox-demand.js';

describe('spare sandboxes to keep', () => {
  it('keeps the configured number while creates are few', () => {
    const d = new SpareDemand(2, 60_000);
    expect(d.target(0)).toBe(2);
    d.took(1_000);
    expect(d.target(2_000)).toBe(2);
  });

  it('grows to the creates of the last minute after a burst, and shrinks back once the burst is a minute old', () => {
    const d = new SpareDemand(2, 60_000);
    for (let i = 0; i < 6; i++) d.took(10_000 + i * 100);
    expect(d.target(11_000)).toBe(6);
    expect(d.target(69_999)).toBe(6);
    expect(d.target(70_050)).toBe(5);
    expect(d.target(70_600)).toBe(2);
  });

  it('grows to at most four times its size, and never past MAX_SPARES', () => {
    const small = new SpareDemand(2, 60_000);
    const large = new SpareDemand(10, 60_000);
    for (let i = 0; i < 50; i++) {
      small.took(i);
      large.took(i);
    }
    expect(small.target(100)).toBe(8);
    expect(large.target(100)).toBe(MAX_SPARES);
  });

  it('keeps a configured size above the bound, and none when the size is 0', () => {
    const big = new SpareDemand(MAX_SPARES + 4, 60_000);
    const none = new SpareDemand(0, 60_000);
    for (let i = 0; i < 10; i++) {
      big.took(i);
      none.took(i);
    }
    expect(big.target(100)).toBe(MAX_SPARES + 4);
    expect(none.target(100)).toBe(0);
  });
});
