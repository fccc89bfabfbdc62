/** Columns and rows of the tile grid. */
export interface WallGrid {
  columns: number;
  rows: number;
  /** One tile's size in CSS pixels, gaps taken out. */
  tileWidth: number;
  tileHeight: number;
}

/** Tiles read best a little wider than tall (code above, slots and bars below). */
const TILE_ASPECT = 1.7;

/**
 * The grid that makes `count` tiles as large as possible inside `width` × `height` with `gap`
 * between them, keeping each tile near {@link TILE_ASPECT}. Every tile fits: rows × columns ≥ count,
 * and the rows' total height never exceeds `height`, so the wall never scrolls.
 */
export function computeWallGrid(count: number, width: number, height: number, gap: number): WallGrid {
  const n = Math.max(1, count);
  let best: WallGrid & { score: number } = { columns: 1, rows: n, tileWidth: width, tileHeight: height / n, score: -1 };
  for (let columns = 1; columns <= n; columns++) {
    const rows = Math.ceil(n / columns);
    const tileWidth = (width - gap * (columns - 1)) / columns;
    const tileHeight = (height - gap * (rows - 1)) / rows;
    if (tileWidth <= 0 || tileHeight <= 0) continue;
    // The largest tile of the wanted shape that fits the cell; ties go to fewer empty cells.
    const usableWidth = Math.min(tileWidth, tileHeight * TILE_ASPECT);
    const score = usableWidth * (usableWidth / TILE_ASPECT) - (rows * columns - n) * 1e-3;
    if (score > best.score) best = { columns, rows, tileWidth, tileHeight, score };
    // More columns only make the cells narrower once they are already narrower than the shape wants.
    if (tileWidth < tileHeight * TILE_ASPECT && rows === 1) break;
  }
  const { score: _score, ...grid } = best;
  return grid;
}
