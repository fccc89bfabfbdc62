/** One usage point: when, CPU %, memory used in MB. */
export interface UsagePoint {
  at: number;
  cpuPercent: number | null;
  memoryUsedMb: number | null;
}

/** Points kept per worker for the sparklines (at 2 s heartbeats, four minutes). */
const KEEP = 120;

/**
 * Recent usage per worker, outside React: heartbeats append here many times a second and only
 * the sparklines listening to that worker redraw, so 500 workers heartbeating never re-render the
 * table for their charts.
 */
export class UsageHistory {
  private readonly points = new Map<string, UsagePoint[]>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly seeded = new Set<string>();

  /** The points of one worker, oldest first. */
  get(workerId: string): readonly UsagePoint[] {
    return this.points.get(workerId) ?? [];
  }

  /** Adds a live point (a heartbeat). */
  append(workerId: string, point: UsagePoint): void {
    const list = this.points.get(workerId) ?? [];
    const last = list[list.length - 1];
    if (last && point.at <= last.at) return;
    list.push(point);
    if (list.length > KEEP) list.splice(0, list.length - KEEP);
    this.points.set(workerId, list);
    this.notify(workerId);
  }

  /** Puts older points (the stored history) before the live ones, once per worker. */
  seed(workerId: string, older: UsagePoint[]): void {
    if (this.seeded.has(workerId)) return;
    this.seeded.add(workerId);
    const live = this.points.get(workerId) ?? [];
    const first = live[0]?.at ?? Number.POSITIVE_INFINITY;
    const merged = [...older.filter((p) => p.at < first), ...live].slice(-KEEP);
    this.points.set(workerId, merged);
    this.notify(workerId);
  }

  /** Whether `seed` already ran for this worker. */
  isSeeded(workerId: string): boolean {
    return this.seeded.has(workerId);
  }

  /** Calls `listener` whenever that worker's points change; returns the unsubscribe function. */
  listen(workerId: string, listener: () => void): () => void {
    let set = this.listeners.get(workerId);
    if (!set) {
      set = new Set();
      this.listeners.set(workerId, set);
    }
    set.add(listener);
    return () => set?.delete(listener);
  }

  private notify(workerId: string): void {
    for (const l of this.listeners.get(workerId) ?? []) l();
  }
}

/** The app's one usage history (the list and the detail page share it, so navigating keeps the tail). */
export const usageHistory = new UsageHistory();
