import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { computeWallGrid } from './wall-grid';

/** Space between tiles, in CSS pixels at 1080p; it grows with the screen. */
function gapFor(width: number): number {
  return Math.max(4, Math.round(width / 320));
}

/**
 * The tile area: it takes whatever height the wall leaves, measures itself, and lays `count` tiles
 * out in the grid that makes them largest (CSS grid with `minmax(0, 1fr)` cells), so 100 workers
 * or 500 fit a 1080p or 4K screen without scrolling.
 */
export function WallTileGrid(props: { count: number; children: ReactNode }) {
  const { t } = useTranslation('wall');
  const ref = useRef<HTMLUListElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const r = el.getBoundingClientRect();
      setSize((s) => (s && s.width === r.width && s.height === r.height ? s : { width: r.width, height: r.height }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const gap = gapFor(size?.width ?? 1920);
  const grid = size ? computeWallGrid(props.count, size.width, size.height, gap) : null;
  return (
    <ul
      ref={ref}
      className="wall-grid"
      aria-label={t('grid.label')}
      data-columns={grid?.columns}
      style={{
        gap,
        gridTemplateColumns: `repeat(${grid?.columns ?? 1}, minmax(0, 1fr))`,
        gridTemplateRows: `repeat(${grid?.rows ?? 1}, minmax(0, 1fr))`,
        visibility: grid ? 'visible' : 'hidden',
      }}
    >
      {props.children}
    </ul>
  );
}
