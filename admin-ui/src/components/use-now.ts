import { useSyncExternalStore } from 'react';

/**
 * One shared one-second clock for every ticking time on screen: a table of 500 rows with
 * "N s ago" runs one timer, not 500, and all of them tick together.
 */
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The current time in ms, re-rendering the caller each second. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
