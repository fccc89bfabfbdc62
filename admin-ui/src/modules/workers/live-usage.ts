import { useCallback, useSyncExternalStore } from 'react';

/** A worker's latest heartbeat figures, as the stream delivered them. */
export interface LiveUsage {
  cpuPercent: number | null;
  memoryUsedMb: number | null;
  engineReachable: boolean | null;
  /** When the heartbeat arrived (ISO time, as the cache stores `lastHeartbeatAt`). */
  receivedAt: string;
}

/** A heartbeat as the `workerHeartbeats` subscription delivers it. */
export interface LiveBeat {
  workerId: string;
  cpuPercent?: number | null;
  memoryUsedMb?: number | null;
  receivedAt: string;
  driverReachable?: boolean | null;
}

/** The next animation frame; a hidden tab gets no frames, so it is caught up by a timer instead. */
function nextFrame(flush: () => void): () => void {
  if (typeof document === 'undefined' || document.hidden) {
    const timer = setTimeout(flush, 500);
    return () => clearTimeout(timer);
  }
  const frame = requestAnimationFrame(flush);
  return () => cancelAnimationFrame(frame);
}

/**
 * Heartbeat figures of every worker, kept outside the Apollo cache: 500 workers beating every 2 s
 * is 250 events a second, and writing them into the cache makes every watcher of the fleet query
 * re-read it. Here beats are buffered, applied once per animation frame, and only the rows (or the
 * detail page) showing a worker that beat re-render.
 */
export class LiveUsageStore {
  private readonly usage = new Map<string, LiveUsage>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly pending = new Map<string, LiveBeat>();
  private cancel: (() => void) | null = null;

  constructor(private readonly schedule: (flush: () => void) => () => void = nextFrame) {}

  /** Queues a heartbeat; listeners see it on the next frame (a later beat of a worker replaces an earlier one). */
  push(beat: LiveBeat): void {
    const earlier = this.pending.get(beat.workerId);
    this.pending.set(
      beat.workerId,
      earlier
        ? {
            ...beat,
            cpuPercent: beat.cpuPercent ?? earlier.cpuPercent,
            memoryUsedMb: beat.memoryUsedMb ?? earlier.memoryUsedMb,
            driverReachable: beat.driverReachable ?? earlier.driverReachable,
          }
        : beat,
    );
    this.cancel ??= this.schedule(() => this.flush());
  }

  /** The latest figures of one worker, if any heartbeat arrived since the page opened. */
  get(workerId: string): LiveUsage | undefined {
    return this.usage.get(workerId);
  }

  /** Calls `listener` when this worker's figures change; returns the unsubscribe function. */
  subscribe(workerId: string, listener: () => void): () => void {
    const set = this.listeners.get(workerId) ?? new Set<() => void>();
    this.listeners.set(workerId, set);
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(workerId);
    };
  }

  /** Drops queued beats (the stream closed); figures already shown stay. */
  cancelPending(): void {
    this.cancel?.();
    this.cancel = null;
    this.pending.clear();
  }

  private flush(): void {
    this.cancel = null;
    const beats = [...this.pending.values()];
    this.pending.clear();
    for (const b of beats) {
      const before = this.usage.get(b.workerId);
      this.usage.set(b.workerId, {
        cpuPercent: b.cpuPercent ?? before?.cpuPercent ?? null,
        memoryUsedMb: b.memoryUsedMb ?? before?.memoryUsedMb ?? null,
        engineReachable: b.driverReachable ?? before?.engineReachable ?? null,
        receivedAt: b.receivedAt,
      });
    }
    for (const b of beats) for (const l of this.listeners.get(b.workerId) ?? []) l();
  }
}

/** The app's one store of live heartbeat figures (the list and the detail page share it). */
export const liveUsage = new LiveUsageStore();

/** The heartbeat fields a worker row or the detail page shows. */
export interface HeartbeatFields {
  id: string;
  cpuPercent?: number | null;
  memoryUsedMb?: number | null;
  engineReachable?: boolean | null;
  lastHeartbeatAt?: string | null;
}

/**
 * The worker's figures with the newest heartbeat applied: the stream's when it is at least as
 * recent as the stored `lastHeartbeatAt` (a refetch can bring newer ones), the stored ones otherwise.
 * Re-renders the caller only when this worker beats.
 */
export function useLiveFigures<T extends HeartbeatFields>(worker: T, store: LiveUsageStore = liveUsage): T {
  const { id } = worker;
  const subscribe = useCallback((l: () => void) => store.subscribe(id, l), [store, id]);
  const live = useSyncExternalStore(subscribe, () => store.get(id));
  return mergeLive(worker, live);
}

/** `worker` with `live` applied when `live` is not older than what the worker already says. */
export function mergeLive<T extends HeartbeatFields>(worker: T, live: LiveUsage | undefined): T {
  if (!live) return worker;
  if (worker.lastHeartbeatAt && Date.parse(worker.lastHeartbeatAt) > Date.parse(live.receivedAt)) return worker;
  return {
    ...worker,
    cpuPercent: live.cpuPercent ?? worker.cpuPercent,
    memoryUsedMb: live.memoryUsedMb ?? worker.memoryUsedMb,
    engineReachable: live.engineReachable ?? worker.engineReachable,
    lastHeartbeatAt: live.receivedAt,
  };
}
