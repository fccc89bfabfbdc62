import { type RefObject, useEffect, useRef, useState } from 'react';

/** Fleets up to this size render every row (the browser's find still sees them all). */
const WINDOW_FROM = 60;
/** Rows drawn above and below the screen, so a quick scroll does not show blank space. */
const OVERSCAN = 12;
/** A row's height before one has been measured (px). */
const ROW_ESTIMATE = 45;

/** The slice of rows to draw and the blank height standing in for the rows above and below it. */
export interface RowWindow {
  start: number;
  end: number;
  padTop: number;
  padBottom: number;
}

function sameWindow(a: RowWindow, b: RowWindow): boolean {
  return a.start === b.start && a.end === b.end && a.padTop === b.padTop && a.padBottom === b.padBottom;
}

/** The rows of `count` that are on screen (plus overscan), from where the table body sits in the viewport. */
export function rowWindow(count: number, bodyTop: number, viewport: number, rowHeight: number): RowWindow {
  if (count <= WINDOW_FROM) return { start: 0, end: count, padTop: 0, padBottom: 0 };
  const first = Math.floor(Math.max(0, -bodyTop) / rowHeight) - OVERSCAN;
  // An even first row keeps the table's stripes on the same workers while scrolling.
  const start = Math.min(Math.max(0, first - (first % 2)), Math.max(0, count - 1));
  const end = Math.min(count, Math.max(start + 1, Math.ceil((viewport - bodyTop) / rowHeight) + OVERSCAN));
  return { start, end, padTop: start * rowHeight, padBottom: (count - end) * rowHeight };
}

/**
 * Windowing by scroll position for a long table: only the rows on screen are mounted (a fleet of
 * 500 workers mounts a few dozen rows, their sparklines and timers), recomputed at most once per
 * animation frame while the page scrolls or resizes. Row height is measured from the rows drawn.
 */
export function useRowWindow(count: number, body: RefObject<HTMLTableSectionElement | null>): RowWindow {
  const [win, setWin] = useState<RowWindow>(() => rowWindow(count, 0, typeof window === 'undefined' ? 1080 : window.innerHeight, ROW_ESTIMATE));
  const rowHeight = useRef(ROW_ESTIMATE);

  useEffect(() => {
    let frame = 0;
    const update = () => {
      frame = 0;
      const el = body.current;
      if (!el) return;
      const rows = el.querySelectorAll<HTMLTableRowElement>('tr[data-worker]');
      if (rows.length > 0) {
        const first = rows[0]!.getBoundingClientRect();
        const last = rows[rows.length - 1]!.getBoundingClientRect();
        const measured = (last.bottom - first.top) / rows.length;
        if (measured > 0) rowHeight.current = measured;
      }
      const next = rowWindow(count, el.getBoundingClientRect().top, window.innerHeight, rowHeight.current);
      setWin((prev) => (sameWindow(prev, next) ? prev : next));
    };
    const schedule = () => {
      frame ||= requestAnimationFrame(update);
    };
    update();
    window.addEventListener('scroll', schedule, { capture: true, passive: true });
    window.addEventListener('resize', schedule, { passive: true });
    return () => {
      window.removeEventListener('scroll', schedule, { capture: true });
      window.removeEventListener('resize', schedule);
      cancelAnimationFrame(frame);
    };
  }, [count, body]);

  return win;
}
