import { useCallback, useSyncExternalStore } from 'react';

/** What a heartbeat says about a worker's load. */
export interface WallUsage {
  cpuPercent: number | null;
  memoryUsedMb: number | null;
  /** When the heartbeat arrived (ms). */
  at: number;
}

/** A heartbeat as the subscription delivers it. */
export interface WallBeat {
  workerId: string;
  cpuPercent?: number | null;
  memoryUsedMb?: number | null;
  receivedAt: string;
}

/** The live load figures of every tile, written once per animation frame. */
export interface WallUsageStore {
  /** Queues a heartbeat; the tiles see it on the next frame (later beats of a worker replace earlier ones). */
  push(beat: WallBeat): void;
  get(workerId: string): WallUsage | undefined;
  /** Calls `listener` when this worker's figures change; returns the unsubscribe function. */
  subscribe(workerId: string, listener: () => void): () => void;
  dispose(): void;
}

/** The next animation frame; a hidden tab gets no frames, so it is caught up by a timer instead. */
function nextFrame(flush: () => void): () => void {
  if (document.hidden) {
    const timer = setTimeout(flush, 500);
    return () => clearTimeout(timer);
  }
  const frame = requestAnimationFrame(flush);
  return () => cancelAnimationFrame(frame);
}

/**
 * Keeps heartbeat figures outside React: 500 workers beating every 2 s is 250 events a second, so
 * they are buffered and applied once per animation frame, and only the tiles whose worker beat
 * re-render (each tile listens to its own worker, not to the fleet).
 */
export function createWallUsageStore(schedule: (flush: () => void) => () => void = nextFrame): WallUsageStore {
  const usage = new Map<string, WallUsage>();
  const listeners = new Map<string, Set<() => void>>();
  const pending = new Map<string, WallBeat>();
  let cancelFrame: (() => void) | null = null;

  const flush = () => {
    cancelFrame = null;
    const beats = [...pending.values()];
    pending.clear();
    for (const b of beats) {
      const before = usage.get(b.workerId);
      usage.set(b.workerId, {
        cpuPercent: b.cpuPercent ?? before?.cpuPercent ?? null,
        memoryUsedMb: b.memoryUsedMb ?? before?.memoryUsedMb ?? null,
        at: Date.parse(b.receivedAt),
      });
    }
    for (const b of beats) for (const l of listeners.get(b.workerId) ?? []) l();
  };

  return {
    push(beat) {
      const earlier = pending.get(beat.workerId);
      pending.set(
        beat.workerId,
        earlier ? { ...beat, cpuPercent: beat.cpuPercent ?? earlier.cpuPercent, memoryUsedMb: beat.memoryUsedMb ?? earlier.memoryUsedMb } : beat,
      );
      cancelFrame ??= schedule(flush);
    },
    get: (workerId) => usage.get(workerId),
    subscribe(workerId, listener) {
      const set = listeners.get(workerId) ?? new Set<() => void>();
      listeners.set(workerId, set);
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(workerId);
      };
    },
    dispose() {
      cancelFrame?.();
      cancelFrame = null;
      pending.clear();
      listeners.clear();
    },
  };
}

/** One worker's latest heartbeat figures; re-renders the caller only when that worker beats. */
export function useWallUsage(store: WallUsageStore, workerId: string): WallUsage | undefined {
  const subscribe = useCallback((l: () => void) => store.subscribe(workerId, l), [store, workerId]);
  return useSyncExternalStore(subscribe, () => store.get(workerId));
}
