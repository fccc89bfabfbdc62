import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeWallGrid } from './wall-grid';

describe('computeWallGrid', () => {
  it('places 100 workers on a 1080p wall in a grid wider than tall', () => {
    const g = computeWallGrid(100, 1880, 720, 8);
    expect(g.columns * g.rows).toBeGreaterThanOrEqual(100);
    expect(g.columns).toBeGreaterThan(g.rows);
    expect(g.tileWidth).toBeGreaterThan(100);
    expect(g.tileHeight).toBeGreaterThan(50);
  });

  it('gives one worker one large tile', () => {
    const g = computeWallGrid(1, 1600, 800, 8);
    expect(g).toMatchObject({ columns: 1, rows: 1, tileWidth: 1600, tileHeight: 800 });
  });

  it('always has a cell for every tile and never overflows the area', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 200, max: 4000 }), fc.integer({ min: 150, max: 2200 }), (count, width, height) => {
        const g = computeWallGrid(count, width, height, 6);
        expect(g.columns * g.rows).toBeGreaterThanOrEqual(Math.max(1, count));
        expect(g.columns * g.tileWidth + (g.columns - 1) * 6).toBeLessThanOrEqual(width + 1e-6);
        expect(g.rows * g.tileHeight + (g.rows - 1) * 6).toBeLessThanOrEqual(height + 1e-6);
      }),
    );
  });
});
